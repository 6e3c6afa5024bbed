/**
 * The component's arguments in the shapes Pulumi's component analyzer maps to a package schema
 * (@pulumi/pulumi 3.248.0, provider/experimental/analyzer.ts): interfaces, `Input<T>`, arrays,
 * `Record<string, T>`, `any`, and string enums written as an `as const` object with a type of
 * the same name (enums.ts). It maps no other union and no anonymous object type, so the
 * component's own types (components/config/args.ts) cannot be read as they are:
 * `"OnePerAz" | "Single" | "None"` becomes {@link NatGateways}, `{ cpu?: string; memory?: string }`
 * becomes {@link ResourceQuantities}.
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
import {
    NatGateways,
    VpcEndpointService,
    EcrPolicy,
    ControllerIdentity,
    ControllerPlacement,
    InterruptionHandling,
    LogLevel,
    VolumeType,
    CapacityType,
    Architecture,
    ConsolidationPolicy,
    DisruptionReason,
    RequirementOperator,
    TaintEffect,
    TolerationOperator,
} from "./enums";

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
