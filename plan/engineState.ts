/**
 * What the engine's state holds after a program ran, built from what the program registered
 * under mocks: the children that remote components' providers register, and the default
 * providers the engine creates for custom resources that name none.
 */
import { createHash } from "crypto";
import { CapturedResource, engineUrn } from "./capture";
import { MockEnvironment } from "./mocks";
import { childKey, expandRemoteComponent } from "./remote";
import { partitionOfRegion } from "../components/iam/partition";

export interface EngineStateOptions {
    stack: string;
    project: string;
    /** Flat stack config (`"aws:region"` → text): a default provider's inputs are its package's keys. */
    config: Record<string, string>;
    env: MockEnvironment;
    firstPreview: boolean;
}

const providerPrefix = "pulumi:providers:";

/** `7.48.0` → `default_7_48_0`: the engine's name for a package's default provider at a version (pkg/resource/deploy/providers/provider.go `ProviderRequest.DefaultName`). */
export function defaultProviderName(version: string | undefined): string {
    return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

/** A provider's id is a UUID the engine assigns; a hash keeps the plan deterministic. */
function providerId(urn: string): string {
    const h = createHash("sha256").update(urn).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The engine configures a default provider from the stack config of its package plus the
 * version the SDK asked for (pkg/resource/deploy/default_providers.go `newRegisterDefaultProviderEvent`).
 */
function defaultProviderInputs(pkg: string, version: string | undefined, config: Record<string, string>): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(`${pkg}:`)) {
            inputs[key.slice(pkg.length + 1)] = value;
        }
    }
    return version ? { ...inputs, version } : inputs;
}

/**
 * Turns the registrations into the engine's state, in registration order: each remote
 * component followed by the children its provider registers, each default provider before the
 * first resource that uses it, and every custom resource's `provider` reference filled in.
 */
export function toEngineState(captured: CapturedResource[], options: EngineStateOptions): CapturedResource[] {
    const { stack, project } = options;
    const env = { ...options.env, partition: partitionOfRegion(options.env.region).partition };
    const state: CapturedResource[] = [];
    const providers = new Map<string, CapturedResource>();

    const defaultProvider = (pkg: string, version: string | undefined): string => {
        const name = defaultProviderName(version);
        const urn = engineUrn(stack, project, undefined, `${providerPrefix}${pkg}`, name);
        let provider = providers.get(urn);
        if (provider === undefined) {
            const inputs = defaultProviderInputs(pkg, version, options.config);
            provider = {
                urn,
                type: `${providerPrefix}${pkg}`,
                name,
                custom: true,
                remote: false,
                id: providerId(urn),
                dependencies: [],
                propertyDependencies: {},
                inputs,
                outputs: inputs,
                aliases: [],
                version,
            };
            providers.set(urn, provider);
            state.push(provider);
        }
        return `${urn}::${provider.id}`;
    };

    const add = (resource: CapturedResource) => {
        if (resource.custom && resource.provider === undefined && !resource.type.startsWith(providerPrefix)) {
            resource = { ...resource, provider: defaultProvider(resource.type.split(":")[0], resource.version) };
        }
        state.push(resource);
    };

    for (const resource of captured) {
        if (!resource.remote) {
            add(resource);
            continue;
        }
        const expansion = expandRemoteComponent(resource.type, resource.name, resource.inputs, env, options.firstPreview);
        if (expansion === undefined) {
            add(resource);
            continue;
        }
        // Providers built on a Node SDK before 3.202 register their components without inputs;
        // the state holds what the component passed registerOutputs.
        add({ ...resource, engineInputs: {}, outputs: expansion.stateOutputs });
        // Children are known by type and name: awsx gives a subnet and its route table one name.
        const urns = new Map<string, string>();
        for (const child of expansion.children) {
            const parent = child.parentName === undefined ? resource.urn : urns.get(childKey({ type: child.parentType ?? "", name: child.parentName }));
            if (parent === undefined) {
                throw new Error(`${resource.type} expansion: child "${child.name}" names parent "${child.parentType}::${child.parentName}" before it is registered`);
            }
            const urn = engineUrn(stack, project, parent, child.type, child.name);
            urns.set(childKey(child), urn);
            let provider: string | undefined;
            if (child.provider !== undefined) {
                const pkg = child.provider.type.slice(providerPrefix.length);
                const explicit = urns.get(childKey(child.provider));
                if (explicit !== undefined) {
                    provider = `${explicit}::${state.find((r) => r.urn === explicit)?.id ?? ""}`;
                } else {
                    const version = child.provider.name.startsWith("default_") ? child.provider.name.slice("default_".length).replace(/_/g, ".") : undefined;
                    provider = defaultProvider(pkg, version);
                }
            }
            // `input:<key>`: the engine records what the program made that construct input depend on.
            const dependencies = child.dependsOn.flatMap((key) =>
                key.startsWith("input:") ? (resource.propertyDependencies[key.slice("input:".length)] ?? []) : [urns.get(key)].filter((u): u is string => u !== undefined),
            );
            state.push({
                urn,
                type: child.type,
                name: child.name,
                custom: child.custom,
                remote: false,
                id: child.id,
                parent,
                provider,
                dependencies: [...new Set(dependencies)],
                propertyDependencies: {},
                inputs: child.inputs,
                outputs: child.outputs,
                aliases: [],
                createdBy: resource.urn,
            });
        }
    }
    return state;
}
