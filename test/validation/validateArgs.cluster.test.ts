import * as pulumi from "@pulumi/pulumi";
import { Row, changed, runTable, withValue } from "./table";

/** Cluster-level arguments: name, versions, tags, network, endpoint, node group, node role, unknown keys. */

const clusterNameForm = "an EKS cluster name: 1-100 letters, digits, '-' or '_', starting with a letter or digit";
const subnetForm = 'a subnet id such as "subnet-0abc1234def567890"';
const existingVpc = {
    vpcId: "vpc-0abc1234def567890",
    privateSubnetIds: ["subnet-0abc1234def567890", "subnet-0123456789abcdef0"],
    publicSubnetIds: ["subnet-0fedcba9876543210"],
};
/** The good args in an existing VPC, with `change` applied to the network. */
const inVpc = (change: Record<string, unknown>) => withValue("network", { ...existingVpc, ...change });

const badInputs: Row[] = [
    {
        name: "cluster admin that is not an IAM principal ARN",
        args: withValue("clusterAdmins", ["platform-admins"]),
        problems: [["clusterAdmins[0]", 'must be an IAM role or user ARN such as "arn:aws:iam::111122223333:role/admins", got "platform-admins"']],
    },
    {
        name: "log retention CloudWatch does not offer",
        args: withValue("controlPlaneLogRetentionDays", 45),
        problems: [["controlPlaneLogRetentionDays", "must be one of CloudWatch's retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), got 45"]],
    },
    { name: "cluster name starting with '-'", args: withValue("clusterName", "-dev"), problems: [["clusterName", `must be ${clusterNameForm}, got "-dev"`]] },
    { name: "cluster name with a dot", args: withValue("clusterName", "team.dev"), problems: [["clusterName", `must be ${clusterNameForm}, got "team.dev"`]] },
    { name: "empty cluster name", args: withValue("clusterName", ""), problems: [["clusterName", `must be ${clusterNameForm}, got ""`]] },
    { name: "cluster name of 101 characters", args: withValue("clusterName", "c".repeat(101)), problems: [["clusterName", `must be at most 100 characters (got 101): ${clusterNameForm}`]] },
    { name: "cluster name as a number", args: withValue("clusterName", 42), problems: [["clusterName", `must be ${clusterNameForm}, got number 42`]] },
    { name: "Kubernetes patch version", args: withValue("kubernetesVersion", "1.35.2"), problems: [["kubernetesVersion", 'must be a Kubernetes minor version such as "1.35", got "1.35.2"']] },
    { name: "Kubernetes version with a v prefix", args: withValue("kubernetesVersion", "v1.35"), problems: [["kubernetesVersion", 'must be a Kubernetes minor version such as "1.35", got "v1.35"']] },
    {
        name: "Kubernetes version the EKS calendar does not list",
        args: withValue("kubernetesVersion", "1.28"),
        problems: [["kubernetesVersion", 'must be a version EKS offers (1.32, 1.33, 1.34, 1.35, 1.36), got "1.28"']],
    },
    {
        name: "Kubernetes version past its end of extended support",
        args: withValue("kubernetesVersion", "1.31"),
        problems: [["kubernetesVersion", 'must be a version EKS offers (1.32, 1.33, 1.34, 1.35, 1.36), got "1.31": EKS ended extended support for 1.31 on 2026-11-26']],
    },
    { name: "tag key starting with aws:", args: withValue("tags", { "aws:cost-center": "42" }), problems: [["tags.aws:cost-center", 'must not start with "aws:", which is reserved for AWS']] },
    { name: "tag key of 129 characters", args: withValue("tags", { ["k".repeat(129)]: "v" }), problems: [[`tags.${"k".repeat(129)}`, "must be a tag key of 1 to 128 characters, got 129"]] },
    {
        name: "tag value of 257 characters",
        args: withValue("tags.owner", "o".repeat(257)),
        problems: [["tags.owner", "must be at most 256 characters (got 257): a tag value of up to 256 characters"]],
    },
    {
        name: "tag that EKS sets on every node",
        args: withValue("tags", { "kubernetes.io/cluster/karpenter-test": "owned" }),
        problems: [["tags.kubernetes.io/cluster/karpenter-test", "is set by Karpenter and EKS on every node; it cannot be set here"]],
    },
    { name: "VPC CIDR with host bits", args: withValue("network.cidrBlock", "10.20.0.1/16"), problems: [["network.cidrBlock", 'has host bits set; did you mean "10.20.0.0/16"?']] },
    { name: "VPC CIDR too large", args: withValue("network.cidrBlock", "10.0.0.0/8"), problems: [["network.cidrBlock", "must have a prefix length from /16 to /24, got /8"]] },
    { name: "VPC CIDR without a prefix", args: withValue("network.cidrBlock", "10.20.0.0"), problems: [["network.cidrBlock", 'must be an IPv4 CIDR such as "10.0.0.0/16", got "10.20.0.0"']] },
    { name: "VPC CIDR with an octet above 255", args: withValue("network.cidrBlock", "10.256.0.0/16"), problems: [["network.cidrBlock", 'must be an IPv4 CIDR such as "10.0.0.0/16", got "10.256.0.0/16"']] },
    {
        name: "a single AZ",
        args: withValue("network.availabilityZoneCount", 1),
        problems: [["network.availabilityZoneCount", "must be from 2 to 6 (EKS needs subnets in at least 2 AZs), got 1"]],
    },
    { name: "NAT gateway mode in the wrong case", args: withValue("network.natGateways", "OnePerAZ"), problems: [["network.natGateways", 'must be one of "OnePerAz", "Single", "None", got "OnePerAZ"']] },
    { name: "malformed VPC id", args: inVpc({ vpcId: "vpc-123" }), problems: [["network.vpcId", 'must be a VPC id such as "vpc-0abc1234def567890", got "vpc-123"']] },
    { name: "malformed private subnet id", args: inVpc({ privateSubnetIds: ["subnet-xyz", "subnet-0123456789abcdef0"] }), problems: [["network.privateSubnetIds[0]", `must be ${subnetForm}, got "subnet-xyz"`]] },
    { name: "public subnet given as an id of another kind", args: inVpc({ publicSubnetIds: ["sg-0fedcba9876543210"] }), problems: [["network.publicSubnetIds[0]", `must be ${subnetForm}, got "sg-0fedcba9876543210"`]] },
    {
        name: "the same private subnet twice",
        args: inVpc({ privateSubnetIds: ["subnet-0abc1234def567890", "subnet-0abc1234def567890"] }),
        problems: [["network.privateSubnetIds[1]", 'duplicates "subnet-0abc1234def567890"']],
    },
    {
        name: "an existing VPC with one private subnet",
        args: inVpc({ privateSubnetIds: ["subnet-0abc1234def567890"] }),
        problems: [["network.privateSubnetIds", "must list at least 2 private subnets in different AZs when network.vpcId is set, got 1"]],
    },
    {
        name: "an existing VPC with a CIDR",
        args: inVpc({ cidrBlock: "10.20.0.0/16" }),
        problems: [["network.cidrBlock", "conflicts with network.vpcId: it only applies to a VPC the component creates"]],
    },
    {
        name: "subnets without a VPC",
        args: withValue("network.privateSubnetIds", existingVpc.privateSubnetIds),
        problems: [["network.privateSubnetIds", "requires network.vpcId: subnets can only be given for an existing VPC"]],
    },
    {
        name: "no endpoint at all",
        args: changed((a) => (a.endpoint = { publicAccess: false, privateAccess: false })),
        problems: [["endpoint", "must enable publicAccess, privateAccess or both: nodes and kubectl need an endpoint"]],
    },
    {
        name: "public CIDRs on a private endpoint",
        args: changed((a) => (a.endpoint = { publicAccess: false, publicAccessCidrs: ["203.0.113.0/24"], privateAccessCidrs: ["10.99.0.0/24"] })),
        problems: [["endpoint.publicAccessCidrs", "conflicts with endpoint.publicAccess: false"]],
    },
    {
        name: "public access CIDR with host bits",
        args: withValue("endpoint.publicAccessCidrs", ["203.0.113.7/24"]),
        problems: [["endpoint.publicAccessCidrs[0]", 'has host bits set; did you mean "203.0.113.0/24"?']],
    },
    { name: "empty public access CIDRs", args: withValue("endpoint.publicAccessCidrs", []), problems: [["endpoint.publicAccessCidrs", "must have at least 1 item, got 0"]] },
    {
        name: "a single critical-addons node",
        args: withValue("nodeGroup.minSize", 1),
        problems: [["nodeGroup.minSize", "must be from 2 to 100 (at least 2, spread over 2 AZs, so Karpenter survives the loss of a node), got 1"]],
    },
    { name: "desired size above max", args: withValue("nodeGroup.desiredSize", 5), problems: [["nodeGroup.desiredSize", "must be at most maxSize (3), got 5"]] },
    {
        name: "min size above max and desired",
        args: withValue("nodeGroup.minSize", 4),
        problems: [
            ["nodeGroup.maxSize", "must be at least minSize (4), got 3"],
            ["nodeGroup.desiredSize", "must be at least minSize (4), got 2"],
        ],
    },
    { name: "max size below min with desired defaulted", args: changed((a) => (a.nodeGroup = { minSize: 5, maxSize: 3 })), problems: [["nodeGroup.maxSize", "must be at least minSize (5), got 3"]] },
    { name: "fractional node count", args: withValue("nodeGroup.maxSize", 2.5), problems: [["nodeGroup.maxSize", "must be a whole number from 2 to 100, got number 2.5"]] },
    {
        name: "instance type with a dash for the dot",
        args: withValue("nodeGroup.instanceTypes", ["m6i-large"]),
        problems: [["nodeGroup.instanceTypes[0]", 'must be an EC2 instance type such as "m6i.large", got "m6i-large"']],
    },
    { name: "instance type in capitals", args: withValue("nodeGroup.instanceTypes", ["M6i.large"]), problems: [["nodeGroup.instanceTypes[0]", 'must be an EC2 instance type such as "m6i.large", got "M6i.large"']] },
    {
        name: "Graviton and x86 in one node group",
        args: withValue("nodeGroup.instanceTypes", ["m6i.large", "m7g.large"]),
        problems: [["nodeGroup.instanceTypes", "must be all arm64 (Graviton) or all x86_64: a node group runs one AMI architecture, got arm64 m7g.large and x86_64 m6i.large"]],
    },
    { name: "root disk too small", args: withValue("nodeGroup.diskSizeGiB", 10), problems: [["nodeGroup.diskSizeGiB", "must be from 20 to 16384, got 10"]] },
    {
        name: "node group without labels",
        args: withValue("nodeGroup.labels", {}),
        problems: [["nodeGroup.labels", "must have at least one label: the Karpenter controller selects the critical-addons nodes by them"]],
    },
    {
        name: "node group label value with a space",
        args: withValue("nodeGroup.labels", { "critical-addons": "yes please" }),
        problems: [["nodeGroup.labels.critical-addons", `must be a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.', got "yes please"`]],
    },
    { name: "node group hop limit 0", args: withValue("nodeGroup.metadataHopLimit", 0), problems: [["nodeGroup.metadataHopLimit", "must be from 1 to 64, got 0"]] },
    { name: "unknown ECR policy", args: withValue("nodeRole.ecrPolicy", "FullAccess"), problems: [["nodeRole.ecrPolicy", 'must be one of "PullOnly", "ReadOnly", got "FullAccess"']] },
    {
        name: "node policy by name instead of ARN",
        args: withValue("nodeRole.additionalPolicies.ssm", "AmazonSSMManagedInstanceCore"),
        problems: [["nodeRole.additionalPolicies.ssm", 'must be an IAM policy ARN such as "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", got "AmazonSSMManagedInstanceCore"']],
    },
    {
        name: "node policy key with a space",
        args: withValue("nodeRole.additionalPolicies", { "ssm core": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
        problems: [["nodeRole.additionalPolicies.ssm core", 'must be a stable key of letters, digits, "-" or "_" such as "cloudwatch", got "ssm core"']],
    },
    { name: "spot role flag as text", args: withValue("spotServiceLinkedRole", "yes"), problems: [["spotServiceLinkedRole", 'must be true or false, got "yes"']] },
    { name: "misspelled top-level key", args: changed((a) => (a.clustername = "dev")), problems: [["clustername", 'unknown key; did you mean "clusterName"?']] },
    { name: "misspelled network key", args: changed((a) => (a.network.natGateway = "Single")), problems: [["network.natGateway", 'unknown key; did you mean "natGateways"?']] },
    {
        name: "network key far from every key",
        args: changed((a) => (a.network.ipv6 = true)),
        problems: [["network.ipv6", 'unknown key; allowed keys are "vpcId", "privateSubnetIds", "publicSubnetIds", "cidrBlock", "availabilityZoneCount", "natGateways", "vpcEndpoints", "pullThroughCache"']],
    },
    { name: "network as a list", args: withValue("network", ["10.0.0.0/16"]), problems: [["network", "must be an object, got a list"]] },
];

const allAtOnce: Row[] = [
    {
        name: "independent shape problems across the tree are all reported",
        args: changed((a) => {
            a.clusterName = "my cluster";
            a.network.cidrBlock = "10.20.0.1/16";
            a.karpenter.nodePools[1].limits.cpu = "lots";
        }),
        problems: [
            ["clusterName", `must be ${clusterNameForm}, got "my cluster"`],
            ["network.cidrBlock", 'has host bits set; did you mean "10.20.0.0/16"?'],
            ["karpenter.nodePools[1].limits.cpu", 'must be a Kubernetes quantity such as "100", "500m" or "400Gi", got "lots"'],
        ],
    },
    {
        name: "independent cross-field problems are all reported",
        args: changed((a) => {
            a.endpoint = { publicAccess: false, privateAccess: false };
            a.karpenter.replicas = 3;
            a.karpenter.nodePools[1].nodeClass = "gpu";
        }),
        problems: [
            ["endpoint", "must enable publicAccess, privateAccess or both: nodes and kubectl need an endpoint"],
            ["karpenter.replicas", "must be at most nodeGroup.minSize (2) so each replica gets a node of its own, got 3"],
            ["karpenter.nodePools[1].nodeClass", 'must name an entry of karpenter.nodeClasses ("default", "bottlerocket"), got "gpu"'],
        ],
    },
    {
        name: "a shape problem hides no cross-field problem of other inputs",
        args: changed((a) => {
            a.nodeGroup.minSize = 1;
            a.endpoint = { publicAccess: false, privateAccess: false };
        }),
        problems: [
            ["nodeGroup.minSize", "must be from 2 to 100 (at least 2, spread over 2 AZs, so Karpenter survives the loss of a node), got 1"],
            ["endpoint", "must enable publicAccess, privateAccess or both: nodes and kubectl need an endpoint"],
        ],
    },
];

const validEdgeCases: Row[] = [
    { name: "the good args", args: changed(() => undefined), problems: [] },
    { name: "no args at all (every default)", args: {}, problems: [] },
    { name: "a 100-character cluster name", args: withValue("clusterName", "c".repeat(100)), problems: [] },
    { name: "a cluster name starting with a digit, with '_'", args: withValue("clusterName", "1st_cluster"), problems: [] },
    { name: "a version in extended support (the eks-version-support policy flags its cost)", args: withValue("kubernetesVersion", "1.32"), problems: [] },
    { name: "the newest EKS version", args: withValue("kubernetesVersion", "1.36"), problems: [] },
    { name: "a /24 VPC", args: withValue("network.cidrBlock", "192.168.10.0/24"), problems: [] },
    { name: "a /32 public access CIDR", args: withValue("endpoint.publicAccessCidrs", ["198.51.100.7/32"]), problems: [] },
    { name: "public access from anywhere", args: withValue("endpoint.publicAccessCidrs", ["0.0.0.0/0"]), problems: [] },
    { name: "a private-only endpoint with a way in", args: changed((a) => (a.endpoint = { publicAccess: false, privateAccessCidrs: ["10.99.0.0/24"] })), problems: [] },
    { name: "an existing VPC", args: inVpc({}), problems: [] },
    {
        name: "an existing VPC given as outputs (checked when they resolve)",
        args: inVpc({ vpcId: pulumi.output("vpc-123"), privateSubnetIds: [pulumi.output("subnet-xyz"), Promise.resolve("subnet-abc")] }),
        problems: [],
    },
    { name: "an all-Graviton node group", args: withValue("nodeGroup.instanceTypes", ["m7g.large", "c7g.xlarge"]), problems: [] },
    { name: "min = desired = max", args: changed((a) => (a.nodeGroup = { minSize: 3, desiredSize: 3, maxSize: 3 })), problems: [] },
    { name: "a large min size with max defaulted", args: changed((a) => (a.nodeGroup = { minSize: 6 })), problems: [] },
];

describe("validateArgs: cluster arguments", () => {
    describe("bad inputs", () => runTable(badInputs));
    describe("several problems at once", () => runTable(allAtOnce));
    describe("valid edge cases", () => runTable(validEdgeCases));
});
