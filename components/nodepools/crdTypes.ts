import * as pulumi from "@pulumi/pulumi";

/**
 * Typed subsets of the Karpenter v1 CRDs (`karpenter.sh/v1` NodePool, `karpenter.k8s.aws/v1`
 * EC2NodeClass). Field names are the CRD's own; only fields this package sets are declared.
 */

export type RequirementOperator = "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" | "Gte" | "Lte";
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";
export type ConsolidationPolicy = "WhenEmpty" | "WhenEmptyOrUnderutilized" | "Balanced";
export type DisruptionReason = "Underutilized" | "Empty" | "Drifted";

export interface NodeSelectorRequirement {
    key: string;
    operator: RequirementOperator;
    values?: string[];
    minValues?: number;
}

export interface Taint {
    key: string;
    value?: string;
    effect: TaintEffect;
}

export interface DisruptionBudget {
    /** A count (`"5"`) or a percentage (`"10%"`). */
    nodes: string;
    /** Cron schedule; must be set together with `duration`. */
    schedule?: string;
    duration?: string;
    reasons?: DisruptionReason[];
}

export interface NodePoolSpec {
    template: {
        metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
        spec: {
            nodeClassRef: { group: "karpenter.k8s.aws"; kind: "EC2NodeClass"; name: string };
            requirements: NodeSelectorRequirement[];
            taints?: Taint[];
            startupTaints?: Taint[];
            expireAfter: string;
            terminationGracePeriod?: string;
        };
    };
    limits: Record<string, string>;
    disruption: {
        consolidationPolicy: ConsolidationPolicy;
        consolidateAfter: string;
        budgets: DisruptionBudget[];
    };
    weight?: number;
}

export interface BlockDeviceMapping {
    deviceName: string;
    rootVolume?: boolean;
    ebs: {
        volumeSize: string;
        volumeType: "gp3" | "gp2" | "io1" | "io2";
        encrypted: true;
        deleteOnTermination: boolean;
        kmsKeyID?: string;
        iops?: number;
        throughput?: number;
    };
}

export interface SelectorTerm {
    tags?: Record<string, string>;
    id?: string;
}

export interface EC2NodeClassSpec {
    /** Exactly one of `role` and `instanceProfile`; outputs of the IAM resources they name. */
    role?: pulumi.Input<string>;
    instanceProfile?: pulumi.Input<string>;
    amiSelectorTerms: { alias: string }[];
    subnetSelectorTerms: SelectorTerm[];
    securityGroupSelectorTerms: SelectorTerm[];
    metadataOptions: {
        httpEndpoint: "enabled";
        httpProtocolIPv6: "disabled";
        httpPutResponseHopLimit: number;
        httpTokens: "required";
    };
    blockDeviceMappings: BlockDeviceMapping[];
    tags?: Record<string, string>;
    detailedMonitoring?: boolean;
    userData?: string;
}

/** A Kubernetes object as `k8s.apiextensions.CustomResource` takes it. */
export interface KarpenterObject<Kind extends string, Spec> {
    apiVersion: string;
    kind: Kind;
    metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    spec: Spec;
}

export type NodePool = KarpenterObject<"NodePool", NodePoolSpec>;
export type EC2NodeClass = KarpenterObject<"EC2NodeClass", EC2NodeClassSpec>;

export const nodePoolApiVersion = "karpenter.sh/v1";
export const ec2NodeClassApiVersion = "karpenter.k8s.aws/v1";
