import * as assert from "node:assert/strict";
import { EngineResource, runPolicies } from "../../../plan/policyHarness";
import { inPreviewShape, k8sProviderRef, nodeClassProps, nodePoolProps, resource } from "../fixtures";
import { installAs, renderedCrds } from "../installShapes";
import { appStack, eksWithoutKarpenterStack, s3AndRdsStack } from "../otherStacks";
import { GrpcRun, analyze, expectGrpcViolation, toExportResources, usePolicyPack } from "./host";

/**
 * The pack enabled for every stack of an organization: it judges stacks that run Karpenter and
 * reports nothing on the others, through the CLI's route on stacks in a real preview's shape.
 * Each silent stack holds what the pack would report on a Karpenter stack (Kubernetes objects on
 * the default provider, a public EKS endpoint on an unsupported version, an unencrypted
 * interruption queue), so the silence is the scope at work, shown by adding Karpenter to it.
 */
function run(resources: EngineResource[]): GrpcRun {
    return { resources: toExportResources(inPreviewShape(resources)), policyConfig: { "eks-version-support": { asOf: "2026-11-30" } } };
}

const withKarpenter = (stack: EngineResource[]) => [
    ...stack,
    resource("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default-nodeclass", nodeClassProps(), { provider: k8sProviderRef }),
    resource("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool", nodePoolProps(), { provider: k8sProviderRef }),
];

const silentStacks: [string, () => EngineResource[]][] = [
    ["an application on the default Kubernetes provider", appStack],
    ["an S3 bucket and an RDS database", s3AndRdsStack],
    ["a pulumi-eks cluster with a managed node group, cluster-autoscaler and NTH in queue mode", eksWithoutKarpenterStack],
];

describe("scope: the pack judges stacks that run Karpenter, and no others", () => {
    const host = usePolicyPack();

    for (const [title, stack] of silentStacks) {
        it(`finds nothing on ${title}, over gRPC and in-process`, async () => {
            assert.deepEqual(await analyze(host(), run(stack())), []);
            assert.deepEqual(await runPolicies(inPreviewShape(stack()), { "eks-version-support": { asOf: "2026-11-30" } }), []);
        });
    }

    it("judges the same EKS stack once it runs Karpenter: its endpoint, version and the NTH queue", async () => {
        const resources = run(withKarpenter(eksWithoutKarpenterStack()));
        await expectGrpcViolation(host(), resources, { policy: "eks-private-endpoint", level: "advisory", message: 'EKS cluster "apps" exposes its API endpoint publicly' });
        await expectGrpcViolation(host(), resources, { policy: "eks-version-support", level: "advisory", message: 'EKS cluster "apps" runs Kubernetes 1.31' });
        await expectGrpcViolation(host(), resources, { policy: "interruption-queue-secure", level: "mandatory", message: 'Interruption queue "nth-events" must enable server-side encryption' });
    });

    it("judges Karpenter's objects on the default provider, never the application's", async () => {
        const resources = [...appStack(), resource("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool", nodePoolProps())];
        const findings = (await analyze(host(), run(resources))).filter((f) => f.policy === "kubernetes-explicit-provider");
        assert.deepEqual(
            findings.map((f) => f.message),
            ['NodePool "default" uses the default Kubernetes provider "default_4_34_2"; it must use an explicit provider built from the EKS cluster\'s kubeconfig.'],
        );
    });

    it("recognises Karpenter from its CRDs alone, applied by a yaml/v2 ConfigGroup", async () => {
        const crds = installAs("yaml/v2:ConfigGroup", renderedCrds()).map((r) => (r.custom ? { ...r, provider: undefined } : r));
        await expectGrpcViolation(host(), run([...appStack(), ...crds]), {
            policy: "kubernetes-explicit-provider",
            message: 'CustomResourceDefinition "nodepools.karpenter.sh" uses the default Kubernetes provider',
        });
    });

    it("judges an application that uses Karpenter's removed annotation: only Karpenter reads it", async () => {
        const resources = appStack();
        (resources.find((r) => r.name === "web")!.inputs as Record<string, any>).spec.template.metadata.annotations = { "karpenter.sh/do-not-evict": "true" };
        await expectGrpcViolation(host(), run(resources), { policy: "karpenter-v1-api-only", level: "mandatory", message: 'Deployment "web" must replace annotation karpenter.sh/do-not-evict' });
    });
});
