import { Row, changed, runTable, withValue } from "./table";

/** NodePools: names, instance selection, zones, requirements, labels, taints, limits, disruption. */

const p1 = "karpenter.nodePools[1]";
/** The good args with `field` of the second NodePool ("batch", which sets every field) replaced. */
const batch = (field: string, value: unknown) => withValue(`${p1}.${field}`, value);
/** The good args with the first NodePool ("default", which sets little) changed. */
const first = (field: string, value: unknown) => withValue(`karpenter.nodePools[0].${field}`, value);
const requirement = (value: unknown) => batch("requirements[0]", value);
const quantityForm = 'a Kubernetes quantity such as "100", "500m" or "400Gi"';
const durationForm = 'a duration such as "30s", "5m", "720h" or "Never"';
const restrictedDomain = (domain: string, key: string) => `must not use the restricted label domain "${domain}" unless it is a well-known Karpenter label, got "${key}"`;

const selection: Row[] = [
    { name: "pool name with an underscore", args: batch("name", "Team_A"), problems: [[`${p1}.name`, 'must be a DNS-1123 label: lowercase letters, digits and "-", such as "team-a", got "Team_A"']] },
    {
        name: "pool name of 64 characters",
        args: batch("name", "b".repeat(64)),
        problems: [[`${p1}.name`, 'must be at most 63 characters (got 64): a DNS-1123 label: lowercase letters, digits and "-", such as "team-a"']],
    },
    { name: "two pools with one name", args: batch("name", "default"), problems: [[`${p1}.name`, 'duplicates the name "default"; NodePool names must be unique']] },
    { name: "pool without a name", args: batch("name", undefined), problems: [[`${p1}.name`, "is required"]] },
    { name: "no pools", args: withValue("karpenter.nodePools", []), problems: [["karpenter.nodePools", "must have at least 1 item, got 0"]] },
    { name: "pool of an unknown node class", args: batch("nodeClass", "gpu"), problems: [[`${p1}.nodeClass`, 'must name an entry of karpenter.nodeClasses ("default", "bottlerocket"), got "gpu"']] },
    { name: "weight 0", args: batch("weight", 0), problems: [[`${p1}.weight`, "must be from 1 to 100, got 0"]] },
    { name: "capacity type in capitals", args: batch("capacityTypes", ["Spot"]), problems: [[`${p1}.capacityTypes[0]`, 'must be one of "spot", "on-demand", got "Spot"']] },
    { name: "capacity type twice", args: batch("capacityTypes", ["spot", "spot"]), problems: [[`${p1}.capacityTypes[1]`, 'duplicates "spot"']] },
    { name: "no capacity type", args: batch("capacityTypes", []), problems: [[`${p1}.capacityTypes`, "must have at least 1 item, got 0"]] },
    { name: "architecture as uname prints it", args: batch("architectures", ["x86_64"]), problems: [[`${p1}.architectures[0]`, 'must be one of "amd64", "arm64", got "x86_64"']] },
    { name: "instance category in capitals", args: batch("instanceCategories", ["C", "m"]), problems: [[`${p1}.instanceCategories[0]`, 'must be an instance category such as "m" or "c", got "C"']] },
    {
        name: "instance type where a family goes",
        args: batch("instanceFamilies", ["c7i.large", "m7i"]),
        problems: [[`${p1}.instanceFamilies[0]`, 'must be an instance family such as "m7i" or "c7g", got "c7i.large"']],
    },
    {
        name: "family outside the categories",
        args: batch("instanceCategories", ["m"]),
        problems: [[`${p1}.instanceFamilies[0]`, '"c7i" is not in instanceCategories (m), so no instance type would match']],
    },
    {
        name: "family older than the minimum generation",
        args: batch("instanceFamilies", ["c7i", "m4"]),
        problems: [[`${p1}.instanceFamilies[1]`, '"m4" is generation 4, below minInstanceGeneration (5)']],
    },
    { name: "minimum generation 0", args: batch("minInstanceGeneration", 0), problems: [[`${p1}.minInstanceGeneration`, "must be from 1 to 10, got 0"]] },
    {
        name: "Graviton family in an amd64 pool",
        args: batch("instanceFamilies", ["c7g", "m7i"]),
        problems: [[`${p1}.instanceFamilies[0]`, '"c7g" is a Graviton (arm64) family, not in architectures (amd64), so no instance type would match']],
    },
    {
        name: "Graviton family in a pool that defaults to amd64",
        args: first("instanceFamilies", ["m7g"]),
        problems: [["karpenter.nodePools[0].instanceFamilies[0]", '"m7g" is a Graviton (arm64) family, not in architectures (amd64), so no instance type would match']],
    },
    {
        name: "high-memory family without allowExoticInstances",
        args: first("instanceFamilies", ["u-6tb1"]),
        problems: [["karpenter.nodePools[0].instanceFamilies[0]", '"u-6tb1" is a high-memory family costing tens of dollars an hour; set allowExoticInstances: true to allow it']],
    },
    {
        name: "newer high-memory family without allowExoticInstances",
        args: first("instanceFamilies", ["u7i-12tb"]),
        problems: [["karpenter.nodePools[0].instanceFamilies[0]", '"u7i-12tb" is a high-memory family costing tens of dollars an hour; set allowExoticInstances: true to allow it']],
    },
    {
        name: "high-memory category without allowExoticInstances",
        args: batch("instanceCategories", ["c", "m", "u"]),
        problems: [[`${p1}.instanceCategories[2]`, 'category "u" is the high-memory families; set allowExoticInstances: true to allow it']],
    },
    {
        name: "bare-metal size without allowExoticInstances",
        args: batch("instanceSizes", ["large", "metal-24xl"]),
        problems: [[`${p1}.instanceSizes[1]`, '"metal-24xl" is a bare-metal size; set allowExoticInstances: true to allow it']],
    },
    { name: "instance size in capitals", args: batch("instanceSizes", ["Large"]), problems: [[`${p1}.instanceSizes[0]`, 'must be an instance size such as "large", "2xlarge" or "metal-24xl", got "Large"']] },
    { name: "zone of another region", args: batch("zones", ["us-east-1a"]), problems: [[`${p1}.zones[0]`, 'must be a zone of region us-west-2 such as "us-west-2a", got "us-east-1a"']] },
    { name: "region where a zone goes", args: batch("zones", ["us-west-2"]), problems: [[`${p1}.zones[0]`, 'must be an availability zone such as "us-west-2a" or a Local Zone such as "us-west-2-lax-1a", got "us-west-2"']] },
    { name: "a Local Zone of the region", args: batch("zones", ["us-west-2a", "us-west-2-lax-1a"]), problems: [] },
    { name: "zone twice", args: batch("zones", ["us-west-2a", "us-west-2a"]), problems: [[`${p1}.zones[1]`, 'duplicates "us-west-2a"']] },
];

const requirements: Row[] = [
    {
        name: "requirement on the NodePool label",
        args: requirement({ key: "karpenter.sh/nodepool", operator: "In", values: ["batch"] }),
        problems: [[`${p1}.requirements[0].key`, 'must not be "karpenter.sh/nodepool": it is set on every node, and the NodePool CRD restricts it']],
    },
    {
        name: "requirement on the hostname",
        args: requirement({ key: "kubernetes.io/hostname", operator: "Exists" }),
        problems: [[`${p1}.requirements[0].key`, 'must not be "kubernetes.io/hostname": it is set on every node, and the NodePool CRD restricts it']],
    },
    {
        name: "requirement in the karpenter.sh domain",
        args: requirement({ key: "karpenter.sh/team", operator: "In", values: ["a"] }),
        problems: [[`${p1}.requirements[0].key`, restrictedDomain("karpenter.sh", "karpenter.sh/team")]],
    },
    {
        name: "requirement on an unknown karpenter.k8s.aws label",
        args: requirement({ key: "karpenter.k8s.aws/instance-vcpu", operator: "Gt", values: ["4"] }),
        problems: [[`${p1}.requirements[0].key`, restrictedDomain("karpenter.k8s.aws", "karpenter.k8s.aws/instance-vcpu")]],
    },
    {
        name: "operator in lower case",
        args: requirement({ key: "karpenter.k8s.aws/instance-cpu", operator: "gte", values: ["4"] }),
        problems: [[`${p1}.requirements[0].operator`, 'must be one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Lte", got "gte"']],
    },
    { name: "requirement without an operator", args: requirement({ key: "karpenter.k8s.aws/instance-cpu", values: ["4"] }), problems: [[`${p1}.requirements[0].operator`, "is required"]] },
    {
        name: "In without values",
        args: requirement({ key: "karpenter.k8s.aws/instance-family", operator: "In", values: [] }),
        problems: [[`${p1}.requirements[0].values`, 'must have at least one value with operator "In"']],
    },
    {
        name: "Exists with values",
        args: requirement({ key: "karpenter.k8s.aws/instance-gpu-count", operator: "Exists", values: ["1"] }),
        problems: [[`${p1}.requirements[0].values`, 'must be empty with operator "Exists"']],
    },
    {
        name: "Gte with two values",
        args: batch("requirements[0].values", ["4", "8"]),
        problems: [[`${p1}.requirements[0].values`, 'must be exactly one non-negative integer with operator "Gte"']],
    },
    {
        name: "Gte with a word",
        args: batch("requirements[0].values", ["four"]),
        problems: [[`${p1}.requirements[0].values`, 'must be exactly one non-negative integer with operator "Gte"']],
    },
    {
        name: "requirement value with a space",
        args: batch("requirements[0].values", ["4 cores"]),
        problems: [[`${p1}.requirements[0].values[0]`, `must be a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.', got "4 cores"`]],
    },
    {
        name: "minValues above the number of values",
        args: requirement({ key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["c7i"], minValues: 2 }),
        problems: [[`${p1}.requirements[0].minValues`, "must be at most the number of values (1), got 2"]],
    },
    {
        name: "label in a domain ending with karpenter.sh",
        args: batch("labels", { "mykarpenter.sh/owner": "team-a" }),
        problems: [[`${p1}.labels.mykarpenter.sh/owner`, restrictedDomain("karpenter.sh", "mykarpenter.sh/owner")]],
    },
    {
        name: "label Karpenter sets",
        args: batch("labels", { "karpenter.sh/nodepool": "batch" }),
        problems: [[`${p1}.labels.karpenter.sh/nodepool`, 'must not be "karpenter.sh/nodepool": it is set on every node, and the NodePool CRD restricts it']],
    },
    {
        name: "label key with an empty name",
        args: batch("labels", { "example.com/": "x" }),
        problems: [[`${p1}.labels.example.com/`, 'must be a Kubernetes label key such as "team" or "example.com/team", got "example.com/"']],
    },
    {
        name: "label value of 64 characters",
        args: batch("labels.workload", "w".repeat(64)),
        problems: [[`${p1}.labels.workload`, "must be at most 63 characters (got 64): a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.'"]],
    },
    {
        name: "misspelled taint effect",
        args: batch("taints[0].effect", "NoScheduled"),
        problems: [[`${p1}.taints[0].effect`, 'must be one of "NoSchedule", "PreferNoSchedule", "NoExecute", got "NoScheduled"']],
    },
    { name: "taint without an effect", args: batch("taints[0].effect", undefined), problems: [[`${p1}.taints[0].effect`, "is required"]] },
    { name: "taint key with a space", args: batch("taints[0].key", "work load"), problems: [[`${p1}.taints[0].key`, 'must be a taint key such as "team" or "example.com/dedicated", got "work load"']] },
    {
        name: "startup taint effect in lower case",
        args: batch("startupTaints[0].effect", "noExecute"),
        problems: [[`${p1}.startupTaints[0].effect`, 'must be one of "NoSchedule", "PreferNoSchedule", "NoExecute", got "noExecute"']],
    },
];

const limitsAndDisruption: Row[] = [
    { name: "CPU limit as a word", args: batch("limits.cpu", "lots"), problems: [[`${p1}.limits.cpu`, `must be ${quantityForm}, got "lots"`]] },
    { name: "memory limit in GB", args: batch("limits.memory", "128GB"), problems: [[`${p1}.limits.memory`, `must be ${quantityForm}, got "128GB"`]] },
    { name: "CPU limit 0", args: batch("limits.cpu", "0"), problems: [[`${p1}.limits.cpu`, 'must be greater than zero so the NodePool can launch a node, got "0"']] },
    {
        name: "resource name in capitals",
        args: batch("limits", { cpu: "32", memory: "128Gi", GPU: "4" }),
        problems: [[`${p1}.limits.GPU`, 'must be a resource name such as "cpu", "memory" or "nvidia.com/gpu", got "GPU"']],
    },
    {
        name: "misspelled limits key",
        args: changed((a) => {
            a.karpenter.nodePools[0].limit = a.karpenter.nodePools[0].limits;
            delete a.karpenter.nodePools[0].limits;
        }),
        problems: [["karpenter.nodePools[0].limit", 'unknown key; did you mean "limits"?']],
    },
    {
        name: "v1beta1 consolidation policy",
        args: batch("disruption.consolidationPolicy", "WhenUnderutilized"),
        problems: [[`${p1}.disruption.consolidationPolicy`, 'must be one of "WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced", got "WhenUnderutilized"']],
    },
    { name: "consolidateAfter in words", args: batch("disruption.consolidateAfter", "1 minute"), problems: [[`${p1}.disruption.consolidateAfter`, `must be ${durationForm}, got "1 minute"`]] },
    {
        name: "consolidateAfter 0s",
        args: batch("disruption.consolidateAfter", "0s"),
        problems: [[`${p1}.disruption.consolidateAfter`, 'must be a non-zero duration such as "30s", "5m", "720h" or "Never", got "0s"']],
    },
    { name: "expireAfter in days", args: batch("expireAfter", "30d"), problems: [[`${p1}.expireAfter`, `must be ${durationForm}, got "30d"`]] },
    { name: "expireAfter zero", args: batch("expireAfter", "0h0m"), problems: [[`${p1}.expireAfter`, 'must be a non-zero duration such as "30s", "5m", "720h" or "Never", got "0h0m"']] },
    {
        name: "terminationGracePeriod Never",
        args: batch("terminationGracePeriod", "Never"),
        problems: [[`${p1}.terminationGracePeriod`, 'must be a duration such as "30s", "5m" or "48h", got "Never"']],
    },
    {
        name: "budget above 100%",
        args: batch("disruption.budgets[0].nodes", "110%"),
        problems: [[`${p1}.disruption.budgets[0].nodes`, 'must be a node count such as "5" or a percentage such as "10%", got "110%"']],
    },
    { name: "budget as a number", args: batch("disruption.budgets[0].nodes", 5), problems: [[`${p1}.disruption.budgets[0].nodes`, 'must be a node count such as "5" or a percentage such as "10%", got number 5']] },
    { name: "budget without nodes", args: batch("disruption.budgets[0]", { reasons: ["Empty"] }), problems: [[`${p1}.disruption.budgets[0].nodes`, "is required"]] },
    { name: "scheduled budget without a duration", args: batch("disruption.budgets[1].duration", undefined), problems: [[`${p1}.disruption.budgets[1]`, "must set schedule and duration together"]] },
    {
        name: "budget duration in seconds",
        args: batch("disruption.budgets[1].duration", "30s"),
        problems: [[`${p1}.disruption.budgets[1].duration`, 'must be a duration in hours and minutes such as "8h" or "1h30m", got "30s"']],
    },
    {
        name: "budget schedule in words",
        args: batch("disruption.budgets[1].schedule", "weekdays"),
        problems: [[`${p1}.disruption.budgets[1].schedule`, 'must be a cron schedule such as "0 9 * * mon-fri" or "@daily", got "weekdays"']],
    },
    {
        name: "budget reason that does not exist",
        args: batch("disruption.budgets[0].reasons", ["Expired"]),
        problems: [[`${p1}.disruption.budgets[0].reasons[0]`, 'must be one of "Underutilized", "Empty", "Drifted", got "Expired"']],
    },
    { name: "empty budget list", args: batch("disruption.budgets", []), problems: [[`${p1}.disruption.budgets`, "must have at least 1 item, got 0"]] },
];

const validEdgeCases: Row[] = [
    { name: "Never consolidate and never expire", args: changed((a) => Object.assign(a.karpenter.nodePools[1], { expireAfter: "Never", disruption: { consolidateAfter: "Never" } })), problems: [] },
    { name: "a 100% budget", args: batch("disruption.budgets[0].nodes", "100%"), problems: [] },
    { name: "an @daily budget of 1h30m", args: batch("disruption.budgets[1]", { nodes: "0", schedule: "@daily", duration: "1h30m", reasons: ["Drifted"] }), problems: [] },
    { name: "Balanced consolidation", args: batch("disruption.consolidationPolicy", "Balanced"), problems: [] },
    {
        name: "Gt, Lt, Gte and Lte requirements",
        args: batch("requirements", [
            { key: "karpenter.k8s.aws/instance-cpu", operator: "Gt", values: ["2"] },
            { key: "karpenter.k8s.aws/instance-cpu", operator: "Lt", values: ["65"] },
            { key: "karpenter.k8s.aws/instance-memory", operator: "Gte", values: ["8192"] },
            { key: "karpenter.k8s.aws/instance-memory", operator: "Lte", values: ["262144"] },
        ]),
        problems: [],
    },
    {
        name: "Exists, DoesNotExist, NotIn and In with minValues",
        args: batch("requirements", [
            { key: "example.com/accelerated", operator: "DoesNotExist" },
            { key: "karpenter.k8s.aws/instance-local-nvme", operator: "Exists" },
            { key: "karpenter.k8s.aws/instance-size", operator: "NotIn", values: ["nano", "micro"] },
            { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["c7i", "m7i"], minValues: 2 },
        ]),
        problems: [],
    },
    { name: "the capacity-type label", args: batch("labels", { "karpenter.sh/capacity-type": "spot" }), problems: [] },
    { name: "a Graviton family in an arm64 pool", args: changed((a) => Object.assign(a.karpenter.nodePools[1], { architectures: ["arm64", "amd64"], instanceFamilies: ["c7g", "m7i"] })), problems: [] },
    { name: "exotic instances when allowed", args: changed((a) => Object.assign(a.karpenter.nodePools[0], { allowExoticInstances: true, instanceFamilies: ["u-6tb1"], instanceSizes: ["metal"] })), problems: [] },
    { name: "zones of another region when the region is unknown", args: batch("zones", ["eu-west-1a"]), region: null, problems: [] },
    { name: "limits as YAML numbers, with a GPU limit", args: batch("limits", { cpu: 32, memory: "128Gi", "nvidia.com/gpu": "4" }), problems: [] },
    { name: "a bottlerocket pool", args: batch("nodeClass", "bottlerocket"), problems: [] },
];

describe("validateArgs: NodePools", () => {
    describe("names and instance selection", () => runTable(selection));
    describe("requirements, labels and taints", () => runTable(requirements));
    describe("limits and disruption", () => runTable(limitsAndDisruption));
    describe("valid edge cases", () => runTable(validEdgeCases));
});
