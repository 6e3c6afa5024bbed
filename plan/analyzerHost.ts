/**
 * Runs the policy pack over gRPC the way the Pulumi CLI (v3.248.0) does during a deployment, as a
 * second opinion on the in-process harness (plan/policyHarness.ts): the real pack process, the real
 * @pulumi/policy server, the engine's requests and marshalling.
 *
 * The engine's sequence, per pack:
 * 1. start the pack (plan/analyzer/launch.ts) and Handshake; pulumi-policy v1.21.0 does not implement
 *    it, which the engine accepts (analyzer_plugin.go NewPolicyAnalyzer);
 * 2. ConfigureStack with stack, project and dry-run (NewPolicyAnalyzer);
 * 3. GetAnalyzerInfo, then Configure with the reconciled `--policy-pack-config`
 *    (pkg/engine/update.go, plan/analyzer/config.ts);
 * 4. per resource in registration order: Remediate, then Analyze with its inputs
 *    (step_generator.go: remediations first, then analyzeAll);
 * 5. once the program is done and every step succeeded: AnalyzeStack with every resource's
 *    outputs (deployment_executor.go Execute → step_generator.go AnalyzeResources).
 *
 * One process serves many stacks: steps 2 and 3's Configure are repeated for each, and each
 * replaces the pack's stack tags and config wholesale (pulumi-policy server.ts configureStack,
 * configure), so nothing of one stack leaks into the next. GetAnalyzerInfo, whose answer the engine
 * caches anyway, is asked once, right after the handshake.
 */
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { EnforcementLevel } from "@pulumi/policy";
import { AnalyzerPolicyConfig, AnalyzerPolicyInfo, reconcilePolicyConfig } from "./analyzer/config";
import { findingOf } from "./analyzer/findings";
import { LaunchedPack, launchPack } from "./analyzer/launch";
import { StackRequests } from "./analyzer/requests";
import { compareFindings, PolicyFinding, PolicyPackConfigJson } from "./policyHarness";
import type { StackExportResource } from "./stackExport";

export interface AnalyzerHostOptions {
    /** The policy pack's folder. @default the repository's `policies/` */
    packDir?: string;
    /**
     * How long the pack may take from starting node to printing its port; the CLI waits without
     * limit. A pack run from TypeScript is type-checked by ts-node first: about 4 s on an idle
     * machine, over 30 s on a busy one. The default stays under mocha's 120 s hook timeout so a
     * hung launch reports the pack's output instead of a bare timeout. @default 90000 ms
     */
    launchTimeoutMs?: number;
}

export interface StackAnalysis {
    project: string;
    stack: string;
    /** The stack's resources in registration order, in stack-export form. */
    resources: readonly StackExportResource[];
    /**
     * `pulumi preview` (true) or `pulumi up` (false). An update stops at the first resource with a
     * mandatory violation and never reaches AnalyzeStack (analyzeAll marks the resource invalid and
     * the step generator bails), so fewer findings come back.
     */
    dryRun: boolean;
    /** `--policy-pack-config` JSON. @default {} */
    policyConfig?: PolicyPackConfigJson;
}

export interface AnalyzerHost {
    /** Milliseconds from starting node to reading the pack's port. */
    readonly launchMs: number;
    /** The pack's name and version from GetAnalyzerInfo. */
    readonly pack: { name: string; version: string };
    /** Findings the engine would report for one stack, sorted like the harness's. Calls run one at a time. */
    analyze(analysis: StackAnalysis): Promise<PolicyFinding[]>;
    /** Stops the pack; the host cannot be used afterwards. */
    close(): Promise<void>;
}

type Callback<T> = (error: grpc.ServiceError | null, response: T) => void;

const levelNames: Record<analyzerProto.EnforcementLevel, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const levelValues = Object.fromEntries(Object.entries(levelNames).map(([value, name]) => [name, Number(value)])) as Record<EnforcementLevel, analyzerProto.EnforcementLevel>;

/** Starts the pack and completes the handshake; rejects if it does not print its port in time. */
export async function launchAnalyzerHost(options: AnalyzerHostOptions = {}): Promise<AnalyzerHost> {
    const packDir = path.resolve(options.packDir ?? path.join(__dirname, "..", "policies"));
    const pack = await launchPack({ packDir, timeoutMs: options.launchTimeoutMs ?? 90_000 });
    const client = new analyzerRpc.AnalyzerClient(pack.address, grpc.credentials.createInsecure());
    try {
        return await AnalyzerSession.start(client, pack, packDir);
    } catch (error) {
        client.close();
        await pack.stop();
        throw error;
    }
}

class AnalyzerSession implements AnalyzerHost {
    private queue: Promise<unknown> = Promise.resolve();

    private constructor(
        private readonly client: analyzerRpc.AnalyzerClient,
        private readonly process: LaunchedPack,
        readonly pack: { name: string; version: string },
        private readonly policies: AnalyzerPolicyInfo[],
        private readonly initialConfig: PolicyPackConfigJson,
    ) {}

    get launchMs(): number {
        return this.process.launchMs;
    }

    static async start(client: analyzerRpc.AnalyzerClient, pack: LaunchedPack, packDir: string): Promise<AnalyzerSession> {
        const call = <T>(invoke: (callback: Callback<T>) => void) => rpc(pack, invoke);
        const handshake = new analyzerProto.AnalyzerHandshakeRequest();
        handshake.setEngineAddress(pack.engineAddress);
        handshake.setRootDirectory(packDir);
        handshake.setProgramDirectory(packDir);
        await call<analyzerProto.AnalyzerHandshakeResponse>((cb) => client.handshake(handshake, cb)).catch((error: grpc.ServiceError) => {
            if (error.code !== grpc.status.UNIMPLEMENTED) {
                throw error;
            }
        });
        const info = await call<analyzerProto.AnalyzerInfo>((cb) => client.getAnalyzerInfo(new Empty(), cb));
        const policies = info.getPoliciesList().map((p) => ({
            name: p.getName(),
            enforcementLevel: levelNames[p.getEnforcementlevel()],
            configSchema: {
                properties: (p.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as AnalyzerPolicyInfo["configSchema"]["properties"],
                required: p.getConfigschema()?.getRequiredList() ?? [],
            },
        }));
        // convertPolicyConfig: an initial entry without a level reads as ADVISORY, the enum's zero.
        const initialConfig: PolicyPackConfigJson = {};
        info.getInitialconfigMap().forEach((config, name) => {
            initialConfig[name] = { ...(config.getProperties()?.toJavaScript() ?? {}), enforcementLevel: levelNames[config.getEnforcementlevel()] };
        });
        return new AnalyzerSession(client, pack, { name: info.getName(), version: info.getVersion() }, policies, initialConfig);
    }

    analyze(analysis: StackAnalysis): Promise<PolicyFinding[]> {
        const run = this.queue.then(() => this.analyzeNow(analysis));
        this.queue = run.catch(() => undefined);
        return run;
    }

    async close(): Promise<void> {
        await this.queue;
        this.client.close();
        await this.process.stop();
    }

    private call<T>(invoke: (callback: Callback<T>) => void): Promise<T> {
        return rpc(this.process, invoke);
    }

    private async analyzeNow(analysis: StackAnalysis): Promise<PolicyFinding[]> {
        const { client } = this;
        const stackConfig = new analyzerProto.AnalyzerStackConfigureRequest();
        stackConfig.setStack(analysis.stack);
        stackConfig.setProject(analysis.project);
        stackConfig.setDryRun(analysis.dryRun);
        await this.call((cb) => client.configureStack(stackConfig, cb));
        const config = reconcilePolicyConfig(this.policies, this.initialConfig, analysis.policyConfig ?? {});
        // analyzer_plugin.go Configure sends nothing for an empty config (a pack without policies).
        if (config.size > 0) {
            await this.call((cb) => client.configure(configureRequest(config), cb));
        }

        const requests = new StackRequests(analysis.resources);
        const findings: PolicyFinding[] = [];
        for (const resource of analysis.resources) {
            const remediation = requests.analyzeRequest(resource, { skipInternalKeys: false });
            const remediated = await this.call<analyzerProto.RemediateResponse>((cb) => client.remediate(remediation, cb));
            if (remediated.getRemediationsList().length > 0) {
                throw new Error(`policy pack remediated ${resource.urn}; applying remediations is not emulated`);
            }
            const analyzed = await this.call<analyzerProto.AnalyzeResponse>((cb) => client.analyze(requests.analyzeRequest(resource), cb));
            const own = analyzed.getDiagnosticsList().map((d) => findingOf(d, resource.urn));
            findings.push(...own);
            if (!analysis.dryRun && own.some((f) => f.enforcementLevel === "mandatory")) {
                return findings.sort(compareFindings);
            }
        }
        const stack = await this.call<analyzerProto.AnalyzeResponse>((cb) => client.analyzeStack(requests.analyzeStackRequest(), cb));
        const urns = new Set(analysis.resources.map((r) => r.urn));
        findings.push(...stack.getDiagnosticsList().map((d) => findingOf(d, urns.has(d.getUrn()) ? d.getUrn() : undefined)));
        return findings.sort(compareFindings);
    }
}

/** ConfigureAnalyzerRequest: every entry needs a valid level, and always carries a properties Struct. */
function configureRequest(config: Map<string, AnalyzerPolicyConfig>): analyzerProto.ConfigureAnalyzerRequest {
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    for (const [name, entry] of config) {
        if (entry.enforcementLevel === "") {
            throw new Error(`invalid enforcement level "" for "${name}"`);
        }
        const policyConfig = new analyzerProto.PolicyConfig();
        policyConfig.setEnforcementlevel(levelValues[entry.enforcementLevel]);
        policyConfig.setProperties(Struct.fromJavaScript(entry.properties as never));
        request.getPolicyconfigMap().set(name, policyConfig);
    }
    return request;
}

/** One unary call; a failure carries the pack's recent output, where its stack traces go. */
function rpc<T>(pack: LaunchedPack, invoke: (callback: Callback<T>) => void): Promise<T> {
    return new Promise((resolve, reject) =>
        invoke((error, response) => {
            if (error) {
                const output = pack.output();
                reject(Object.assign(new Error(output ? `${error.message}\npolicy pack output:\n${output}` : error.message), { code: error.code }));
            } else {
                resolve(response);
            }
        }),
    );
}
