import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

/** The engine's placeholder for a value a preview does not know (sdk/nodejs/runtime/rpc.ts `unknownValue`). */
export const unknownValue: string = pulumi.runtime.unknownValue;

const sigKey = pulumi.runtime.specialSigKey;
const secretSig = pulumi.runtime.specialSecretSig;

/** Deterministic hex, so identical programs give identical plans. */
export function hex(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

export function isUnknown(value: unknown): boolean {
    return value === unknownValue || pulumi.isUnknown(value);
}

/** A JSON object, as opposed to an array or a reference to a resource (plan/remote/children.ts `ChildReference`). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Whether `value` is or contains a value the preview does not know; a resource reference is known. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    return isPlainObject(value) && Object.values(value).some(containsUnknown);
}

export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[sigKey] === secretSig;
}

/** The value inside a secret wrapper, or the value itself. */
export function reveal(value: unknown): unknown {
    return isSecret(value) ? value.value : value;
}

function secret(value: unknown): unknown {
    return { [sigKey]: secretSig, value };
}

/**
 * Construct inputs as plain JSON: the SDK's unknown marker becomes the engine's sentinel string,
 * so inputs captured from the mock monitor and inputs written by hand compare alike.
 */
export function plainInputs(value: unknown): unknown {
    if (isUnknown(value)) {
        return unknownValue;
    }
    if (Array.isArray(value)) {
        return value.map(plainInputs);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainInputs(v)]));
    }
    return value;
}

/**
 * `fn` of the given values, as `Output.apply` gives it inside the provider: unknown when any value
 * holds an unknown (a preview skips the callback), secret when any is secret.
 */
export function derive<T extends unknown[]>(values: [...T], fn: (...plain: T) => unknown): unknown {
    const plain = values.map(reveal) as T;
    if (plain.some(containsUnknown)) {
        return unknownValue;
    }
    const result = fn(...plain);
    return values.some(isSecret) ? secret(result) : result;
}

/** `value` after an apply: unknown during a first preview, when the resource does not exist yet. */
export function computed<T>(firstPreview: boolean, value: T): T | string {
    return firstPreview ? unknownValue : value;
}

/** A value without its `undefined` members, as the SDK serializes inputs (sdk/nodejs/runtime/rpc.ts `serializeProperty`). */
export function compact<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map(compact) as T;
    }
    if (isPlainObject(value) && !isSecret(value)) {
        return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, compact(v)]]))) as T;
    }
    return value;
}

/** A resource id: `prefix-` and 17 hex digits, the shape of EC2 ids. */
export function ec2Id(prefix: string, seed: string): string {
    return `${prefix}-${hex(seed, 17)}`;
}

/** A UUID-shaped id, as the engine gives providers and AWS gives add-on and access-entry ARNs. */
export function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * A name the AWS provider generates when none is given: the resource name, `-` and seven random
 * hex digits (pulumi-terraform-bridge autonaming; hashed here so plans are deterministic).
 */
export function autoName(resourceName: string): string {
    return `${resourceName}-${hex(`autoname-${resourceName}`, 7)}`;
}

/** The time every mocked resource was created: fixed, so plans are deterministic. */
export const createdAt = "2026-01-01T00:00:00Z";
