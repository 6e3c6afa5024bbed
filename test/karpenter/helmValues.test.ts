import * as assert from "node:assert/strict";
import { ControllerValuesInputs, extraValuesProblems, helmMerge, karpenterValues, resolveArgs, KarpenterArgs } from "../../components";
import { leafPaths } from "../../components/karpenter/helmMerge";
import { karpenterChartKeys } from "../fixtures/karpenterChartKeys";

const inputs: ControllerValuesInputs = {
    clusterName: "prod",
    clusterEndpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
    region: "us-west-2",
    controllerRoleArn: "arn:aws:iam::111122223333:role/KarpenterController-prod",
    interruptionQueueName: "prod",
    nodeGroupLabels: { "critical-addons": "true" },
};

function karpenter(args: KarpenterArgs = {}) {
    return resolveArgs("prod", { karpenter: args }).karpenter;
}

function values(args: KarpenterArgs = {}, overrides: Partial<ControllerValuesInputs> = {}): Record<string, any> {
    return karpenterValues(karpenter(args), { ...inputs, ...overrides });
}

describe("Karpenter Helm values", () => {
    it("point the controller at this cluster, its queue by name, and its IRSA role", () => {
        const v = values();
        assert.deepEqual(v.settings, { clusterName: "prod", clusterEndpoint: inputs.clusterEndpoint, interruptionQueue: "prod", isolatedVPC: false });
        assert.deepEqual(v.serviceAccount, {
            create: true,
            name: "karpenter",
            annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/KarpenterController-prod" },
        });
        assert.deepEqual(v.controller.env, [{ name: "AWS_REGION", value: "us-west-2" }]);
    });

    it("keep two replicas off Karpenter nodes, on the critical-addons nodes, spread over hosts and zones", () => {
        const v = values();
        assert.equal(v.replicas, 2);
        assert.deepEqual(v.podDisruptionBudget, { name: "karpenter", maxUnavailable: 1 });
        assert.equal(v.priorityClassName, "system-cluster-critical");
        assert.deepEqual(v.nodeSelector, { "kubernetes.io/os": "linux", "critical-addons": "true" });
        assert.deepEqual(v.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
            {
                matchExpressions: [
                    { key: "karpenter.sh/nodepool", operator: "DoesNotExist" },
                    { key: "critical-addons", operator: "In", values: ["true"] },
                ],
            },
        ]);
        assert.deepEqual(v.affinity.podAntiAffinity, { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] });
        assert.deepEqual(v.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists" }]);
        assert.deepEqual(v.topologySpreadConstraints, [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }]);
        assert.deepEqual(v.controller.resources, { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } });
    });

    it("leave the queue empty without native handling and the annotation off with Pod Identity", () => {
        const v = values({ identity: "podIdentity", interruption: "nodeTerminationHandler" }, { controllerRoleArn: undefined, interruptionQueueName: undefined });
        assert.equal(v.settings.interruptionQueue, "");
        assert.deepEqual(v.serviceAccount.annotations, {});
    });

    it("on Fargate, select no node group but still exclude NodePool nodes", () => {
        const v = values({ placement: "fargate" });
        assert.deepEqual(v.nodeSelector, { "kubernetes.io/os": "linux" });
        assert.deepEqual(v.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
            { matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] },
        ]);
    });

    it("keep the chart's controller image unless told where to pull it from, then set only its repository", () => {
        assert.equal(values().controller.image, undefined);
        const repository = "111122223333.dkr.ecr.us-west-2.amazonaws.com/ecr-public-prod/karpenter/controller";
        // The chart composes repository:tag@digest; leaving tag and digest to it keeps the release's own image.
        assert.deepEqual(values({}, { controllerImageRepository: repository }).controller.image, { repository });
        // extraValues still win, for a registry of the user's own.
        const own = values({ extraValues: { controller: { image: { repository: "registry.example.com/karpenter/controller" } } } }, { controllerImageRepository: repository });
        assert.deepEqual(own.controller.image, { repository: "registry.example.com/karpenter/controller" });
    });

    it("merge extra values the way Helm does", () => {
        const v = values({ extraValues: { logLevel: "debug", settings: { featureGates: { spotToSpotConsolidation: true } }, podAnnotations: { a: "b" } } });
        assert.equal(v.logLevel, "debug");
        assert.deepEqual(v.settings.featureGates, { spotToSpotConsolidation: true });
        assert.equal(v.settings.clusterName, "prod");
        // null goes through to Helm, which reads it as "drop the chart's default".
        assert.deepEqual(helmMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, d: null }), { a: { b: 1, c: [2] }, d: null });
    });
});

describe("extra values that would break the controller", () => {
    const labels = { "critical-addons": "true" };

    it("may not override identity, queue, cluster or replicas", () => {
        assert.deepEqual(
            extraValuesProblems(karpenter({ extraValues: { settings: { clusterName: "other" }, serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "x" } }, replicas: 1 } }), labels).map(([path]) => path),
            ["settings.clusterName", "serviceAccount.annotations.eks.amazonaws.com/role-arn", "replicas"],
        );
    });

    it("may replace affinity only if every term still excludes NodePool nodes", () => {
        const dropped = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "critical-addons", operator: "In", values: ["true"] }] }] } } } };
        assert.deepEqual(extraValuesProblems(karpenter({ extraValues: dropped }), labels).map(([path]) => path), ["affinity.nodeAffinity"]);
        const kept = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }, { key: "pool", operator: "In", values: ["system"] }] }] } } } };
        assert.deepEqual(extraValuesProblems(karpenter({ extraValues: kept }), labels), []);
    });

    it("may not drop the toleration or the node group selector", () => {
        assert.deepEqual(
            extraValuesProblems(karpenter({ extraValues: { tolerations: [], nodeSelector: { "critical-addons": null } } }), labels).map(([path]) => path),
            ["nodeSelector.critical-addons", "tolerations"],
        );
        assert.deepEqual(extraValuesProblems(karpenter({ extraValues: { tolerations: [{ operator: "Exists" }] } }), labels), []);
    });
});

describe("Karpenter Helm value keys", () => {
    /** The key of `path` in the chart, or undefined when the chart has no such key. */
    function chartKeyOf(path: string): string | undefined {
        const { leaves, maps, lists, objects } = karpenterChartKeys;
        return [...leaves, ...maps, ...lists, ...objects].find((key) => path === key || path.startsWith(`${key}.`));
    }

    for (const [label, args, overrides] of [
        ["default", {}, {}],
        ["fargate", { placement: "fargate" }, {}],
        ["pod identity without queue", { identity: "podIdentity", interruption: "none" }, {}],
        ["controller image through a pull-through cache", {}, { controllerImageRepository: "111122223333.dkr.ecr.us-west-2.amazonaws.com/p/karpenter/controller" }],
    ] as [string, KarpenterArgs, Partial<ControllerValuesInputs>][]) {
        it(`are all chart keys (${label})`, () => {
            const unknown = leafPaths(values(args, overrides)).filter((path) => chartKeyOf(path) === undefined);
            assert.deepEqual(unknown, []);
        });
    }
});
