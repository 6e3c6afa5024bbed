import * as assert from "node:assert/strict";
import { planStack } from "../../plan/planStack";
import { projectDir } from "./support";

describe("offline plan of the private stack", () => {
    let plan: Awaited<ReturnType<typeof planStack>>;

    before(async () => {
        plan = await planStack({ projectDir, stack: "private" });
    });

    it("plans cleanly: no problem and no finding at all", () => {
        assert.deepEqual(plan.problems, []);
        assert.deepEqual(plan.findings, []);
    });

    it("has every endpoint a cluster without NAT needs, in its region", () => {
        const services = plan.resources
            .filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")
            .map((r) => `${r.inputs.serviceName} ${r.inputs.vpcEndpointType}`)
            .sort();
        const expected = ["sts", "ec2", "ssm", "ecr.api", "ecr.dkr", "eks", "sqs", "logs"].map((s) => `com.amazonaws.eu-central-1.${s} Interface`);
        assert.deepEqual(services, [...expected, "com.amazonaws.eu-central-1.s3 Gateway"].sort());
        const cluster = plan.resources.find((r) => r.type === "eks:index:Cluster")!;
        assert.deepEqual([cluster.inputs.endpointPublicAccess, cluster.inputs.endpointPrivateAccess], [false, true]);
    });

    it("runs Karpenter isolated, with the private endpoint wired, and the smoke test and pod defaults in place", () => {
        const release = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.name === "karpenter")!;
        const settings = (release.inputs.values as Record<string, any>).settings;
        assert.equal(settings.isolatedVPC, true);
        assert.match(settings.clusterEndpoint, /^https:\/\/.+\.eu-central-1\.eks\.amazonaws\.com$/);
        const limitRangeNamespaces = plan.resources.filter((r) => r.type === "kubernetes:core/v1:LimitRange").map((r) => (r.inputs.metadata as any).namespace);
        assert.deepEqual(limitRangeNamespaces.sort(), ["apps", "default"]);
        const inflate = plan.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
        assert.deepEqual([(inflate.inputs.metadata as any).name, (inflate.inputs.spec as any).template.spec.nodeSelector], ["inflate", { "karpenter.sh/nodepool": "default" }]);
    });

    it("plans cleanly as the first preview too, with every endpoint's service already known", async () => {
        const preview = await planStack({ projectDir, stack: "private", firstPreview: true });
        assert.deepEqual([preview.problems, preview.findings], [[], []]);
        const services = preview.resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").map((r) => r.inputs.serviceName);
        assert.ok(services.includes("com.amazonaws.eu-central-1.sts"), JSON.stringify(services));
    });
});
