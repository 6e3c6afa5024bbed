import * as assert from "node:assert/strict";
import { helmMerge, karpenterChartDefaults } from "../../policies/lib/helm";
import { parseStatements, statementCoversAction, wildcardMatch } from "../../policies/lib/iam";
import { isKarpenterObject } from "../../policies/lib/presence";
import { chartKind, roleNameFromArnOrName } from "../../policies/lib/resources";
import { LabelDomain, NodeModel, matchRequirement, podFitsNode, tolerates } from "../../policies/lib/scheduling";
import { isUnknown, unwrapProps } from "../../policies/lib/values";
import { envValue, isKarpenterControllerImage, parseImage } from "../../policies/lib/workloads";
import { unknownCheckingProxy } from "@pulumi/policy";
import { unknownValue } from "./fixtures";

function node(labels: Record<string, LabelDomain | string>, taints: NodeModel["taints"] = []): NodeModel {
    const map = new Map(Object.entries(labels).map(([k, v]) => [k, typeof v === "string" ? ({ kind: "exact", value: v } as LabelDomain) : v]));
    return { description: "test node", labels: map, labelsOpen: false, taints };
}

describe("scheduling math", () => {
    const plain = node({ "kubernetes.io/os": "linux", size: "8" });

    it("evaluates every operator against exact labels", () => {
        const cases: [string, string[], string][] = [
            ["In", ["linux"], "yes"],
            ["In", ["windows"], "no"],
            ["NotIn", ["windows"], "yes"],
            ["Exists", [], "yes"],
            ["DoesNotExist", [], "no"],
        ];
        for (const [operator, values, want] of cases) {
            assert.equal(matchRequirement({ key: "kubernetes.io/os", operator, values }, plain), want, `${operator} ${values}`);
        }
        assert.equal(matchRequirement({ key: "size", operator: "Gt", values: ["4"] }, plain), "yes");
        assert.equal(matchRequirement({ key: "size", operator: "Lt", values: ["4"] }, plain), "no");
    });

    it("treats a missing label as satisfying NotIn and DoesNotExist only", () => {
        for (const [operator, want] of [["In", "no"], ["NotIn", "yes"], ["Exists", "no"], ["DoesNotExist", "yes"], ["Gt", "no"]]) {
            assert.equal(matchRequirement({ key: "missing", operator, values: ["1"] }, plain), want, operator);
        }
    });

    it("lets a NodePool pick any allowed value, and keeps unknown values unknown", () => {
        const pool = node({ zone: { kind: "oneOf", values: ["a", "b"] }, arch: { kind: "anyExcept", excluded: ["arm64"] }, name: { kind: "unknown" } });
        assert.equal(matchRequirement({ key: "zone", operator: "In", values: ["b", "c"] }, pool), "yes");
        assert.equal(matchRequirement({ key: "zone", operator: "In", values: ["c"] }, pool), "no");
        assert.equal(matchRequirement({ key: "arch", operator: "In", values: ["arm64"] }, pool), "no");
        assert.equal(matchRequirement({ key: "arch", operator: "In", values: ["amd64"] }, pool), "yes");
        assert.equal(matchRequirement({ key: "name", operator: "In", values: ["x"] }, pool), "unknown");
        assert.equal(matchRequirement({ key: "name", operator: "Exists" }, pool), "yes");
    });

    it("applies Kubernetes toleration rules", () => {
        const taint = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" as const };
        assert.equal(tolerates({ key: "CriticalAddonsOnly", operator: "Exists" }, taint), true);
        assert.equal(tolerates({ operator: "Exists" }, taint), true, "empty key with Exists tolerates everything");
        assert.equal(tolerates({ key: "", operator: "Equal", value: "true" }, taint), false);
        assert.equal(tolerates({ key: "CriticalAddonsOnly", value: "true" }, taint), true, "operator defaults to Equal");
        assert.equal(tolerates({ key: "CriticalAddonsOnly", value: "false" }, taint), false);
        assert.equal(tolerates({ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoExecute" }, taint), false);
    });

    it("ORs required terms, ANDs expressions, and matches nothing with an empty term", () => {
        const pod = (terms: { key: string; operator: string; values?: string[] }[][]) => ({ nodeSelector: {}, requiredTerms: terms, tolerations: [] });
        assert.equal(podFitsNode(pod([[{ key: "missing", operator: "Exists" }], [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }]]), plain).fit, "yes");
        assert.equal(podFitsNode(pod([[{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }, { key: "missing", operator: "Exists" }]]), plain).fit, "no");
        assert.equal(podFitsNode(pod([[]]), plain).fit, "no");
    });

    it("ignores PreferNoSchedule taints and is unknown about unknown taints unless everything is tolerated", () => {
        assert.equal(podFitsNode({ nodeSelector: {}, tolerations: [] }, node({}, [{ key: "x", effect: "PreferNoSchedule" }])).fit, "yes");
        assert.equal(podFitsNode({ nodeSelector: {}, tolerations: [] }, node({}, "unknown")).fit, "unknown");
        assert.equal(podFitsNode({ nodeSelector: {}, tolerations: [{ operator: "Exists" }] }, node({}, "unknown")).fit, "yes");
    });
});

describe("helm merge", () => {
    it("deep-merges maps, replaces arrays and deletes keys set to null", () => {
        const merged = helmMerge(karpenterChartDefaults, {
            nodeSelector: { "critical-addons": "true" },
            tolerations: [{ key: "other", operator: "Exists" }],
            affinity: { nodeAffinity: null },
        }) as Record<string, any>;
        assert.deepEqual(merged.nodeSelector, { "kubernetes.io/os": "linux", "critical-addons": "true" });
        assert.deepEqual(merged.tolerations, [{ key: "other", operator: "Exists" }]);
        assert.equal(merged.affinity.nodeAffinity, undefined);
        assert.deepEqual(merged.affinity.podAntiAffinity, { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] });
        assert.equal(merged.replicas, 2);
    });

    it("keeps an unknown override unknown", () => {
        const merged = helmMerge(karpenterChartDefaults, { nodeSelector: unknownValue }) as Record<string, unknown>;
        assert.ok(isUnknown(merged.nodeSelector));
    });
});

describe("IAM documents", () => {
    it("parses strings and objects, single statements and action strings", () => {
        const fromString = parseStatements('{"Statement":{"Effect":"Allow","Action":"ec2:Terminate*","Resource":"*"}}');
        assert.equal(fromString?.length, 1);
        assert.equal(statementCoversAction(fromString![0], "ec2:TerminateInstances"), true);
        assert.equal(statementCoversAction(fromString![0], "ec2:RunInstances"), false);
        const notAction = parseStatements({ Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] });
        assert.equal(statementCoversAction(notAction![0], "ec2:TerminateInstances"), true);
        assert.equal(statementCoversAction(notAction![0], "iam:PassRole"), false);
        assert.equal(parseStatements(unknownValue), undefined);
        assert.equal(parseStatements("{not json"), undefined);
    });

    it("matches IAM wildcards case-insensitively", () => {
        assert.equal(wildcardMatch("*", "iam:PassRole"), true);
        assert.equal(wildcardMatch("EC2:*", "ec2:TerminateInstances"), true);
        assert.equal(wildcardMatch("ec2:?erminateInstances", "ec2:TerminateInstances"), true);
        assert.equal(wildcardMatch("ec2:Describe*", "ec2:TerminateInstances"), false);
    });
});

describe("recognisers", () => {
    it("names charts by their last path segment", () => {
        assert.equal(chartKind({ chart: "oci://public.ecr.aws/karpenter/karpenter" }), "karpenter");
        assert.equal(chartKind({ chart: "oci://public.ecr.aws/karpenter/karpenter-crd" }), "karpenter-crd");
        assert.equal(chartKind({ chart: "eks/aws-node-termination-handler" }), "aws-node-termination-handler");
        assert.equal(chartKind({ chart: "metrics-server" }), "other");
        assert.equal(chartKind({ chart: unknownValue }), undefined);
    });

    it("takes role names from ARNs with paths", () => {
        assert.equal(roleNameFromArnOrName("arn:aws:iam::1:role/a/b/Nodes"), "Nodes");
        assert.equal(roleNameFromArnOrName("Nodes"), "Nodes");
        assert.equal(roleNameFromArnOrName("arn:aws:iam::1:user/Nodes"), undefined);
        assert.equal(roleNameFromArnOrName(unknownValue), undefined);
    });

    it("unwraps the SDK's unknown-checking proxy", () => {
        const proxied = unknownCheckingProxy({ a: unknownValue, b: { c: 1 } });
        assert.throws(() => proxied.a, /can't be known during preview/);
        const raw = unwrapProps(proxied);
        assert.ok(isUnknown(raw.a));
        assert.deepEqual(raw.b, { c: 1 });
    });
});

describe("workloads and presence", () => {
    it("splits image references at the tag and digest, not at a registry port", () => {
        assert.deepEqual(parseImage("public.ecr.aws/karpenter/controller:1.14.1@sha256:7231"), { repository: "public.ecr.aws/karpenter/controller", tag: "1.14.1", digest: "sha256:7231" });
        assert.deepEqual(parseImage("registry.local:5000/karpenter/controller"), { repository: "registry.local:5000/karpenter/controller" });
    });

    it("knows the controller image, also through an ECR pull-through cache", () => {
        assert.ok(isKarpenterControllerImage("111122223333.dkr.ecr.us-west-2.amazonaws.com/ecr-public/karpenter/controller:1.14.1"));
        assert.ok(!isKarpenterControllerImage("public.ecr.aws/karpenter/karpenter-webhook:0.37.0"));
        assert.ok(!isKarpenterControllerImage(undefined));
    });

    it("reads env values, and treats valueFrom as known only to the cluster", () => {
        const container = { env: [{ name: "CLUSTER_NAME", value: "demo" }, { name: "INTERRUPTION_QUEUE", valueFrom: { configMapKeyRef: { name: "k", key: "q" } } }] };
        assert.equal(envValue(container, "CLUSTER_NAME"), "demo");
        assert.ok(isUnknown(envValue(container, "INTERRUPTION_QUEUE")));
        assert.equal(envValue(container, "LOG_LEVEL"), undefined);
    });

    it("tells Karpenter's objects from others", () => {
        const cases: [string, Record<string, unknown>, boolean][] = [
            ["kubernetes:karpenter.sh/v1:NodePool", {}, true],
            ["kubernetes:karpenter.sh/v1alpha5:Provisioner", {}, true],
            ["kubernetes:helm.sh/v3:Release", { chart: "oci://public.ecr.aws/karpenter/karpenter-crd" }, true],
            ["kubernetes:helm.sh/v3:Release", { chart: "cluster-autoscaler" }, false],
            ["kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", { spec: { group: "karpenter.k8s.aws" } }, true],
            ["kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", { spec: { group: "cert-manager.io" } }, false],
            ["kubernetes:apps/v1:Deployment", { spec: { template: { spec: { containers: [{ image: "public.ecr.aws/karpenter/controller:1.14.1" }] } } } }, true],
            ["kubernetes:apps/v1:Deployment", { spec: { template: { spec: { containers: [{ image: "nginx:1.27" }] } } } }, false],
            ["kubernetes:core/v1:ServiceAccount", { metadata: { labels: { "helm.sh/chart": "karpenter-1.14.1" } } }, true],
            ["kubernetes:core/v1:ServiceAccount", { metadata: { labels: { "helm.sh/chart": "karpenter-ui-0.1.0" } } }, false],
            ["aws:eks/cluster:Cluster", { name: "karpenter" }, false],
        ];
        for (const [type, props, expected] of cases) {
            assert.equal(isKarpenterObject(type, props), expected, `${type} ${JSON.stringify(props)}`);
        }
    });
});
