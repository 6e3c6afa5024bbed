import { Row, runTable, withValue } from "./table";

/** Pod defaults (LimitRanges) and the smoke test. */

const badInputs: Row[] = [
    { name: "pod defaults without namespaces", args: withValue("podDefaults.namespaces", undefined), problems: [["podDefaults.namespaces", "is required"]] },
    { name: "pod defaults namespace in capitals", args: withValue("podDefaults.namespaces", ["Team-A"]), problems: [
        ["podDefaults.namespaces[0]", 'must be a Kubernetes namespace: a DNS-1123 label such as "kube-system", got "Team-A"'],
    ] },
    { name: "default request above the default limit", args: withValue("podDefaults.defaultRequest.cpu", "2"), problems: [
        ["podDefaults.defaultRequest.cpu", "must not exceed podDefaults.defaultLimit.cpu (1), got 2; the API server rejects such a LimitRange"],
    ] },
    { name: "default memory request above the default memory limit", args: withValue("podDefaults", { namespaces: ["default"], defaultRequest: { memory: "1Gi" } }), problems: [
        ["podDefaults.defaultRequest.memory", "must not exceed podDefaults.defaultLimit.memory (512Mi), got 1Gi; the API server rejects such a LimitRange"],
    ] },
    { name: "default request that is not a quantity", args: withValue("podDefaults.defaultRequest.memory", "128MB"), problems: [
        ["podDefaults.defaultRequest.memory", 'must be a Kubernetes quantity such as "100", "500m" or "400Gi", got "128MB"'],
    ] },
    { name: "smoke test on a NodePool that does not exist", args: withValue("smokeTest.nodePool", "gpu"), problems: [
        ["smokeTest.nodePool", 'must name an entry of karpenter.nodePools ("default", "batch"), got "gpu"'],
    ] },
    { name: "smoke test with negative replicas", args: withValue("smokeTest.replicas", -1), problems: [["smokeTest.replicas", "must be from 0 to 100, got -1"]] },
    { name: "smoke test image with an uppercase repository", args: withValue("smokeTest.image", "Pause:3.7"), problems: [
        ["smokeTest.image", 'must be a container image reference such as "registry.example.com/pause:3.7", got "Pause:3.7"'],
    ] },
];

const goodInputs: Row[] = [
    { name: "pod defaults with the default sizes", args: withValue("podDefaults", { namespaces: ["default"] }), problems: [] },
    { name: "a disabled smoke test keeps its settings", args: withValue("smokeTest.enabled", false), problems: [] },
];

describe("validateArgs: pod defaults and the smoke test", () => {
    describe("bad inputs", () => runTable(badInputs));
    describe("good inputs", () => runTable(goodInputs));
});
