import * as assert from "node:assert/strict";
import { karpenterV1ApiOnly, kubernetesExplicitProvider } from "../../policies/rules/kubernetes";
import { k8sProviderRef, resource, urnOf, validStack, validStackWith } from "./fixtures";
import { callResourcePolicy, expectFindings, expectNoFindings } from "./helpers";

describe("karpenter-v1-api-only", () => {
    it("reports a v1alpha5 Provisioner", async () => {
        const resources = validStack();
        resources.push(resource("kubernetes:karpenter.sh/v1alpha5:Provisioner", "legacy", { metadata: { name: "default" }, spec: {} }, { provider: k8sProviderRef }));
        await expectFindings(resources, [
            {
                policy: "karpenter-v1-api-only",
                level: "mandatory",
                message: 'Provisioner "default" uses the removed Karpenter API karpenter.sh/v1alpha5; it must be migrated to karpenter.sh/v1 NodePool',
                urn: urnOf("kubernetes:karpenter.sh/v1alpha5:Provisioner", "legacy"),
            },
        ]);
    });

    it("reports AWSNodeTemplate and v1beta1 objects", async () => {
        const resources = validStack();
        resources.push(resource("kubernetes:karpenter.k8s.aws/v1alpha1:AWSNodeTemplate", "tmpl", { metadata: { name: "old" } }, { provider: k8sProviderRef }));
        resources.push(resource("kubernetes:karpenter.sh/v1beta1:NodePool", "beta", { metadata: { name: "beta" } }, { provider: k8sProviderRef }));
        await expectFindings(resources, [
            { policy: "karpenter-v1-api-only", level: "mandatory", message: 'AWSNodeTemplate "old" uses the removed Karpenter API karpenter.k8s.aws/v1alpha1; it must be migrated to karpenter.k8s.aws/v1 EC2NodeClass' },
            { policy: "karpenter-v1-api-only", level: "mandatory", message: 'NodePool "beta" uses the removed Karpenter API karpenter.sh/v1beta1' },
        ]);
    });

    it("reports the do-not-evict annotation on a pod template", async () => {
        const resources = validStack();
        resources.push(
            resource(
                "kubernetes:apps/v1:Deployment",
                "batch",
                { metadata: { name: "batch" }, spec: { template: { metadata: { annotations: { "karpenter.sh/do-not-evict": "true" } }, spec: {} } } },
                { provider: k8sProviderRef },
            ),
        );
        await expectFindings(resources, [
            { policy: "karpenter-v1-api-only", level: "mandatory", message: 'Deployment "batch" must replace annotation karpenter.sh/do-not-evict with karpenter.sh/do-not-disrupt (found at spec.template.metadata.annotations)' },
        ]);
    });

    it("reports the annotation in Helm values", async () => {
        const resources = validStackWith("karpenter", (props) => (props.values.podAnnotations = { "karpenter.sh/do-not-evict": "true" }));
        await expectFindings(resources, [{ policy: "karpenter-v1-api-only", level: "mandatory", message: "found at values.podAnnotations.karpenter.sh/do-not-evict" }]);
    });

    it("accepts karpenter.sh/do-not-disrupt", async () => {
        await expectNoFindings(validStackWith("default-nodepool", (props) => (props.metadata.annotations = { "karpenter.sh/do-not-disrupt": "true" })));
    });

    it("is not applicable to non-Kubernetes resources", async () => {
        const result = await callResourcePolicy(karpenterV1ApiOnly, "aws:sqs/queue:Queue", { name: "q" });
        assert.equal(result.violations.length, 0);
        assert.equal(result.notApplicable, "Policy only applies to resources of type 'kubernetes:*'");
    });
});

describe("kubernetes-explicit-provider", () => {
    it("reports a Kubernetes resource on the default provider (the engine's default for a custom resource without one)", async () => {
        const resources = validStack();
        delete resources.find((r) => r.name === "default-nodepool")!.provider;
        await expectFindings(resources, [
            {
                policy: "kubernetes-explicit-provider",
                level: "mandatory",
                message: 'NodePool "default" uses the default Kubernetes provider "default"; it must use an explicit provider',
                urn: urnOf("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool"),
            },
        ]);
    });

    it("recognises a versioned default provider reference", async () => {
        const resources = validStack();
        resources.find((r) => r.name === "karpenter-crd")!.provider = `${urnOf("pulumi:providers:kubernetes", "default_4_34_2")}::a1b2`;
        await expectFindings(resources, [{ policy: "kubernetes-explicit-provider", level: "mandatory", message: '"default_4_34_2"' }]);
    });

    it("does not judge component resources, which carry no provider", async () => {
        const resources = validStack();
        resources.push(resource("kubernetes:helm.sh/v4:Chart", "addons", { chart: "metrics-server" }, { custom: false }));
        await expectNoFindings(resources);
    });

    it("is not applicable to AWS resources", async () => {
        const result = await callResourcePolicy(kubernetesExplicitProvider, "aws:eks/cluster:Cluster", {});
        assert.match(result.notApplicable ?? "", /only applies/);
    });

    it("judges Karpenter's objects only: an application's Deployment on the default provider is not applicable", async () => {
        const app = { metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } };
        const result = await callResourcePolicy(kubernetesExplicitProvider, "kubernetes:apps/v1:Deployment", app);
        assert.deepEqual(result, { violations: [], notApplicable: "Policy only applies to Karpenter's Kubernetes resources" });
        const resources = validStack();
        resources.push(resource("kubernetes:apps/v1:Deployment", "web", app));
        await expectNoFindings(resources);
    });

    it("judges objects the karpenter chart rendered, by its helm.sh/chart label", async () => {
        const resources = validStack();
        resources.push(resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "karpenter-core", { metadata: { name: "karpenter-core", labels: { "helm.sh/chart": "karpenter-1.14.1" } }, rules: [] }));
        await expectFindings(resources, [{ policy: "kubernetes-explicit-provider", level: "mandatory", message: 'ClusterRole "karpenter-core" uses the default Kubernetes provider "default"' }]);
    });
});
