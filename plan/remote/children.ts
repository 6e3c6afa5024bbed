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
    /** What the provider passes: for components, nothing, since their providers' SDKs predate 3.202. */
    inputs: Record<string, unknown>;
    /** Inputs and computed values; a component's are what it passes `registerOutputs`. */
    outputs: Record<string, unknown>;
    /** `{ type: "pulumi:providers:aws", name: "default_7_25_0" }` or an explicit provider child's name. */
    provider?: ProviderRef;
    /**
     * What it depends on, through `dependsOn` or the outputs it uses: other children by
     * {@link childKey}, and `input:<key>` for whatever the program made that construct input depend on.
     */
    dependsOn: string[];
}

export interface RemoteExpansion {
    /** What the provider's Construct returns, which the program reads; resources appear as their outputs (and id). */
    outputs: Record<string, unknown>;
    /** What the component passes `registerOutputs`: its outputs in the engine's state (resources as in `outputs`). */
    stateOutputs: Record<string, unknown>;
    /** In registration order: a parent always before its children. */
    children: RemoteChild[];
}

/** A child's identity among its siblings: `type::name`, the end of its URN. */
export function childKey(child: { type: string; name: string }): string {
    return `${child.type}::${child.name}`;
}

/** A dependency on whatever the program made construct input `key` depend on. */
export function inputDependency(key: string): string {
    return `input:${key}`;
}

/** The `input:` dependencies for those of `keys` the program passed. */
export function inputDependencies(inputs: Record<string, unknown>, keys: string[]): string[] {
    return keys.filter((key) => inputs[key] !== undefined).map(inputDependency);
}

/**
 * A resource as a component's outputs carry it: the engine stores a reference, which the program
 * rehydrates into the resource's state and id (unknown until the resource exists).
 */
export function resourceView(child: RemoteChild): Record<string, unknown> {
    return child.custom ? { ...child.outputs, id: child.id ?? unknownValue } : child.outputs;
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
