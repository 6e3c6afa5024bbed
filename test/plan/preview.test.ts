import * as assert from "node:assert/strict";
import { planStack } from "../../plan/planStack";
import { runPolicies, unknownValue } from "../../plan/policyHarness";
import { toEngineResources } from "../../plan/stackExport";
import { editProps } from "../policies/fixtures";
import { projectDir } from "./support";

/**
 * The first `pulumi preview --policy-pack policies` of a new stack knows no id, ARN or cluster
 * output. The component keeps those at the leaves, so the policies still see, and check, the
 * controller's scheduling, IAM documents and NodePools.
 */
describe("offline plan as the first preview of a new stack", () => {
    let plan: Awaited<ReturnType<typeof planStack>>;

    before(async () => {
        plan = await planStack({ projectDir, stack: "dev", firstPreview: true });
        assert.deepEqual(plan.problems, []);
    });

    function inputsOf(name: string): Record<string, any> {
        const resource = plan.stackExport.deployment.resources.find((r) => r.urn.endsWith(`::${name}`));
        assert.ok(resource, name);
        return resource.inputs as Record<string, any>;
    }

    it("leaves only what the cloud computes unknown", () => {
        const values = inputsOf("cluster-karpenter").values;
        assert.equal(values.settings.clusterEndpoint, unknownValue);
        assert.equal(values.settings.clusterName, "karpenter-dev");
        assert.equal(values.settings.interruptionQueue, "karpenter-dev");
        assert.equal(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/KarpenterController-karpenter-dev");
        assert.deepEqual(values.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists" }]);
        assert.equal(inputsOf("cluster-controller-role").assumeRolePolicy, unknownValue, "the OIDC issuer is not known before the cluster exists");
        assert.match(inputsOf("cluster-controller-IAMIntegration-policy").policy, /"Resource":"arn:aws:iam::123456789012:role\/KarpenterNodeRole-karpenter-dev"/);
        assert.equal(inputsOf("cluster-nodeclass-default").spec.role, "KarpenterNodeRole-karpenter-dev");
    });

    it("passes the pack with no mandatory finding", () => {
        assert.deepEqual(plan.findings.filter((f) => f.enforcementLevel === "mandatory"), []);
    });

    it("still catches a controller that fits nowhere", async () => {
        const resources = toEngineResources(plan.stackExport);
        const release = resources.find((r) => r.name === "cluster-karpenter")!;
        editProps(release, (props) => (props.values.tolerations = []));
        const findings = await runPolicies(resources);
        assert.deepEqual(
            findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => [f.policy, f.urn]),
            [["karpenter-controller-off-karpenter-nodes", release.urn]],
        );
    });

    it("still catches a spot NodePool that nothing drains", async () => {
        const resources = toEngineResources(plan.stackExport);
        editProps(resources.find((r) => r.name === "cluster-karpenter")!, (props) => (props.values.settings.interruptionQueue = ""));
        const findings = await runPolicies(resources);
        assert.deepEqual(
            findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => [f.policy, f.urn?.split("::").pop()]),
            [["interruption-handling", "cluster-nodepool-batch"]],
        );
    });
});
