/**
 * The string enums of the component's arguments and outputs, as the analyzer maps them to schema
 * enums: an `as const` object, whose members name the values in other languages
 * (`NatGateways.SINGLE` in Python), and a type of the same name, the union of its values, which a
 * TypeScript string literal still fits. Each has the values of the union it stands for in the
 * component's types, which args.ts proves.
 */

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
