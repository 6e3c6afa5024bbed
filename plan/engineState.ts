/**
 * What the engine's state holds after a program ran, built from what the program registered
 * under mocks: the children that remote components' providers register, and the default
 * providers the engine creates for the resources that name none. Citations are to
 * pulumi/pulumi v3.248.0.
 */
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, engineUrn } from "./capture";
import { MockEnvironment } from "./mocks";
import { expandRemoteComponent } from "./remote";
import { ChildReference, RemoteChild, childKey, childUrns, dependencyUrns } from "./remote/children";
import { unknownValue, uuid } from "./remote/values";
import { partitionOfRegion } from "../components/iam/partition";

export interface EngineStateOptions {
    stack: string;
    project: string;
    /** Flat stack config (`"aws:region"` → text): a default provider's inputs are its package's keys. */
    config: Record<string, string>;
    /** Keys of `config` that are secure values, which a default provider's inputs hold as secrets. @default none */
    secretKeys?: string[];
    env: MockEnvironment;
    firstPreview: boolean;
}

const providerPrefix = "pulumi:providers:";
const sigKey = pulumi.runtime.specialSigKey;
const secretSig = pulumi.runtime.specialSecretSig;
const resourceSig = pulumi.runtime.specialResourceSig;

/** `7.48.0` → `default_7_48_0`: the engine's name for a package's default provider at a version (pkg/resource/deploy/providers/provider.go `ProviderRequest.DefaultName`). */
export function defaultProviderName(version: string | undefined): string {
    return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

/**
 * A provider's id: a UUID the engine assigns when it creates the provider, a hash here so the plan
 * is deterministic; unknown when a preview creates it (pkg/resource/deploy/providers/registry.go `Create`).
 */
function providerId(urn: string, firstPreview: boolean): string {
    if (firstPreview) {
        return unknownValue;
    }
    return uuid(urn);
}

/**
 * A provider's inputs and outputs once the engine has its version: `SetProviderVersion` adds the
 * version and an empty `__internal` map to the inputs (pkg/resource/deploy/providers/registry.go),
 * and the provider's state is its inputs without `__internal` (registry.go `Create`, `FilterProviderConfig`).
 */
function providerState(inputs: Record<string, unknown>, version: string | undefined): { inputs: Record<string, unknown>; outputs: Record<string, unknown> } {
    const withVersion = version ? { ...inputs, __internal: {}, version } : inputs;
    return { inputs: withVersion, outputs: Object.fromEntries(Object.entries(withVersion).filter(([key]) => key !== "__internal")) };
}

/**
 * The engine configures a default provider from the stack config of its package, secure values
 * as secrets (pkg/resource/deploy/target.go `GetPackageConfig`), plus the version the SDK asked
 * for (pkg/resource/deploy/default_providers.go `newRegisterDefaultProviderEvent`).
 */
function defaultProviderInputs(pkg: string, config: Record<string, string>, secretKeys: string[]): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(`${pkg}:`)) {
            inputs[key.slice(pkg.length + 1)] = secretKeys.includes(key) ? { [sigKey]: secretSig, value } : value;
        }
    }
    return inputs;
}

/** `value` with each {@link ChildReference} as the SDK sends a resource: `{sig, urn, id}`, a component without `id`. */
function withReferences(value: unknown, urns: Map<string, string>): unknown {
    if (value instanceof ChildReference) {
        const { child } = value;
        return { [sigKey]: resourceSig, urn: urns.get(childKey(child)), ...(child.custom ? { id: child.id ?? unknownValue } : {}) };
    }
    if (Array.isArray(value)) {
        return value.map((v) => withReferences(v, urns));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withReferences(v, urns)]));
    }
    return value;
}

/**
 * Turns the registrations into the engine's state, in registration order: each remote
 * component followed by the children its provider registers, each default provider before the
 * first resource that uses it, and every custom resource's `provider` reference filled in.
 */
export function toEngineState(captured: CapturedResource[], options: EngineStateOptions): CapturedResource[] {
    const { stack, project, firstPreview } = options;
    const env = { ...options.env, partition: partitionOfRegion(options.env.region).partition };
    const state: CapturedResource[] = [];
    const providers = new Map<string, CapturedResource>();

    const defaultProvider = (pkg: string, version: string | undefined): string => {
        const name = defaultProviderName(version);
        const urn = engineUrn(stack, project, undefined, `${providerPrefix}${pkg}`, name);
        let provider = providers.get(urn);
        if (provider === undefined) {
            provider = {
                urn,
                type: `${providerPrefix}${pkg}`,
                name,
                custom: true,
                remote: false,
                id: providerId(urn, firstPreview),
                dependencies: [],
                propertyDependencies: {},
                ...providerState(defaultProviderInputs(pkg, options.config, options.secretKeys ?? []), version),
                aliases: [],
                version,
            };
            providers.set(urn, provider);
            state.push(provider);
        }
        return `${urn}::${provider.id}`;
    };

    const add = (resource: CapturedResource) => {
        if (resource.type.startsWith(providerPrefix)) {
            resource = { ...resource, ...providerState(resource.inputs, resource.version) };
        } else if (resource.custom && resource.provider === undefined) {
            resource = { ...resource, provider: defaultProvider(resource.type.split(":")[0], resource.version) };
        } else if (resource.remote && resource.provider === undefined) {
            // The engine resolves a provider for a remote component too, to call Construct on
            // (pkg/resource/deploy/source_eval.go `RegisterResource`: `custom && !IsProviderType(t) || remote`).
            // The component's state comes from its own registration in that provider's process,
            // which names no provider, as no component's does (sdk/nodejs/runtime/resource.ts `prepareResource`).
            defaultProvider(resource.type.split(":")[0], resource.version);
        }
        state.push(resource);
    };

    for (const resource of captured) {
        if (!resource.remote) {
            add(resource);
            continue;
        }
        const expansion = expandRemoteComponent(resource.type, resource.name, resource.inputs, env, firstPreview);
        if (expansion === undefined) {
            add(resource);
            continue;
        }
        const urns = childUrns(resource.urn, expansion.children, (parent, type, name) => engineUrn(stack, project, parent, type, name));
        // Providers built on a Node SDK before 3.202 register their components without inputs;
        // the state holds what the component passed registerOutputs.
        add({ ...resource, engineInputs: {}, outputs: withReferences(expansion.stateOutputs, urns) as Record<string, unknown> });
        for (const child of expansion.children) {
            state.push(childState(child, resource, urns, (ref) => providerReference(ref, urns, state, defaultProvider)));
        }
    }
    return state;
}

/** The `urn::id` of the provider a child names: one of its siblings, or a default provider at the version in its name. */
function providerReference(ref: NonNullable<RemoteChild["provider"]>, urns: Map<string, string>, state: CapturedResource[], defaultProvider: (pkg: string, version: string | undefined) => string): string {
    const explicit = urns.get(childKey(ref));
    if (explicit !== undefined) {
        return `${explicit}::${state.find((r) => r.urn === explicit)?.id ?? ""}`;
    }
    const version = ref.name.startsWith("default_") ? ref.name.slice("default_".length).replace(/_/g, ".") : undefined;
    return defaultProvider(ref.type.slice(providerPrefix.length), version);
}

/**
 * A child as the engine records it: what its provider's SDK sent (inputs with references, a
 * dependency list per input, `dependencies` their union after the `dependsOn` option), and the state
 * its provider answered.
 */
function childState(child: RemoteChild, component: CapturedResource, urns: Map<string, string>, provider: (ref: NonNullable<RemoteChild["provider"]>) => string): CapturedResource {
    const urn = urns.get(childKey(child))!;
    const resolve = (dependencies: string[]) => dependencyUrns(dependencies, urns, component.propertyDependencies);
    // The SDK reports every input it sends, with no dependency or many.
    const propertyDependencies = Object.fromEntries(Object.keys(child.inputs).map((key) => [key, resolve(child.propertyDependencies[key] ?? [])]));
    const inputs = withReferences(child.inputs, urns) as Record<string, unknown>;
    const outputs = withReferences(child.outputs, urns) as Record<string, unknown>;
    return {
        urn,
        type: child.type,
        name: child.name,
        custom: child.custom,
        remote: false,
        id: child.id,
        parent: child.parentName === undefined ? component.urn : urns.get(childKey({ type: child.parentType ?? "", name: child.parentName })),
        provider: child.provider === undefined ? undefined : provider(child.provider),
        dependencies: [...new Set([...resolve(child.dependsOn), ...Object.values(propertyDependencies).flat()])],
        propertyDependencies,
        ...(child.type.startsWith(providerPrefix) ? { inputs: providerState(inputs, child.version).inputs, outputs: providerState(outputs, child.version).outputs } : { inputs, outputs }),
        aliases: [],
        version: child.version,
        createdBy: component.urn,
    };
}
