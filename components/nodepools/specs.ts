import * as pulumi from "@pulumi/pulumi";
import { ResolvedNodeClass, ResolvedNodePool } from "../config/resolved";
import {
    BlockDeviceMapping,
    EC2NodeClass,
    NodePool,
    NodeSelectorRequirement,
    ec2NodeClassApiVersion,
    nodePoolApiVersion,
} from "./crdTypes";

/** The tag Karpenter discovers the cluster's private subnets and its single security group by. */
export const discoveryTagKey = "karpenter.sh/discovery";

/** NTH in queue mode only drains instances carrying this tag (its `managedTag` default). */
export const terminationHandlerManagedTag = "aws-node-termination-handler/managed";

export function nodePoolRequirements(pool: ResolvedNodePool): NodeSelectorRequirement[] {
    const requirements: NodeSelectorRequirement[] = [
        { key: "kubernetes.io/arch", operator: "In", values: [...pool.architectures] },
        { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
        { key: "karpenter.sh/capacity-type", operator: "In", values: [...pool.capacityTypes] },
    ];
    if (pool.instanceCategories) {
        requirements.push({ key: "karpenter.k8s.aws/instance-category", operator: "In", values: [...pool.instanceCategories] });
    }
    if (pool.instanceFamilies) {
        requirements.push({ key: "karpenter.k8s.aws/instance-family", operator: "In", values: [...pool.instanceFamilies] });
    }
    if (pool.instanceSizes) {
        requirements.push({ key: "karpenter.k8s.aws/instance-size", operator: "In", values: [...pool.instanceSizes] });
    }
    requirements.push({
        key: "karpenter.k8s.aws/instance-generation",
        operator: "Gt",
        values: [String(pool.minInstanceGeneration - 1)],
    });
    if (!pool.allowExoticInstances) {
        // Bare-metal sizes report no hypervisor, so requiring Nitro excludes every metal size at once.
        requirements.push({ key: "karpenter.k8s.aws/instance-hypervisor", operator: "In", values: ["nitro"] });
    }
    if (pool.zones) {
        requirements.push({ key: "topology.kubernetes.io/zone", operator: "In", values: [...pool.zones] });
    }
    return [...requirements, ...pool.requirements];
}

export function nodePoolObject(pool: ResolvedNodePool): NodePool {
    const hasLabels = Object.keys(pool.labels).length > 0;
    return {
        apiVersion: nodePoolApiVersion,
        kind: "NodePool",
        metadata: { name: pool.name },
        spec: {
            template: {
                ...(hasLabels ? { metadata: { labels: { ...pool.labels } } } : {}),
                spec: {
                    nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: pool.nodeClass },
                    requirements: nodePoolRequirements(pool),
                    ...(pool.taints.length > 0 ? { taints: pool.taints.map((t) => ({ ...t })) } : {}),
                    ...(pool.startupTaints.length > 0 ? { startupTaints: pool.startupTaints.map((t) => ({ ...t })) } : {}),
                    expireAfter: pool.expireAfter,
                    terminationGracePeriod: pool.terminationGracePeriod,
                },
            },
            limits: { ...pool.limits },
            disruption: {
                consolidationPolicy: pool.disruption.consolidationPolicy,
                consolidateAfter: pool.disruption.consolidateAfter,
                budgets: pool.disruption.budgets.map((b) => ({ ...b })),
            },
            ...(pool.weight !== undefined ? { weight: pool.weight } : {}),
        },
    };
}

/** What an EC2NodeClass needs from the rest of the stack. */
export interface NodeClassContext {
    clusterName: string;
    /** Exactly one of the two: the role Karpenter builds instance profiles for, or a ready profile. */
    identity: { role: pulumi.Input<string> } | { instanceProfile: pulumi.Input<string> };
    /** Tags on every instance, volume and launch template, after the component's own tags. */
    tags: Record<string, string>;
}

export function blockDeviceMappings(nodeClass: ResolvedNodeClass): BlockDeviceMapping[] {
    const kubeletVolume: BlockDeviceMapping = {
        deviceName: nodeClass.amiFamily === "bottlerocket" ? "/dev/xvdb" : "/dev/xvda",
        rootVolume: true,
        ebs: {
            volumeSize: nodeClass.volumeSize,
            volumeType: nodeClass.volumeType,
            encrypted: true,
            deleteOnTermination: true,
            ...(nodeClass.kmsKeyId !== undefined ? { kmsKeyID: nodeClass.kmsKeyId } : {}),
            ...(nodeClass.volumeIops !== undefined ? { iops: nodeClass.volumeIops } : {}),
            ...(nodeClass.volumeThroughput !== undefined ? { throughput: nodeClass.volumeThroughput } : {}),
        },
    };
    if (nodeClass.amiFamily !== "bottlerocket") {
        return [kubeletVolume];
    }
    // Bottlerocket boots from a small OS volume and keeps images and pods on the second one.
    const osVolume: BlockDeviceMapping = {
        deviceName: "/dev/xvda",
        ebs: {
            volumeSize: "4Gi",
            volumeType: "gp3",
            encrypted: true,
            deleteOnTermination: true,
            ...(nodeClass.kmsKeyId !== undefined ? { kmsKeyID: nodeClass.kmsKeyId } : {}),
        },
    };
    return [osVolume, kubeletVolume];
}

export function ec2NodeClassObject(nodeClass: ResolvedNodeClass, context: NodeClassContext): EC2NodeClass {
    const discovery = { [discoveryTagKey]: context.clusterName };
    const tags = { ...context.tags, ...nodeClass.tags };
    return {
        apiVersion: ec2NodeClassApiVersion,
        kind: "EC2NodeClass",
        metadata: { name: nodeClass.name },
        spec: {
            ...context.identity,
            amiSelectorTerms: [{ alias: nodeClass.amiAlias }],
            subnetSelectorTerms: [{ tags: { ...discovery } }],
            securityGroupSelectorTerms: [{ tags: { ...discovery } }],
            metadataOptions: {
                httpEndpoint: "enabled",
                httpProtocolIPv6: "disabled",
                httpPutResponseHopLimit: nodeClass.metadataHopLimit,
                httpTokens: "required",
            },
            blockDeviceMappings: blockDeviceMappings(nodeClass),
            ...(Object.keys(tags).length > 0 ? { tags } : {}),
            ...(nodeClass.detailedMonitoring ? { detailedMonitoring: true } : {}),
            ...(nodeClass.userData !== undefined ? { userData: nodeClass.userData } : {}),
        },
    };
}
