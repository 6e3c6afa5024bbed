import * as assert from "node:assert/strict";
import { KarpenterClusterArgs } from "../../components";
import { EngineResource, runPolicies } from "../../plan/policyHarness";
import { toEngineResources, toStackExport } from "../../plan/stackExport";
import { registerCluster } from "../support/stack";
import { editProps } from "./fixtures";
import { expectFindings } from "./helpers";

/** The engine's view of the stack the real component registers under mocks. */
async function componentStack(args: KarpenterClusterArgs = {}): Promise<EngineResource[]> {
    const stack = await registerCluster({ clusterName: "prod", endpoint: { publicAccessCidrs: ["198.51.100.0/24"] }, ...args });
    assert.deepEqual(stack.errors, []);
    return toEngineResources(toStackExport(stack.engineState(), []));
}

function named(resources: EngineResource[], name: string): EngineResource {
    const match = resources.find((r) => r.name === name);
    assert.ok(match, name);
    return match;
}

type Breakage = { name: string; policy: string; level?: "advisory" | "mandatory"; message: string | RegExp; args?: KarpenterClusterArgs; breakStack: (resources: EngineResource[]) => EngineResource[] };

const spotPools: KarpenterClusterArgs = { spotServiceLinkedRole: true, karpenter: { nodePools: [{ name: "default", capacityTypes: ["spot", "on-demand"] }] } };

/** One deliberate misconfiguration each, made on the component's own output after it passed validation. */
const breakages: Breakage[] = [
    {
        name: "controller no longer tolerates the critical-addons taint",
        policy: "karpenter-controller-off-karpenter-nodes",
        message: /fits on no node group/,
        breakStack: (rs) => (editProps(named(rs, "test-karpenter"), (p) => (p.values.tolerations = [])), rs),
    },
    {
        name: "controller affinity replaced by one that admits NodePool nodes",
        policy: "karpenter-controller-off-karpenter-nodes",
        message: /NodePool "default"/,
        breakStack: (rs) => {
            editProps(named(rs, "test-karpenter"), ({ values }) => {
                values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = [
                    { matchExpressions: [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }] },
                ];
                values.nodeSelector = { "kubernetes.io/os": "linux" };
            });
            return rs;
        },
    },
    {
        name: "a single controller replica",
        policy: "karpenter-controller-ha",
        message: /replica/,
        breakStack: (rs) => (editProps(named(rs, "test-karpenter"), (p) => (p.values.replicas = 1)), rs),
    },
    {
        name: "NodePool without limits",
        policy: "nodepool-limits-required",
        message: /limits/,
        breakStack: (rs) => (editProps(named(rs, "test-nodepool-default"), (p) => delete p.spec.limits), rs),
    },
    {
        name: "IMDSv1 allowed on nodes",
        policy: "ec2nodeclass-imdsv2",
        message: /httpTokens/,
        breakStack: (rs) => (editProps(named(rs, "test-nodeclass-default"), (p) => (p.spec.metadataOptions.httpTokens = "optional")), rs),
    },
    {
        name: "unencrypted root volume",
        policy: "ec2nodeclass-encrypted-volumes",
        message: /encrypt/,
        breakStack: (rs) => (editProps(named(rs, "test-nodeclass-default"), (p) => (p.spec.blockDeviceMappings[0].ebs.encrypted = false)), rs),
    },
    {
        name: "node role without an access entry",
        policy: "node-role-can-join",
        message: /EC2_LINUX/,
        breakStack: (rs) => rs.filter((r) => r.name !== "test-node-access"),
    },
    {
        name: "spot NodePool without an interruption queue",
        policy: "interruption-handling",
        message: /spot/,
        args: spotPools,
        breakStack: (rs) => (editProps(named(rs, "test-karpenter"), (p) => (p.values.settings.interruptionQueue = "")), rs),
    },
    {
        name: "unencrypted queue",
        policy: "interruption-queue-secure",
        message: /SSE|encrypt/i,
        breakStack: (rs) => (editProps(named(rs, "test-interruption-queue"), (p) => (p.sqsManagedSseEnabled = false)), rs),
    },
    {
        name: "CRD chart at another version",
        policy: "karpenter-chart-versions",
        message: /1\.14\.0/,
        breakStack: (rs) => (editProps(named(rs, "test-karpenter-crd"), (p) => (p.version = "1.14.0")), rs),
    },
    {
        name: "a second security group tagged for discovery",
        policy: "discovery-tag-single-security-group",
        message: /Multiple tagged security groups/,
        breakStack: (rs) => {
            const tag = named(rs, "test-discovery-security-group");
            const props = { resourceId: "sg-0fedcba9876543210", key: "karpenter.sh/discovery", value: "prod" };
            return [...rs, { ...tag, urn: `${tag.urn}-2`, name: "second", inputs: props, outputs: props }];
        },
    },
    {
        name: "controller allowed to terminate any instance",
        policy: "karpenter-controller-policy-scoped",
        message: /TerminateInstances/,
        breakStack: (rs) => {
            editProps(named(rs, "test-controller-NodeLifecycle-policy"), (props) => {
                const document = JSON.parse(props.policy);
                document.Statement.push({ Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*" });
                props.policy = JSON.stringify(document);
            });
            return rs;
        },
    },
    {
        name: "IRSA trust for another namespace",
        policy: "controller-identity-matches",
        message: /kube-system/,
        breakStack: (rs) => {
            editProps(named(rs, "test-controller-role"), (props) => {
                props.assumeRolePolicy = props.assumeRolePolicy.replace("system:serviceaccount:kube-system:karpenter", "system:serviceaccount:karpenter:karpenter");
            });
            return rs;
        },
    },
    {
        name: "NodePool through the default provider",
        policy: "kubernetes-explicit-provider",
        message: /provider/,
        breakStack: (rs) => (delete named(rs, "test-nodepool-default").provider, rs),
    },
    {
        name: "a v1alpha5 Provisioner beside the v1 objects",
        policy: "karpenter-v1-api-only",
        message: /Provisioner/,
        breakStack: (rs) => [...rs, { ...named(rs, "test-nodepool-default"), urn: "urn:pulumi:test::karpenter-cluster::kubernetes:karpenter.sh/v1alpha5:Provisioner::legacy", type: "kubernetes:karpenter.sh/v1alpha5:Provisioner", name: "legacy" }],
    },
    {
        name: "AMI alias on @latest",
        policy: "ec2nodeclass-ami-pinned",
        level: "advisory",
        message: /latest/,
        breakStack: (rs) => (editProps(named(rs, "test-nodeclass-default"), (p) => (p.spec.amiSelectorTerms = [{ alias: "al2023@latest" }])), rs),
    },
];

describe("the pack on stacks the real component registers", () => {
    it("finds nothing on the defaults, on spot pools, Pod Identity, Fargate or the Node Termination Handler", async () => {
        for (const args of [{}, spotPools, { karpenter: { identity: "podIdentity" } }, { karpenter: { placement: "fargate" } }, { ...spotPools, karpenter: { interruption: "nodeTerminationHandler", ...spotPools.karpenter } }] as KarpenterClusterArgs[]) {
            assert.deepEqual(await runPolicies(await componentStack(args)), [], JSON.stringify(args));
        }
    });

    it("finds the publicly open endpoint of the defaults, as advisory", async () => {
        const resources = await componentStack({ endpoint: {} });
        await expectFindings(resources, [{ policy: "eks-private-endpoint", level: "advisory", message: "0.0.0.0/0" }]);
    });

    for (const breakage of breakages) {
        it(`trips ${breakage.policy}: ${breakage.name}`, async () => {
            const resources = breakage.breakStack(await componentStack(breakage.args));
            await expectFindings(resources, [{ policy: breakage.policy, level: breakage.level ?? "mandatory", message: breakage.message }]);
        });
    }
});
