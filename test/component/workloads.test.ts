import * as assert from "node:assert/strict";
import { registerCluster } from "../support/stack";

describe("KarpenterCluster pod defaults and smoke test", () => {
    it("puts a LimitRange in each namespace, creating only the ones asked for, and an inflate Deployment after the NodePools", async () => {
        const stack = await registerCluster({
            karpenter: { nodePools: [{ name: "default" }, { name: "batch", taints: [{ key: "workload", value: "batch", effect: "NoSchedule" }] }] },
            podDefaults: { namespaces: ["default", "apps"], createNamespaces: true },
            smokeTest: { enabled: true, nodePool: "batch", namespace: "apps" },
        });
        assert.deepEqual(stack.ofType("kubernetes:core/v1:Namespace").map((n) => (n.inputs.metadata as any).name), ["apps"]);
        const limitRanges = stack.ofType("kubernetes:core/v1:LimitRange").map((l) => (l.inputs.metadata as any).namespace).sort();
        assert.deepEqual(limitRanges, ["apps", "default"]);
        assert.ok(stack.dependsOn("test-pod-defaults-apps", "test-namespace-apps"));

        const deployment = stack.one("kubernetes:apps/v1:Deployment");
        assert.equal((deployment.inputs.metadata as any).namespace, "apps");
        assert.deepEqual((deployment.inputs.spec as any).template.spec.nodeSelector, { "karpenter.sh/nodepool": "batch" });
        assert.match(deployment.provider!, /pulumi:providers:kubernetes::test-k8s::/);
        assert.ok(stack.dependsOn("test-smoke-test", "test-nodepool-batch"));
        assert.ok(stack.dependsOn("test-smoke-test", "test-pod-defaults-apps"));
    });

    it("creates neither unless asked", async () => {
        const stack = await registerCluster({ smokeTest: { enabled: false } });
        assert.deepEqual(stack.ofType("kubernetes:core/v1:LimitRange"), []);
        assert.deepEqual(stack.ofType("kubernetes:apps/v1:Deployment"), []);
    });
});
