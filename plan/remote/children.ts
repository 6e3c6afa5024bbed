import { unknownValue } from "./values";

/** Where the mocked resources live. */
export interface RemoteEnvironment {
    region: string;
    accountId: string;
    partition: string;
}

/** A provider a child uses: a package's default provider (`default_7_25_0`) or an explicit provider child. */
export interface ProviderRef {
    type: string;
    name: string;
}

/** One resource a remote component's provider registers, as the engine would record it. */
export interface RemoteChild {
    type: string;
    /** The Pulumi name, exactly as the provider names it. Not unique alone: see {@link childKey}. */
    name: string;
    custom: boolean;
    /** Name of the parent child, or undefined for the component itself. */
    parentName?: string;
    /** Type of the parent child, set with `parentName`: awsx gives a subnet and its route table one name. */
    parentType?: string;
    /** Undefined for components, and for custom resources during a first preview, when none exists yet. */
    id?: string;
    /**
     * What the provider passes: for components, nothing, since their providers' SDKs predate 3.202.
     * A resource passed as a value is a {@link ChildReference}.
     */
    inputs: Record<string, unknown>;
    /** Inputs and computed values; a component's are what it passes `registerOutputs`, resources as {@link ChildReference}s. */
    outputs: Record<string, unknown>;
    /** `{ type: "pulumi:providers:aws", name: "default_7_25_0" }` or an explicit provider child's name. */
    provider?: ProviderRef;
    /** For a provider: the package version the provider's SDK registers it with, which the engine adds to its inputs. */
    version?: string;
    /**
     * What each input is made from, as the provider's SDK reports it per property: other children
     * by {@link childKey}, and `input:<key>` for whatever the program made construct input `key`
     * depend on. An input missing here depends on nothing.
     */
    propertyDependencies: Record<string, string[]>;
    /** The children its `dependsOn` option names, the same way. */
    dependsOn: string[];
}

export interface RemoteExpansion {
    /** What the provider's Construct returns, as the program reads it: resources rehydrated to their state and id. */
    outputs: Record<string, unknown>;
    /** What the component passes `registerOutputs`: its outputs in the engine's state, resources as {@link ChildReference}s. */
    stateOutputs: Record<string, unknown>;
    /**
     * The dependencies Construct returns per output (sdk/nodejs/provider/server.ts `construct`), in
     * the form of {@link RemoteChild.propertyDependencies}: the resources each output is made from.
     */
    outputDependencies: Record<string, string[]>;
    /** In registration order: a parent always before its children. */
    children: RemoteChild[];
}

/** A child's identity among its siblings: `type::name`, the end of its URN. */
export function childKey(child: { type: string; name: string }): string {
    return `${child.type}::${child.name}`;
}

const inputPrefix = "input:";

/** A dependency on whatever the program made construct input `key` depend on. */
export function inputDependency(key: string): string {
    return `${inputPrefix}${key}`;
}

/** The `input:` dependencies for those of `keys` the program passed. */
export function inputDependencies(inputs: Record<string, unknown>, keys: string[]): string[] {
    return keys.filter((key) => inputs[key] !== undefined).map(inputDependency);
}

/**
 * A resource held in a value (a component's outputs, a resource's inputs). The provider's SDK
 * sends it as a reference (sdk/nodejs/runtime/rpc.ts `serializeProperty`), which the engine keeps
 * in its state; plan/engineState.ts writes it with the child's URN.
 */
export class ChildReference {
    constructor(readonly child: RemoteChild) {}
}

/** A reference to `child`. */
export function reference(child: RemoteChild): ChildReference {
    return new ChildReference(child);
}

/**
 * A resource as the program reads it from a component's outputs: the SDK rehydrates a reference
 * into the resource, so its state and id (unknown until the resource exists); a component, into
 * its own outputs, with the resources in them rehydrated too.
 */
export function resourceView(child: RemoteChild): Record<string, unknown> {
    return child.custom ? { ...child.outputs, id: child.id ?? unknownValue } : (rehydrate(child.outputs) as Record<string, unknown>);
}

function rehydrate(value: unknown): unknown {
    if (value instanceof ChildReference) {
        return resourceView(value.child);
    }
    if (Array.isArray(value)) {
        return value.map(rehydrate);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rehydrate(v)]));
    }
    return value;
}

/**
 * Each child's URN by {@link childKey}, its parent's URN given to `urnOf`: the component's for a
 * top-level child.
 */
export function childUrns(componentUrn: string, children: RemoteChild[], urnOf: (parentUrn: string, type: string, name: string) => string): Map<string, string> {
    const urns = new Map<string, string>();
    for (const child of children) {
        const parent = child.parentName === undefined ? componentUrn : urns.get(childKey({ type: child.parentType ?? "", name: child.parentName }));
        if (parent === undefined) {
            throw new Error(`remote component expansion: child "${child.name}" names parent "${child.parentType}::${child.parentName}" before it is registered`);
        }
        urns.set(childKey(child), urnOf(parent, child.type, child.name));
    }
    return urns;
}

/**
 * URNs for dependencies in the form of {@link RemoteChild.propertyDependencies}: children by
 * their URN, `input:<key>` by what the program made construct input `key` depend on. In order, once each.
 */
export function dependencyUrns(dependencies: string[], urns: Map<string, string>, inputDependencies: Record<string, string[]>): string[] {
    const resolved = dependencies.flatMap((key) => (key.startsWith(inputPrefix) ? (inputDependencies[key.slice(inputPrefix.length)] ?? []) : [urns.get(key) ?? missing(key)]));
    return [...new Set(resolved)];
}

function missing(key: string): never {
    throw new Error(`remote component expansion: a dependency on "${key}", which is not one of its children`);
}

/** Builds the children in registration order. */
export class ChildList {
    readonly children: RemoteChild[] = [];

    add(child: Omit<RemoteChild, "parentName" | "parentType">, parent?: RemoteChild): RemoteChild {
        const added: RemoteChild = { ...child, ...(parent ? { parentName: parent.name, parentType: parent.type } : {}) };
        this.children.push(added);
        return added;
    }
}

/** Errors that stop a preview, named the way the engine reports them: component, argument, consequence. */
export class RemoteInputError extends Error {
    constructor(type: string, name: string, message: string) {
        super(`${type} "${name}": ${message}`);
        this.name = "RemoteInputError";
    }
}

/** An argument the offline plan does not reproduce: failing beats planning something else. */
export function notEmulated(type: string, name: string, argument: string, what: string): RemoteInputError {
    return new RemoteInputError(type, name, `${argument} ${what} is not emulated by the offline plan; its expansion would be a guess.`);
}
