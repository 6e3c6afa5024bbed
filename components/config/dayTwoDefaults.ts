import { KarpenterArgs, NetworkArgs, PodDefaultsArgs, PullThroughCacheArgs, SmokeTestArgs, VpcEndpointService } from "./args";
import { smokeTestImage } from "../versions";
import { ResolvedPodDefaults, ResolvedPullThroughCache, ResolvedSmokeTest, ResolvedVpcEndpoints } from "./resolved";

/**
 * The interface endpoints a cluster without internet egress needs: STS for IRSA credentials, EC2
 * and SSM (AMI aliases) for Karpenter, ECR for images, EKS for `DescribeCluster` by Karpenter and
 * node bootstrap. SQS and EKS Auth only when something uses them.
 */
const baseInterfaceServices: VpcEndpointService[] = ["sts", "ec2", "ssm", "ecr.api", "ecr.dkr", "eks"];

/** The interface endpoints the component creates unless excluded, before `additionalServices`. */
export function generatedInterfaceServices(karpenter: KarpenterArgs): VpcEndpointService[] {
    return [
        ...baseInterfaceServices,
        ...((karpenter.interruption ?? "native") === "none" ? [] : (["sqs"] as const)),
        ...(karpenter.identity === "podIdentity" ? (["eks-auth"] as const) : []),
    ];
}

export function resolveVpcEndpoints(network: NetworkArgs, karpenter: KarpenterArgs): ResolvedVpcEndpoints | undefined {
    const endpoints = network.vpcEndpoints ?? {};
    if (!(endpoints.enabled ?? network.natGateways === "None")) {
        return undefined;
    }
    const exclude: string[] = endpoints.exclude ?? [];
    const wanted: string[] = [...generatedInterfaceServices(karpenter), ...(endpoints.additionalServices ?? [])];
    return {
        interfaceServices: wanted.filter((service) => !exclude.includes(service)),
        s3Gateway: !exclude.includes("s3"),
        subnetIds: endpoints.subnetIds,
        routeTableIds: endpoints.routeTableIds,
        allowedCidrs: endpoints.allowedCidrs,
    };
}

/** On by default where nodes have no egress, since `public.ecr.aws` has no VPC endpoint. */
export function resolvePullThroughCache(
    cache: PullThroughCacheArgs | undefined,
    isolatedVpc: boolean,
    defaultPrefix: string,
): ResolvedPullThroughCache | undefined {
    return (cache?.enabled ?? isolatedVpc) ? { repositoryPrefix: cache?.repositoryPrefix ?? defaultPrefix } : undefined;
}

/** Namespaces every cluster has: creating one fails, and deleting the stack must never delete one. */
const builtInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

export function resolvePodDefaults(podDefaults: PodDefaultsArgs | undefined, karpenterNamespace: string): ResolvedPodDefaults | undefined {
    if (podDefaults === undefined) {
        return undefined;
    }
    return {
        namespaces: [...podDefaults.namespaces],
        // Karpenter's own namespace is created with its chart.
        namespacesToCreate: podDefaults.createNamespaces
            ? podDefaults.namespaces.filter((namespace) => !builtInNamespaces.includes(namespace) && namespace !== karpenterNamespace)
            : [],
        defaultRequest: { cpu: "100m", memory: "128Mi", ...definedEntries(podDefaults.defaultRequest ?? {}) },
        defaultLimit: { memory: "512Mi", ...definedEntries(podDefaults.defaultLimit ?? {}) },
    };
}

export function resolveSmokeTest(smokeTest: SmokeTestArgs | undefined, firstNodePool: string): ResolvedSmokeTest | undefined {
    if (!smokeTest?.enabled) {
        return undefined;
    }
    return {
        nodePool: smokeTest.nodePool ?? firstNodePool,
        namespace: smokeTest.namespace ?? "default",
        replicas: smokeTest.replicas ?? 0,
        cpu: smokeTest.cpu ?? "1",
        memory: smokeTest.memory ?? "128Mi",
        image: smokeTest.image ?? smokeTestImage,
    };
}

function definedEntries(values: Record<string, string | undefined>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
