import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { KarpenterCluster } from "../../components";
import { defaultMockEnvironment } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("KarpenterCluster outputs", () => {
    let cluster: KarpenterCluster;

    before(async () => {
        const run = await runProgram({
            project: "karpenter-cluster",
            stack: "test",
            config: { "aws:region": "us-west-2" },
            env: defaultMockEnvironment,
            program: () => {
                cluster = new KarpenterCluster("test", { clusterName: "prod" });
            },
        });
        assert.deepEqual(run.errors, []);
    });

    it("expose the cluster, its identities, queue and node group", async () => {
        assert.deepEqual(
            await Promise.all([
                valueOf(cluster.clusterName),
                valueOf(cluster.controllerRoleArn),
                valueOf(cluster.nodeRoleName),
                valueOf(cluster.interruptionQueueName),
                valueOf(cluster.interruptionQueueUrl),
                valueOf(cluster.nodeGroupName),
                valueOf(cluster.discoveryTagValue),
            ]),
            [
                "prod",
                "arn:aws:iam::123456789012:role/KarpenterController-prod",
                "KarpenterNodeRole-prod",
                "prod",
                "https://sqs.us-west-2.amazonaws.com/123456789012/prod",
                "prod-critical-addons",
                "prod",
            ],
        );
        assert.match(await valueOf(cluster.oidcProviderArn), /^arn:aws:iam::123456789012:oidc-provider\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\//);
        assert.equal((await valueOf(cluster.privateSubnetIds)).length, 3);
    });

    it("place other add-ons on the critical-addons group with the same selector and toleration Karpenter gets", () => {
        assert.deepEqual(cluster.criticalAddonsNodeSelector, { "critical-addons": "true" });
        assert.deepEqual(cluster.criticalAddonsTolerations, [{ key: "CriticalAddonsOnly", operator: "Exists" }]);
    });

    it("keep the kubeconfig secret and hand out a provider for it", async () => {
        assert.equal(await pulumi.isSecret(cluster.kubeconfig), true);
        assert.equal(JSON.parse(await valueOf(cluster.kubeconfig)).kind, "Config");
        assert.ok(pulumi.CustomResource.isInstance(cluster.provider));
    });
});
