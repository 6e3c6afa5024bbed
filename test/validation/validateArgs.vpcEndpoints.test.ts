import * as pulumi from "@pulumi/pulumi";
import { Row, changed, runTable, withValue } from "./table";

/** VPC endpoints and isolation: what a VPC without NAT gateways needs. */

const existingVpc = {
    vpcId: "vpc-0abc1234def567890",
    privateSubnetIds: ["subnet-0abc1234def567890", "subnet-0123456789abcdef0"],
};
/** The good args without NAT gateways; `isolatedVpc` left to its default so one change trips one rule. */
const noNat = (change: (args: any) => void) =>
    changed((a) => {
        a.network.natGateways = "None";
        delete a.karpenter.isolatedVpc;
        // goodArgs' custom node role conflicts with isolation; a row of its own covers that.
        delete a.karpenter.nodeClasses[1].role;
        change(a);
    });
const withEndpoints = (vpcEndpoints: Record<string, unknown>) => withValue("network.vpcEndpoints", vpcEndpoints);

const badInputs: Row[] = [
    { name: "NAT gateways off with endpoints switched off", args: noNat((a) => (a.network.vpcEndpoints = { enabled: false })), problems: [
        ["network.vpcEndpoints.enabled", 'must not be false with network.natGateways "None": without NAT, nodes and Karpenter reach AWS only through VPC endpoints'],
    ] },
    { name: "NAT gateways off with a public-only endpoint", args: noNat((a) => (a.endpoint.privateAccess = false)), problems: [
        ["endpoint.privateAccess", 'must not be false with network.natGateways "None": nodes without NAT reach the Kubernetes API only inside the VPC'],
    ] },
    { name: "NAT gateways off with isolatedVpc switched off", args: noNat((a) => (a.karpenter.isolatedVpc = false)), problems: [
        ["karpenter.isolatedVpc", 'must not be false with network.natGateways "None": Karpenter would call the pricing API, which has no VPC endpoint'],
    ] },
    { name: "custom node role in an isolated VPC", args: noNat((a) => (a.karpenter.nodeClasses[1].role = "custom-node-role")), problems: [
        ["karpenter.nodeClasses[1].role", "conflicts with an isolated VPC (karpenter.isolatedVpc): Karpenter creates the instance profile of a role through IAM, which has no VPC endpoint; leave role unset or set instanceProfile"],
    ] },
    { name: "endpoint options with endpoints off", args: withEndpoints({ enabled: false, exclude: ["s3"] }), problems: [
        ["network.vpcEndpoints.exclude", "only applies with network.vpcEndpoints.enabled: true"],
    ] },
    { name: "route tables for a new VPC", args: withEndpoints({ enabled: true, routeTableIds: ["rtb-0abc1234def567890"] }), problems: [
        ["network.vpcEndpoints.routeTableIds", "requires network.vpcId: a new VPC's private route tables are used"],
    ] },
    { name: "existing VPC without the route tables of the S3 gateway", args: withValue("network", { ...existingVpc, vpcEndpoints: { enabled: true } }), problems: [
        ["network.vpcEndpoints.routeTableIds", 'is required with network.vpcId unless network.vpcEndpoints.exclude lists "s3": the S3 gateway endpoint is a route in the private subnets\' route tables'],
    ] },
    { name: "additional service the component creates already", args: withEndpoints({ enabled: true, additionalServices: ["logs", "sts"] }), problems: [
        ["network.vpcEndpoints.additionalServices[1]", '"sts" is created already; list only services beyond the generated ones'],
    ] },
    { name: "additional service that is also excluded", args: withEndpoints({ enabled: true, exclude: ["eks-auth"], additionalServices: ["eks-auth"] }), problems: [
        ["network.vpcEndpoints.additionalServices[0]", '"eks-auth" is also in network.vpcEndpoints.exclude'],
    ] },
    { name: "excluded service that does not exist", args: withEndpoints({ enabled: true, exclude: ["ecr"] }), problems: [
        ["network.vpcEndpoints.exclude[0]", 'must be one of "sts", "ec2", "ssm", "sqs", "ecr.api", "ecr.dkr", "eks", "eks-auth", "s3", got "ecr"'],
    ] },
    { name: "additional service as a full service name", args: withEndpoints({ enabled: true, additionalServices: ["com.amazonaws.us-west-2.logs"] }), problems: [
        ["network.vpcEndpoints.additionalServices[0]", 'must be only the part after "com.amazonaws.<region>.", such as "logs", got "com.amazonaws.us-west-2.logs"'],
    ] },
    { name: "route table id of the wrong shape", args: withValue("network", { ...existingVpc, vpcEndpoints: { enabled: true, routeTableIds: ["rt-123"] } }), problems: [
        ["network.vpcEndpoints.routeTableIds[0]", 'must be a route table id such as "rtb-0abc1234def567890", got "rt-123"'],
    ] },
    { name: "endpoint CIDR that is not a CIDR", args: withEndpoints({ enabled: true, allowedCidrs: ["10.20.0.0"] }), problems: [
        ["network.vpcEndpoints.allowedCidrs[0]", 'must be an IPv4 CIDR such as "10.0.0.0/16", got "10.20.0.0"'],
    ] },
];

const goodInputs: Row[] = [
    { name: "an isolated new VPC with the endpoints by default", args: noNat((a) => delete a.network.vpcEndpoints), problems: [] },
    { name: "an existing VPC with route tables for the S3 gateway", args: withValue("network", { ...existingVpc, vpcEndpoints: { enabled: true, routeTableIds: ["rtb-0abc1234def567890"] } }), problems: [] },
    { name: "an existing VPC whose S3 gateway exists already", args: withValue("network", { ...existingVpc, vpcEndpoints: { enabled: true, exclude: ["s3"] } }), problems: [] },
    { name: "route tables and subnets as outputs", args: withValue("network", { ...existingVpc, vpcEndpoints: { enabled: true, subnetIds: [pulumi.output("subnet-x")], routeTableIds: [pulumi.output("rtb-x")] } }), problems: [] },
];

describe("validateArgs: VPC endpoints and isolated VPCs", () => {
    describe("bad inputs", () => runTable(badInputs));
    describe("good inputs", () => runTable(goodInputs));
});
