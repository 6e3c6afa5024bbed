import { defaultAmiAliases, defaultKarpenterVersion, defaultKubernetesVersion, nodeTerminationHandlerChart } from "../versions";
import { KarpenterArgs, KarpenterClusterArgs, NetworkArgs, NodeClassArgs, NodePoolArgs } from "./args";
import { awsNames } from "../naming";
import { resolvePullThroughCache, resolveVpcEndpoints } from "./privateNetworkDefaults";
import { resolvePodDefaults, resolveSmokeTest } from "./workloadDefaults";
import { AmiFamily, ResolvedArgs, ResolvedKarpenter, ResolvedNodeClass, ResolvedNodePool } from "./resolved";

/** The label the critical-addons node group carries and the Karpenter controller selects. */
export const criticalAddonsLabels: Record<string, string> = { "critical-addons": "true" };

/** The taint the Karpenter chart and the EKS CoreDNS add-on already tolerate. */
export const criticalAddonsTaint = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" } as const;

export const defaultNodePoolLimits = { cpu: "100", memory: "400Gi" };

/**
 * Applies every default. Pure and total for validated input: call it only after
 * {@link validateArgs} found no problem.
 */
export function resolveArgs(componentName: string, args: KarpenterClusterArgs): ResolvedArgs {
    const minSize = args.nodeGroup?.minSize ?? 2;
    const names = awsNames(args.clusterName ?? componentName);
    const karpenter = resolveKarpenter(args.karpenter ?? {}, args.network?.natGateways === "None", names.nodeInstanceProfile);
    return {
        clusterName: args.clusterName ?? componentName,
        kubernetesVersion: args.kubernetesVersion ?? defaultKubernetesVersion,
        tags: { ...args.tags },
        clusterAdmins: [...(args.clusterAdmins ?? [])],
        kubeconfigCredentials: args.kubeconfigCredentials && { ...args.kubeconfigCredentials },
        controlPlaneLogRetentionDays: args.controlPlaneLogRetentionDays ?? 90,
        network: resolveNetwork(args),
        endpoint: {
            publicAccess: args.endpoint?.publicAccess ?? true,
            privateAccess: args.endpoint?.privateAccess ?? true,
            publicAccessCidrs: args.endpoint?.publicAccessCidrs,
            privateAccessCidrs: [...(args.endpoint?.privateAccessCidrs ?? [])],
            privateAccessSecurityGroupIds: [...(args.endpoint?.privateAccessSecurityGroupIds ?? [])],
        },
        nodeGroup: {
            instanceTypes: args.nodeGroup?.instanceTypes ?? ["m6i.large", "m6a.large", "m5.large"],
            minSize,
            desiredSize: args.nodeGroup?.desiredSize ?? minSize,
            maxSize: args.nodeGroup?.maxSize ?? Math.max(4, minSize),
            diskSizeGiB: args.nodeGroup?.diskSizeGiB ?? 50,
            labels: args.nodeGroup?.labels ?? { ...criticalAddonsLabels },
            metadataHopLimit: args.nodeGroup?.metadataHopLimit ?? 1,
        },
        nodeRole: {
            ecrPolicy: args.nodeRole?.ecrPolicy ?? "PullOnly",
            additionalPolicies: { ...args.nodeRole?.additionalPolicies },
        },
        karpenter,
        podDefaults: resolvePodDefaults(args.podDefaults, args.karpenter?.namespace ?? "kube-system"),
        smokeTest: resolveSmokeTest(args.smokeTest, args.karpenter?.nodePools?.[0]?.name ?? "default"),
        spotServiceLinkedRole: args.spotServiceLinkedRole ?? false,
        pullThroughCache: resolvePullThroughCache(args.network?.pullThroughCache, karpenter.isolatedVpc, names.pullThroughCachePrefix),
    };
}

function resolveNetwork(args: KarpenterClusterArgs): ResolvedArgs["network"] {
    const network: NetworkArgs = args.network ?? {};
    const vpcEndpoints = resolveVpcEndpoints(network, args.karpenter ?? {});
    if (network.vpcId !== undefined) {
        return {
            kind: "existing",
            vpcId: network.vpcId,
            privateSubnetIds: network.privateSubnetIds ?? [],
            publicSubnetIds: network.publicSubnetIds ?? [],
            vpcEndpoints,
        };
    }
    return {
        kind: "new",
        cidrBlock: network.cidrBlock ?? "10.0.0.0/16",
        availabilityZoneCount: network.availabilityZoneCount ?? 3,
        natGateways: network.natGateways ?? "OnePerAz",
        vpcEndpoints,
    };
}

function resolveKarpenter(karpenter: KarpenterArgs, noNat: boolean, isolatedInstanceProfile: string): ResolvedKarpenter {
    const resources = karpenter.controllerResources;
    const isolatedVpc = karpenter.isolatedVpc ?? noNat;
    return {
        version: karpenter.version ?? defaultKarpenterVersion,
        namespace: karpenter.namespace ?? "kube-system",
        serviceAccount: karpenter.serviceAccount ?? "karpenter",
        identity: karpenter.identity ?? "irsa",
        placement: karpenter.placement ?? "nodeGroup",
        interruption: karpenter.interruption ?? "native",
        replicas: karpenter.replicas ?? 2,
        controllerResources: {
            requests: { cpu: resources?.requests?.cpu ?? "1", memory: resources?.requests?.memory ?? "1Gi" },
            limits: { cpu: resources?.limits?.cpu ?? "1", memory: resources?.limits?.memory ?? "1Gi" },
        },
        isolatedVpc,
        logLevel: karpenter.logLevel ?? "info",
        extraValues: { ...karpenter.extraValues },
        extraPolicyStatements: [...(karpenter.extraPolicyStatements ?? [])],
        additionalPolicies: { ...karpenter.additionalPolicies },
        nodeTerminationHandlerVersion: karpenter.nodeTerminationHandlerVersion ?? nodeTerminationHandlerChart.version,
        nodeClasses: (karpenter.nodeClasses ?? [{ name: "default" }]).map((nodeClass) =>
            // With `role`, Karpenter creates instance profiles through IAM, which has no VPC endpoint.
            resolveNodeClass(isolatedVpc && nodeClass.role === undefined ? { ...nodeClass, instanceProfile: nodeClass.instanceProfile ?? isolatedInstanceProfile } : nodeClass),
        ),
        nodePools: (karpenter.nodePools ?? [{ name: "default" }]).map(resolveNodePool),
    };
}

export function amiFamilyOf(alias: string): AmiFamily {
    return alias.split("@")[0] as AmiFamily;
}

function resolveNodeClass(nodeClass: NodeClassArgs): ResolvedNodeClass {
    const amiAlias = nodeClass.amiAlias ?? defaultAmiAliases.al2023;
    return {
        name: nodeClass.name,
        amiAlias,
        amiFamily: amiFamilyOf(amiAlias),
        role: nodeClass.role,
        instanceProfile: nodeClass.instanceProfile,
        volumeSize: nodeClass.volumeSize ?? "50Gi",
        volumeType: nodeClass.volumeType ?? "gp3",
        volumeIops: nodeClass.volumeIops,
        volumeThroughput: nodeClass.volumeThroughput,
        kmsKeyId: nodeClass.kmsKeyId,
        metadataHopLimit: nodeClass.metadataHopLimit ?? 1,
        tags: { ...nodeClass.tags },
        detailedMonitoring: nodeClass.detailedMonitoring ?? false,
        userData: nodeClass.userData,
    };
}

function resolveNodePool(pool: NodePoolArgs): ResolvedNodePool {
    return {
        name: pool.name,
        nodeClass: pool.nodeClass ?? "default",
        weight: pool.weight,
        capacityTypes: pool.capacityTypes ?? ["on-demand"],
        architectures: pool.architectures ?? ["amd64"],
        // Families already imply their category; adding the default categories would contradict them.
        instanceCategories: pool.instanceCategories ?? (pool.instanceFamilies ? undefined : ["c", "m", "r"]),
        instanceFamilies: pool.instanceFamilies,
        instanceSizes: pool.instanceSizes,
        minInstanceGeneration: pool.minInstanceGeneration ?? 3,
        zones: pool.zones,
        allowExoticInstances: pool.allowExoticInstances ?? false,
        requirements: pool.requirements ?? [],
        labels: { ...pool.labels },
        taints: pool.taints ?? [],
        startupTaints: pool.startupTaints ?? [],
        limits: { ...defaultNodePoolLimits, ...pool.limits },
        disruption: {
            consolidationPolicy: pool.disruption?.consolidationPolicy ?? "WhenEmptyOrUnderutilized",
            consolidateAfter: pool.disruption?.consolidateAfter ?? "1m",
            budgets: pool.disruption?.budgets ?? [{ nodes: "10%" }],
        },
        expireAfter: pool.expireAfter ?? "720h",
        terminationGracePeriod: pool.terminationGracePeriod ?? "48h",
    };
}
