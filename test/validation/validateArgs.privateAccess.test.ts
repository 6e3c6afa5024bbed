import * as pulumi from "@pulumi/pulumi";
import { Row, changed, runTable, withValue } from "./table";

/** The way in to a private-only endpoint, and the ECR pull-through cache. */

const noWayIn =
    "must give whoever runs `pulumi up` a way in when publicAccess is false: set privateAccessCidrs (a VPN or peered range) or privateAccessSecurityGroupIds (a runner's group), since the cluster security group admits only itself";
const prefixForm = 'an ECR repository prefix of 2-30 lowercase letters, digits and "/", ".", "_" or "-" between them, such as "ecr-public"';

/** The good args with a private-only endpoint whose way in is `wayIn`. */
const privateOnly = (wayIn: Record<string, unknown>) => withValue("endpoint", { publicAccess: false, ...wayIn });
/** The good args in an isolated VPC (no NAT), `isolatedVpc` left to its default, then `change`. */
const isolated = (change: (args: any) => void) =>
    changed((a) => {
        a.network.natGateways = "None";
        delete a.karpenter.isolatedVpc;
        // goodArgs' custom node role conflicts with isolation.
        delete a.karpenter.nodeClasses[1].role;
        change(a);
    });

const badInputs: Row[] = [
    { name: "a private-only endpoint with no way in", args: privateOnly({}), problems: [["endpoint", noWayIn]] },
    { name: "a private-only endpoint with both way-in lists empty", args: privateOnly({ privateAccessCidrs: [], privateAccessSecurityGroupIds: [] }), problems: [
        ["endpoint.privateAccessCidrs", "must have at least 1 item, got 0"],
        ["endpoint.privateAccessSecurityGroupIds", "must have at least 1 item, got 0"],
    ] },
    { name: "a way-in CIDR with host bits", args: privateOnly({ privateAccessCidrs: ["10.99.0.7/24"] }), problems: [
        ["endpoint.privateAccessCidrs[0]", 'has host bits set; did you mean "10.99.0.0/24"?'],
    ] },
    { name: "a way-in CIDR wider than a /8 (the group also guards the nodes)", args: privateOnly({ privateAccessCidrs: ["0.0.0.0/0"] }), problems: [
        ["endpoint.privateAccessCidrs[0]", "must have a prefix length from /8 to /32, got /0"],
    ] },
    { name: "a way-in CIDR that is an address", args: privateOnly({ privateAccessCidrs: ["10.99.0.7"] }), problems: [
        ["endpoint.privateAccessCidrs[0]", 'must be an IPv4 CIDR such as "10.0.0.0/16", got "10.99.0.7"'],
    ] },
    { name: "the same way-in CIDR twice", args: privateOnly({ privateAccessCidrs: ["10.99.0.0/24", "10.99.0.0/24"] }), problems: [
        ["endpoint.privateAccessCidrs[1]", 'duplicates "10.99.0.0/24"'],
    ] },
    { name: "a security group id of the wrong shape", args: privateOnly({ privateAccessSecurityGroupIds: ["sg-123"] }), problems: [
        ["endpoint.privateAccessSecurityGroupIds[0]", 'must be a security group id such as "sg-0abc1234def567890", got "sg-123"'],
    ] },
    { name: "a security group given by name", args: privateOnly({ privateAccessSecurityGroupIds: ["ci-runners"] }), problems: [
        ["endpoint.privateAccessSecurityGroupIds[0]", 'must be a security group id such as "sg-0abc1234def567890", got "ci-runners"'],
    ] },
    { name: "a misspelt way-in key", args: privateOnly({ privateAccessCidr: ["10.99.0.0/24"] }), problems: [
        ["endpoint.privateAccessCidr", 'unknown key; did you mean "privateAccessCidrs"?'],
    ] },
    { name: "way-in CIDRs without a private endpoint", args: withValue("endpoint", { privateAccess: false, privateAccessCidrs: ["10.99.0.0/24"] }), problems: [
        ["endpoint.privateAccessCidrs", "only applies with endpoint.privateAccess: true: its rules admit HTTPS to the private endpoint"],
    ] },
    { name: "way-in security groups without a private endpoint", args: withValue("endpoint", { privateAccess: false, privateAccessSecurityGroupIds: ["sg-0123456789abcdef0"] }), problems: [
        ["endpoint.privateAccessSecurityGroupIds", "only applies with endpoint.privateAccess: true: its rules admit HTTPS to the private endpoint"],
    ] },
    { name: "no endpoint at all is reported once, not also as a missing way in", args: withValue("endpoint", { publicAccess: false, privateAccess: false }), problems: [
        ["endpoint", "must enable publicAccess, privateAccess or both: nodes and kubectl need an endpoint"],
    ] },
    { name: "a cache prefix in capitals", args: withValue("network.pullThroughCache", { enabled: true, repositoryPrefix: "ECR-Public" }), problems: [
        ["network.pullThroughCache.repositoryPrefix", `must be ${prefixForm}, got "ECR-Public"`],
    ] },
    { name: "a cache prefix of one character", args: withValue("network.pullThroughCache", { enabled: true, repositoryPrefix: "e" }), problems: [
        ["network.pullThroughCache.repositoryPrefix", `must be ${prefixForm}, got "e"`],
    ] },
    { name: "a cache prefix of 31 characters", args: withValue("network.pullThroughCache", { enabled: true, repositoryPrefix: "e".repeat(31) }), problems: [
        ["network.pullThroughCache.repositoryPrefix", `must be at most 30 characters (got 31): ${prefixForm}`],
    ] },
    { name: "a cache prefix with a doubled separator", args: withValue("network.pullThroughCache", { enabled: true, repositoryPrefix: "ecr--public" }), problems: [
        ["network.pullThroughCache.repositoryPrefix", `must be ${prefixForm}, got "ecr--public"`],
    ] },
    { name: "a cache prefix ending in a slash", args: withValue("network.pullThroughCache", { enabled: true, repositoryPrefix: "mirror/" }), problems: [
        ["network.pullThroughCache.repositoryPrefix", `must be ${prefixForm}, got "mirror/"`],
    ] },
    { name: "a cache prefix with the cache off (NAT, no isolation)", args: withValue("network.pullThroughCache", { repositoryPrefix: "ecr-public" }), problems: [
        ["network.pullThroughCache.repositoryPrefix", "only applies with network.pullThroughCache.enabled: true"],
    ] },
    { name: "the cache off in an isolated VPC, with the chart's image", args: isolated((a) => (a.network.pullThroughCache = { enabled: false })), problems: [
        [
            "network.pullThroughCache.enabled",
            "must not be false in an isolated VPC (karpenter.isolatedVpc) unless karpenter.extraValues.controller.image.repository names a registry inside the VPC: the chart's image is on public.ecr.aws, which has no VPC endpoint",
        ],
    ] },
];

const validEdgeCases: Row[] = [
    { name: "a private-only endpoint reached from a VPN range", args: privateOnly({ privateAccessCidrs: ["10.99.0.0/24"] }), problems: [] },
    { name: "a private-only endpoint reached from a runner's security group", args: privateOnly({ privateAccessSecurityGroupIds: ["sg-0123456789abcdef0", "sg-01234567"] }), problems: [] },
    { name: "a runner's security group given as an output (checked when it resolves)", args: privateOnly({ privateAccessSecurityGroupIds: [pulumi.output("sg-123")] }), problems: [] },
    { name: "a way in prepared next to a public endpoint, for when it is turned off", args: withValue("endpoint.privateAccessCidrs", ["172.16.0.0/12"]), problems: [] },
    { name: "an isolated VPC with the cache on by default", args: isolated(() => undefined), problems: [] },
    { name: "an isolated VPC with a prefix of the user's", args: isolated((a) => (a.network.pullThroughCache = { repositoryPrefix: "mirror/ecr-public" })), problems: [] },
    {
        name: "the cache off in an isolated VPC, with the controller image from the user's own registry",
        args: isolated((a) => {
            a.network.pullThroughCache = { enabled: false };
            a.karpenter.extraValues = { controller: { image: { repository: "111122223333.dkr.ecr.us-west-2.amazonaws.com/mirror/karpenter/controller" } } };
        }),
        problems: [],
    },
    { name: "the cache asked for with NAT", args: withValue("network.pullThroughCache", { enabled: true }), problems: [] },
];

describe("validateArgs: private endpoint access and the pull-through cache", () => {
    describe("bad inputs", () => runTable(badInputs));
    describe("valid edge cases", () => runTable(validEdgeCases));
});
