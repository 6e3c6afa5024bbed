import * as assert from "node:assert/strict";
import * as path from "path";
import { planStack } from "../../plan/planStack";

const examples = path.resolve(__dirname, "../../examples");

async function planExample(name: string) {
    const plan = await planStack({ projectDir: path.join(examples, name), stack: "example" });
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.findings.filter((f) => f.enforcementLevel === "mandatory"), []);
    return plan;
}

function values(plan: Awaited<ReturnType<typeof planStack>>, releaseName: string): Record<string, any> {
    const release = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && (r.inputs.name as string) === releaseName);
    assert.ok(release, `no release ${releaseName}`);
    return release.inputs.values as Record<string, any>;
}

describe("examples, planned like any stack", () => {
    it("new-vpc: a new VPC, the defaults, a workload namespace through the component's provider, an add-on on the critical-addons group", async () => {
        const plan = await planExample("new-vpc");
        assert.ok(plan.resources.some((r) => r.type === "awsx:ec2:Vpc"));
        const namespace = plan.resources.find((r) => r.type === "kubernetes:core/v1:Namespace")!;
        assert.match(namespace.provider!, /pulumi:providers:kubernetes::platform-k8s::/);
        assert.equal(values(plan, "karpenter").settings.interruptionQueue, "platform-prod");
        const karpenter = values(plan, "karpenter");
        const metricsServer = values(plan, "metrics-server");
        assert.deepEqual(metricsServer.nodeSelector, { "critical-addons": "true" });
        assert.deepEqual(metricsServer.tolerations, karpenter.tolerations);
    });

    it("existing-vpc: tags the given subnets, private endpoint, Pod Identity and NTH", async () => {
        const plan = await planExample("existing-vpc");
        assert.equal(plan.resources.some((r) => r.type === "awsx:ec2:Vpc"), false);
        const tagged = plan.resources.filter((r) => r.type === "aws:ec2/tag:Tag" && (r.inputs.resourceId as string).startsWith("subnet-"));
        assert.deepEqual(tagged.map((r) => r.inputs.resourceId), ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722", "subnet-0a1b2c3d4e5f60733"]);
        assert.equal(plan.resources.find((r) => r.type === "eks:index:Cluster")!.inputs.endpointPublicAccess, false);
        assert.ok(plan.resources.some((r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation"));
        assert.equal(values(plan, "karpenter").settings.interruptionQueue, "");
        assert.equal(values(plan, "aws-node-termination-handler").enableSqsTerminationDraining, true);
        assert.equal(plan.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup")!.inputs.amiType, "AL2023_ARM_64_STANDARD");
    });

    it("multi-team: one tainted NodePool per team, spot and on-demand, Bottlerocket, controller on Fargate", async () => {
        const plan = await planExample("multi-team");
        const pools = Object.fromEntries(
            plan.resources.filter((r) => r.type === "kubernetes:karpenter.sh/v1:NodePool").map((r) => [(r.inputs.metadata as any).name, (r.inputs.spec as any)]),
        );
        assert.deepEqual(Object.keys(pools), ["default", "team-a", "team-b"]);
        const capacity = (pool: any) => pool.template.spec.requirements.find((q: any) => q.key === "karpenter.sh/capacity-type").values;
        assert.deepEqual([capacity(pools.default), capacity(pools["team-a"]), capacity(pools["team-b"])], [["on-demand"], ["spot", "on-demand"], ["spot"]]);
        assert.deepEqual(pools["team-b"].template.spec.taints, [{ key: "team", value: "team-b", effect: "NoSchedule" }]);
        assert.equal(pools["team-b"].template.spec.nodeClassRef.name, "bottlerocket");
        const bottlerocket = plan.resources.find((r) => r.type === "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass" && (r.inputs.metadata as any).name === "bottlerocket")!;
        assert.deepEqual((bottlerocket.inputs.spec as any).amiSelectorTerms, [{ alias: "bottlerocket@v1.64.0" }]);
        assert.ok(plan.resources.some((r) => r.type === "aws:eks/fargateProfile:FargateProfile"));
    });
});
