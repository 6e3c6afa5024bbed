import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { KarpenterCluster, KarpenterClusterArgs } from "../../components";
import { defaultMockEnvironment } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";

const getAvailabilityZones = "aws:index/getAvailabilityZones:getAvailabilityZones";
const existingSubnets = ["subnet-0abc1234def567890", "subnet-0123456789abcdef0"];

/** Runs `new KarpenterCluster("test", args)` under the realistic mocks, answering AZ lookups with `zones`. */
async function register(args: KarpenterClusterArgs, region = defaultMockEnvironment.region, zones: string[] = []) {
    const tokens: string[] = [];
    const run = await runProgram({
        project: "karpenter-cluster",
        stack: "test",
        config: { "aws:region": region },
        env: { ...defaultMockEnvironment, region },
        program: () => new KarpenterCluster("test", args),
        wrapMocks: (mocks) => ({
            newResource: (a) => mocks.newResource(a),
            call: (a) => {
                tokens.push(a.token);
                return a.token === getAvailabilityZones ? { id: region, names: zones, zoneIds: zones } : mocks.call(a);
            },
        }),
    });
    return { types: run.resources.map((r) => r.type), errors: run.errors.map((e) => e.message), tokens };
}

/** What a failed late check leaves registered: the stack and the component, no child. */
const nothingCreated = ["pulumi:pulumi:Stack", "karpenter-cluster:index:KarpenterCluster"];

/** Late checks (the region, Outputs) run before any child of the component is registered. */
describe("KarpenterCluster: late checks gate creation", () => {
    it("registers no child when a NodePool names a zone of another region", async () => {
        const run = await register({ karpenter: { nodePools: [{ name: "batch", zones: ["us-east-1a"] }] } });
        assert.deepEqual(run.types, nothingCreated);
        assert.deepEqual(run.errors, ['invalid configuration (1 problem):\n  - karpenter.nodePools[0].zones[0]: must be a zone of region us-west-2 such as "us-west-2a", got "us-east-1a"']);
    });

    it("registers no child when an Output resolves to a malformed VPC id", async () => {
        const run = await register({ network: { vpcId: pulumi.output("vpc-123"), privateSubnetIds: existingSubnets } });
        assert.deepEqual(run.types, nothingCreated);
        assert.deepEqual(run.errors, ['invalid configuration (1 problem):\n  - network.vpcId: must be a VPC id such as "vpc-0abc1234def567890", got "vpc-123"']);
    });

    it("creates the stack from an Output VPC id and subnet, without hanging", async () => {
        const run = await register({ network: { vpcId: pulumi.output("vpc-0abc1234def567890"), privateSubnetIds: [existingSubnets[0], pulumi.output(existingSubnets[1])] } });
        assert.deepEqual(run.errors, []);
        assert.ok(run.types.includes("eks:index:Cluster") && run.types.includes("kubernetes:karpenter.sh/v1:NodePool"));
    });

    it("checks the AZ count of a known region without asking the provider", async () => {
        const run = await register({ network: { availabilityZoneCount: 5 } });
        assert.deepEqual(run.types, nothingCreated);
        assert.deepEqual(run.errors, ["invalid configuration (1 problem):\n  - network.availabilityZoneCount: must be at most 4, the number of Availability Zones region us-west-2 offers, got 5"]);
        assert.ok(!run.tokens.includes(getAvailabilityZones));
    });

    it("looks the AZs up where accounts differ, and registers no child when there are too few", async () => {
        const run = await register({}, "us-west-1", ["us-west-1a", "us-west-1c"]);
        assert.deepEqual(run.types, nothingCreated);
        assert.deepEqual(run.errors, ["invalid configuration (1 problem):\n  - network.availabilityZoneCount: must be at most 2, the number of Availability Zones region us-west-1 offers, got 3"]);
        assert.deepEqual(run.tokens.filter((t) => t === getAvailabilityZones), [getAvailabilityZones]);
    });
});
