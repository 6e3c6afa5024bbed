import { KarpenterArgs, NetworkArgs, PullThroughCacheArgs, VpcEndpointService } from "./args";
import { ResolvedPullThroughCache, ResolvedVpcEndpoints } from "./resolved";

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
