import * as pulumi from "@pulumi/pulumi";
import { ConsolidationPolicy, DisruptionBudget, NodeSelectorRequirement, Taint } from "../nodepools/crdTypes";
import { PolicyStatement } from "../iam/policyDocument";
import { ControllerIdentity, ControllerPlacement, InterruptionHandling, KubeconfigCredentialsArgs } from "./args";

/** {@link KarpenterClusterArgs} with every default applied: what the builders work from. */
export interface ResolvedArgs {
    clusterName: string;
    kubernetesVersion: string;
    tags: Record<string, string>;
    clusterAdmins: string[];
    /** Undefined for the default, which comes from the AWS provider's config. */
    kubeconfigCredentials?: KubeconfigCredentialsArgs;
    controlPlaneLogRetentionDays: number;
    network: NewNetwork | ExistingNetwork;
    endpoint: ResolvedEndpoint;
    nodeGroup: ResolvedNodeGroup;
    nodeRole: { ecrPolicy: "PullOnly" | "ReadOnly"; additionalPolicies: Record<string, string> };
    karpenter: ResolvedKarpenter;
    /** Undefined when no LimitRange is wanted. */
    podDefaults?: ResolvedPodDefaults;
    /** Undefined unless the smoke test is enabled. */
    smokeTest?: ResolvedSmokeTest;
    spotServiceLinkedRole: boolean;
    /** Undefined when no pull-through cache is wanted. */
    pullThroughCache?: ResolvedPullThroughCache;
}

export interface ResolvedEndpoint {
    publicAccess: boolean;
    privateAccess: boolean;
    publicAccessCidrs?: string[];
    /** Admitted to the private endpoint on port 443, besides the cluster security group itself. */
    privateAccessCidrs: string[];
    privateAccessSecurityGroupIds: pulumi.Input<string>[];
}

export interface ResolvedPullThroughCache {
    /** The rule's `ecrRepositoryPrefix`. */
    repositoryPrefix: string;
}

export interface NewNetwork {
    kind: "new";
    cidrBlock: string;
    availabilityZoneCount: number;
    natGateways: "OnePerAz" | "Single" | "None";
    /** Undefined when no endpoints are wanted. */
    vpcEndpoints?: ResolvedVpcEndpoints;
}

export interface ExistingNetwork {
    kind: "existing";
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string>[];
    publicSubnetIds: pulumi.Input<string>[];
    vpcEndpoints?: ResolvedVpcEndpoints;
}

export interface ResolvedVpcEndpoints {
    /** Interface endpoint services by the last part of their name (`sts`, `ecr.api`), in creation order. */
    interfaceServices: string[];
    s3Gateway: boolean;
    /** Undefined means the private subnets. */
    subnetIds?: pulumi.Input<string>[];
    /** Undefined means a new VPC's private route tables. */
    routeTableIds?: pulumi.Input<string>[];
    /** Undefined means the VPC's CIDR blocks. */
    allowedCidrs?: string[];
}

export interface ResolvedPodDefaults {
    namespaces: string[];
    /** The namespaces the component creates: none unless asked, and never a built-in one. */
    namespacesToCreate: string[];
    defaultRequest: Record<string, string>;
    defaultLimit: Record<string, string>;
}

export interface ResolvedSmokeTest {
    nodePool: string;
    namespace: string;
    replicas: number;
    cpu: string;
    memory: string;
    image: string;
}

export interface ResolvedNodeGroup {
    instanceTypes: string[];
    minSize: number;
    desiredSize: number;
    maxSize: number;
    diskSizeGiB: number;
    labels: Record<string, string>;
    metadataHopLimit: number;
}

export interface ResolvedKarpenter {
    version: string;
    namespace: string;
    serviceAccount: string;
    identity: ControllerIdentity;
    placement: ControllerPlacement;
    interruption: InterruptionHandling;
    replicas: number;
    controllerResources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
    isolatedVpc: boolean;
    logLevel: "debug" | "info" | "error";
    extraValues: Record<string, unknown>;
    extraPolicyStatements: PolicyStatement[];
    additionalPolicies: Record<string, string>;
    nodeTerminationHandlerVersion: string;
    nodeClasses: ResolvedNodeClass[];
    nodePools: ResolvedNodePool[];
}

export type AmiFamily = "al2023" | "bottlerocket";

export interface ResolvedNodeClass {
    name: string;
    amiAlias: string;
    amiFamily: AmiFamily;
    /** A custom role name; undefined means the component's node role. */
    role?: string;
    /** An instance profile the component creates with exactly this name. */
    instanceProfile?: string;
    volumeSize: string;
    volumeType: "gp3" | "gp2" | "io1" | "io2";
    volumeIops?: number;
    volumeThroughput?: number;
    kmsKeyId?: string;
    metadataHopLimit: number;
    tags: Record<string, string>;
    detailedMonitoring: boolean;
    userData?: string;
}

export interface ResolvedNodePool {
    name: string;
    nodeClass: string;
    weight?: number;
    capacityTypes: ("spot" | "on-demand")[];
    architectures: ("amd64" | "arm64")[];
    instanceCategories?: string[];
    instanceFamilies?: string[];
    instanceSizes?: string[];
    minInstanceGeneration: number;
    zones?: string[];
    allowExoticInstances: boolean;
    requirements: NodeSelectorRequirement[];
    labels: Record<string, string>;
    taints: Taint[];
    startupTaints: Taint[];
    limits: Record<string, string>;
    disruption: { consolidationPolicy: ConsolidationPolicy; consolidateAfter: string; budgets: DisruptionBudget[] };
    expireAfter: string;
    terminationGracePeriod: string;
}
