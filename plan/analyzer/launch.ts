/**
 * Starts a Node policy pack the way `pulumi preview --policy-pack <dir>` does at pulumi v3.248.0,
 * and waits for the port it serves the Analyzer service on.
 *
 * The CLI's chain: sdk/go/common/resource/plugin/analyzer_plugin.go NewPolicyAnalyzer finds the
 * `nodejs` language plugin for PulumiPolicy.yaml's runtime and starts the pack through
 * plugin.go ExecPlugin → the language host's RunPlugin with args `[<engine address>]`;
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go RunPlugin resolves `@pulumi/pulumi/cmd/run-policy-pack`
 * from the pack directory (locateModule: `require.resolve` run there) and runs
 * `node <run-policy-pack> <engine address> <pack dir>` with the pack directory as working
 * directory; run-policy-pack registers ts-node (type-checking) and `require`s the pack directory
 * (cmd/run-policy-pack/run.ts `run`), so Node loads the file its package.json `main` names. The
 * pack's PolicyPack prints its port as the first stdout line (plugin.go newPlugin reads it).
 * karpenter-guardrails' `main` is its compiled `bin/index.js`: ts-node then compiles nothing, and
 * the pack starts without type-checking its sources (plan/analyzer/build.ts builds `bin/`).
 *
 * The same command is run here. Differences from the CLI:
 * - The pack here has no node_modules of its own; `require.resolve` from its directory walks up
 *   to the repository's, exactly as locateModule would.
 * - The CLI answers Handshake and the first ConfigureStack in a proxy (sdk/policy_proxy.go) and only
 *   then starts node, with PULUMI_NODEJS_{PROJECT,STACK,DRY_RUN,ORGANIZATION} and PULUMI_CONFIG for
 *   that one stack; the pack then lives for that one deployment. Here one process serves many
 *   stacks, so node starts without them: the pack reads none of them (policies/ calls neither
 *   getStack nor Config), and ConfigureStack still reaches it before every stack.
 * - The CLI may add its own flags (`-v`, `--logtostderr`, `--tracing`) before the engine address
 *   when it runs with them (plugin.go buildPluginArguments); none are passed here.
 *
 * Logging: cmd/run-policy-pack/index.ts drops the engine address argument, and @pulumi/pulumi dials
 * an engine only when PULUMI_NODEJS_ENGINE is set (runtime/state.ts), which neither the CLI nor this
 * host sets for a policy pack; so the pack's runtime logs go to its stdout and stderr, which the
 * CLI shows as diagnostics (plugin.go newPlugin) and this host keeps for its error messages. The
 * Engine service answering at the address the pack is given records Log calls the same way.
 */
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as emptyProto from "google-protobuf/google/protobuf/empty_pb";

export interface LaunchOptions {
    /** Absolute path of the policy pack (the folder with PulumiPolicy.yaml). */
    packDir: string;
    /** Time from starting node to the port line before giving up. */
    timeoutMs: number;
}

export interface LaunchedPack {
    /** `127.0.0.1:<port>` of the pack's Analyzer service. */
    address: string;
    /** The engine address passed to the pack. */
    engineAddress: string;
    /** Milliseconds from starting node to reading the port line. */
    launchMs: number;
    /** The pack's output besides the port line, and log messages sent to the engine, latest last. */
    output(): string;
    /** Stops the pack and the engine service; resolves once node has exited. */
    stop(): Promise<void>;
}

/** Keeps the last lines of the pack's output for error messages. */
class OutputTail {
    private readonly lines: string[] = [];

    add(text: string): void {
        this.lines.push(...text.split("\n").filter((line) => line.trim() !== ""));
        this.lines.splice(0, Math.max(0, this.lines.length - 200));
    }

    toString(): string {
        return this.lines.join("\n");
    }
}

/** A minimal Engine service: the address the pack is given, and a sink for runtime log messages. */
async function serveEngine(output: OutputTail): Promise<{ address: string; server: grpc.Server }> {
    const server = new grpc.Server();
    const logLevels = ["debug", "info", "warning", "error"];
    server.addService(engineRpc.EngineService, {
        log: (call: grpc.ServerUnaryCall<{ getSeverity(): number; getMessage(): string }, unknown>, callback: grpc.sendUnaryData<emptyProto.Empty>) => {
            output.add(`${logLevels[call.request.getSeverity()] ?? "log"}: ${call.request.getMessage()}`);
            callback(null, new emptyProto.Empty());
        },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
    return { address: `127.0.0.1:${port}`, server };
}

function waitForExit(child: ChildProcess): Promise<void> {
    return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts the pack; rejects with its output if it exits or stays silent past the time limit. */
export async function launchPack(options: LaunchOptions): Promise<LaunchedPack> {
    const output = new OutputTail();
    const engine = await serveEngine(output);
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [options.packDir] });
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [runPolicyPack, engine.address, options.packDir], { cwd: options.packDir, stdio: ["ignore", "pipe", "pipe"] });
    // A test run that ends without stop() must not leave node behind.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    child.stderr?.on("data", (chunk: Buffer) => output.add(chunk.toString()));

    const stop = async () => {
        process.off("exit", killOnExit);
        const exited = waitForExit(child);
        child.kill("SIGTERM");
        const forced = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(forced);
        engine.server.forceShutdown();
    };

    try {
        const port = await readPort(child, output, options.timeoutMs);
        const launchMs = Number(process.hrtime.bigint() - started) / 1e6;
        return { address: `127.0.0.1:${port}`, engineAddress: engine.address, launchMs, output: () => output.toString(), stop };
    } catch (error) {
        await stop();
        throw new Error(`policy pack ${options.packDir} failed to start: ${(error as Error).message}\n${output.toString()}`);
    }
}

/** The first stdout line must be the port (plugin.go newPlugin and parsePort); the rest is output. */
function readPort(child: ChildProcess, output: OutputTail, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let buffered = "";
        const timer = setTimeout(() => settle(new Error(`no port within ${timeoutMs} ms`)), timeoutMs);
        const onExit = (code: number | null, signal: string | null) => settle(new Error(`node exited (${signal ?? `exit status ${code}`}) before printing a port`));
        const onData = (chunk: Buffer) => {
            buffered += chunk.toString();
            const newline = buffered.indexOf("\n");
            if (newline < 0) {
                return;
            }
            const line = buffered.slice(0, newline).trim();
            output.add(buffered.slice(newline + 1));
            child.stdout?.off("data", onData).on("data", (more: Buffer) => output.add(more.toString()));
            const port = Number(line);
            settle(Number.isInteger(port) && port > 0 && port <= 65535 ? port : new Error(`wrote an invalid port to stdout: ${JSON.stringify(line)}`));
        };
        function settle(result: number | Error) {
            clearTimeout(timer);
            child.off("exit", onExit);
            child.stdout?.off("data", onData);
            if (typeof result === "number") {
                resolve(result);
            } else {
                reject(result);
            }
        }
        child.stdout?.on("data", onData);
        child.once("exit", onExit);
    });
}
