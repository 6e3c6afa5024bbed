import * as assert from "node:assert/strict";
import { KarpenterClusterArgs } from "../../components";
import { runPolicies } from "../../plan/policyHarness";
import { toEngineResources, toStackExport } from "../../plan/stackExport";
import { registerCluster } from "../support/stack";
import { propsOf, unknownValue, urnOf, validStack, validStackWithout } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const policy = "spot-service-linked-role";
const nodePoolUrn = urnOf("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool");

/** The valid stack (a spot and on-demand NodePool) without the spot service-linked role. */
const withoutRole = () => validStackWithout("spot-service-linked-role");

function withCapacityTypes(values: string[] | undefined) {
    const resources = withoutRole();
    const template = propsOf(resources, "default-nodepool").spec.template;
    template.spec.requirements = template.spec.requirements.filter((r: { key: string }) => r.key !== "karpenter.sh/capacity-type");
    if (values !== undefined) {
        template.spec.requirements.push({ key: "karpenter.sh/capacity-type", operator: "In", values });
    }
    return resources;
}

describe("spot-service-linked-role", () => {
    it("accepts a spot NodePool in a stack that creates the spot service-linked role", async () => {
        await expectNoFindings(validStack());
    });

    it("reports a spot NodePool without the role, naming the component setting and the CLI alternative (advisory)", async () => {
        const [finding] = await expectFindings(withoutRole(), [
            { policy, level: "advisory", urn: nodePoolUrn, message: 'NodePool "default" allows spot capacity, but the stack creates no service-linked role for spot.amazonaws.com' },
        ]);
        assert.match(finding.message, /AuthFailure\.ServiceLinkedRoleCreationNotPermitted/);
        assert.match(finding.message, /set spotServiceLinkedRole: true on the KarpenterCluster, or run aws iam create-service-linked-role --aws-service-name spot\.amazonaws\.com once per account/);
    });

    it("reports a NodePool with no capacity-type requirement: Karpenter then prefers spot", async () => {
        await expectFindings(withCapacityTypes(undefined), [{ policy, level: "advisory", message: 'NodePool "default" allows spot capacity' }]);
    });

    it("accepts on-demand-only NodePools without the role", async () => {
        await expectNoFindings(withCapacityTypes(["on-demand"]));
    });

    it("does not count a service-linked role of another service", async () => {
        const resources = validStack();
        propsOf(resources, "spot-service-linked-role").awsServiceName = "elasticbeanstalk.amazonaws.com";
        await expectFindings(resources, [{ policy, level: "advisory", message: "no service-linked role for spot.amazonaws.com" }]);
    });

    it("judges nothing while the role's service or the NodePool's requirements are unknown", async () => {
        const unknownService = validStack();
        propsOf(unknownService, "spot-service-linked-role").awsServiceName = unknownValue;
        await expectNoFindings(unknownService);
        const unknownRequirements = withoutRole();
        propsOf(unknownRequirements, "default-nodepool").spec.template.spec.requirements = unknownValue;
        await expectNoFindings(unknownRequirements);
    });

    it("follows the component's spotServiceLinkedRole setting", async () => {
        const findingsFor = async (args: KarpenterClusterArgs) => {
            const stack = await registerCluster({ clusterName: "prod", endpoint: { publicAccessCidrs: ["198.51.100.0/24"] }, ...args });
            assert.deepEqual(stack.errors, []);
            // A fixed day, so the default Kubernetes version never ages into an eks-version-support finding here.
            return (await runPolicies(toEngineResources(toStackExport(stack.resources, [])), { "eks-version-support": { asOf: "2026-11-30" } })).map((f) => f.policy);
        };
        const spotPools = { nodePools: [{ name: "batch", capacityTypes: ["spot", "on-demand"] as ("spot" | "on-demand")[] }] };
        assert.deepEqual(await findingsFor({ karpenter: spotPools }), [policy]);
        assert.deepEqual(await findingsFor({ karpenter: spotPools, spotServiceLinkedRole: true }), []);
    });
});
