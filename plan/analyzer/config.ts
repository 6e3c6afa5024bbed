/**
 * The policy config the engine sends a pack's Configure call, from `--policy-pack-config` JSON and
 * what the pack reported in GetAnalyzerInfo: pkg/resource/analyzer/config.go at pulumi v3.248.0
 * (parsePolicyPackConfig, ReconcilePolicyPackConfig, applyConfig, validatePolicyPackConfig) and
 * pkg/engine/update.go (validation errors fail the run before any resource is analyzed).
 */
import Ajv from "ajv";
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicyPackConfigJson } from "../policyHarness";

/** A policy as GetAnalyzerInfo reports it (plugin.AnalyzerPolicyInfo). */
export interface AnalyzerPolicyInfo {
    name: string;
    /** The policy's level, or the pack's when the policy sets none. */
    enforcementLevel: EnforcementLevel;
    /** Its config schema; the engine gives every policy one once the pack supports config. */
    configSchema: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

/** One entry of the ConfigureAnalyzerRequest (plugin.AnalyzerPolicyConfig); an empty level is not valid. */
export interface AnalyzerPolicyConfig {
    enforcementLevel: EnforcementLevel | "";
    properties: Record<string, unknown>;
}

const levels: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

function level(value: unknown, policy: string): EnforcementLevel {
    if (typeof value !== "string" || !levels.includes(value)) {
        throw new Error(`parsing enforcement level for "${policy}": ${JSON.stringify(value)} is not a valid enforcement level`);
    }
    return value as EnforcementLevel;
}

/** parsePolicyPackConfig: a level string, or an object whose `enforcementLevel` is split off; empty entries dropped. */
function parseConfig(config: PolicyPackConfigJson): Map<string, AnalyzerPolicyConfig> {
    const parsed = new Map<string, AnalyzerPolicyConfig>();
    for (const [name, entry] of Object.entries(config)) {
        if (typeof entry === "string") {
            parsed.set(name, { enforcementLevel: level(entry, name), properties: {} });
            continue;
        }
        const { enforcementLevel, ...properties } = entry;
        const given = enforcementLevel === undefined ? "" : level(enforcementLevel, name);
        if (given !== "" || Object.keys(properties).length > 0) {
            parsed.set(name, { enforcementLevel: given, properties });
        }
    }
    return parsed;
}

/** applyConfig: `all` sets every level first, then each entry, unknown names included, overrides its own. */
function applyConfig(result: Map<string, AnalyzerPolicyConfig>, config: Map<string, AnalyzerPolicyConfig>): void {
    const all = config.get("all")?.enforcementLevel;
    if (all) {
        for (const [name, entry] of result) {
            result.set(name, { ...entry, enforcementLevel: all });
        }
    }
    for (const [name, given] of config) {
        const current = result.get(name) ?? { enforcementLevel: "", properties: {} };
        result.set(name, { enforcementLevel: given.enforcementLevel || current.enforcementLevel, properties: { ...current.properties, ...given.properties } });
    }
}

/**
 * ReconcilePolicyPackConfig: every policy at its reported level with its schema defaults, then the
 * pack's initial config, then the given config; each policy's properties must satisfy its schema.
 * Like the CLI, a name that is no policy is passed on, not rejected.
 */
export function reconcilePolicyConfig(
    policies: readonly AnalyzerPolicyInfo[],
    initialConfig: PolicyPackConfigJson,
    config: PolicyPackConfigJson,
): Map<string, AnalyzerPolicyConfig> {
    const result = new Map<string, AnalyzerPolicyConfig>();
    for (const policy of policies) {
        const defaults = Object.entries(policy.configSchema.properties).filter(([, schema]) => schema.default !== undefined);
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties: Object.fromEntries(defaults.map(([key, schema]) => [key, schema.default])) });
    }
    applyConfig(result, parseConfig(initialConfig));
    applyConfig(result, parseConfig(config));

    const ajv = new Ajv({ strict: false, allErrors: true });
    const errors: string[] = [];
    for (const policy of policies) {
        const schema = { type: "object", properties: policy.configSchema.properties, ...(policy.configSchema.required.length > 0 ? { required: policy.configSchema.required } : {}) };
        const validate = ajv.compile(schema);
        if (!validate(result.get(policy.name)?.properties ?? {})) {
            errors.push(...(validate.errors ?? []).map((e) => `${policy.name}: ${e.instancePath || "(root)"} ${e.message}`));
        }
    }
    if (errors.length > 0) {
        throw new Error(`validating policy config:\n  ${errors.sort().join("\n  ")}`);
    }
    return result;
}
