import * as assert from "node:assert/strict";
import { EngineResource, PolicyPackConfigJson } from "../../../plan/policyHarness";
import { allPolicies } from "../../../policies/rules";
import { byName, clusterName, inPreviewShape, irsaTrust, k8sProviderRef, resource, validStack, validStackWith, validStackWithout } from "../fixtures";
import { GrpcRun, analyze, expectGrpcViolation, expectNoGrpcViolation, toExportResources, usePolicyPack } from "./host";

/**
 * Every policy of the pack, run by the CLI's route (its own process, the engine's Analyze and
 * AnalyzeStack requests) on stacks in the shape a real `pulumi preview` holds (`inPreviewShape`):
 * each fires on `validStack()` with one thing broken, mirroring its in-process test, and stays
 * silent on `validStack()`. The pack starts once for the file; each row costs two analyses.
 */
interface Row {
    policy: string;
    /** The one thing broken, for the test's title. */
    breaks: string;
    level: "advisory" | "mandatory";
    /** Part of the message that matters. */
    message: string;
    /** `validStack()` with the one change, in the harness's flat form. */
    fires: () => EngineResource[];
    /** `--policy-pack-config` for both stacks. @default {} */
    config?: PolicyPackConfigJson;
    /** The config under which `validStack()` keeps the policy silent. @default config */
    silentConfig?: PolicyPackConfigJson;
}

const withValues = (change: (values: Record<string, any>) => void) => validStackWith("karpenter", (props) => change(props.values));
const withNodePool = (change: (spec: Record<string, any>) => void) => validStackWith("default-nodepool", (props) => change(props.spec));
const withNodeClass = (change: (spec: Record<string, any>) => void) => validStackWith("default-nodeclass", (props) => change(props.spec));
const requirements = (spec: Record<string, any>): Record<string, any>[] => spec.template.spec.requirements;
const policyDocument = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A fixed day, so the cluster's version (1.35, standard support until 2027-03-27) does not age under the tests. */
const judgedOn = { "eks-version-support": { asOf: "2026-11-30" } };

const rows: Row[] = [
    {
        policy: "karpenter-controller-off-karpenter-nodes",
        breaks: "values null out the chart's nodepool DoesNotExist affinity and the nodeSelector",
        level: "mandatory",
        message: 'can be scheduled on nodes of NodePool "default"',
        fires: () =>
            withValues((values) => {
                values.affinity = null;
                values.nodeSelector = null;
            }),
    },
    { policy: "karpenter-controller-ha", breaks: "a single controller replica", level: "mandatory", message: "must run at least 2 replicas, not 1", fires: () => withValues((values) => (values.replicas = 1)) },
    {
        policy: "karpenter-controller-placement-verifiable",
        breaks: "the cluster and its node group live in another stack",
        level: "advisory",
        message: "the stack has no node group, Fargate profile or EKS cluster",
        fires: () => validStackWithout("critical-addons", "cluster"),
    },
    { policy: "nodepool-limits-required", breaks: "a NodePool without spec.limits", level: "mandatory", message: 'NodePool "default" must set spec.limits.cpu and spec.limits.memory', fires: () => withNodePool((spec) => delete spec.limits) },
    {
        policy: "nodepool-exotic-instances",
        breaks: "no instance-hypervisor requirement",
        level: "advisory",
        message: 'NodePool "default" must exclude bare-metal instances',
        fires: () => withNodePool((spec) => (spec.template.spec.requirements = requirements(spec).filter((r) => r.key !== "karpenter.k8s.aws/instance-hypervisor"))),
    },
    { policy: "nodepool-disruption", breaks: "consolidateAfter 0s", level: "advisory", message: 'consolidateAfter to a non-zero duration or Never; it is "0s"', fires: () => withNodePool((spec) => (spec.disruption.consolidateAfter = "0s")) },
    { policy: "ec2nodeclass-imdsv2", breaks: "optional IMDS tokens", level: "mandatory", message: 'httpTokens to "required" (IMDSv2), not "optional"', fires: () => withNodeClass((spec) => (spec.metadataOptions.httpTokens = "optional")) },
    {
        policy: "ec2nodeclass-encrypted-volumes",
        breaks: "a root volume without encrypted: true",
        level: "mandatory",
        message: 'must set ebs.encrypted: true on block device mapping "/dev/xvda"',
        fires: () => withNodeClass((spec) => delete spec.blockDeviceMappings[0].ebs.encrypted),
    },
    { policy: "ec2nodeclass-ami-pinned", breaks: "an @latest AMI alias", level: "advisory", message: 'must pin amiSelectorTerms alias "al2023@latest"', fires: () => withNodeClass((spec) => (spec.amiSelectorTerms = [{ alias: "al2023@latest" }])) },
    {
        policy: "karpenter-v1-api-only",
        breaks: "a v1alpha5 Provisioner beside the v1 objects",
        level: "mandatory",
        message: 'Provisioner "default" uses the removed Karpenter API karpenter.sh/v1alpha5',
        fires: () => [
            ...validStack(),
            resource("kubernetes:karpenter.sh/v1alpha5:Provisioner", "legacy", { apiVersion: "karpenter.sh/v1alpha5", kind: "Provisioner", metadata: { name: "default" }, spec: {} }, { provider: k8sProviderRef }),
        ],
    },
    {
        policy: "kubernetes-explicit-provider",
        breaks: "a NodePool registered without a provider",
        level: "mandatory",
        // The engine gives it the default provider at the version the SDK asks for.
        message: 'NodePool "default" uses the default Kubernetes provider "default_4_34_2"',
        fires: () => {
            const resources = validStack();
            delete byName(resources, "default-nodepool").provider;
            return resources;
        },
    },
    {
        policy: "interruption-handling",
        breaks: "a spot NodePool and no interruption queue",
        level: "mandatory",
        message: 'NodePool "default" allows spot capacity but nothing handles interruptions',
        fires: () => withValues((values) => (values.settings.interruptionQueue = "")),
    },
    {
        policy: "interruption-queue-secure",
        breaks: "a queue without server-side encryption",
        level: "mandatory",
        message: 'Interruption queue "demo" must enable server-side encryption',
        fires: () => validStackWith("interruption-queue", (props) => (props.sqsManagedSseEnabled = false)),
    },
    {
        policy: "karpenter-chart-versions",
        breaks: "the CRD chart at another version",
        level: "mandatory",
        message: 'must be at the same version: Helm release "karpenter" (karpenter) at 1.14.1, Helm release "karpenter-crd" (karpenter-crd) at 1.13.0',
        fires: () => validStackWith("karpenter-crd", (props) => (props.version = "1.13.0")),
    },
    {
        policy: "discovery-tag-single-security-group",
        breaks: "a second security group tagged for discovery",
        level: "mandatory",
        message: 'Multiple tagged security groups found for EC2NodeClass "default" selector karpenter.sh/discovery=demo',
        fires: () => [...validStack(), resource("aws:ec2/tag:Tag", "extra-sg-discovery", { resourceId: "sg-0fedcba9876543210", key: "karpenter.sh/discovery", value: clusterName })],
    },
    {
        policy: "karpenter-controller-policy-scoped",
        breaks: "iam:PassRole on * in an attached managed policy",
        level: "mandatory",
        message: 'policy "KarpenterControllerIAMIntegrationPolicy-demo" of Karpenter controller role "KarpenterController-demo" allows iam:PassRole on "*" without conditions',
        fires: () => validStackWith("karpenter-iam-integration", (props) => (props.policy = policyDocument([{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }]))),
    },
    {
        policy: "controller-identity-matches",
        breaks: "an IRSA trust for another namespace",
        level: "mandatory",
        message: 'must trust sub "system:serviceaccount:kube-system:karpenter"; its trust names "system:serviceaccount:karpenter:karpenter"',
        fires: () => validStackWith("karpenter-controller", (props) => (props.assumeRolePolicy = irsaTrust("system:serviceaccount:karpenter:karpenter"))),
    },
    {
        policy: "node-role-can-join",
        breaks: "the node role without an access entry",
        level: "mandatory",
        message: 'EC2NodeClass "default" uses node role "KarpenterNodeRole-demo", but it has no EC2_LINUX access entry and no aws-auth mapping',
        fires: () => validStackWithout("karpenter-node-access"),
    },
    {
        policy: "eks-private-endpoint",
        breaks: "a public endpoint open to the world",
        level: "advisory",
        message: 'EKS cluster "demo" exposes its API endpoint publicly to 0.0.0.0/0',
        fires: () => validStackWith("cluster", (props) => (props.vpcConfig.endpointPublicAccess = true)),
    },
    {
        policy: "eks-version-support",
        breaks: "Kubernetes 1.32, in extended support on the day judged",
        level: "advisory",
        message: 'EKS cluster "demo" runs Kubernetes 1.32, in extended support since 2026-03-23',
        fires: () => validStackWith("cluster", (props) => (props.version = "1.32")),
        config: judgedOn,
    },
    {
        policy: "spot-service-linked-role",
        breaks: "a spot NodePool and no spot service-linked role",
        level: "advisory",
        message: 'NodePool "default" allows spot capacity, but the stack creates no service-linked role for spot.amazonaws.com',
        fires: () => validStackWithout("spot-service-linked-role"),
    },
    {
        policy: "nodepool-satisfiable",
        breaks: "instance categories in upper case, which no instance type has",
        level: "mandatory",
        message: 'NodePool "default" can launch no instance type: its requirement karpenter.k8s.aws/instance-category In [C, M, R] matches no instance type',
        fires: () => withNodePool((spec) => (requirements(spec).find((r) => r.key === "karpenter.k8s.aws/instance-category")!.values = ["C", "M", "R"])),
    },
    {
        policy: "nodepool-instance-choice",
        breaks: "two instance types only",
        level: "advisory",
        message: 'NodePool "default" allows only 2 instance types (m6i.large, m6i.xlarge); it should allow at least 15',
        fires: () => withNodePool((spec) => requirements(spec).push({ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m6i.large", "m6i.xlarge"] })),
    },
    {
        policy: "nodepool-cost-ceiling",
        breaks: "a per-pool budget below what the NodePool's limits allow",
        level: "advisory",
        message: "It must stay within maxHourlyPerNodePool $1.00/h",
        fires: validStack,
        config: { "nodepool-cost-ceiling": { maxHourlyPerNodePool: 1 } },
        silentConfig: {},
    },
    {
        policy: "nodepool-capacity-types",
        breaks: "an organization that allows on-demand capacity only",
        level: "mandatory",
        message: 'NodePool "default" can launch spot capacity; it must require karpenter.sh/capacity-type In [on-demand]',
        fires: validStack,
        config: { "nodepool-capacity-types": { allowedCapacityTypes: ["on-demand"] } },
        silentConfig: {},
    },
    {
        policy: "ec2nodeclass-ami-family",
        breaks: "an organization that allows Bottlerocket only",
        level: "mandatory",
        message: 'EC2NodeClass "default" uses the al2023 AMI family; it must use one of bottlerocket',
        fires: validStack,
        config: { "ec2nodeclass-ami-family": { allowedFamilies: ["bottlerocket"] } },
        silentConfig: {},
    },
    {
        policy: "ec2nodeclass-required-tags",
        breaks: "an organization that requires a cost-center tag",
        level: "mandatory",
        message: 'EC2NodeClass "default" must set spec.tags "cost-center"',
        fires: validStack,
        config: { "ec2nodeclass-required-tags": { requiredTags: ["cost-center"] } },
        silentConfig: {},
    },
];

function run(fixture: EngineResource[], policyConfig: PolicyPackConfigJson = {}): GrpcRun {
    return { resources: toExportResources(inPreviewShape(fixture)), policyConfig };
}

describe("every policy through the engine's gRPC protocol, on stacks in a real preview's shape", () => {
    const host = usePolicyPack();

    it("has one row per policy of the pack", () => {
        assert.deepEqual(rows.map((r) => r.policy).sort(), allPolicies.map((p) => p.name).sort());
    });

    it("finds nothing on validStack()", async () => {
        assert.deepEqual(await analyze(host(), run(validStack(), judgedOn)), []);
    });

    for (const row of rows) {
        it(`${row.policy} fires (${row.level}): ${row.breaks}`, async () => {
            await expectGrpcViolation(host(), run(row.fires(), row.config), { policy: row.policy, level: row.level, message: row.message });
        });

        it(`${row.policy} stays silent on validStack()${row.silentConfig !== undefined ? " without its config" : ""}`, async () => {
            await expectNoGrpcViolation(host(), run(validStack(), row.silentConfig ?? row.config), row.policy);
        });
    }
});
