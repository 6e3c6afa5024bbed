import { KarpenterClusterArgs } from "./args";
import { generatedInterfaceServices } from "./privateNetworkDefaults";
import { Problem } from "./problems";
import { ResolvedArgs } from "./resolved";

/** Cross-field rules of the private-network arguments (endpoint access, VPC endpoints, the pull-through cache); `resolved` is `args` with the defaults. */
export function privateNetworkProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs): Problem[] {
    return [...endpointAccessProblems(args, resolved), ...vpcEndpointProblems(args, resolved), ...pullThroughCacheProblems(args, resolved)];
}

/**
 * The private endpoint's network interfaces are in the EKS cluster security group, which admits
 * only itself: without a rule for the deployer, a private-only cluster is unreachable by the very
 * `pulumi up` that installs its charts.
 */
function endpointAccessProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs): Problem[] {
    const { publicAccess, privateAccess, privateAccessCidrs, privateAccessSecurityGroupIds } = resolved.endpoint;
    if (!privateAccess) {
        return (["privateAccessCidrs", "privateAccessSecurityGroupIds"] as const)
            .filter((key) => args.endpoint?.[key] !== undefined)
            .map((key) => ({ path: `endpoint.${key}`, message: "only applies with endpoint.privateAccess: true: its rules admit HTTPS to the private endpoint" }));
    }
    if (!publicAccess && privateAccessCidrs.length === 0 && privateAccessSecurityGroupIds.length === 0) {
        return [
            {
                path: "endpoint",
                message:
                    "must give whoever runs `pulumi up` a way in when publicAccess is false: set privateAccessCidrs (a VPN or peered range) or privateAccessSecurityGroupIds (a runner's group), since the cluster security group admits only itself",
            },
        ];
    }
    return [];
}

function pullThroughCacheProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs): Problem[] {
    const cache = args.network?.pullThroughCache ?? {};
    if (resolved.pullThroughCache) {
        return [];
    }
    if (cache.repositoryPrefix !== undefined) {
        return [{ path: "network.pullThroughCache.repositoryPrefix", message: "only applies with network.pullThroughCache.enabled: true" }];
    }
    const controllerImage = (args.karpenter?.extraValues?.controller as { image?: { repository?: unknown } } | undefined)?.image?.repository;
    if (resolved.karpenter.isolatedVpc && controllerImage === undefined) {
        return [
            {
                path: "network.pullThroughCache.enabled",
                message:
                    "must not be false in an isolated VPC (karpenter.isolatedVpc) unless karpenter.extraValues.controller.image.repository names a registry inside the VPC: the chart's image is on public.ecr.aws, which has no VPC endpoint",
            },
        ];
    }
    return [];
}

function vpcEndpointProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs): Problem[] {
    const problems: Problem[] = [];
    const add = (path: string, message: string) => problems.push({ path, message });
    const network = args.network ?? {};
    const endpoints = network.vpcEndpoints ?? {};
    const resolvedEndpoints = resolved.network.vpcEndpoints;
    if (network.natGateways === "None") {
        if (endpoints.enabled === false) {
            add("network.vpcEndpoints.enabled", 'must not be false with network.natGateways "None": without NAT, nodes and Karpenter reach AWS only through VPC endpoints');
        }
        if (args.endpoint?.privateAccess === false) {
            add("endpoint.privateAccess", 'must not be false with network.natGateways "None": nodes without NAT reach the Kubernetes API only inside the VPC');
        }
        if (args.karpenter?.isolatedVpc === false) {
            add("karpenter.isolatedVpc", 'must not be false with network.natGateways "None": Karpenter would call the pricing API, which has no VPC endpoint');
        }
    }
    if (resolved.karpenter.isolatedVpc) {
        (args.karpenter?.nodeClasses ?? []).forEach((nodeClass, i) => {
            if (nodeClass.role !== undefined) {
                add(
                    `karpenter.nodeClasses[${i}].role`,
                    "conflicts with an isolated VPC (karpenter.isolatedVpc): Karpenter creates the instance profile of a role through IAM, which has no VPC endpoint; leave role unset or set instanceProfile",
                );
            }
        });
    }
    if (!resolvedEndpoints) {
        for (const key of ["exclude", "additionalServices", "subnetIds", "routeTableIds", "allowedCidrs"] as const) {
            if (endpoints[key] !== undefined) {
                add(`network.vpcEndpoints.${key}`, "only applies with network.vpcEndpoints.enabled: true");
            }
        }
        return problems;
    }
    if (network.vpcId === undefined && endpoints.routeTableIds !== undefined) {
        add("network.vpcEndpoints.routeTableIds", "requires network.vpcId: a new VPC's private route tables are used");
    }
    if (network.vpcId !== undefined && resolvedEndpoints.s3Gateway && endpoints.routeTableIds === undefined) {
        add(
            "network.vpcEndpoints.routeTableIds",
            'is required with network.vpcId unless network.vpcEndpoints.exclude lists "s3": the S3 gateway endpoint is a route in the private subnets\' route tables',
        );
    }
    const generated: string[] = generatedInterfaceServices(args.karpenter ?? {});
    (endpoints.additionalServices ?? []).forEach((service, i) => {
        if (generated.includes(service) || service === "s3") {
            add(`network.vpcEndpoints.additionalServices[${i}]`, `"${service}" is created already; list only services beyond the generated ones`);
        } else if (endpoints.exclude?.includes(service as never)) {
            add(`network.vpcEndpoints.additionalServices[${i}]`, `"${service}" is also in network.vpcEndpoints.exclude`);
        }
    });
    return problems;
}
