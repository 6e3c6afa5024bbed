import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { inspect } from "util";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import * as errorProto from "@pulumi/pulumi/proto/errors_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";
import { KarpenterCluster, validateAndResolve } from "../../components/karpenterCluster";
import { ValidationError } from "../../components/config/problems";
import { CapturedResource } from "../../plan/capture";
import { defaultMockEnvironment } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";
import { inspectWithoutColors } from "../../provider/uncaughtErrors";
import { projectDir } from "../plan/support";
import { construct, Constructed, Deployment, deployment, LaunchedProvider, launchProvider } from "./pluginHost";

/**
 * Construct as the engine sends it for a program in another language (provider_plugin.go
 * `Construct`, pulumi v3.248.0): inputs as JSON in a protobuf Struct, so every number is a double
 * and every enum a string; secrets and unknowns as output values, since the engine's resource
 * monitor upgrades them on registration (source_eval.go `RegisterResource`, `UpgradeToOutputValues`)
 * and the provider accepts output values; the dependencies of each top-level input beside it.
 * What the provider registers must equal what the TypeScript program registers for the same
 * arguments, under the same mocks and the same recording.
 */
const sig = pulumi.runtime.specialSigKey;
const outputValue = pulumi.runtime.specialOutputValueSig;

/** A stack file's component arguments (`karpenter-cluster:*`) and its other config, as another language's program would pass them. */
function stackFile(stack: string): { args: Record<string, unknown>; config: Record<string, string> } {
    const doc = yaml.load(fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const args: Record<string, unknown> = {};
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc.config)) {
        if (key.startsWith("karpenter-cluster:")) {
            args[key.slice("karpenter-cluster:".length)] = value;
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { args, config };
}

function yamlExample(): { resources: Record<string, { type: string; properties: Record<string, unknown> }> } {
    const example = yaml.load(fs.readFileSync(path.join(projectDir, "examples/yaml/Pulumi.yaml"), "utf8")) as ReturnType<typeof yamlExample>;
    assert.equal(example.resources.platform.type, "karpenter-cluster:index:KarpenterCluster");
    return example;
}

/**
 * What the TypeScript program registers: `new KarpenterCluster(name, args)` in a stack, under the
 * same mocks. Output values in `wire` become the Outputs the provider's SDK makes of them, with
 * the same values, secrecy and dependencies (runtime/rpc.ts `deserializeProperty`).
 */
async function typescriptProgram(d: Deployment, name: string, wire: Record<string, unknown>): Promise<{ resources: CapturedResource[]; errors: Error[] }> {
    return runProgram({
        project: d.project,
        stack: d.stack,
        config: d.config,
        env: defaultMockEnvironment,
        firstPreview: d.firstPreview,
        program: () => new KarpenterCluster(name, pulumi.runtime.deserializeProperty(wire, true)),
    });
}

/** The provider's registrations and the program's, the stack left out, in one order; dependencies are sets to the engine. */
function comparable(resources: CapturedResource[]): CapturedResource[] {
    return resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => ({
            ...r,
            dependencies: [...r.dependencies].sort(),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, urns]) => [key, [...urns].sort()])),
        }))
        .sort((a, b) => a.urn.localeCompare(b.urn));
}

function propertyErrors(constructed: Constructed): { propertyPath: string; reason: string }[] {
    const details = constructed.error?.metadata.get("grpc-status-details-bin")[0] as Buffer;
    const status = statusProto.Status.deserializeBinary(details);
    return status.getDetailsList().flatMap((any) =>
        errorProto.InputPropertiesError.deserializeBinary(any.getValue_asU8())
            .getErrorsList()
            .map((e) => ({ propertyPath: e.getPropertyPath(), reason: e.getReason() })),
    );
}

function problemsOf(args: Record<string, unknown>): { propertyPath: string; reason: string }[] {
    try {
        validateAndResolve("demo", args);
    } catch (error) {
        assert.ok(ValidationError.isInstance(error));
        return error.problems.map((p) => ({ propertyPath: p.path, reason: p.message }));
    }
    assert.fail("the arguments are valid");
}

describe("provider: Construct with inputs as another language sends them", () => {
    let provider: LaunchedProvider;

    before(async () => {
        provider = await launchProvider(path.join(projectDir, "examples/python"));
    });
    after(() => provider?.stop());

    const sources = [
        { title: "the dev stack's arguments", read: () => stackFile("dev") },
        { title: "the private stack's arguments", read: () => stackFile("private") },
        { title: "examples/yaml's properties", read: () => ({ args: yamlExample().resources.platform.properties, config: deployment.config }) },
    ];
    for (const source of sources) {
        it(`registers what the TypeScript program registers for ${source.title}, sent as plain JSON`, async () => {
            const { args, config } = source.read();
            const d = { ...deployment, config };
            const constructed = await construct(provider, d, "cluster", args);
            assert.equal(constructed.error, undefined, `${constructed.error?.message}\n${provider.output()}`);
            const program = await typescriptProgram(d, "cluster", args);
            assert.deepEqual(program.errors, []);
            assert.ok(constructed.registered.length > 40);
            assert.deepEqual(comparable(constructed.registered), comparable(program.resources));
        });
    }

    it("answers with every output: the kubeconfig as a secret, the Kubernetes provider and the pulumi-eks cluster as resource references", async () => {
        const constructed = await construct(provider, deployment, "demo", { network: { natGateways: "Single" } });
        const { urn, state, registered } = constructed;
        assert.equal(urn, "urn:pulumi:dev::platform::karpenter-cluster:index:KarpenterCluster::demo");
        assert.deepEqual(Object.keys(state!).sort(), Object.keys(registered.find((r) => r.urn === urn)!.outputs).sort());
        assert.equal(state!.kubeconfig[sig], pulumi.runtime.specialSecretSig);
        const k8sProvider = registered.find((r) => r.type === "pulumi:providers:kubernetes")!;
        assert.deepEqual([state!.provider[sig], state!.provider.urn, state!.provider.id], [pulumi.runtime.specialResourceSig, k8sProvider.urn, k8sProvider.id]);
        assert.equal(state!.cluster.urn, registered.find((r) => r.type === "eks:index:Cluster")!.urn);
        assert.deepEqual(state!.criticalAddonsNodeSelector, { "critical-addons": "true" });
    });

    it("takes secrets and dependencies as output values, as the TypeScript program takes Outputs", async () => {
        const vpcUrn = "urn:pulumi:dev::platform::aws:ec2/vpc:Vpc::shared";
        const subnetUrn = "urn:pulumi:dev::platform::aws:ec2/subnet:Subnet::private-a";
        const args = {
            network: {
                vpcId: { [sig]: outputValue, value: "vpc-0a1b2c3d4e5f60700", dependencies: [vpcUrn] },
                privateSubnetIds: [
                    { [sig]: outputValue, value: "subnet-0a1b2c3d4e5f60711", secret: true, dependencies: [subnetUrn] },
                    "subnet-0a1b2c3d4e5f60722",
                ],
                vpcEndpoints: { enabled: true, routeTableIds: ["rtb-0a1b2c3d4e5f60799"] },
            },
        };
        const constructed = await construct(provider, deployment, "shared", args, { network: [vpcUrn, subnetUrn] });
        assert.equal(constructed.error, undefined, constructed.error?.message);
        const program = await typescriptProgram(deployment, "shared", args);
        assert.deepEqual(comparable(constructed.registered), comparable(program.resources));
        const subnetTag = constructed.registered.find((r) => r.type === "aws:ec2/tag:Tag" && r.name.endsWith("0"))!;
        assert.deepEqual(subnetTag.inputs.resourceId, { [sig]: pulumi.runtime.specialSecretSig, value: "subnet-0a1b2c3d4e5f60711" });
        assert.ok(subnetTag.dependencies.includes(subnetUrn));
        assert.ok(constructed.registered.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!.dependencies.includes(vpcUrn));
    });

    it("takes unknowns in the preview of a new stack, as the TypeScript program takes unknown Outputs", async () => {
        const preview = { ...deployment, firstPreview: true };
        const vpcUrn = "urn:pulumi:dev::platform::aws:ec2/vpc:Vpc::shared";
        const args = {
            network: {
                vpcId: { [sig]: outputValue, dependencies: [vpcUrn] },
                privateSubnetIds: [{ [sig]: outputValue, dependencies: [vpcUrn] }, { [sig]: outputValue, dependencies: [vpcUrn] }],
            },
        };
        const constructed = await construct(provider, preview, "shared", args, { network: [vpcUrn] });
        assert.equal(constructed.error, undefined, constructed.error?.message);
        const program = await typescriptProgram(preview, "shared", args);
        assert.deepEqual(comparable(constructed.registered), comparable(program.resources));
        assert.equal(constructed.registered.find((r) => r.type === "eks:index:Cluster")!.inputs.vpcId, pulumi.runtime.unknownValue);
    });

    it("reports every validation problem as a property error with the TypeScript key path, and registers nothing", async () => {
        const args = {
            network: { natGateways: "Two", availabilityZoneCount: 1.5 },
            karpenter: { nodePools: [{ name: "default" }, { name: "Batch", capacityTypes: ["spot", "reserved"], limits: { cpu: "lots" } }] },
            tags: { "bad\nkey": "x" },
        };
        const constructed = await construct(provider, deployment, "demo", args);
        assert.equal(constructed.error?.code, 3 /* INVALID_ARGUMENT */);
        const expected = problemsOf(args);
        assert.ok(expected.length >= 5);
        assert.deepEqual(propertyErrors(constructed), expected);
        assert.equal(constructed.error?.details, `invalid configuration (${expected.length} problems)`);
        assert.deepEqual(constructed.registered, []);
    });

    it("rejects a default sent explicitly where the component tells it from unset: natGateways with vpcId, why the schema has no defaults", async () => {
        const args = { network: { vpcId: "vpc-0a1b2c3d4e5f60700", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"], natGateways: "OnePerAz" } };
        const constructed = await construct(provider, deployment, "demo", args);
        assert.deepEqual(propertyErrors(constructed).map((e) => e.propertyPath), ["network.natGateways"]);
    });

    it("fails at once, with the same message as the TypeScript program, when an output value fails validation once known", async () => {
        const args = { network: { vpcId: { [sig]: outputValue, value: "vpc-BAD" }, privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"] } };
        const started = Date.now();
        const constructed = await construct(provider, deployment, "demo", args);
        // Without inspectWithoutColors, run-plugin's error formatting held the answer back for 56 to 155 s here.
        assert.ok(Date.now() - started < 40_000, `answered after ${Date.now() - started} ms`);
        const program = await typescriptProgram(deployment, "demo", args);
        const message = program.errors.map((e) => e.message).find((m) => m.includes("network.vpcId"));
        assert.ok(message, program.errors.map((e) => e.message).join("\n"));
        assert.ok(constructed.error?.details.includes(message), `${constructed.error?.details}\n${provider.output()}`);
        assert.deepEqual(comparable(constructed.registered).map((r) => r.urn), comparable(program.resources).map((r) => r.urn));
    });

    it("gives an error an uncolored inspection, which run-plugin makes of every unhandled rejection", () => {
        const error = new ValidationError([{ path: "network.vpcId", message: "must be a VPC id" }]);
        error.stack = `${error.message}\n    at applyHelperAsync (/work/main/node_modules/@pulumi/output.ts:516:31)`;
        inspectWithoutColors(error);
        assert.equal(inspect(error, { colors: true }), error.stack);
    });
});
