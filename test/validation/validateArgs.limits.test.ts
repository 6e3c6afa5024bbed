import { Row, changed, runTable, withValue } from "./table";

/**
 * Limits AWS, EKS and Karpenter enforce only when a resource is created or a node launches:
 * tag rules, node group labels, the CRDs' sizes, IAM policies and quotas, EC2 and EBS limits.
 */

const many = (count: number, prefix = "key"): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, "v"]));
const policies = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, `arn:aws:iam::111122223333:policy/extra-${i}`]));
const p1 = "karpenter.nodePools[1]";
const c0 = "karpenter.nodeClasses[0]";
const tagChars = "must use only letters, digits, spaces and _ . : / = + - @ (IAM's tag characters)";
const cpuRequirement = { key: "karpenter.k8s.aws/instance-cpu", operator: "Gt", values: ["1"] };
/** The good args asking `count` AZs, without the us-west-2 zones of the batch pool. */
const azCount = (count: number) =>
    changed((a) => {
        a.network.availabilityZoneCount = count;
        delete a.karpenter.nodePools[1].zones;
    });

const tags: Row[] = [
    { name: "tag key with a character IAM refuses", args: withValue("tags", { "team#1": "a" }), problems: [["tags.team#1", `${tagChars}, got "team#1"`]] },
    { name: "tag value with a comma", args: withValue("tags.owner", "a,b"), problems: [["tags.owner", `${tagChars}, got "a,b"`]] },
    { name: "node class tag value with a semicolon", args: withValue(`${c0}.tags.team`, "a;b"), problems: [[`${c0}.tags.team`, `${tagChars}, got "a;b"`]] },
    {
        name: "45 tags: with Karpenter's six, a node would carry 51",
        args: changed((a) => {
            a.tags = many(45);
            delete a.karpenter.nodeClasses[0].tags;
        }),
        problems: [["tags", `must leave room for the 6 tags the component and Karpenter add to every node, within AWS's 50 tags per resource: a node of EC2NodeClass "default" would get 51`]],
    },
    {
        name: "node class tags that, with the cluster's, leave no room",
        args: changed((a) => {
            a.tags = many(40);
            a.karpenter.nodeClasses[0].tags = many(5, "class");
        }),
        problems: [
            [
                `${c0}.tags`,
                `must leave room for the 6 tags the component and Karpenter add to every node, within AWS's 50 tags per resource: a node of EC2NodeClass "default" would get 51 (tags and karpenter.nodeClasses[0].tags together)`,
            ],
        ],
    },
    {
        name: "44 tags with the Node Termination Handler's managed tag",
        args: changed((a) => {
            a.tags = many(44);
            a.karpenter.nodeClasses = [{ name: "default" }];
            a.karpenter.interruption = "nodeTerminationHandler";
        }),
        problems: [["tags", `must leave room for the 7 tags the component and Karpenter add to every node, within AWS's 50 tags per resource: a node of EC2NodeClass "default" would get 51`]],
    },
];

const nodeGroupLabels: Row[] = [
    {
        name: "node group label in a domain EKS reserves",
        args: withValue("nodeGroup.labels", { "node-role.kubernetes.io/system": "true" }),
        problems: [["nodeGroup.labels.node-role.kubernetes.io/system", 'must not use the prefix "kubernetes.io/", which the EKS API reserves on node group labels, got "node-role.kubernetes.io/system"']],
    },
    {
        name: "node group label in the EKS domain",
        args: withValue("nodeGroup.labels", { "eks.amazonaws.com/team": "a" }),
        problems: [["nodeGroup.labels.eks.amazonaws.com/team", 'must not use the prefix "eks.amazonaws.com/", which the EKS API reserves on node group labels, got "eks.amazonaws.com/team"']],
    },
    {
        name: "node group label key of 67 characters with its prefix",
        args: withValue("nodeGroup.labels", { [`example.com/${"n".repeat(55)}`]: "true" }),
        problems: [[`nodeGroup.labels.example.com/${"n".repeat(55)}`, "must be at most 63 characters in all, prefix included, as the EKS API requires of node group labels, got 67"]],
    },
    { name: "empty node group label value", args: withValue("nodeGroup.labels", { "critical-addons": "" }), problems: [["nodeGroup.labels.critical-addons", "must not be empty: the EKS API takes node group label values of 1 to 63 characters"]] },
];

const karpenterCrds: Row[] = [
    { name: "101 NodePool labels", args: withValue(`${p1}.labels`, many(101)), problems: [[`${p1}.labels`, "must have at most 100 entries (the NodePool CRD's maxProperties), got 101"]] },
    {
        name: "93 requirements, over 100 with the 9 the component generates",
        args: withValue(`${p1}.requirements`, Array.from({ length: 93 }, () => cpuRequirement)),
        problems: [[`${p1}.requirements`, "must leave room for the 9 requirements the component generates: the NodePool CRD takes at most 100, got 102 in all"]],
    },
    {
        name: "51 disruption budgets",
        args: withValue(`${p1}.disruption.budgets`, Array.from({ length: 51 }, () => ({ nodes: "10%" }))),
        problems: [[`${p1}.disruption.budgets`, "must have at most 50 items (the NodePool CRD's maxItems), got 51"]],
    },
    {
        name: "empty taint value, which the CRD's pattern refuses",
        args: withValue(`${p1}.taints[0].value`, ""),
        problems: [[`${p1}.taints[0].value`, `must be a taint value: 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, got ""`]],
    },
    {
        name: "label name part of 64 characters",
        args: withValue(`${p1}.labels`, { [`example.com/${"n".repeat(64)}`]: "x" }),
        problems: [[`${p1}.labels.example.com/${"n".repeat(64)}`, 'must have a name part (after the "/") of at most 63 characters, got 64: a Kubernetes label key such as "team" or "example.com/team"']],
    },
    {
        name: "taint key name part of 64 characters",
        args: withValue(`${p1}.taints[0].key`, "t".repeat(64)),
        problems: [[`${p1}.taints[0].key`, 'must have a name part of at most 63 characters, got 64: a taint key such as "team" or "example.com/dedicated"']],
    },
];

const iam: Row[] = [
    {
        name: "policy statement with a Principal",
        args: withValue("karpenter.extraPolicyStatements[0].Principal", { AWS: "*" }),
        problems: [["karpenter.extraPolicyStatements[0].Principal", "must not be set: these statements form an identity policy of the controller role, where IAM rejects a Principal"]],
    },
    {
        name: "policy resource that is a bucket name, not an ARN",
        args: withValue("karpenter.extraPolicyStatements[0].Resource", "my-bucket"),
        problems: [["karpenter.extraPolicyStatements[0].Resource", 'must be a resource ARN such as "arn:aws:s3:::my-bucket/*", or "*", got "my-bucket"']],
    },
    {
        name: "two statements with one Sid",
        args: withValue("karpenter.extraPolicyStatements", [
            { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
            { Sid: "Read", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" },
        ]),
        problems: [["karpenter.extraPolicyStatements[1].Sid", 'duplicates the statement id "Read"; IAM requires statement ids to be unique within a policy']],
    },
    {
        name: "statements larger than a managed policy",
        args: withValue(
            "karpenter.extraPolicyStatements",
            Array.from({ length: 60 }, (_, i) => ({ Sid: `S${i}`, Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::bucket-number-${i}-with-a-long-name/*` })),
        ),
        problems: [
            [
                "karpenter.extraPolicyStatements",
                "must fit in one managed policy, at most 6144 characters without whitespace (IAM's limit), got 7158; move some statements to a policy of your own and list it in karpenter.additionalPolicies",
            ],
        ],
    },
    {
        name: "four more controller policies: eleven in all",
        args: withValue("karpenter.additionalPolicies", policies(4)),
        problems: [["karpenter.additionalPolicies", "must have at most 3 entries: the component attaches 7 managed policies to the controller role, and IAM's default quota is 10 per role, got 4"]],
    },
    {
        name: "seven more node policies: eleven in all",
        args: withValue("nodeRole.additionalPolicies", policies(7)),
        problems: [["nodeRole.additionalPolicies", "must have at most 6 entries: the component attaches 4 managed policies to the node role, and IAM's default quota is 10 per role, got 7"]],
    },
];

const ec2AndEks: Row[] = [
    {
        name: "41 public access CIDRs",
        args: withValue("endpoint.publicAccessCidrs", Array.from({ length: 41 }, (_, i) => `203.0.${i}.0/24`)),
        problems: [["endpoint.publicAccessCidrs", "must have at most 40 items (EKS's limit of public access CIDRs per cluster), got 41"]],
    },
    {
        name: "user data of 16 KB and one byte",
        args: withValue(`${c0}.userData`, "x".repeat(16385)),
        problems: [[`${c0}.userData`, "must be at most 16384 bytes, EC2's user data limit before base64 (Karpenter's own part comes on top), got 16385"]],
    },
    {
        name: "five AZs in us-west-2, which has four",
        args: withValue("network.availabilityZoneCount", 5),
        problems: [["network.availabilityZoneCount", "must be at most 4, the number of Availability Zones region us-west-2 offers, got 5"]],
    },
    {
        name: "four AZs in us-east-2, which has three",
        args: azCount(4),
        region: "us-east-2",
        problems: [["network.availabilityZoneCount", "must be at most 3, the number of Availability Zones region us-east-2 offers, got 4"]],
    },
];

const volumes: Row[] = [
    {
        name: "root volume smaller than the AMI's snapshot",
        args: withValue(`${c0}.volumeSize`, "10Gi"),
        problems: [[`${c0}.volumeSize`, `must be at least 20Gi, the size of the al2023 AMI's snapshot for this volume, got "10Gi"`]],
    },
    {
        name: "Bottlerocket data volume smaller than its snapshot",
        args: withValue("karpenter.nodeClasses[1].volumeSize", "16G"),
        problems: [["karpenter.nodeClasses[1].volumeSize", `must be at least 20Gi, the size of the bottlerocket AMI's snapshot for this volume, got "16G"`]],
    },
    {
        name: "gp3 throughput above a quarter MiB/s per baseline IOPS",
        args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeIops: undefined, volumeThroughput: 1000 })),
        problems: [[`${c0}.volumeThroughput`, "must be at most 0.25 MiB/s per IOPS for gp3, 750 at 3000 IOPS (the baseline), got 1000"]],
    },
    {
        name: "gp3 IOPS above 500 per GiB",
        args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeSize: "20Gi", volumeIops: 12000 })),
        problems: [[`${c0}.volumeIops`, "must be at most 500 per GiB for gp3, 10000 at 20Gi, got 12000"]],
    },
    {
        name: "io1 IOPS above 50 per GiB",
        args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeType: "io1", volumeIops: 5000, volumeThroughput: undefined })),
        problems: [[`${c0}.volumeIops`, "must be at most 50 per GiB for io1, 2500 at 50Gi, got 5000"]],
    },
    {
        name: "io2 without IOPS",
        args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeType: "io2", volumeIops: undefined, volumeThroughput: undefined })),
        problems: [[`${c0}.volumeIops`, "is required with volumeType io2: EC2 provisions no default IOPS for it"]],
    },
];

const validEdgeCases: Row[] = [
    { name: "tags with spaces, accents and every allowed symbol", args: withValue("tags", { "Cost Center": "Équipe données", "a_b.c:d/e=f+g-h@i": "" }), problems: [] },
    {
        name: "43 tags: 49 on a node",
        args: changed((a) => {
            a.tags = many(43);
            a.karpenter.nodeClasses[0].tags = {};
        }),
        problems: [],
    },
    { name: "a node group label of 63 characters with its prefix", args: withValue("nodeGroup.labels", { [`example.com/${"n".repeat(51)}`]: "true" }), problems: [] },
    { name: "91 requirements: 100 with the generated ones", args: withValue(`${p1}.requirements`, Array.from({ length: 91 }, () => cpuRequirement)), problems: [] },
    { name: "40 public access CIDRs", args: withValue("endpoint.publicAccessCidrs", Array.from({ length: 40 }, (_, i) => `203.0.${i}.0/24`)), problems: [] },
    { name: "user data of exactly 16 KB", args: withValue(`${c0}.userData`, "x".repeat(16384)), problems: [] },
    { name: "three controller policies more: ten in all", args: withValue("karpenter.additionalPolicies", policies(3)), problems: [] },
    { name: "ARNs with wildcards and policy variables", args: withValue("karpenter.extraPolicyStatements[0].Resource", ["arn:aws:ssm:*:*:parameter/${aws:PrincipalTag/team}/*", "*"]), problems: [] },
    { name: "gp3 at its throughput ceiling for 4000 IOPS", args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeIops: 4000, volumeThroughput: 1000 })), problems: [] },
    { name: "a 20Gi root volume", args: withValue(`${c0}.volumeSize`, "20Gi"), problems: [] },
    { name: "six AZs in us-east-1", args: azCount(6), region: "us-east-1", problems: [] },
    { name: "any AZ count in a region whose count is looked up later", args: azCount(6), region: "us-west-1", problems: [] },
];

describe("validateArgs: AWS, EKS and Karpenter limits", () => {
    describe("tags", () => runTable(tags));
    describe("node group labels", () => runTable(nodeGroupLabels));
    describe("Karpenter CRD limits", () => runTable(karpenterCrds));
    describe("IAM", () => runTable(iam));
    describe("EC2 and EKS", () => runTable(ec2AndEks));
    describe("volumes", () => runTable(volumes));
    describe("valid edge cases", () => runTable(validEdgeCases));
});
