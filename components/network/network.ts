import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { BuildContext } from "../buildContext";
import { discoveryTagKey } from "../nodepools/specs";
import { validated } from "../config/lateValidation";
import * as formats from "../config/formats";

export interface Network {
    vpcId: pulumi.Output<string>;
    /** Where nodes run: a new VPC's private (or, without NAT, isolated) subnets, or the given ones. */
    privateSubnetIds: pulumi.Output<string[]>;
    /**
     * Public subnets, for internet-facing load balancers; undefined when the config has none (an
     * isolated VPC, or an existing VPC given without them), decided from plain config so that no
     * Output holding `undefined` ever reaches the remote eks.Cluster (it would arrive as `null`).
     */
    publicSubnetIds?: pulumi.Output<string[]>;
    /** Discovery tags added to subnets the component does not own. */
    subnetTags: aws.ec2.Tag[];
    /** A new VPC's route tables of `privateSubnetIds`; undefined for an existing VPC. */
    privateRouteTableIds?: pulumi.Output<string[]>;
    /** A new VPC's CIDR; undefined for an existing VPC. */
    cidrBlock?: string;
}

/**
 * A new VPC whose private subnets carry the discovery tag from birth, or an existing VPC whose
 * private subnets get it through `aws.ec2.Tag`, which adds one tag and never touches the subnet.
 */
export function createNetwork(ctx: BuildContext): Network {
    const { name, args, parent } = ctx;
    const network = args.network;
    const discovery = { [discoveryTagKey]: args.clusterName };
    if (network.kind === "new") {
        const isolated = network.natGateways === "None";
        const nodeSubnets = { ...args.tags, ...discovery, "kubernetes.io/role/internal-elb": "1" };
        const vpc = new awsx.ec2.Vpc(
            `${name}-vpc`,
            {
                cidrBlock: network.cidrBlock,
                numberOfAvailabilityZones: network.availabilityZoneCount,
                natGateways: { strategy: network.natGateways },
                enableDnsHostnames: true,
                enableDnsSupport: true,
                subnetStrategy: "Auto",
                // Without NAT nothing routes out, and public subnets would only invite internet-facing load balancers.
                subnetSpecs: isolated
                    ? [{ type: "Isolated", tags: nodeSubnets }]
                    : [
                          { type: "Private", tags: nodeSubnets },
                          { type: "Public", tags: { ...args.tags, "kubernetes.io/role/elb": "1" } },
                      ],
                tags: { ...args.tags, Name: args.clusterName },
            },
            { parent },
        );
        const privateSubnetIds = isolated ? vpc.isolatedSubnetIds : vpc.privateSubnetIds;
        return {
            vpcId: vpc.vpcId,
            privateSubnetIds,
            publicSubnetIds: isolated ? undefined : vpc.publicSubnetIds,
            subnetTags: [],
            privateRouteTableIds: routeTablesOf(vpc, privateSubnetIds),
            cidrBlock: network.cidrBlock,
        };
    }
    const privateSubnetIds = network.privateSubnetIds.map((id, i) =>
        validated(id, `network.privateSubnetIds[${i}]`, formats.subnetId),
    );
    const subnetTags = network.privateSubnetIds.map(
        (id, i) =>
            new aws.ec2.Tag(
                // Named by subnet id when known, so reordering the list renames nothing.
                `${name}-discovery-${typeof id === "string" ? id : `private-${i}`}`,
                { resourceId: privateSubnetIds[i], key: discoveryTagKey, value: args.clusterName },
                { parent },
            ),
    );
    return {
        vpcId: validated(network.vpcId, "network.vpcId", formats.vpcId),
        privateSubnetIds: pulumi.output(privateSubnetIds),
        publicSubnetIds:
            network.publicSubnetIds.length > 0
                ? pulumi.output(network.publicSubnetIds.map((id, i) => validated(id, `network.publicSubnetIds[${i}]`, formats.subnetId)))
                : undefined,
        subnetTags,
    };
}

/** The route tables associated with `subnetIds`, each once, from the VPC's associations. */
function routeTablesOf(vpc: awsx.ec2.Vpc, subnetIds: pulumi.Output<string[]>): pulumi.Output<string[]> {
    const associations = vpc.routeTableAssociations.apply((all) => pulumi.all(all.map((a) => pulumi.all([a.subnetId, a.routeTableId]))));
    return pulumi.all([associations, subnetIds]).apply(([pairs, subnets]) => [
        ...new Set(pairs.filter(([subnetId]) => subnetId !== undefined && subnets.includes(subnetId)).map(([, routeTableId]) => routeTableId)),
    ]);
}
