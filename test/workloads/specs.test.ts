import * as assert from "node:assert/strict";
import { limitRangeObject, resolveArgs, smokeTestObject, tolerationOf } from "../../components";

const resolved = (args: Parameters<typeof resolveArgs>[1]) => resolveArgs("test", args);

describe("pod defaults", () => {
    it("give containers without requests a size, and a memory limit but no CPU limit by default", () => {
        const podDefaults = resolved({ podDefaults: { namespaces: ["apps"] } }).podDefaults!;
        assert.deepEqual(limitRangeObject(podDefaults, "apps"), {
            apiVersion: "v1",
            kind: "LimitRange",
            metadata: { name: "pod-defaults", namespace: "apps" },
            spec: { limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { memory: "512Mi" } }] },
        });
    });

    it("default each field separately", () => {
        const podDefaults = resolved({ podDefaults: { namespaces: ["apps"], defaultRequest: { cpu: "250m" }, defaultLimit: { cpu: "2" } } }).podDefaults!;
        assert.deepEqual(limitRangeObject(podDefaults, "apps").spec, {
            limits: [{ type: "Container", defaultRequest: { cpu: "250m", memory: "128Mi" }, default: { memory: "512Mi", cpu: "2" } }],
        });
    });

    it("create only namespaces that do not exist already", () => {
        const cases: [string[], boolean, string | undefined, string[]][] = [
            [["apps", "default", "kube-system"], true, undefined, ["apps"]],
            [["apps", "karpenter"], true, "karpenter", ["apps"]],
            [["apps"], false, undefined, []],
        ];
        for (const [namespaces, createNamespaces, karpenterNamespace, expected] of cases) {
            const args = { podDefaults: { namespaces, createNamespaces }, karpenter: { namespace: karpenterNamespace } };
            assert.deepEqual(resolved(args).podDefaults!.namespacesToCreate, expected, JSON.stringify(args));
        }
    });
});

describe("smoke test", () => {
    const args = {
        karpenter: { nodePools: [{ name: "default" }, { name: "batch", taints: [{ key: "workload", value: "batch", effect: "NoSchedule" as const }, { key: "gpu", effect: "NoExecute" as const }] }] },
    };

    it("is off unless enabled, and targets the first NodePool by default", () => {
        assert.equal(resolved({ smokeTest: { nodePool: "default" } }).smokeTest, undefined);
        assert.equal(resolved({ ...args, smokeTest: { enabled: true } }).smokeTest!.nodePool, "default");
    });

    it("pins pause pods to its NodePool at zero replicas, with a CPU request, tolerating exactly the pool's taints", () => {
        const config = resolved({ ...args, smokeTest: { enabled: true, nodePool: "batch" } });
        const deployment = smokeTestObject(config.smokeTest!, config.karpenter.nodePools[1]) as any;
        assert.equal(deployment.metadata.name, "inflate");
        assert.equal(deployment.metadata.namespace, "default");
        assert.equal(deployment.spec.replicas, 0);
        const pod = deployment.spec.template.spec;
        assert.deepEqual(pod.nodeSelector, { "karpenter.sh/nodepool": "batch" });
        assert.deepEqual(pod.tolerations, [
            { key: "workload", operator: "Equal", value: "batch", effect: "NoSchedule" },
            { key: "gpu", operator: "Exists", effect: "NoExecute" },
        ]);
        const [container] = pod.containers;
        assert.equal(container.image, "public.ecr.aws/eks-distro/kubernetes/pause:3.7");
        assert.deepEqual(container.resources, { requests: { cpu: "1", memory: "128Mi" }, limits: { memory: "128Mi" } });
        assert.equal(container.securityContext.allowPrivilegeEscalation, false);
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.deepEqual(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels);
    });

    it("tolerates a taint without a value by key, and nothing on an untainted pool", () => {
        assert.deepEqual(tolerationOf({ key: "team", effect: "NoSchedule" }), { key: "team", operator: "Exists", effect: "NoSchedule" });
        const config = resolved({ ...args, smokeTest: { enabled: true } });
        assert.deepEqual((smokeTestObject(config.smokeTest!, config.karpenter.nodePools[0]) as any).spec.template.spec.tolerations, []);
    });
});
