import * as assert from "node:assert/strict";
import { nodePoolLimitsRequired } from "../../policies/rules/nodepools";
import { unknownValue, urnOf, validStack, validStackWith } from "./fixtures";
import { callResourcePolicy, expectFindings, expectNoFindings } from "./helpers";

const nodePoolUrn = urnOf("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool");

function withNodePool(change: (spec: Record<string, any>) => void) {
    return validStackWith("default-nodepool", (props) => change(props.spec));
}

function withRequirements(change: (requirements: Record<string, any>[]) => Record<string, any>[]) {
    return withNodePool((spec) => (spec.template.spec.requirements = change(spec.template.spec.requirements)));
}

const without = (key: string) => (reqs: Record<string, any>[]) => reqs.filter((r) => r.key !== key);

describe("nodepool-limits-required", () => {
    it("reports a NodePool without limits", async () => {
        await expectFindings(
            withNodePool((spec) => delete spec.limits),
            [{ policy: "nodepool-limits-required", level: "mandatory", message: 'NodePool "default" must set spec.limits.cpu and spec.limits.memory', urn: nodePoolUrn }],
        );
    });

    it("names the one missing limit", async () => {
        await expectFindings(
            withNodePool((spec) => delete spec.limits.memory),
            [{ policy: "nodepool-limits-required", level: "mandatory", message: /must set spec\.limits\.memory so/ }],
        );
    });

    it("holds spec.limits.cpu to maxCpu from its config, in any quantity notation", async () => {
        await expectFindings(validStack(), [{ policy: "nodepool-limits-required", level: "mandatory", message: 'NodePool "default" must set spec.limits.cpu to at most 64 (maxCpu), not 100.' }], { "nodepool-limits-required": { maxCpu: 64 } });
        await expectNoFindings(validStack(), { "nodepool-limits-required": { maxCpu: 100 } });
        await expectFindings(withNodePool((spec) => (spec.limits.cpu = "100500m")), [{ policy: "nodepool-limits-required", level: "mandatory", message: 'not 100500m' }], { "nodepool-limits-required": { maxCpu: 100 } });
    });

    it("skips limits that are unknown during preview", async () => {
        await expectNoFindings(withNodePool((spec) => (spec.limits = unknownValue)));
        await expectNoFindings(withNodePool((spec) => (spec.limits.cpu = unknownValue)));
    });

    it("is not applicable to other types, the way validateResourceOfType is", async () => {
        const result = await callResourcePolicy(nodePoolLimitsRequired, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", { spec: {} });
        assert.deepEqual(result.violations, []);
        assert.match(result.notApplicable ?? "", /only applies to resources of type 'kubernetes:karpenter\.sh\/v1:NodePool'/);
    });
});

describe("nodepool-exotic-instances", () => {
    it("flags metal sizes when nothing excludes them (advisory)", async () => {
        await expectFindings(withRequirements(without("karpenter.k8s.aws/instance-hypervisor")), [
            { policy: "nodepool-exotic-instances", level: "advisory", message: 'NodePool "default" must exclude bare-metal instances', urn: nodePoolUrn },
        ]);
    });

    it("flags u-* high-memory families when the category is not restricted", async () => {
        await expectFindings(withRequirements(without("karpenter.k8s.aws/instance-category")), [
            { policy: "nodepool-exotic-instances", level: "advisory", message: "must exclude u-* high-memory instances" },
        ]);
    });

    it("accepts other ways of excluding them: instance-size NotIn metal, category NotIn u, an explicit instance-type list", async () => {
        await expectNoFindings(
            withRequirements((reqs) => [
                ...without("karpenter.k8s.aws/instance-hypervisor")(without("karpenter.k8s.aws/instance-category")(reqs)),
                { key: "karpenter.k8s.aws/instance-size", operator: "NotIn", values: ["metal", "metal-24xl"] },
                { key: "karpenter.k8s.aws/instance-category", operator: "NotIn", values: ["u", "x"] },
            ]),
        );
        // Two types are few enough for nodepool-instance-choice; this case is about exotic families only.
        await expectNoFindings(withRequirements((reqs) => [...without("karpenter.k8s.aws/instance-hypervisor")(reqs), { key: "node.kubernetes.io/instance-type", operator: "In", values: ["m6i.large", "c6i.xlarge"] }]), {
            "nodepool-instance-choice": "disabled",
        });
    });

    it("honours allowMetal and allowedFamilies from policy config", async () => {
        const metal = withRequirements(without("karpenter.k8s.aws/instance-hypervisor"));
        await expectNoFindings(metal, { "nodepool-exotic-instances": { allowMetal: true } });
        const family = withRequirements((reqs) => [...without("karpenter.k8s.aws/instance-hypervisor")(without("karpenter.k8s.aws/instance-category")(reqs)), { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["u-6tb1", "c7i"] }]);
        // Two families leave few types for nodepool-instance-choice; this case is about exotic families only.
        await expectNoFindings(family, { "nodepool-exotic-instances": { allowedFamilies: ["u-6tb1", "c7i"] }, "nodepool-instance-choice": "disabled" });
        await expectFindings(family, [{ policy: "nodepool-exotic-instances", level: "advisory", message: "bare-metal" }], {
            "nodepool-exotic-instances": { allowedFamilies: ["u-6tb1"] },
            "nodepool-instance-choice": "disabled",
        });
    });

    it("can be made mandatory through config", async () => {
        await expectFindings(withRequirements(without("karpenter.k8s.aws/instance-hypervisor")), [{ policy: "nodepool-exotic-instances", level: "mandatory", message: "bare-metal" }], {
            "nodepool-exotic-instances": "mandatory",
        });
    });

    it("skips requirements that are unknown during preview", async () => {
        await expectNoFindings(withNodePool((spec) => (spec.template.spec.requirements = unknownValue)));
    });
});

describe("nodepool-disruption", () => {
    it("reports consolidateAfter 0s (advisory)", async () => {
        await expectFindings(withNodePool((spec) => (spec.disruption.consolidateAfter = "0s")), [
            { policy: "nodepool-disruption", level: "advisory", message: 'NodePool "default" must set spec.disruption.consolidateAfter to a non-zero duration or Never; it is "0s"', urn: nodePoolUrn },
        ]);
    });

    it("treats an omitted consolidateAfter as the CRD default 0s", async () => {
        await expectFindings(withNodePool((spec) => delete spec.disruption.consolidateAfter), [{ policy: "nodepool-disruption", level: "advisory", message: "unset (defaults to 0s)" }]);
    });

    it("reports missing budgets", async () => {
        await expectFindings(withNodePool((spec) => delete spec.disruption.budgets), [{ policy: "nodepool-disruption", level: "advisory", message: "must declare explicit spec.disruption.budgets" }]);
    });

    it("accepts Never and skips unknown values", async () => {
        await expectNoFindings(withNodePool((spec) => (spec.disruption.consolidateAfter = "Never")));
        await expectNoFindings(withNodePool((spec) => (spec.disruption.consolidateAfter = unknownValue)));
        await expectNoFindings(withNodePool((spec) => (spec.disruption = unknownValue)));
    });
});

describe("nodepool-capacity-types", () => {
    const onDemandOnly = { "nodepool-capacity-types": { allowedCapacityTypes: ["on-demand"] } };
    const capacity = (operator: string, values: string[]) => withRequirements((reqs) => [...without("karpenter.sh/capacity-type")(reqs), { key: "karpenter.sh/capacity-type", operator, values }]);

    it("allows every capacity type by default", async () => {
        await expectNoFindings(withRequirements(without("karpenter.sh/capacity-type")));
    });

    it("reports a NodePool that can launch a capacity type the config leaves out", async () => {
        await expectFindings(validStack(), [{ policy: "nodepool-capacity-types", level: "mandatory", message: 'NodePool "default" can launch spot capacity; it must require karpenter.sh/capacity-type In [on-demand]', urn: nodePoolUrn }], onDemandOnly);
    });

    it("counts a NodePool without the requirement as launching every type", async () => {
        await expectFindings(withRequirements(without("karpenter.sh/capacity-type")), [{ policy: "nodepool-capacity-types", level: "mandatory", message: "can launch spot and reserved capacity (it has no karpenter.sh/capacity-type requirement that excludes them)" }], onDemandOnly);
    });

    it("reads In, NotIn and unknown requirements", async () => {
        await expectNoFindings(capacity("In", ["on-demand"]), onDemandOnly);
        await expectFindings(capacity("NotIn", ["spot"]), [{ policy: "nodepool-capacity-types", level: "mandatory", message: "can launch reserved capacity" }], onDemandOnly);
        await expectNoFindings(withNodePool((spec) => (spec.template.spec.requirements = unknownValue)), onDemandOnly);
    });
});
