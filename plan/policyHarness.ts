/**
 * Runs the karpenter-guardrails policies in-process, shaped like the Pulumi engine runs them:
 * every resource policy once per resource with its inputs (Analyze), every stack policy once with
 * every resource's outputs (AnalyzeStack), providers with their inputs, props behind the SDK's
 * unknown-checking proxy, per-policy enforcement levels and config resolved like
 * `--policy-pack-config`. It imports the same policy objects the pack registers (policies/rules),
 * never policies/index.ts, which would start a gRPC server. plan/analyzerHost.ts runs the real
 * pack over gRPC instead; test/policies/grpc/parity.test.ts holds the two to the same findings.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { version as policyPackVersion } from "../policies/package.json";
import { compareText } from "../policies/lib/text";
import { allPolicies, policyPackName } from "../policies/rules";
import { providerUrnOf, urnName, urnType } from "./analyzer/resources";

/** A resource as the engine knows it after registration. */
export interface EngineResource {
    urn: string;
    /** Type token, e.g. `kubernetes:karpenter.sh/v1:NodePool`. */
    type: string;
    name: string;
    /** False for component resources. Custom resources without `provider` get the engine's default provider. */
    custom: boolean;
    /**
     * What resource policies see (Analyze), and a provider's props wherever it is passed along.
     * Values as the engine marshals them: unknowns are its sentinel, secrets `{[sig]: secretSig, value}`.
     */
    inputs: Record<string, unknown>;
    /** What stack policies see (AnalyzeStack), in the same form as `inputs`. */
    outputs: Record<string, unknown>;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Provider reference `urn::id`, as in the engine's RegisterResource request. */
    provider?: string;
    /** URNs of the resource's `aliases` option. */
    aliases?: string[];
}

/** `--policy-pack-config` JSON: `all` and per-policy levels or objects with config properties. */
export type PolicyPackConfigJson = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface PolicyFinding {
    policyPack: string;
    policy: string;
    /** "remediate" is reported as "mandatory", as the engine does. */
    enforcementLevel: "advisory" | "mandatory";
    urn?: string;
    message: string;
}

export interface NotApplicableRecord {
    policy: string;
    urn: string;
    reason?: string;
}

export interface PolicyRunResult {
    findings: PolicyFinding[];
    notApplicable: NotApplicableRecord[];
}

export { unknownValue } from "./analyzer/properties";

export { policyPackName };

/** Thrown by `notApplicable()`; caught here like the SDK's server catches its NotApplicableError. */
class NotApplicableSignal extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function notApplicable(reason?: string): never {
    throw new NotApplicableSignal(reason);
}

/** Pulumi's secret signature: the engine unwraps secrets before policies see them. */
const secretSigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/**
 * What the SDK's deserializeProperties(props, false) gives a policy from the engine's Struct: no
 * undefined, no functions, no shared references, secrets unwrapped (pulumi-policy v1.21.0 deserialize.ts).
 */
function engineValue(value: unknown): unknown {
    const secret = value as { [secretSigKey]?: unknown; value?: unknown } | null;
    if (secret !== null && typeof secret === "object" && secret[secretSigKey] === secretSig) {
        return engineValue(secret.value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => (v === undefined ? null : engineValue(v)));
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined && typeof v !== "function") {
                out[k] = engineValue(v);
            }
        }
        return out;
    }
    return value;
}

function engineProps(props: Record<string, unknown>): Record<string, any> {
    return unknownCheckingProxy(engineValue(props) as Record<string, unknown>);
}

/**
 * {@link engineProps} made on the first read: the SDK's server deserializes a resource's props
 * afresh for every validation (server.ts makeAnalyzeRpcFun, and for every stack policy in
 * makeAnalyzeStackRpcFun), and most validations look at the type and stop, so each copy is made
 * only for the validations that read it.
 */
function lazyEngineProps(props: Record<string, unknown>): () => Record<string, any> {
    let made: Record<string, any> | undefined;
    return () => (made ??= engineProps(props));
}

/**
 * `target` with a `props` property that takes its value from `props` on the first read, and is
 * from then on (or after a write) a plain data property, as the SDK's argument objects have.
 */
function withProps<T extends object>(target: T, props: () => Record<string, any>): T & { props: Record<string, any> } {
    const hold = (value: unknown) => Object.defineProperty(target, "props", { value, writable: true, enumerable: true, configurable: true });
    return Object.defineProperty(target, "props", {
        get: () => (hold(props()), (target as { props: unknown }).props),
        set: hold,
        enumerable: true,
        configurable: true,
    }) as T & { props: Record<string, any> };
}

function normalizeEntry(entry: PolicyPackConfigJson[string] | undefined): { enforcementLevel?: EnforcementLevel; props: Record<string, unknown> } {
    if (entry === undefined) {
        return { props: {} };
    }
    if (typeof entry === "string") {
        return { enforcementLevel: entry, props: {} };
    }
    const { enforcementLevel, ...props } = entry;
    return { enforcementLevel, props };
}

function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (property.default !== undefined) {
            defaults[key] = property.default;
        }
    }
    return defaults;
}

/**
 * Rejects unknown policies and properties outside a policy's schema. Stricter than the CLI, which
 * accepts both silently (pkg/resource/analyzer/config.go ReconcilePolicyPackConfig validates only
 * the listed properties' schemas), so a typo in a config file fails here instead of doing nothing.
 */
function validateConfig(policies: Policies, config: PolicyPackConfigJson): void {
    for (const [name, entry] of Object.entries(config)) {
        if (name === "all") {
            continue;
        }
        const policy = policies.find((p) => p.name === name);
        if (policy === undefined) {
            throw new Error(`policy pack config names unknown policy "${name}"`);
        }
        for (const key of Object.keys(normalizeEntry(entry).props)) {
            if (policy.configSchema?.properties?.[key] === undefined) {
                throw new Error(`policy pack config for "${name}" has property "${key}" outside the policy's configSchema`);
            }
        }
    }
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return "validateResource" in p && p.validateResource !== undefined;
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/** The provider the engine passes along, with its inputs (step_generator.go analyzeAll and AnalyzeResources). */
function providerOf(resource: EngineResource, byUrn: Map<string, EngineResource>): PolicyProviderResource | undefined {
    const urn = providerUrnOf(resource);
    if (urn === undefined) {
        return undefined;
    }
    return withProps({ type: urnType(urn), urn, name: urnName(urn) }, lazyEngineProps(byUrn.get(urn)?.inputs ?? {}));
}

function optionsOf(resource: EngineResource): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: false,
        ignoreChanges: [],
        aliases: resource.aliases ?? [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (resource.parent !== undefined) {
        opts.parent = resource.parent;
    }
    return opts;
}

/** Minimal isType/asType: a class matches when its `__pulumiType` equals the type token. */
function typeChecks(type: string, props: () => Record<string, any>) {
    const matches = (resourceClass: unknown) => (resourceClass as { __pulumiType?: string } | undefined)?.__pulumiType === type;
    return {
        isType: (resourceClass: unknown) => matches(resourceClass),
        asType: (resourceClass: unknown) => (matches(resourceClass) ? props() : undefined),
    };
}

function stackResources(resources: EngineResource[], byUrn: Map<string, EngineResource>): PolicyResource[] {
    const built = new Map<string, PolicyResource>();
    for (const r of resources) {
        const props = lazyEngineProps(r.outputs);
        const resource = withProps({
            type: r.type,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            ...typeChecks(r.type, props),
        }, props) as unknown as PolicyResource;
        const provider = providerOf(r, byUrn);
        if (provider !== undefined) {
            resource.provider = provider;
        }
        built.set(r.urn, resource);
    }
    const link = (urns: string[] | undefined) => (urns ?? []).map((u) => built.get(u)).filter((x): x is PolicyResource => x !== undefined);
    for (const r of resources) {
        const resource = built.get(r.urn) as PolicyResource;
        const parent = r.parent !== undefined ? built.get(r.parent) : undefined;
        if (parent !== undefined) {
            resource.parent = parent;
        }
        resource.dependencies = link(r.dependencies);
        // Properties without dependencies are not sent (analyzer_plugin.go AnalyzeStack).
        const withDependencies = Object.entries(r.propertyDependencies ?? {}).filter(([, urns]) => urns.length > 0);
        resource.propertyDependencies = Object.fromEntries(withDependencies.map(([k, v]) => [k, link(v)]));
    }
    return [...built.values()];
}

export interface RunOptions {
    /** Policies to run instead of the pack's (for tests of the harness itself). */
    policies?: Policies;
}

/** Runs every enabled policy and returns findings and not-applicable records, both in deterministic order. */
export async function evaluatePolicies(resources: EngineResource[], config: PolicyPackConfigJson = {}, options: RunOptions = {}): Promise<PolicyRunResult> {
    const policies = options.policies ?? allPolicies;
    validateConfig(policies, config);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const findings: PolicyFinding[] = [];
    const notApplicableRecords: NotApplicableRecord[] = [];
    const all = normalizeEntry(config.all);

    for (const policy of policies) {
        const own = normalizeEntry(config[policy.name]);
        const level = own.enforcementLevel ?? all.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
        if (level === "disabled") {
            continue;
        }
        const reported: "advisory" | "mandatory" = level === "advisory" ? "advisory" : "mandatory";
        const policyConfig = { ...schemaDefaults(policy.configSchema), ...own.props };
        const getConfig = <T extends object>() => ({ ...policyConfig }) as T;
        const run = async (urn: string | undefined, call: (report: ReportViolation) => unknown) => {
            // The engine files a resource policy's violation under the resource, and a stack policy's
            // under the URN it names if that is a resource of the stack, else under the stack
            // (step_generator.go analyzeAll and AnalyzeResources).
            const report: ReportViolation = (message, violationUrn) => {
                const stackUrn = violationUrn !== undefined && byUrn.has(violationUrn) ? violationUrn : undefined;
                findings.push({ policyPack: policyPackName, policy: policy.name, enforcementLevel: reported, urn: urn ?? stackUrn, message });
            };
            try {
                await call(report);
            } catch (e) {
                if (e instanceof NotApplicableSignal) {
                    notApplicableRecords.push({ policy: policy.name, urn: urn ?? "", reason: e.reason });
                } else if (e instanceof UnknownValueError) {
                    // The SDK downgrades a policy that touched an unknown value to an advisory notice (server.ts makeAnalyzeRpcFun).
                    const from = `policy '${policy.name}' from policy pack '${policyPackName}@v${policyPackVersion}'`;
                    findings.push({ policyPack: policyPackName, policy: policy.name, enforcementLevel: "advisory", urn, message: `can't run ${from} during preview: ${(e as Error).message}` });
                } else {
                    throw new Error(`Error validating ${urn ?? "stack"} with policy '${policy.name}': ${(e as Error).message}`);
                }
            }
        };

        if (isResourcePolicy(policy)) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const r of resources) {
                for (const validate of validations) {
                    if (validate === undefined) {
                        continue;
                    }
                    const props = lazyEngineProps(r.inputs);
                    const args: ResourceValidationArgs = withProps(
                        {
                            type: r.type,
                            urn: r.urn,
                            name: r.name,
                            opts: optionsOf(r),
                            stackTags: new Map(),
                            ...(typeChecks(r.type, props) as Pick<ResourceValidationArgs, "isType" | "asType">),
                            getConfig,
                            notApplicable,
                        },
                        props,
                    );
                    const provider = providerOf(r, byUrn);
                    if (provider !== undefined) {
                        args.provider = provider;
                    }
                    await run(r.urn, (report) => validate(args, report));
                }
            }
        } else if (isStackPolicy(policy)) {
            const args: StackValidationArgs = { resources: stackResources(resources, byUrn), stackTags: new Map(), getConfig, notApplicable };
            await run(undefined, (report) => policy.validateStack(args, report));
        }
    }
    findings.sort(compareFindings);
    notApplicableRecords.sort((a, b) => byText(a.policy, b.policy) || byText(a.urn, b.urn));
    return { findings, notApplicable: notApplicableRecords };
}

const byText = (a: string | undefined, b: string | undefined) => compareText(a ?? "", b ?? "");

/** The order findings are reported in: by policy, then urn (the stack's own first), then message. */
export function compareFindings(a: PolicyFinding, b: PolicyFinding): number {
    return byText(a.policy, b.policy) || byText(a.urn, b.urn) || byText(a.message, b.message);
}

/** Findings of the karpenter-guardrails pack on these resources, sorted by policy, urn and message. */
export async function runPolicies(resources: EngineResource[], config: PolicyPackConfigJson = {}): Promise<PolicyFinding[]> {
    return (await evaluatePolicies(resources, config)).findings;
}
