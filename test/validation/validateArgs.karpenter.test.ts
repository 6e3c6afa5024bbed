import { Row, changed, runTable, withValue } from "./table";

/** The Karpenter controller (version, identity, placement, interruption, resources, Helm values, IAM) and EC2NodeClasses. */

const versionForm = 'an exact version such as "1.14.1" (no ranges, no "v" prefix)';
const quantityForm = 'a Kubernetes quantity such as "100", "500m" or "400Gi"';
const aliasForm = 'an AMI alias "family@version" with family al2023 or bottlerocket, such as "al2023@v20260714" or "bottlerocket@v1.64.0"';
const protectedValue = (path: string, argument: string) => `must not be set: the component sets "${path}" from ${argument}; set that instead`;
const nodeClass = (i: number, field: string, value: unknown) => withValue(`karpenter.nodeClasses[${i}].${field}`, value);

const controller: Row[] = [
    { name: "Karpenter minor version only", args: withValue("karpenter.version", "1.14"), problems: [["karpenter.version", `must be ${versionForm}, got "1.14"`]] },
    { name: "Karpenter version with a v prefix", args: withValue("karpenter.version", "v1.14.1"), problems: [["karpenter.version", `must be ${versionForm}, got "v1.14.1"`]] },
    { name: "Karpenter version range", args: withValue("karpenter.version", "^1.14.1"), problems: [["karpenter.version", `must be ${versionForm}, got "^1.14.1"`]] },
    {
        name: "Karpenter release this package is not written for",
        args: withValue("karpenter.version", "1.13.2"),
        problems: [["karpenter.version", `must be a Karpenter version this package's IAM policy and Helm values are written for (1.14.x), got "1.13.2"`]],
    },
    { name: "namespace in capitals", args: withValue("karpenter.namespace", "Karpenter"), problems: [["karpenter.namespace", 'must be a Kubernetes namespace: a DNS-1123 label such as "kube-system", got "Karpenter"']] },
    {
        name: "namespace of 64 characters",
        args: withValue("karpenter.namespace", "n".repeat(64)),
        problems: [["karpenter.namespace", 'must be at most 63 characters (got 64): a Kubernetes namespace: a DNS-1123 label such as "kube-system"']],
    },
    {
        name: "service account with an underscore",
        args: withValue("karpenter.serviceAccount", "karpenter_sa"),
        problems: [["karpenter.serviceAccount", 'must be a Kubernetes service account name: a DNS-1123 subdomain such as "karpenter", got "karpenter_sa"']],
    },
    { name: "identity in capitals", args: withValue("karpenter.identity", "IRSA"), problems: [["karpenter.identity", 'must be one of "irsa", "podIdentity", got "IRSA"']] },
    {
        name: "Pod Identity on Fargate",
        args: changed((a) => Object.assign(a.karpenter, { placement: "fargate", identity: "podIdentity" })),
        problems: [["karpenter.identity", 'conflicts with karpenter.placement "fargate": EKS Pod Identity does not work on Fargate; use "irsa"']],
    },
    { name: "unknown placement", args: withValue("karpenter.placement", "managedNodeGroup"), problems: [["karpenter.placement", 'must be one of "nodeGroup", "fargate", got "managedNodeGroup"']] },
    {
        name: "interruption handler by nickname",
        args: withValue("karpenter.interruption", "nth"),
        problems: [["karpenter.interruption", 'must be one of "native", "nodeTerminationHandler", "none", got "nth"']],
    },
    {
        name: "NTH version with native handling",
        args: withValue("karpenter.nodeTerminationHandlerVersion", "0.27.6"),
        problems: [["karpenter.nodeTerminationHandlerVersion", 'only applies with karpenter.interruption "nodeTerminationHandler"']],
    },
    {
        name: "NTH next to Karpenter's own queue",
        args: changed((a) => Object.assign(a.karpenter, { interruption: "nodeTerminationHandler", extraValues: { settings: { interruptionQueue: "karpenter-test" } } })),
        problems: [
            [
                "karpenter.extraValues.settings.interruptionQueue",
                'must not be set with karpenter.interruption "nodeTerminationHandler": Karpenter and the Node Termination Handler must never both handle interruptions',
            ],
        ],
    },
    {
        name: "spot NodePool without interruption handling",
        args: withValue("karpenter.interruption", "none"),
        problems: [["karpenter.nodePools[1].capacityTypes", 'includes "spot" but karpenter.interruption is "none": spot nodes would be reclaimed without draining; use "native"']],
    },
    { name: "a single replica", args: withValue("karpenter.replicas", 1), problems: [["karpenter.replicas", "must be from 2 to 10 (at least 2, so the controller survives the loss of a node), got 1"]] },
    {
        name: "more replicas than critical-addons nodes",
        args: withValue("karpenter.replicas", 3),
        problems: [["karpenter.replicas", "must be at most nodeGroup.minSize (2) so each replica gets a node of its own, got 3"]],
    },
    { name: "CPU request with a unit word", args: withValue("karpenter.controllerResources.requests.cpu", "1 core"), problems: [["karpenter.controllerResources.requests.cpu", `must be ${quantityForm}, got "1 core"`]] },
    { name: "negative CPU limit", args: withValue("karpenter.controllerResources.limits.cpu", "-1"), problems: [["karpenter.controllerResources.limits.cpu", `must be ${quantityForm}, got "-1"`]] },
    {
        name: "memory request above its limit",
        args: withValue("karpenter.controllerResources.requests.memory", "2Gi"),
        problems: [["karpenter.controllerResources.requests.memory", "must not exceed the limit (1Gi), got 2Gi"]],
    },
    {
        name: "misspelled resource name",
        args: changed((a) => (a.karpenter.controllerResources.requests.cpus = "1")),
        problems: [["karpenter.controllerResources.requests.cpus", 'unknown key; did you mean "cpu"?']],
    },
    { name: "log level warn", args: withValue("karpenter.logLevel", "warn"), problems: [["karpenter.logLevel", 'must be one of "debug", "info", "error", got "warn"']] },
    { name: "replicas through Helm values", args: withValue("karpenter.extraValues", { replicas: 3 }), problems: [["karpenter.extraValues.replicas", protectedValue("replicas", "karpenter.replicas")]] },
    {
        name: "service account through Helm values",
        args: withValue("karpenter.extraValues", { serviceAccount: { name: "other" } }),
        problems: [["karpenter.extraValues.serviceAccount.name", protectedValue("serviceAccount.name", "karpenter.serviceAccount")]],
    },
    {
        name: "interruption queue through Helm values",
        args: withValue("karpenter.extraValues", { settings: { interruptionQueue: "other" } }),
        problems: [["karpenter.extraValues.settings.interruptionQueue", protectedValue("settings.interruptionQueue", "karpenter.interruption")]],
    },
    {
        name: "Helm values that drop the affinity",
        args: withValue("karpenter.extraValues", { affinity: null }),
        problems: [
            [
                "karpenter.extraValues.affinity.nodeAffinity",
                'must keep "karpenter.sh/nodepool DoesNotExist" in every required node selector term, or the controller can be scheduled on a node it manages and deadlock when that node is consolidated',
            ],
        ],
    },
    {
        name: "Helm values that drop the node group selector",
        args: withValue("karpenter.extraValues", { nodeSelector: { "critical-addons": null } }),
        problems: [["karpenter.extraValues.nodeSelector.critical-addons", 'must stay "true" so the controller runs on the critical-addons node group']],
    },
    {
        name: "Helm values without the critical-addons toleration",
        args: withValue("karpenter.extraValues", { tolerations: [{ key: "dedicated", operator: "Exists" }] }),
        problems: [["karpenter.extraValues.tolerations", "must tolerate the taint CriticalAddonsOnly=true:NoSchedule, or the controller fits on no node"]],
    },
    { name: "policy effect in lower case", args: withValue("karpenter.extraPolicyStatements[0].Effect", "allow"), problems: [["karpenter.extraPolicyStatements[0].Effect", 'must be one of "Allow", "Deny", got "allow"']] },
    {
        name: "policy action without a service",
        args: withValue("karpenter.extraPolicyStatements[0].Action", "GetParameter"),
        problems: [["karpenter.extraPolicyStatements[0].Action", 'must be an IAM action such as "s3:GetObject", got "GetParameter"']],
    },
    { name: "policy statement without a resource", args: withValue("karpenter.extraPolicyStatements[0].Resource", undefined), problems: [["karpenter.extraPolicyStatements[0].Resource", "is required"]] },
    {
        name: "controller policy by name instead of ARN",
        args: withValue("karpenter.additionalPolicies.ssm", "AmazonSSMReadOnlyAccess"),
        problems: [["karpenter.additionalPolicies.ssm", 'must be an IAM policy ARN such as "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", got "AmazonSSMReadOnlyAccess"']],
    },
];

const nodeClasses: Row[] = [
    {
        name: "role that is the component's own node role, which has an access entry already",
        args: nodeClass(1, "role", "KarpenterNodeRole-karpenter-test"),
        problems: [["karpenter.nodeClasses[1].role", 'must not be "KarpenterNodeRole-karpenter-test", a role the component creates; leave role unset to use the node role']],
    },
    { name: "node class name in capitals", args: nodeClass(0, "name", "Default"), problems: [["karpenter.nodeClasses[0].name", 'must be a DNS-1123 label: lowercase letters, digits and "-", such as "team-a", got "Default"']] },
    {
        name: "two node classes with one name",
        args: nodeClass(1, "name", "default"),
        problems: [["karpenter.nodeClasses[1].name", 'duplicates the name "default"; EC2NodeClass names must be unique']],
    },
    { name: "node class without a name", args: nodeClass(1, "name", undefined), problems: [["karpenter.nodeClasses[1].name", "is required"]] },
    { name: "no node classes", args: withValue("karpenter.nodeClasses", []), problems: [["karpenter.nodeClasses", "must have at least 1 item, got 0"]] },
    { name: "AMI alias of an unsupported family", args: nodeClass(0, "amiAlias", "al2@latest"), problems: [["karpenter.nodeClasses[0].amiAlias", `must be ${aliasForm}, got "al2@latest"`]] },
    { name: "AMI alias without a version", args: nodeClass(0, "amiAlias", "al2023"), problems: [["karpenter.nodeClasses[0].amiAlias", `must be ${aliasForm}, got "al2023"`]] },
    { name: "Bottlerocket alias without the v", args: nodeClass(1, "amiAlias", "bottlerocket@1.64.0"), problems: [["karpenter.nodeClasses[1].amiAlias", `must be ${aliasForm}, got "bottlerocket@1.64.0"`]] },
    {
        name: "role and instance profile together",
        args: nodeClass(1, "instanceProfile", "custom-node-profile"),
        problems: [["karpenter.nodeClasses[1].instanceProfile", "conflicts with role: an EC2NodeClass takes exactly one of role and instanceProfile"]],
    },
    { name: "role name with a space", args: nodeClass(1, "role", "node role"), problems: [["karpenter.nodeClasses[1].role", 'must be an IAM role name: up to 64 letters, digits or +=,.@_-, got "node role"']] },
    {
        name: "instance profile name of 129 characters",
        args: changed((a) => (a.karpenter.nodeClasses[0].instanceProfile = "p".repeat(129))),
        problems: [["karpenter.nodeClasses[0].instanceProfile", "must be at most 128 characters (got 129): an instance profile name: up to 128 letters, digits or +=,.@_-"]],
    },
    { name: "volume size in GB", args: nodeClass(0, "volumeSize", "50GB"), problems: [["karpenter.nodeClasses[0].volumeSize", 'must be an EBS volume size such as "50Gi" (Gi, G, Ti or T), got "50GB"']] },
    { name: "volume size above the EBS maximum", args: nodeClass(0, "volumeSize", "60000Gi"), problems: [["karpenter.nodeClasses[0].volumeSize", 'must be an EBS volume size such as "50Gi" (Gi, G, Ti or T), got "60000Gi"']] },
    { name: "magnetic volume type", args: nodeClass(0, "volumeType", "standard"), problems: [["karpenter.nodeClasses[0].volumeType", 'must be one of "gp3", "gp2", "io1", "io2", got "standard"']] },
    {
        name: "gp2 with IOPS and throughput",
        args: nodeClass(0, "volumeType", "gp2"),
        problems: [
            ["karpenter.nodeClasses[0].volumeThroughput", "only applies to gp3 volumes, not gp2"],
            ["karpenter.nodeClasses[0].volumeIops", "only applies to gp3, io1 and io2 volumes, not gp2"],
        ],
    },
    { name: "gp3 IOPS above its maximum", args: nodeClass(0, "volumeIops", 90000), problems: [["karpenter.nodeClasses[0].volumeIops", "must be at most 80000 for gp3, got 90000"]] },
    { name: "IOPS below any volume's minimum", args: nodeClass(0, "volumeIops", 50), problems: [["karpenter.nodeClasses[0].volumeIops", "must be from 100 to 256000, got 50"]] },
    { name: "throughput above gp3's maximum", args: nodeClass(0, "volumeThroughput", 2500), problems: [["karpenter.nodeClasses[0].volumeThroughput", "must be from 125 to 2000, got 2500"]] },
    { name: "KMS key by name", args: nodeClass(0, "kmsKeyId", "my-key"), problems: [["karpenter.nodeClasses[0].kmsKeyId", 'must be a KMS key ARN, key id or alias ARN, got "my-key"']] },
    { name: "node class hop limit 0", args: nodeClass(0, "metadataHopLimit", 0), problems: [["karpenter.nodeClasses[0].metadataHopLimit", "must be from 1 to 64, got 0"]] },
    {
        name: "node class tag Karpenter sets",
        args: nodeClass(0, "tags", { "karpenter.sh/nodepool": "batch" }),
        problems: [["karpenter.nodeClasses[0].tags.karpenter.sh/nodepool", "is set by Karpenter and EKS on every node; it cannot be set here"]],
    },
    {
        name: "node class tag EKS sets",
        args: nodeClass(0, "tags", { "eks:eks-cluster-name": "karpenter-test" }),
        problems: [["karpenter.nodeClasses[0].tags.eks:eks-cluster-name", "is set by Karpenter and EKS on every node; it cannot be set here"]],
    },
    { name: "node class tag key starting with aws:", args: nodeClass(0, "tags", { "AWS:team": "x" }), problems: [["karpenter.nodeClasses[0].tags.AWS:team", 'must not start with "aws:", which is reserved for AWS']] },
    { name: "monitoring flag as text", args: nodeClass(0, "detailedMonitoring", "true"), problems: [["karpenter.nodeClasses[0].detailedMonitoring", 'must be true or false, got "true"']] },
    { name: "misspelled node class key", args: changed((a) => (a.karpenter.nodeClasses[0].amiAliases = "al2023@v20260714")), problems: [["karpenter.nodeClasses[0].amiAliases", 'unknown key; did you mean "amiAlias"?']] },
];

const validEdgeCases: Row[] = [
    { name: "an earlier Karpenter 1.14 patch", args: withValue("karpenter.version", "1.14.0"), problems: [] },
    { name: "IRSA on Fargate, with more replicas than node group nodes", args: changed((a) => Object.assign(a.karpenter, { placement: "fargate", replicas: 3 })), problems: [] },
    { name: "Pod Identity on the node group", args: withValue("karpenter.identity", "podIdentity"), problems: [] },
    { name: "NTH with its version", args: changed((a) => Object.assign(a.karpenter, { interruption: "nodeTerminationHandler", nodeTerminationHandlerVersion: "0.27.6" })), problems: [] },
    {
        name: "no interruption handling with on-demand pools only",
        args: changed((a) => {
            a.karpenter.interruption = "none";
            a.karpenter.nodePools[1].capacityTypes = ["on-demand"];
        }),
        problems: [],
    },
    { name: "request equal to limit, in other units", args: withValue("karpenter.controllerResources.requests.cpu", "1000m"), problems: [] },
    { name: "a toleration of every taint", args: withValue("karpenter.extraValues", { tolerations: [{ operator: "Exists" }] }), problems: [] },
    {
        name: "an affinity that keeps the NodePool exclusion",
        args: withValue("karpenter.extraValues", {
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] }] } } },
        }),
        problems: [],
    },
    { name: "a single-action statement", args: withValue("karpenter.extraPolicyStatements[0].Action", "ssm:GetParameter"), problems: [] },
    { name: "a Bottlerocket alias at latest", args: nodeClass(1, "amiAlias", "bottlerocket@latest"), problems: [] },
    { name: "an instance profile instead of a role", args: changed((a) => (a.karpenter.nodeClasses[1] = { name: "bottlerocket", amiAlias: "bottlerocket@v1.64.0", instanceProfile: "KarpenterNodeProfile" })), problems: [] },
    {
        name: "io2 with high IOPS on a volume large enough for them",
        args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeType: "io2", volumeSize: "64Gi", volumeIops: 64000, volumeThroughput: undefined })),
        problems: [],
    },
    { name: "a 64Ti volume in decimal units", args: nodeClass(0, "volumeSize", "64T"), problems: [] },
    {
        // gp3's limits since September 2025: 80,000 IOPS and 2,000 MiB/s.
        name: "gp3 above its pre-2025 limits of 16,000 IOPS and 1,000 MiB/s",
        args: changed((a) => Object.assign(a.karpenter.nodeClasses[0], { volumeType: "gp3", volumeSize: "200Gi", volumeIops: 40000, volumeThroughput: 2000 })),
        problems: [],
    },
];

describe("validateArgs: Karpenter and node classes", () => {
    describe("controller", () => runTable(controller));
    describe("node classes", () => runTable(nodeClasses));
    describe("valid edge cases", () => runTable(validEdgeCases));
});
