/**
 * The component's arguments in the shapes Pulumi's component analyzer maps to a package schema
 * (@pulumi/pulumi 3.248.0, provider/experimental/analyzer.ts): interfaces, `Input<T>`, arrays,
 * `Record<string, T>`, `any`, and string enums written as an `as const` object with a type of
 * the same name. It maps no other union and no anonymous object type, so the component's own
 * types (components/config/args.ts) cannot be read as they are: `"OnePerAz" | "Single" | "None"`
 * becomes {@link NatGateways}, `{ cpu?: string; memory?: string }` becomes {@link ResourceQuantities}.
 *
 * TypeScript users keep the component's own types. These mirror them field for field, which the
 * compiler proves at the end of this file, and the schema takes its documentation from the
 * component's types (documentation.ts); the comments here fill in only what those lack.
 * Interface names drop the `Args` suffix, since the Python, Go and .NET generators add their own.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as component from "../components/config/args";
import type * as crd from "../components/nodepools/crdTypes";
import type * as chart from "../components/karpenter/chartValues";

/** NAT gateways of a new VPC. */
export const NatGateways = {
    /** One NAT gateway in each AZ: the VPC survives the loss of an AZ. */
    OnePerAz: "OnePerAz",
    /** One NAT gateway for the whole VPC: cheaper, but an AZ outage cuts every node's egress. */
    Single: "Single",
    /** No NAT gateway: an isolated VPC that reaches AWS through VPC endpoints only. */
    None: "None",
} as const;
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];

/** An AWS service with a VPC endpoint, by the last part of its service name. */
export const VpcEndpointService = {
    /** `sts`: IAM roles for service accounts. */
    Sts: "sts",
    /** `ec2`: instance launches and discovery. */
    Ec2: "ec2",
    /** `ssm`: AMI parameters. */
    Ssm: "ssm",
    /** `sqs`: the interruption queue. */
    Sqs: "sqs",
    /** `ecr.api`: image pulls (authorization). */
    EcrApi: "ecr.api",
    /** `ecr.dkr`: image pulls (registry). */
    EcrDkr: "ecr.dkr",
    /** `eks`: cluster discovery by the nodes. */
    Eks: "eks",
    /** `eks-auth`: EKS Pod Identity. */
    EksAuth: "eks-auth",
    /** `s3`: the gateway endpoint image layers are pulled through. */
    S3: "s3",
} as const;
export type VpcEndpointService = (typeof VpcEndpointService)[keyof typeof VpcEndpointService];

/** The ECR managed policy of the node role. */
export const EcrPolicy = {
    /** `AmazonEC2ContainerRegistryPullOnly`. */
    PullOnly: "PullOnly",
    /** `AmazonEC2ContainerRegistryReadOnly`. */
    ReadOnly: "ReadOnly",
} as const;
export type EcrPolicy = (typeof EcrPolicy)[keyof typeof EcrPolicy];

/** How the Karpenter controller gets AWS credentials. */
export const ControllerIdentity = {
    /** IAM roles for service accounts, through the cluster's OIDC provider. */
    Irsa: "irsa",
    /** EKS Pod Identity. */
    PodIdentity: "podIdentity",
} as const;
export type ControllerIdentity = (typeof ControllerIdentity)[keyof typeof ControllerIdentity];

/** Where the Karpenter controller runs. */
export const ControllerPlacement = {
    /** The critical-addons managed node group. */
    NodeGroup: "nodeGroup",
    /** An EKS Fargate profile that selects only the Karpenter pods. */
    Fargate: "fargate",
} as const;
export type ControllerPlacement = (typeof ControllerPlacement)[keyof typeof ControllerPlacement];

/** Who handles spot interruption, rebalance, health and state-change events. */
export const InterruptionHandling = {
    /** Karpenter reads the interruption queue itself. */
    Native: "native",
    /** The aws-node-termination-handler chart in queue-processor mode reads the queue. */
    NodeTerminationHandler: "nodeTerminationHandler",
    /** No queue and no rules. */
    None: "none",
} as const;
export type InterruptionHandling = (typeof InterruptionHandling)[keyof typeof InterruptionHandling];

/** Log level of the Karpenter controller. */
export const LogLevel = {
    Debug: "debug",
    Info: "info",
    Error: "error",
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** EBS volume type of a node's root volume. */
export const VolumeType = {
    Gp3: "gp3",
    Gp2: "gp2",
    Io1: "io1",
    Io2: "io2",
} as const;
export type VolumeType = (typeof VolumeType)[keyof typeof VolumeType];

/** A `karpenter.sh/capacity-type` value. */
export const CapacityType = {
    Spot: "spot",
    OnDemand: "on-demand",
} as const;
export type CapacityType = (typeof CapacityType)[keyof typeof CapacityType];

/** A `kubernetes.io/arch` value. */
export const Architecture = {
    Amd64: "amd64",
    Arm64: "arm64",
} as const;
export type Architecture = (typeof Architecture)[keyof typeof Architecture];

/** Which nodes Karpenter may consolidate. */
export const ConsolidationPolicy = {
    /** Only nodes without workload pods. */
    WhenEmpty: "WhenEmpty",
    /** Empty nodes and nodes whose pods fit elsewhere. */
    WhenEmptyOrUnderutilized: "WhenEmptyOrUnderutilized",
    /** Underutilized nodes only when the saving outweighs the disruption. */
    Balanced: "Balanced",
} as const;
export type ConsolidationPolicy = (typeof ConsolidationPolicy)[keyof typeof ConsolidationPolicy];

/** A reason for disruption a budget applies to. */
export const DisruptionReason = {
    Underutilized: "Underutilized",
    Empty: "Empty",
    Drifted: "Drifted",
} as const;
export type DisruptionReason = (typeof DisruptionReason)[keyof typeof DisruptionReason];

/** The operator of a node selector requirement. */
export const RequirementOperator = {
    In: "In",
    NotIn: "NotIn",
    Exists: "Exists",
    DoesNotExist: "DoesNotExist",
    Gt: "Gt",
    Lt: "Lt",
    Gte: "Gte",
    Lte: "Lte",
} as const;
export type RequirementOperator = (typeof RequirementOperator)[keyof typeof RequirementOperator];

/** The effect of a taint on pods that do not tolerate it. */
export const TaintEffect = {
    NoSchedule: "NoSchedule",
    PreferNoSchedule: "PreferNoSchedule",
    NoExecute: "NoExecute",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** How a toleration matches a taint's value. */
export const TolerationOperator = {
    /** Any value. */
    Exists: "Exists",
    /** The toleration's value. */
    Equal: "Equal",
} as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

export interface KarpenterClusterArgs {
    clusterName?: string;
    kubernetesVersion?: string;
    tags?: Record<string, string>;
    clusterAdmins?: string[];
    kubeconfigCredentials?: KubeconfigCredentials;
    controlPlaneLogRetentionDays?: number;
    network?: Network;
    endpoint?: Endpoint;
    nodeGroup?: NodeGroup;
    nodeRole?: NodeRole;
    karpenter?: Karpenter;
    podDefaults?: PodDefaults;
    smokeTest?: SmokeTest;
    spotServiceLinkedRole?: boolean;
}

export interface KubeconfigCredentials {
    profileName?: string;
    roleArn?: string;
}

export interface Network {
    vpcId?: pulumi.Input<string>;
    privateSubnetIds?: pulumi.Input<string>[];
    publicSubnetIds?: pulumi.Input<string>[];
    cidrBlock?: string;
    availabilityZoneCount?: number;
    natGateways?: NatGateways;
    vpcEndpoints?: VpcEndpoints;
    pullThroughCache?: PullThroughCache;
}

export interface PullThroughCache {
    enabled?: boolean;
    repositoryPrefix?: string;
}

export interface VpcEndpoints {
    enabled?: boolean;
    exclude?: VpcEndpointService[];
    additionalServices?: string[];
    subnetIds?: pulumi.Input<string>[];
    routeTableIds?: pulumi.Input<string>[];
    allowedCidrs?: string[];
}

export interface Endpoint {
    publicAccess?: boolean;
    privateAccess?: boolean;
    publicAccessCidrs?: string[];
    privateAccessCidrs?: string[];
    privateAccessSecurityGroupIds?: pulumi.Input<string>[];
}

export interface NodeGroup {
    instanceTypes?: string[];
    minSize?: number;
    desiredSize?: number;
    maxSize?: number;
    diskSizeGiB?: number;
    labels?: Record<string, string>;
    metadataHopLimit?: number;
}

export interface NodeRole {
    ecrPolicy?: EcrPolicy;
    additionalPolicies?: Record<string, string>;
}

/** CPU and memory, as Kubernetes quantities. */
export interface ResourceQuantities {
    /** CPU, e.g. `"500m"` or `"1"`. */
    cpu?: string;
    /** Memory, e.g. `"512Mi"` or `"1Gi"`. */
    memory?: string;
}

export interface ControllerResources {
    /** Requests of the controller container. */
    requests?: ResourceQuantities;
    /** Limits of the controller container. */
    limits?: ResourceQuantities;
}

export interface Karpenter {
    version?: string;
    namespace?: string;
    serviceAccount?: string;
    identity?: ControllerIdentity;
    placement?: ControllerPlacement;
    interruption?: InterruptionHandling;
    replicas?: number;
    controllerResources?: ControllerResources;
    isolatedVpc?: boolean;
    logLevel?: LogLevel;
    extraValues?: Record<string, any>;
    /**
     * Extra statements for the controller role, as IAM writes them: `Sid`, `Effect`, `Action`,
     * `Resource`, `Condition` (each `Action` and `Resource` a string or a list), checked by the
     * component.
     */
    extraPolicyStatements?: any[];
    additionalPolicies?: Record<string, string>;
    nodeTerminationHandlerVersion?: string;
    nodeClasses?: NodeClass[];
    nodePools?: NodePool[];
}

export interface NodeClass {
    name: string;
    amiAlias?: string;
    role?: string;
    instanceProfile?: string;
    volumeSize?: string;
    volumeType?: VolumeType;
    volumeIops?: number;
    volumeThroughput?: number;
    kmsKeyId?: string;
    metadataHopLimit?: number;
    tags?: Record<string, string>;
    detailedMonitoring?: boolean;
    userData?: string;
}

export interface NodePool {
    name: string;
    nodeClass?: string;
    weight?: number;
    capacityTypes?: CapacityType[];
    architectures?: Architecture[];
    instanceCategories?: string[];
    instanceFamilies?: string[];
    instanceSizes?: string[];
    minInstanceGeneration?: number;
    zones?: string[];
    allowExoticInstances?: boolean;
    requirements?: NodeSelectorRequirement[];
    labels?: Record<string, string>;
    taints?: Taint[];
    startupTaints?: Taint[];
    limits?: Record<string, string>;
    disruption?: NodePoolDisruption;
    expireAfter?: string;
    terminationGracePeriod?: string;
}

/** Consolidation and disruption budgets of a NodePool. */
export interface NodePoolDisruption {
    /** Which nodes Karpenter may consolidate. */
    consolidationPolicy?: ConsolidationPolicy;
    consolidateAfter?: string;
    /** How many nodes may be disrupted at once, and when. */
    budgets?: DisruptionBudget[];
}

/** A NodePool disruption budget. */
export interface DisruptionBudget {
    nodes: string;
    schedule?: string;
    /** How long the budget applies from each `schedule` time, e.g. `"8h"`. */
    duration?: string;
    /** Reasons the budget applies to. @default every reason */
    reasons?: DisruptionReason[];
}

/** A node selector requirement, as in a Kubernetes node affinity. */
export interface NodeSelectorRequirement {
    /** Label key. */
    key: string;
    /** How `values` match the label. */
    operator: RequirementOperator;
    /** Label values; one integer with `Gt`, `Lt`, `Gte` and `Lte`, none with `Exists` and `DoesNotExist`. */
    values?: string[];
    /** Least number of distinct values Karpenter must keep available for this key. */
    minValues?: number;
}

/** A Kubernetes node taint. */
export interface Taint {
    /** Taint key, e.g. `"team"` or `"example.com/dedicated"`. */
    key: string;
    /** Taint value. */
    value?: string;
    /** What happens to pods that do not tolerate the taint. */
    effect: TaintEffect;
}

export interface PodDefaults {
    namespaces: string[];
    createNamespaces?: boolean;
    defaultRequest?: ResourceQuantities;
    defaultLimit?: ResourceQuantities;
}

export interface SmokeTest {
    enabled?: boolean;
    nodePool?: string;
    namespace?: string;
    replicas?: number;
    cpu?: string;
    memory?: string;
    image?: string;
}

/** A Kubernetes pod toleration. */
export interface Toleration {
    /** Taint key; unset with `Exists`, any key. */
    key?: string;
    /** How the value matches. */
    operator: TolerationOperator;
    /** Taint value, with `Equal`. */
    value?: string;
    /** Taint effect; unset, any effect. */
    effect?: TaintEffect;
}

/** True when `A` and `B` have the same keys and each is assignable to the other. */
export type Mirrors<A, B> = [keyof A, keyof B] extends [keyof B, keyof A] ? ([A] extends [B] ? ([B] extends [A] ? true : false) : false) : false;
export type Proven<T extends true> = T;

/**
 * The compiler's proof that every type above is the component's own, key for key (assignability
 * alone would let an optional field go missing). `extraPolicyStatements` is `any`, IAM's statement
 * having unions the schema cannot describe; the component validates it either way.
 */
export type MirrorsComponentTypes = [
    Proven<Mirrors<KarpenterClusterArgs, component.KarpenterClusterArgs>>,
    Proven<Mirrors<KubeconfigCredentials, component.KubeconfigCredentialsArgs>>,
    Proven<Mirrors<Network, component.NetworkArgs>>,
    Proven<Mirrors<PullThroughCache, component.PullThroughCacheArgs>>,
    Proven<Mirrors<VpcEndpoints, component.VpcEndpointsArgs>>,
    Proven<Mirrors<Endpoint, component.EndpointArgs>>,
    Proven<Mirrors<NodeGroup, component.NodeGroupArgs>>,
    Proven<Mirrors<NodeRole, component.NodeRoleArgs>>,
    Proven<Mirrors<ControllerResources, component.ControllerResources>>,
    Proven<Mirrors<ResourceQuantities, NonNullable<component.ControllerResources["requests"]>>>,
    Proven<Mirrors<ResourceQuantities, NonNullable<component.ControllerResources["limits"]>>>,
    Proven<Mirrors<ResourceQuantities, NonNullable<component.PodDefaultsArgs["defaultRequest"]>>>,
    Proven<Mirrors<ResourceQuantities, NonNullable<component.PodDefaultsArgs["defaultLimit"]>>>,
    Proven<Mirrors<Karpenter, component.KarpenterArgs>>,
    Proven<Mirrors<NodeClass, component.NodeClassArgs>>,
    Proven<Mirrors<NodePool, component.NodePoolArgs>>,
    Proven<Mirrors<NodePoolDisruption, NonNullable<component.NodePoolArgs["disruption"]>>>,
    Proven<Mirrors<DisruptionBudget, crd.DisruptionBudget>>,
    Proven<Mirrors<NodeSelectorRequirement, crd.NodeSelectorRequirement>>,
    Proven<Mirrors<Taint, crd.Taint>>,
    Proven<Mirrors<PodDefaults, component.PodDefaultsArgs>>,
    Proven<Mirrors<SmokeTest, component.SmokeTestArgs>>,
    Proven<Mirrors<Toleration, chart.Toleration>>,
];
