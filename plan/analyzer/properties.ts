/**
 * Property values as the engine hands them to an analyzer.
 *
 * The engine loads a resource's state from the checkpoint (pkg/resource/stack/deployment.go
 * DeserializePropertyValue) and sends it to the pack with
 * `MarshalProperties(props, {KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true})`
 * (sdk/go/common/resource/plugin/analyzer_plugin.go, Analyze and AnalyzeStack; Remediate keeps the
 * internal keys), all at pulumi v3.248.0. This module does both steps at once, from the export form
 * straight to the JSON that becomes the request's protobuf Struct:
 *
 * - secrets `{sig, plaintext: "<json>"}` → `{sig, value}` (KeepSecrets; the SDK unwraps them);
 * - the unknown sentinel stays the sentinel (an exported computed value is a string computed, which
 *   marshalUnknownProperty in plugin/rpc.go sends as UnknownStringValue, the same string);
 * - resource references → the referenced custom resource's id, or a component's URN
 *   (KeepResources is false, MarshalPropertyValue in plugin/rpc.go); an exported empty id is unknown
 *   (MakeCustomResourceReference in resource/properties.go);
 * - top-level keys starting with `__` (e.g. the AWS provider's `__defaults`) dropped
 *   (SkipInternalKeys, IsInternalPropertyKey in resource/properties.go; nested ones are kept);
 * - assets and archives pass through in their signed form, which the SDK turns into asset objects.
 */
import * as pulumi from "@pulumi/pulumi";

/** The engine's placeholder for a value a preview does not know (plugin.UnknownStringValue). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const sigKey = pulumi.runtime.specialSigKey;
const secretSig = pulumi.runtime.specialSecretSig;
const resourceSig = pulumi.runtime.specialResourceSig;

export interface MarshalOptions {
    /** Drop top-level `__` keys, as Analyze and AnalyzeStack do. @default true */
    skipInternalKeys?: boolean;
}

/**
 * An export-form property map → the engine's marshalled form. A secret an export only holds as
 * ciphertext (exported without `--show-secrets`) cannot be decrypted here, unlike in the engine;
 * it becomes unknown, so a policy reading it is skipped rather than fed a made-up value.
 */
export function analyzerProperties(props: Record<string, unknown> | undefined, options: MarshalOptions = {}): Record<string, unknown> {
    const skipInternal = options.skipInternalKeys ?? true;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props ?? {})) {
        if (!(skipInternal && key.startsWith("__")) && value !== undefined) {
            out[key] = analyzerValue(value);
        }
    }
    return out;
}

function analyzerValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => (v === undefined ? null : analyzerValue(v)));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[sigKey] === secretSig) {
        const inner = typeof record.plaintext === "string" ? analyzerValue(JSON.parse(record.plaintext)) : unknownValue;
        return { [sigKey]: secretSig, value: inner };
    }
    if (record[sigKey] === resourceSig) {
        if (!("id" in record)) {
            return record.urn;
        }
        return record.id === "" ? unknownValue : record.id;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) {
        if (v !== undefined) {
            out[key] = analyzerValue(v);
        }
    }
    return out;
}
