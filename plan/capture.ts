import * as pulumi from "@pulumi/pulumi";
import { RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { partitionOfRegion } from "../components/iam/partition";
import { loadResourceModule } from "./deferredModules";
import type { MockEnvironment } from "./mocks";
import { expandRemoteComponent, isExpandedRemoteType, remoteComponentPins } from "./remote";
import { childUrns, dependencyUrns } from "./remote/children";

/** One resource registration, as the engine would record it. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** A remote (multi-language) component such as `eks:index:Cluster`. */
    remote: boolean;
    id?: string;
    parent?: string;
    /** Provider reference `urn::id`, as the engine passes it; the default provider's for custom resources without one. */
    provider?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /**
     * Inputs as the program sent them, in the SDK's wire form: secrets are `{[sig]: secretSig,
     * value}`, resources `{[sig]: resourceSig, urn, id}` (no id for a component), unknowns the
     * unknown sentinel. For a remote component, what its provider's Construct receives: an Output
     * that held `undefined` is `null` here, as the SDK sends it.
     */
    inputs: Record<string, unknown>;
    /**
     * Inputs the engine records, when they differ from {@link inputs}: a remote component built
     * on a Node SDK before 3.202 saves none (see plan/remote).
     */
    engineInputs?: Record<string, unknown>;
    /** State the engine records, in the form of {@link inputs}: a custom resource's provider answer, a component's registered outputs. */
    outputs: Record<string, unknown>;
    /** URNs this resource was known by before, from its `aliases` option. */
    aliases: string[];
    /** Package version the SDK names in the registration; picks the engine's default provider. */
    version?: string;
    /** URN of the remote component whose provider registers this resource (the plan synthesizes it). */
    createdBy?: string;
}

interface AliasSpec {
    getName(): string;
    getType(): string;
    getStack(): string;
    getProject(): string;
    getParenturn(): string;
    getNoparent(): boolean;
}

interface AliasMessage {
    getUrn(): string;
    hasSpec(): boolean;
    getSpec(): AliasSpec | undefined;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getRemote(): boolean;
    getParent(): string;
    getProvider(): string;
    getVersion(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getAliasesList(): AliasMessage[];
    getObject(): Struct | undefined;
    setObject(value: Struct): void;
}

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): Struct | undefined;
    getPropertydependenciesMap(): { set(key: string, value: RegisterResourceResponse.PropertyDependencies): void };
}

interface OutputsRequest {
    getUrn(): string;
    getOutputs(): Struct | undefined;
}

type Callback<T> = (err: Error | null, response?: T) => void;

/** A request or response the mock monitor or the SDK deserializes: its one Struct, by its getter's name. */
type WithStruct<K extends string> = { [key in K]: () => Struct | undefined };

interface PatchableMonitor {
    registerResource(req: RegisterRequest, callback: Callback<RegisterResponse>): void;
    registerResourceOutputs(req: OutputsRequest, callback: Callback<unknown>): void;
    invoke(req: WithStruct<"getArgs">, callback: Callback<WithStruct<"getReturn">>): void;
    readResource(req: WithStruct<"getProperties">, callback: Callback<WithStruct<"getProperties">>): void;
    newUrn(parent: string, type: string, name: string): string;
}

const sigKey = pulumi.runtime.specialSigKey;
const outputValueSig = pulumi.runtime.specialOutputValueSig;
const secretSig = pulumi.runtime.specialSecretSig;
const rootStackType = "pulumi:pulumi:Stack";

/**
 * The engine's URN: the parent's type joins the chain unless the parent is the root stack
 * (pulumi/pulumi v3.248.0 sdk/go/common/resource/urn/urn.go `New`, called from
 * pkg/resource/deploy/deployment.go). The mock monitor keeps `pulumi:pulumi:Stack$` in the chain.
 */
export function engineUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
    const parentType = parentUrn?.split("::")[2];
    const chain = parentType !== undefined && parentType !== rootStackType ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

/**
 * An Output value in a remote component's inputs, as its provider deserializes it: the value,
 * `null` for an Output that held `undefined` (the SDK coerces it, sdk/nodejs/runtime/rpc.ts
 * `serializeProperty`), the unknown sentinel when not known, a secret wrapper when secret.
 */
function plainOutputValues(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plainOutputValues);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[sigKey] === outputValueSig) {
        const inner = "value" in record ? plainOutputValues(record.value) : pulumi.runtime.unknownValue;
        return record.secret === true ? { [sigKey]: secretSig, value: inner } : inner;
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plainOutputValues(v)]));
}

const resourceSig = pulumi.runtime.specialResourceSig;
const isResourceModuleRegistered = (pkg: string, mod: string) => pkg === "pulumi" || pulumi.runtime.getResourceModule(pkg, mod, undefined) !== undefined;

/**
 * Makes sure the SDK can turn every resource reference in `value` back into a resource, as in a
 * real program: the plan defers the SDK namespaces it does not use (plan/deferredModules.ts), and
 * a namespace registers its resources only when it loads. Called on what the SDK deserializes:
 * the inputs the mock monitor reads, and the outputs the program gets back.
 */
function loadResourceModules(value: unknown): void {
    if (Array.isArray(value)) {
        value.forEach(loadResourceModules);
    } else if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[sigKey] === resourceSig && typeof record.urn === "string") {
            const type = record.urn.split("::")[2]?.split("$").pop();
            if (type !== undefined) {
                loadResourceModule(type, isResourceModuleRegistered);
            }
        }
        Object.values(record).forEach(loadResourceModules);
    }
}

function aliasUrns(req: RegisterRequest, stack: string, project: string): string[] {
    return req.getAliasesList().flatMap((alias) => {
        const spec = alias.hasSpec() ? alias.getSpec() : undefined;
        if (spec === undefined) {
            return alias.getUrn() ? [alias.getUrn()] : [];
        }
        const parent = spec.getNoparent() ? undefined : spec.getParenturn() || req.getParent() || undefined;
        return [engineUrn(spec.getStack() || stack, spec.getProject() || project, parent, spec.getType() || req.getType(), spec.getName() || req.getName())];
    });
}

/** Where the mocks place resources, and whether they answer as in a first preview: what a remote component's expansion needs. */
export interface CaptureOptions {
    env: MockEnvironment;
    firstPreview: boolean;
}

/**
 * Records every registration the program makes by wrapping the mock monitor: the mocks API alone
 * sees no parents, dependencies or aliases, which the plan's tree, graph, export and policies
 * need. It also makes the mock monitor behave as the engine does where the mocks differ:
 * engine-formed URNs; Output values in a remote component's inputs (the engine supports them;
 * the mock monitor does not) reaching the mocks as the provider would see them; and a remote
 * component's outputs depending on the children they come from, as Construct reports them.
 */
export function captureRegistrations(options: CaptureOptions): CapturedResource[] {
    const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor | undefined;
    if (!monitor) {
        throw new Error("captureRegistrations must be called after pulumi.runtime.setMocks");
    }
    const stack = pulumi.runtime.getStack();
    const project = pulumi.runtime.getProject();
    const urnOf = (parent: string, type: string, name: string) => engineUrn(stack, project, parent || undefined, type, name);
    monitor.newUrn = urnOf;
    const env = { ...options.env, partition: partitionOfRegion(options.env.region).partition };
    (require("@pulumi/pulumi/runtime/state") as { getStore(): { supportsOutputValues: boolean } }).getStore().supportsOutputValues = true;

    const captured: CapturedResource[] = [];
    const byUrn = new Map<string, CapturedResource>();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        if (req.getRemote() && !isExpandedRemoteType(req.getType())) {
            // The mock monitor would answer it as an empty component, while in a real preview its
            // provider registers children that the plan and the policy pack would never see.
            callback(new Error(`remote component ${req.getType()} "${req.getName()}" is not emulated by the offline plan, which expands only ${Object.keys(remoteComponentPins).join(" and ")}`));
            return;
        }
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const sent = plainOutputValues(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
        req.setObject(Struct.fromJavaScript(sent as never));
        loadResourceModules(sent);
        register(req, (err, response) => {
            if (!err && response && req.getRemote()) {
                // The mocks answered with the same expansion's outputs.
                const expansion = expandRemoteComponent(req.getType(), req.getName(), sent, env, options.firstPreview)!;
                const urns = childUrns(response.getUrn(), expansion.children, urnOf);
                for (const [key, dependencies] of Object.entries(expansion.outputDependencies)) {
                    const message = new RegisterResourceResponse.PropertyDependencies();
                    message.setUrnsList(dependencyUrns(dependencies, urns, propertyDependencies));
                    response.getPropertydependenciesMap().set(key, message);
                }
            }
            if (!err && response) {
                const resource: CapturedResource = {
                    urn: response.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    remote: req.getRemote(),
                    id: response.getId() || undefined,
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    inputs: sent,
                    outputs: (response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    aliases: aliasUrns(req, stack, project),
                    version: req.getVersion() || undefined,
                };
                captured.push(resource);
                byUrn.set(resource.urn, resource);
                loadResourceModules(resource.outputs);
            }
            callback(err, response);
        });
    };
    // The mock monitor deserializes an invoke's arguments and a read's properties, and the SDK what comes back.
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, callback) => {
        loadResourceModules(req.getArgs()?.toJavaScript());
        invoke(req, (err, response) => (loadResourceModules(response?.getReturn()?.toJavaScript()), callback(err, response)));
    };
    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (req, callback) => {
        loadResourceModules(req.getProperties()?.toJavaScript());
        readResource(req, (err, response) => (loadResourceModules(response?.getProperties()?.toJavaScript()), callback(err, response)));
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
        const resource = byUrn.get(req.getUrn());
        if (resource !== undefined) {
            resource.outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        registerOutputs(req, callback);
    };
    return captured;
}
