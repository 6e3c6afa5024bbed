import { EngineResource } from "../../plan/policyHarness";
import { byName, criticalNodeGroupProps, propsOf, resource, unknownValue, urnOf, validStack, validStackWith, validStackWithout } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const flagship = "karpenter-controller-off-karpenter-nodes";
const ha = "karpenter-controller-ha";
const releaseUrn = urnOf("kubernetes:helm.sh/v3:Release", "karpenter");

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

    it("reports a deadlock when the stack has a cluster but no node group or Fargate profile", async () => {
        await expectFindings(validStackWithout("critical-addons"), [{ policy: flagship, level: "mandatory", message: "the stack has no node group or Fargate profile" }]);
    });

    it("does not claim a deadlock when the cluster and its node groups live in another stack", async () => {
        await expectNoFindings(validStackWithout("critical-addons", "cluster"));
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

    it("recognises eks:index:ManagedNodeGroup inputs as the critical-addons node group", async () => {
        const resources = validStack().map((r) => (r.name === "critical-addons" ? { ...r, type: "eks:index:ManagedNodeGroup", urn: urnOf("eks:index:ManagedNodeGroup", r.name), custom: false } : r));
        await expectNoFindings(resources);
        propsOf(resources, "karpenter").values.tolerations = [];
        await expectFindings(resources, [{ policy: flagship, level: "mandatory", message: 'node group "critical-addons": taint CriticalAddonsOnly=true:NoSchedule is not tolerated' }]);
    });

    it("models the capacity an eks:index:Cluster component creates from its inputs", async () => {
        const componentCluster = (props: Record<string, unknown>) => {
            const resources = validStackWithout("critical-addons", "cluster");
            resources.push(resource("eks:index:Cluster", "cluster", { name: "demo", endpointPublicAccess: false, ...props }, { custom: false }));
            return resources;
        };
        await expectFindings(componentCluster({}), [
            { policy: flagship, level: "mandatory", message: 'default node group of cluster "cluster": nodeSelector critical-addons=true does not match' },
        ]);
        await expectNoFindings(componentCluster({ nodeGroupOptions: { labels: { "critical-addons": "true" }, minSize: 2, nodeSubnetIds: ["subnet-0aaa", "subnet-0bbb"] } }));
        const onFargate = componentCluster({ fargate: true });
        delete propsOf(onFargate, "karpenter").values.nodeSelector;
        await expectNoFindings(onFargate);
    });

    it("reads self-managed pulumi-eks node groups, and treats raw Auto Scaling groups as might-fit", async () => {
        const selfManaged = (type: string, props: Record<string, unknown>) => {
            const resources = validStackWithout("critical-addons");
            resources.push(resource(type, "critical-self-managed", props, { custom: type.startsWith("aws:") }));
            return resources;
        };
        const taints = { CriticalAddonsOnly: { value: "true", effect: "NoSchedule" } };
        await expectNoFindings(selfManaged("eks:index:NodeGroupV2", { labels: { "critical-addons": "true" }, taints, minSize: 2, nodeSubnetIds: ["subnet-0aaa", "subnet-0bbb"] }));
        await expectFindings(selfManaged("eks:index:NodeGroupV2", { labels: { "critical-addons": "true" }, taints: { dedicated: { value: "x", effect: "NoExecute" } }, minSize: 2 }), [
            { policy: flagship, level: "mandatory", message: 'self-managed node group "critical-self-managed": taint dedicated=x:NoExecute is not tolerated' },
        ]);
        await expectNoFindings(selfManaged("aws:autoscaling/group:Group", { minSize: 2, maxSize: 3 }));
    });

    it("prefers the real aws NodeGroup child over its ManagedNodeGroup component", async () => {
        const resources = validStack();
        const component = resource("eks:index:ManagedNodeGroup", "critical", { nodeGroup: unknownValue }, { custom: false });
        byName(resources, "critical-addons").parent = component.urn;
        resources.push(component);
        await expectNoFindings(resources);
    });

    it("draws no conclusion from unknown node group labels or a computed affinity", async () => {
        await expectNoFindings(validStackWith("critical-addons", (props) => (props.labels = unknownValue)));
        await expectNoFindings(validStackWith("critical-addons", (props) => (props.taints = unknownValue)));
        await expectNoFindings(withValues((values) => (values.affinity = { nodeAffinity: unknownValue })));
        await expectNoFindings(validStackWith("karpenter", (props) => (props.values = unknownValue)));
    });

    it("still proves the controller fits when only the node group's name is unknown", async () => {
        await expectNoFindings(validStackWith("critical-addons", (props) => (props.nodeGroupName = unknownValue)));
    });
});

describe("karpenter-controller-ha", () => {
    it("reports a single replica", async () => {
        await expectFindings(withValues((values) => (values.replicas = 1)), [{ policy: ha, level: "mandatory", message: "must run at least 2 replicas, not 1", urn: releaseUrn }]);
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

    it("applies the ManagedNodeGroup component's default minimum size of 1", async () => {
        const props = criticalNodeGroupProps();
        delete props.scalingConfig;
        const resources = validStackWithout("critical-addons");
        resources.push(resource("eks:index:ManagedNodeGroup", "critical-addons", props, { custom: false }));
        await expectFindings(resources, [{ policy: ha, level: "mandatory", message: "it guarantees 1" }]);
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
