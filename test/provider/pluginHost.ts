/**
 * The component provider run the way the Pulumi CLI (v3.248.0) runs a plugin from source, and the
 * engine's side of the calls it makes, for tests.
 *
 * Starting it: plugin.go `ExecPlugin` finds PulumiPlugin.yaml (`runtime: nodejs`) and asks the
 * Node.js language host to `RunPlugin` with the plugin's folder as program directory, the CLI's
 * working directory as working directory, and `[<engine address>]` as arguments (provider_plugin.go
 * `NewProvider`); pulumi-language-nodejs main.go `RunPlugin` resolves `@pulumi/pulumi/cmd/run-plugin`
 * from the plugin's folder and runs `node <run-plugin> <plugin folder> <engine address>`. The
 * plugin prints its port as the first line of stdout.
 *
 * Calling it: the engine calls Configure before anything else (the Node server answers that it
 * accepts secrets, resources and output values), then GetSchema or Construct. Construct names a
 * resource monitor; here that is the mock monitor of @pulumi/pulumi's mocks with the plan's
 * realistic mocks (plan/mocks.ts) and the plan's recording (plan/capture.ts), served over gRPC, so
 * what the provider registers is recorded exactly as an in-process TypeScript program's
 * registrations are. It answers SupportsFeature as the engine does (source_eval.go
 * `supportsFeatureID`): every feature the Node SDK asks about is supported.
 */
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as pluginProto from "@pulumi/pulumi/proto/plugin_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { CapturedResource, captureRegistrations } from "../../plan/capture";
import { defaultMockEnvironment, RealisticMocks } from "../../plan/mocks";

export const providerDir = path.resolve(__dirname, "../../provider");

type Callback<T> = (error: grpc.ServiceError | null, response?: T) => void;

async function serve(addService: (server: grpc.Server) => void): Promise<{ address: string; server: grpc.Server }> {
    const server = new grpc.Server();
    addService(server);
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
    return { address: `127.0.0.1:${port}`, server };
}

export interface LaunchedProvider {
    client: providerRpc.ResourceProviderClient;
    /** What the provider logged to the engine and printed besides its port. */
    output(): string;
    stop(): Promise<void>;
}

/** Starts the plugin as the CLI does, from the working directory `cwd` (the consumer's project), and configures it. */
export async function launchProvider(cwd: string, timeoutMs = 110_000): Promise<LaunchedProvider> {
    const lines: string[] = [];
    const engine = await serve((server) =>
        server.addService(engineRpc.EngineService, {
            log: (call: grpc.ServerUnaryCall<{ getSeverity(): number; getMessage(): string }, Empty>, callback: grpc.sendUnaryData<Empty>) => {
                // Debug messages (severity 0) trace every RPC; the CLI shows them only with -v.
                if (call.request.getSeverity() > 0) {
                    lines.push(call.request.getMessage());
                }
                callback(null, new Empty());
            },
        }),
    );
    const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [providerDir] });
    const child = spawn(process.execPath, [runPlugin, providerDir, engine.address], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    child.stderr?.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
    const stop = async () => {
        process.off("exit", killOnExit);
        const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
        engine.server.forceShutdown();
    };
    try {
        const port = await readPort(child, lines, timeoutMs);
        const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const configured = await unary<providerProto.ConfigureResponse>((cb) => client.configure(new providerProto.ConfigureRequest(), cb));
        if (!configured.getAcceptsecrets() || !configured.getAcceptoutputs()) {
            throw new Error("the provider must accept secrets and output values: the engine sends them to Construct");
        }
        return { client, output: () => lines.join("\n"), stop };
    } catch (error) {
        await stop();
        throw new Error(`${(error as Error).message}\n${lines.join("\n")}`);
    }
}

function readPort(child: ChildProcess, lines: string[], timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let buffered = "";
        const timer = setTimeout(() => reject(new Error(`no port within ${timeoutMs} ms`)), timeoutMs);
        child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing a port`)));
        child.stdout?.on("data", (chunk: Buffer) => {
            if (buffered.includes("\n")) {
                lines.push(chunk.toString());
                return;
            }
            buffered += chunk.toString();
            const newline = buffered.indexOf("\n");
            if (newline >= 0) {
                clearTimeout(timer);
                const port = Number(buffered.slice(0, newline).trim());
                return Number.isInteger(port) && port > 0 ? resolve(port) : reject(new Error(`wrote an invalid port: ${buffered.slice(0, newline)}`));
            }
        });
    });
}

export function unary<T>(call: (callback: Callback<T>) => unknown): Promise<T> {
    return new Promise((resolve, reject) => call((error, response) => (error ? reject(error) : resolve(response as T))));
}

export async function getSchema(provider: LaunchedProvider): Promise<Record<string, any>> {
    const response = await unary<providerProto.GetSchemaResponse>((cb) => provider.client.getSchema(new providerProto.GetSchemaRequest(), cb));
    return JSON.parse(response.getSchema());
}

/** The stack a Construct call deploys into. */
export interface Deployment {
    project: string;
    stack: string;
    /** Flat config as the engine passes it: `"<namespace>:<key>"` → text. */
    config: Record<string, string>;
    /** The preview of a new stack (Construct's `dryRun`): the mocks answer with inputs only, as RealisticMocks does. */
    firstPreview: boolean;
}

export const deployment: Deployment = { project: "platform", stack: "dev", config: { "aws:region": defaultMockEnvironment.region }, firstPreview: false };

export function stackUrn(d: Deployment): string {
    return `urn:pulumi:${d.stack}::${d.project}::pulumi:pulumi:Stack::${d.project}-${d.stack}`;
}

/** Construct's answer: the component's URN and state (in wire form), what the provider registered, or the error it failed with. */
export interface Constructed {
    urn?: string;
    state?: Record<string, any>;
    error?: grpc.ServiceError;
    registered: CapturedResource[];
}

/**
 * Sends Construct for a KarpenterCluster named `name` as the engine does (provider_plugin.go
 * `Construct`): `inputs` already in the engine's wire form (plain JSON, secrets and unknowns as
 * output values, `inputDependencies` per top-level key), the stack as parent, the monitor below.
 */
export async function construct(provider: LaunchedProvider, d: Deployment, name: string, inputs: Record<string, unknown>, inputDependencies: Record<string, string[]> = {}): Promise<Constructed> {
    await pulumi.runtime.setMocks(new RealisticMocks(defaultMockEnvironment, d.firstPreview), d.project, d.stack, d.firstPreview);
    const registered = captureRegistrations({ env: defaultMockEnvironment, firstPreview: d.firstPreview });
    const mockMonitor = pulumi.runtime.getMonitor() as any;
    const monitor = await serve((server) => server.addService(resourceRpc.ResourceMonitorService, monitorService(mockMonitor)));
    const request = new providerProto.ConstructRequest();
    request.setProject(d.project);
    request.setStack(d.stack);
    request.setDryrun(d.firstPreview);
    request.setParallel(16);
    request.setMonitorendpoint(monitor.address);
    request.setType("karpenter-cluster:index:KarpenterCluster");
    request.setName(name);
    request.setParent(stackUrn(d));
    request.setAcceptsOutputValues(true);
    request.setInputs(Struct.fromJavaScript(inputs as never));
    for (const [key, value] of Object.entries(d.config)) {
        request.getConfigMap().set(key, value);
    }
    for (const [key, urns] of Object.entries(inputDependencies)) {
        const deps = new providerProto.ConstructRequest.PropertyDependencies();
        deps.setUrnsList(urns);
        request.getInputdependenciesMap().set(key, deps);
    }
    try {
        const response = await unary<providerProto.ConstructResponse>((cb) => provider.client.construct(request, cb));
        return { urn: response.getUrn(), state: response.getState()?.toJavaScript() ?? {}, registered };
    } catch (error) {
        return { error: error as grpc.ServiceError, registered };
    } finally {
        monitor.server.forceShutdown();
    }
}

/** The mock monitor's methods as gRPC handlers, answering with proto messages where it answers with plain objects. */
function monitorService(mockMonitor: any): grpc.UntypedServiceImplementation {
    const forward = (method: string, wrap: (response: any) => any = (r) => r) => (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) =>
        mockMonitor[method](call.request, (error: Error | null, response: any) => callback(error, error ? undefined : wrap(response)));
    const features = new Set(["secrets", "resourceReferences", "outputValues", "aliasSpecs", "deletedWith", "replaceWith", "transforms", "invokeTransforms", "parameterization", "resourceHooks", "replacementTrigger"]);
    return {
        supportsFeature: (call: grpc.ServerUnaryCall<resourceProto.SupportsFeatureRequest, unknown>, callback: grpc.sendUnaryData<resourceProto.SupportsFeatureResponse>) => {
            const response = new resourceProto.SupportsFeatureResponse();
            response.setHassupport(features.has(call.request.getId()));
            callback(null, response);
        },
        registerResource: forward("registerResource"),
        registerResourceOutputs: forward("registerResourceOutputs", () => new Empty()),
        invoke: forward("invoke"),
        registerPackage: forward("registerPackage"),
        signalAndWaitForShutdown: (_call: unknown, callback: grpc.sendUnaryData<Empty>) => callback(null, new Empty()),
    };
}

/** The plugin's reported version, as GetPluginInfo answers it. */
export async function pluginVersion(provider: LaunchedProvider): Promise<string> {
    const info = await unary<pluginProto.PluginInfo>((cb) => provider.client.getPluginInfo(new Empty(), cb));
    return info.getVersion();
}
