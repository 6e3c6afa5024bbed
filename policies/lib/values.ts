/**
 * Reading resource properties the way the engine hands them over.
 *
 * During `pulumi preview` the policy SDK wraps props in a proxy that THROWS when a policy touches
 * a value that is not known yet, and the engine then downgrades the whole policy to an advisory
 * "can't run during preview" notice. Policies here unwrap the proxy once and treat the sentinel
 * strings as "unknown", so one unknown field skips one check instead of silencing the policy.
 */

/** The SDK's sentinels for unknown values (see @pulumi/policy proxy.js); the string one is also the engine's generic unknown. */
const unknownSentinels: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/**
 * The engine's generic unknown (the string sentinel), for a value the stack sets but only the
 * cluster will know, such as an environment variable read from a Secret: readers treat it as unknown.
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The property bag of a resource, with nested values left as untyped JSON. */
export type Props = Record<string, unknown>;

/** True for a value the engine could not compute yet. */
export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && unknownSentinels.has(value);
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: unknown, depth = 0): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (depth > 32 || value === null || typeof value !== "object") {
        return false;
    }
    return Object.values(value as object).some((v) => containsUnknown(v, depth + 1));
}

/** The raw object behind the SDK's unknown-checking proxy (a no-op for plain objects). */
export function unwrapProps(props: unknown): Props {
    if (props === null || typeof props !== "object") {
        return {};
    }
    // The proxy answers this key with its target instead of checking it (proxy.js getSpecialProxyTarget).
    const target = (props as Record<string, unknown>)["__getSpecialProxyTarget"];
    return (target !== undefined && target !== null && typeof target === "object" ? target : props) as Props;
}

/** Follows a path through objects and arrays. Stops at an unknown and returns it, so callers can tell it from "absent". */
export function at(value: unknown, ...path: (string | number)[]): unknown {
    let current = value;
    for (const key of path) {
        if (isUnknown(current) || current === null || current === undefined || typeof current !== "object") {
            return isUnknown(current) ? current : undefined;
        }
        current = (current as Record<string | number, unknown>)[key];
    }
    return current;
}

/** A known string, else undefined. */
export function str(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** A known number (numeric strings count: Kubernetes and Helm values are often quoted), else undefined. */
export function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    const s = str(value);
    return s !== undefined && s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : undefined;
}

/** A known boolean (including the strings "true"/"false" IAM and Helm use), else undefined. */
export function bool(value: unknown): boolean | undefined {
    if (typeof value === "boolean") {
        return value;
    }
    const s = str(value)?.toLowerCase();
    return s === "true" ? true : s === "false" ? false : undefined;
}

/** A known array, else undefined. Elements may still be unknown. */
export function list(value: unknown): unknown[] | undefined {
    return Array.isArray(value) ? value : undefined;
}

/** A known plain object, else undefined. Values may still be unknown. */
export function record(value: unknown): Record<string, unknown> | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string map with only known string values; undefined when the map or any value is unknown. */
export function stringMap(value: unknown): Record<string, string> | undefined {
    const r = record(value);
    if (r === undefined) {
        return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
        if (v === null || v === undefined) {
            continue;
        }
        const s = typeof v === "number" || typeof v === "boolean" ? String(v) : str(v);
        if (s === undefined) {
            return undefined;
        }
        out[k] = s;
    }
    return out;
}

/** JSON documents arrive as strings or as objects (IAM policies, aws-auth data); unknown or invalid gives undefined. */
export function parseJsonLike(value: unknown): unknown {
    if (isUnknown(value) || value === null || value === undefined) {
        return undefined;
    }
    if (typeof value === "string") {
        try {
            return JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    return value;
}
