import * as assert from "node:assert/strict";
import { CapturedResource } from "../../plan/capture";
import { fixedCost } from "../../plan/cost/fixedCost";
import { planStack } from "../../plan/planStack";
import { projectDir } from "../plan/support";

const today = new Date("2026-11-30T12:00:00Z");
const lineSummary = (cost: ReturnType<typeof fixedCost>) => cost.lines.map((l) => [l.unitPrice, l.count, l.monthly]);

function resource(type: string, name: string, inputs: Record<string, unknown>, parent?: string): CapturedResource {
    return { urn: `urn:pulumi:test::p::${type}::${name}`, type, name, custom: !type.includes("index") && !type.startsWith("awsx"), remote: false, dependencies: [], propertyDependencies: {}, inputs, outputs: {}, aliases: [], ...(parent ? { parent } : {}) };
}

describe("fixed cost of a planned stack", () => {
    it("dev stack: $257.66 a month before any workload, each line hand-computed", async () => {
        const plan = await planStack({ projectDir, stack: "dev", today });
        const cost = plan.costEstimate!.fixed;
        assert.deepEqual(lineSummary(cost), [
            [0.1, 1, 73], // EKS 1.35 in standard support on 2026-11-30: 0.10 × 730
            [0.045, 1, 32.85], // natGateways: Single
            [0.005, 1, 3.65], // the NAT gateway's Elastic IP
            [0.096, 2, 140.16], // critical-addons minSize 2 × m6i.large (first of its types)
            [0.08, 100, 8], // 2 × 50 GB gp3 from the launch template
        ]);
        assert.equal(cost.monthly, 257.66);
        assert.equal(cost.hourly, Math.round((257.66 / 730) * 1e4) / 1e4);
        assert.deepEqual(cost.notEstimated.map((n) => n.item), ["CloudWatch Logs (control-plane logs)", "NAT gateway data processing", "SQS interruption queue"]);
        assert.deepEqual([plan.costEstimate!.pricesRegion, plan.costEstimate!.stackRegion], ["us-east-1", "us-west-2"]);
    });

    it("private stack: eight interface endpoints over three AZs and no NAT gateway", async () => {
        const plan = await planStack({ projectDir, stack: "private", today });
        const endpoints = plan.costEstimate!.fixed.lines.find((l) => l.unit === "endpoint-AZ-hour")!;
        assert.deepEqual([endpoints.count, endpoints.monthly], [24, 175.2]);
        assert.ok(!plan.costEstimate!.fixed.lines.some((l) => l.unit === "NAT gateway-hour" || l.unit === "address-hour"));
    });

    it("bills extended support from the calendar's date, unless the upgrade policy is STANDARD", () => {
        const cluster = (upgradePolicy?: object) => [resource("aws:eks/cluster:Cluster", "c", { version: "1.35", ...(upgradePolicy ? { upgradePolicy } : {}) })];
        const later = new Date("2027-03-27T00:00:00Z");
        assert.deepEqual(lineSummary(fixedCost(cluster(), later)), [[0.6, 1, 438]]);
        assert.deepEqual(lineSummary(fixedCost(cluster({ supportType: "STANDARD" }), later)), [[0.1, 1, 73]]);
        assert.deepEqual(lineSummary(fixedCost(cluster(), new Date("2027-03-26T23:59:59Z"))), [[0.1, 1, 73]]);
    });

    it("counts NAT gateways from awsx Vpc inputs when its children are not recorded", () => {
        const vpc = (inputs: Record<string, unknown>) => fixedCost([resource("awsx:ec2:Vpc", "vpc", inputs)], today);
        assert.deepEqual(lineSummary(vpc({})), [
            [0.045, 3, 98.55], // OnePerAz over awsx's default 3 zones
            [0.005, 3, 10.95],
        ]);
        assert.deepEqual(lineSummary(vpc({ natGateways: { strategy: "OnePerAz" }, numberOfAvailabilityZones: 2 })), [
            [0.045, 2, 65.7],
            [0.005, 2, 7.3],
        ]);
        assert.deepEqual(lineSummary(vpc({ natGateways: { strategy: "Single", elasticIpAllocationIds: ["eipalloc-1"] } })), [[0.045, 1, 32.85]]);
        assert.deepEqual(lineSummary(vpc({ natGateways: { strategy: "None" } })), []);
        // With children recorded, the children are counted and the inputs are not.
        const withChild = fixedCost([resource("awsx:ec2:Vpc", "vpc", {}), resource("aws:ec2/subnet:Subnet", "s", {}, "urn:pulumi:test::p::awsx:ec2:Vpc::vpc")], today);
        assert.deepEqual(lineSummary(withChild), []);
    });

    it("prices a node group's first instance type, and names what it cannot price", () => {
        const group = resource("aws:eks/nodeGroup:NodeGroup", "g", { nodeGroupName: "system", instanceTypes: ["c6i.large", "m6i.large"], scalingConfig: { minSize: 3 } });
        const cost = fixedCost([group], today);
        assert.deepEqual(lineSummary(cost), [[0.085, 3, 186.15]]);
        assert.deepEqual(cost.notEstimated, [{ item: "node group system root volumes", reason: "sized and typed by the AMI (no launch template volume)" }]);
        const byDefault = fixedCost([resource("aws:eks/nodeGroup:NodeGroup", "g", { scalingConfig: { minSize: 1 } })], today);
        assert.match(byDefault.lines[0].item, /t3\.medium/);
    });
});
