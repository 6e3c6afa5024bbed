import * as assert from "node:assert/strict";
import { EngineResource, PolicyPackConfigJson } from "../../../plan/policyHarness";
import { clusterName, inPreviewShape, nodeClassProps, nodePoolProps, urnOf, validStack, validStackWith } from "../fixtures";
import { InstallShape, controllerImage, deploymentUrn, installAs, installShapes, stackInstalledAs } from "../installShapes";
import { GrpcRun, analyze, expectGrpcViolation, toExportResources, usePolicyPack } from "./host";

/**
 * The controller checks on every way a stack installs Karpenter, through the CLI's route on stacks
 * in a real preview's shape: the rendered Deployment of a helm.sh/v4 or v3 Chart, of a yaml/v2
 * ConfigGroup, or of a raw manifest carries the placement, replicas, identity, settings and
 * version; a helm.sh/v3 Release, which renders in the cluster, is judged on its values.
 */
const judgedOn: PolicyPackConfigJson = { "eks-version-support": { asOf: "2026-11-30" } };

function run(resources: EngineResource[]): GrpcRun {
    return { resources: toExportResources(inPreviewShape(resources)), policyConfig: judgedOn };
}

const env = (deployment: Record<string, any>): { name: string; value?: string }[] => deployment.spec.template.spec.containers[0].env;

describe("controller checks on every install shape, through the engine's gRPC protocol", () => {
    const host = usePolicyPack();

    for (const shape of installShapes) {
        describe(shape, () => {
            const installed = (change?: Parameters<typeof stackInstalledAs>[1]) => stackInstalledAs(shape as InstallShape, change);
            const label = 'Deployment "kube-system/karpenter"';

            it("finds nothing on the valid stack", async () => {
                assert.deepEqual(await analyze(host(), run(installed())), []);
            });

            it("reports one replica and no placement rules on the Deployment", async () => {
                const resources = installed(({ deployment }) => {
                    const pod = deployment.spec.template.spec;
                    deployment.spec.replicas = 1;
                    delete pod.nodeSelector;
                    delete pod.affinity;
                    delete pod.tolerations;
                });
                const urn = deploymentUrn(resources);
                await expectGrpcViolation(host(), run(resources), { policy: "karpenter-controller-ha", level: "mandatory", urn, message: `Karpenter controller (${label}) must run at least 2 replicas, not 1` });
                await expectGrpcViolation(host(), run(resources), { policy: "karpenter-controller-off-karpenter-nodes", level: "mandatory", urn, message: 'can be scheduled on nodes of NodePool "default"' });
            });

            it("counts a Deployment without replicas as Kubernetes does: one", async () => {
                await expectGrpcViolation(host(), run(installed(({ deployment }) => delete deployment.spec.replicas)), { policy: "karpenter-controller-ha", message: "not 1" });
            });

            it("reads the identity from the rendered ServiceAccount and the pod's serviceAccountName", async () => {
                const resources = installed(({ deployment, serviceAccount }) => {
                    deployment.spec.template.spec.serviceAccountName = "karpenter-controller";
                    serviceAccount.metadata.name = "karpenter-controller";
                });
                await expectGrpcViolation(host(), run(resources), {
                    policy: "controller-identity-matches",
                    level: "mandatory",
                    urn: urnOf("aws:iam/role:Role", "karpenter-controller"),
                    message: `of the Karpenter controller (${label}) must trust sub "system:serviceaccount:kube-system:karpenter-controller"`,
                });
            });

            it("reads the interruption queue from the controller's INTERRUPTION_QUEUE", async () => {
                const arn = `arn:aws:sqs:us-west-2:111122223333:${clusterName}`;
                const asArn = installed(({ deployment }) => (env(deployment).find((e) => e.name === "INTERRUPTION_QUEUE")!.value = arn));
                await expectGrpcViolation(host(), run(asArn), { policy: "interruption-handling", urn: deploymentUrn(asArn), message: `env INTERRUPTION_QUEUE of the Karpenter controller (${label}) is "${arn}"; it must be the queue's name` });
                const unset = installed(({ deployment }) => (deployment.spec.template.spec.containers[0].env = env(deployment).filter((e) => e.name !== "INTERRUPTION_QUEUE")));
                await expectGrpcViolation(host(), run(unset), { policy: "interruption-handling", message: 'NodePool "default" allows spot capacity but nothing handles interruptions' });
            });

            it("reads the controller version from its image tag, against the karpenter-crd release", async () => {
                const skewed = installed(({ deployment }) => (deployment.spec.template.spec.containers[0].image = controllerImage.replace(":1.14.1@", ":1.13.0@")));
                await expectGrpcViolation(host(), run(skewed), { policy: "karpenter-chart-versions", level: "mandatory", message: /must be at the same version: .*Deployment ".*karpenter" \(image .*:1\.13\.0@.*\) at 1\.13\.0, Helm release "karpenter-crd" \(karpenter-crd\) at 1\.14\.1/ });
                const floating = installed(({ deployment }) => (deployment.spec.template.spec.containers[0].image = "public.ecr.aws/karpenter/controller:latest"));
                await expectGrpcViolation(host(), run(floating), { policy: "karpenter-chart-versions", message: 'has version "latest", which is not an exact release' });
            });
        });
    }

    it("judges a raw controller Deployment on the default provider, like any Karpenter object", async () => {
        const resources = stackInstalledAs("raw manifest");
        delete resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!.provider;
        await expectGrpcViolation(host(), run(resources), { policy: "kubernetes-explicit-provider", level: "mandatory", message: 'Deployment "karpenter" uses the default Kubernetes provider "default_4_34_2"' });
    });

    it("judges NodePools and EC2NodeClasses a yaml/v2 ConfigGroup applies like any others", async () => {
        const nodePool = nodePoolProps();
        delete nodePool.spec.limits;
        const resources = [...validStack().filter((r) => !["default-nodepool", "default-nodeclass"].includes(r.name)), ...installAs("yaml/v2:ConfigGroup", [nodeClassProps(), nodePool])];
        await expectGrpcViolation(host(), run(resources), {
            policy: "nodepool-limits-required",
            level: "mandatory",
            urn: "urn:pulumi:dev::karpenter::kubernetes:yaml/v2:ConfigGroup$kubernetes:karpenter.sh/v1:NodePool::karpenter:default",
            message: 'NodePool "default" must set spec.limits.cpu and spec.limits.memory',
        });
    });

    it("judges a Release's values as before when the stack renders no Deployment", async () => {
        await expectGrpcViolation(host(), run(validStackWith("karpenter", (props) => (props.values.replicas = 1))), {
            policy: "karpenter-controller-ha",
            message: 'Karpenter controller (Helm release "karpenter") must run at least 2 replicas, not 1',
        });
    });
});
