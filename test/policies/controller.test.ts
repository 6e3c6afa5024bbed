import { EngineResource } from "../../plan/policyHarness";
import { byName, propsOf, resource, unknownValue, urnOf, validStack, validStackWith, validStackWithout } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const flagship = "karpenter-controller-off-karpenter-nodes";
const ha = "karpenter-controller-ha";
const releaseUrn = urnOf("kubernetes:helm.sh/v3:Release", "karpenter");
const verifiable = "karpenter-controller-placement-verifiable";

function withValues(change: (values: Record<string, any>) => void): EngineResource[] {
    return validStackWith("karpenter", (props) => change(props.values));
}

/** The valid stack with the critical-addons node group replaced by a Fargate profile. */
function fargateStack(selectors: object[], change: (values: Record<string, any>) => void = () => undefined): EngineResource[] {
    const resources = validStackWithout("critical-addons");
    resources.push(
        resource("aws:eks/fargateProfile:FargateProfile", "karpenter-fargate", {
            clusterName: "demo",
            fargateProfileName: "karpenter",
            selectors,
            subnetIds: ["subnet-0aaa", "subnet-0bbb"],
            podExecutionRoleArn: "arn:aws:iam::111122223333:role/fargate",
        }),
    );
    const values = propsOf(resources, "karpenter").values as Record<string, any>;
    delete values.nodeSelector;
    change(values);
    return resources;
}

describe("karpenter-controller-off-karpenter-nodes", () => {
    it("passes the valid stack: nodeSelector and toleration match the critical-addons node group only", async () => {
        await expectNoFindings(validStack());
    });

    it("reports a controller whose affinity still uses the pre-v1 provisioner-name label (walkthrough values)", async () => {
        const resources = withValues((values) => {
            delete values.nodeSelector;
            values.affinity = {
                nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerms: [
                            { matchExpressions: [{ key: "karpenter.sh/provisioner-name", operator: "DoesNotExist" }] },
                            { matchExpressions: [{ key: "eks.amazonaws.com/nodegroup", operator: "In", values: ["critical-addons"] }] },
                        ],
                    },
                },
            };
        });
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: 'can be scheduled on nodes of NodePool "default"', urn: releaseUrn }]);
    });

    it("reports a controller whose values delete the chart's nodepool DoesNotExist affinity with null", async () => {
        const resources = withValues((values) => {
            values.affinity = null;
            values.nodeSelector = null;
        });
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: /NodePool "default"; its affinity, nodeSelector and tolerations must exclude Karpenter-managed nodes/ }]);
    });

    it("reports a NodePool that carries the label the controller selects when the affinity term is gone", async () => {
        const resources = withValues((values) => {
            values.affinity = { nodeAffinity: null };
        });
        propsOf(resources, "default-nodepool").spec.template.metadata.labels["critical-addons"] = "true";
        propsOf(resources, "default-nodepool").spec.template.spec.taints = [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }];
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: 'nodes of NodePool "default"' }]);
    });

    it("accepts the chart's default scheduling: its nodepool DoesNotExist term alone keeps the controller off NodePool nodes", async () => {
        await expectNoFindings(withValues((values) => delete values.nodeSelector));
    });

    it("deep-merges values into the chart's affinity: changing podAntiAffinity keeps the nodepool DoesNotExist term", async () => {
        await expectNoFindings(
            withValues((values) => {
                delete values.nodeSelector;
                values.affinity = { podAntiAffinity: null };
            }),
        );
    });

    it("reports a deadlock when the controller does not tolerate the node group's taint", async () => {
        const resources = withValues((values) => {
            values.tolerations = [{ key: "dedicated", operator: "Exists" }, { key: "CriticalAddonsOnly", operator: "Exists", effect: "NoExecute" }];
        });
        await expectFindings(resources, [
            { policy: flagship, level: "mandatory", message: /fits on no node group or Fargate profile \(node group "critical-addons": taint CriticalAddonsOnly=true:NoSchedule is not tolerated\).*deadlocks/, urn: releaseUrn },
        ]);
    });

    it("reports a deadlock when the nodeSelector names a label value no node group has", async () => {
        const resources = withValues((values) => {
            values.nodeSelector = { "critical-addons": "yes" };
        });
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: "nodeSelector critical-addons=yes does not match" }]);
    });

    it("reports a controller with no placement rules even when the NodePools live in another stack", async () => {
        const unplaced = withValues((values) => {
            values.affinity = null;
            values.nodeSelector = null;
        }).filter((r) => r.name !== "default-nodepool");
        await expectFindings(unplaced, [{ policy: flagship, level: "mandatory", message: "can be scheduled on nodes of any NodePool without taints (the stack defines none)", urn: releaseUrn }]);
        // The chart's nodepool DoesNotExist term alone keeps it off them.
        await expectNoFindings(withValues((values) => delete values.nodeSelector).filter((r) => r.name !== "default-nodepool"));
    });

    it("reports a deadlock when the stack has a cluster but no node group or Fargate profile", async () => {
        await expectFindings(validStackWithout("critical-addons"), [{ policy: flagship, level: "mandatory", message: "the stack has no node group or Fargate profile" }]);
    });

    it("does not claim a deadlock when the cluster and its node groups live in another stack, and says it cannot verify", async () => {
        await expectFindings(validStackWithout("critical-addons", "cluster"), [
            { policy: verifiable, level: "advisory", message: "cannot verify where the Karpenter controller (Helm release \"karpenter\") runs: the stack has no node group, Fargate profile or EKS cluster", urn: releaseUrn },
        ]);
    });

    it("accepts a controller that runs on a Fargate profile admitting its namespace and labels", async () => {
        await expectNoFindings(fargateStack([{ namespace: "kube-system", labels: { "app.kubernetes.io/name": "karpenter" } }]));
    });

    it("accepts Fargate selectors with wildcards", async () => {
        await expectNoFindings(fargateStack([{ namespace: "kube-*" }]));
    });

    it("reports a deadlock when the only Fargate profile selects another namespace", async () => {
        await expectFindings(fargateStack([{ namespace: "karpenter" }]), [
            { policy: flagship, level: "mandatory", message: 'Fargate profile "karpenter": no selector admits namespace "kube-system"' },
        ]);
    });

    it("reports a deadlock when Fargate admits the pods but the nodeSelector wants the node group label", async () => {
        const resources = fargateStack([{ namespace: "kube-system" }], (values) => {
            values.nodeSelector = { "critical-addons": "true" };
        });
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: "nodeSelector critical-addons=true does not match" }]);
    });

    it("judges a pulumi-eks ManagedNodeGroup by its aws:eks/nodeGroup:NodeGroup child, never by the component", async () => {
        // In a real stack the component records no inputs and its outputs only reference the child.
        const resources = validStack();
        const component = resource("eks:index:ManagedNodeGroup", "critical", {}, { custom: false, outputs: { nodeGroup: "demo:critical-addons" } });
        byName(resources, "critical-addons").parent = component.urn;
        resources.push(component);
        await expectNoFindings(resources);
        propsOf(resources, "karpenter").values.tolerations = [];
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: 'node group "critical-addons": taint CriticalAddonsOnly=true:NoSchedule is not tolerated' }]);
    });

    it("does not model capacity from an eks:index:Cluster component's inputs, which a real stack does not record", async () => {
        const resources = validStackWithout("critical-addons", "cluster");
        resources.push(resource("eks:index:Cluster", "cluster", {}, { custom: false, outputs: { eksCluster: "demo", kubeconfig: "{}" } }));
        await expectFindings(resources, [
            { policy: flagship, level: "mandatory", message: "fits on no node group or Fargate profile (the stack has no node group or Fargate profile)" },
        ]);
    });

    it("treats self-managed node groups as might-fit: no deadlock claimed, and it says it cannot verify", async () => {
        // A real stack records no inputs for pulumi-eks's NodeGroupV2 (a remote component), and kubelet labels live in user data.
        for (const type of ["eks:index:NodeGroupV2", "aws:autoscaling/group:Group"]) {
            const resources = validStackWithout("critical-addons");
            resources.push(resource(type, "critical-self-managed", {}, { custom: type.startsWith("aws:"), outputs: { autoScalingGroupName: "critical-self-managed" } }));
            await expectFindings(resources, [
                { policy: verifiable, level: "advisory", message: 'whether it fits self-managed node group "critical-self-managed" cannot be told from the stack' },
            ]);
        }
    });

    it("draws no conclusion from unknown node group labels or a computed affinity, and says it cannot verify", async () => {
        const cannotVerify = (reason: string) => [{ policy: verifiable, level: "advisory" as const, message: reason, urn: releaseUrn }];
        await expectFindings(validStackWith("critical-addons", (props) => (props.labels = unknownValue)), cannotVerify('whether it fits node group "critical-addons" cannot be told'));
        await expectFindings(validStackWith("critical-addons", (props) => (props.taints = unknownValue)), cannotVerify('whether it fits node group "critical-addons" cannot be told'));
        await expectFindings(withValues((values) => (values.affinity = { nodeAffinity: unknownValue })), cannotVerify("its release values are not known yet"));
        await expectFindings(validStackWith("karpenter", (props) => (props.values = unknownValue)), cannotVerify("its release values are not known yet"));
    });

    it("still proves the controller fits when only the node group's name is unknown", async () => {
        await expectNoFindings(validStackWith("critical-addons", (props) => (props.nodeGroupName = unknownValue)));
    });
});

describe("karpenter-controller-ha", () => {
    it("reports a single replica", async () => {
        await expectFindings(withValues((values) => (values.replicas = 1)), [{ policy: ha, level: "mandatory", message: "must run at least 2 replicas, not 1", urn: releaseUrn }]);
    });

    it("takes the minimum from minReplicas in its config", async () => {
        await expectFindings(validStack(), [{ policy: ha, level: "mandatory", message: "must run at least 3 replicas, not 2", urn: releaseUrn }], { [ha]: { minReplicas: 3 } });
        await expectNoFindings(withValues((values) => (values.replicas = 1)), { [ha]: { minReplicas: 1 } });
    });

    it("uses the chart default of 2 replicas when values do not set it", async () => {
        await expectNoFindings(withValues((values) => delete values.replicas));
    });

    it("reports a node group whose minimum size is below the replica count", async () => {
        await expectFindings(validStackWith("critical-addons", (props) => (props.scalingConfig.minSize = 1)), [
            { policy: ha, level: "mandatory", message: 'node group "critical-addons") must keep at least 2 nodes (scalingConfig.minSize >= replicas); it guarantees 1' },
        ]);
    });

    it("compares the minimum size with a larger replica count", async () => {
        await expectFindings(withValues((values) => (values.replicas = 3)), [{ policy: ha, level: "mandatory", message: "must keep at least 3 nodes" }]);
    });

    it("reports a node group in a single subnet", async () => {
        await expectFindings(validStackWith("critical-addons", (props) => (props.subnetIds = ["subnet-0aaa"])), [
            { policy: ha, level: "mandatory", message: "must span at least 2 subnets in different availability zones; it uses 1" },
        ]);
    });

    it("skips sizes and subnets that are unknown during preview", async () => {
        await expectNoFindings(validStackWith("critical-addons", (props) => (props.scalingConfig = unknownValue)));
        await expectNoFindings(validStackWith("critical-addons", (props) => (props.subnetIds = [unknownValue, unknownValue])));
        await expectNoFindings(withValues((values) => (values.replicas = unknownValue)));
    });

    it("checks the subnets of the Fargate profile when the controller runs on Fargate", async () => {
        const resources = fargateStack([{ namespace: "kube-system" }]);
        propsOf(resources, "karpenter-fargate").subnetIds = ["subnet-0aaa"];
        await expectFindings(resources, [{ policy: ha, level: "mandatory", message: 'Fargate profile "karpenter") must span at least 2 subnets' }]);
    });
});
