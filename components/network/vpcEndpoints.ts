import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { ResolvedVpcEndpoints } from "../config/resolved";
import { Network } from "./network";

/** One endpoint to create: `key` names the Pulumi resource, `service` the AWS service. */
export interface VpcEndpointSpec {
    key: string;
    service: string;
    type: "Interface" | "Gateway";
}

/**
 * The endpoints to create, in a stable order. Pulumi names come from the service alone, so
 * excluding one service or adding another never renames the rest.
 */
export function vpcEndpointSpecs(endpoints: ResolvedVpcEndpoints): VpcEndpointSpec[] {
    const interfaces = endpoints.interfaceServices.map((service) => ({ key: service.replace(/\./g, "-"), service, type: "Interface" as const }));
    return endpoints.s3Gateway ? [...interfaces, { key: "s3", service: "s3", type: "Gateway" }] : interfaces;
}

/** `com.amazonaws.<region>.<service>`, the service name in the commercial and GovCloud partitions. */
export function endpointServiceName(region: string, service: string): string {
    return `com.amazonaws.${region}.${service}`;
}

/**
 * The VPC endpoints of a cluster whose nodes may have no NAT: interface endpoints with private
 * DNS, so the SDKs' default hostnames resolve to them, behind one security group admitting HTTPS
 * from the VPC, and an S3 gateway endpoint for ECR's image layers.
 */
export function createVpcEndpoints(ctx: BuildContext, network: Network, endpoints: ResolvedVpcEndpoints): aws.ec2.VpcEndpoint[] {
    const { name, args, parent } = ctx;
    const specs = vpcEndpointSpecs(endpoints);
    const interfaceSpecs = specs.filter((spec) => spec.type === "Interface");
    const securityGroup =
        interfaceSpecs.length === 0
            ? undefined
            : new aws.ec2.SecurityGroup(
                  `${name}-vpc-endpoints`,
                  {
                      name: ctx.names.endpointSecurityGroup,
                      description: "HTTPS from the VPC to its interface endpoints",
                      vpcId: network.vpcId,
                      ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: allowedCidrs(ctx, network, endpoints), description: "HTTPS from the VPC" }],
                      // Endpoints only answer; they never open connections.
                      egress: [],
                      tags: { ...args.tags, Name: ctx.names.endpointSecurityGroup },
                  },
                  { parent },
              );
    const subnetIds = endpoints.subnetIds ?? network.privateSubnetIds;
    const routeTableIds = endpoints.routeTableIds ?? network.privateRouteTableIds;
    return specs.map(
        (spec) =>
            new aws.ec2.VpcEndpoint(
                `${name}-endpoint-${spec.key}`,
                {
                    vpcId: network.vpcId,
                    serviceName: ctx.region.apply((region) => endpointServiceName(region, spec.service)),
                    vpcEndpointType: spec.type,
                    ...(spec.type === "Interface"
                        ? { privateDnsEnabled: true, subnetIds, securityGroupIds: [securityGroup!.id] }
                        : { routeTableIds }),
                    tags: { ...args.tags, Name: `${args.clusterName}-${spec.service}` },
                },
                { parent },
            ),
    );
}

/** The CIDRs given, a new VPC's CIDR, or an existing VPC's CIDR blocks, looked up once. */
function allowedCidrs(ctx: BuildContext, network: Network, endpoints: ResolvedVpcEndpoints): pulumi.Input<string[]> {
    if (endpoints.allowedCidrs) {
        return endpoints.allowedCidrs;
    }
    if (network.cidrBlock) {
        return [network.cidrBlock];
    }
    const vpc = aws.ec2.getVpcOutput({ id: network.vpcId }, { parent: ctx.parent });
    return vpc.cidrBlockAssociations.apply((blocks) => blocks.map((block) => block.cidrBlock));
}
