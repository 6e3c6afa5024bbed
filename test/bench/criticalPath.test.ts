import * as assert from "node:assert/strict";
import { GraphResource, floorStageOf, karpenterReadyPath, longestChain, slackOf, waitsFor } from "../../bench/criticalPath";

const urn = (name: string) => `urn:pulumi:dev::p::t::${name}`;

/** A resource named `name` that waits for `deps` (names); `component` makes it a local component. */
function res(name: string, type: string, deps: string[] = [], extra: Partial<GraphResource> = {}): GraphResource {
    return { urn: urn(name), type, name, custom: true, remote: false, dependencies: deps.map(urn), propertyDependencies: {}, inputs: {}, ...extra };
}

const seconds: Record<string, number> = { vpc: 150, logs: 1, eks: 600, ng: 180, role: 2, attach: 1, queue: 30, policy: 30, crd: 60, karpenter: 60, k8s: 0, nc: 1, np: 1, smoke: 60 };
const secondsOf = (r: GraphResource) => seconds[r.name] ?? 1;
const names = (hops: { resource: GraphResource }[]) => hops.map((h) => h.resource.name);

/** The shape of the dev stack: a component, IAM and the queue in parallel with the cluster and nodes. */
const stack: GraphResource[] = [
    res("stack", "pulumi:pulumi:Stack", [], { custom: false }),
    res("cluster", "karpenter-cluster:index:KarpenterCluster", [], { custom: false, parent: urn("stack") }),
    res("vpc", "awsx:ec2:Vpc", [], { custom: false, remote: true, parent: urn("cluster") }),
    res("logs", "aws:cloudwatch/logGroup:LogGroup", [], { parent: urn("cluster"), inputs: { name: "/aws/eks/dev/cluster" } }),
    res("eks", "eks:index:Cluster", ["logs"], { custom: false, remote: true, parent: urn("cluster"), propertyDependencies: { vpcId: [urn("vpc")] } }),
    res("k8s", "pulumi:providers:kubernetes", ["eks"], { parent: urn("cluster") }),
    res("ng", "aws:eks/nodeGroup:NodeGroup", ["eks"], { parent: urn("cluster") }),
    res("role", "aws:iam/role:Role", ["eks"], { parent: urn("cluster") }),
    res("attach", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", ["role"], { parent: urn("cluster") }),
    res("queue", "aws:sqs/queue:Queue", [], { parent: urn("cluster") }),
    res("policy", "aws:sqs/queuePolicy:QueuePolicy", ["queue"], { parent: urn("cluster") }),
    res("crd", "kubernetes:helm.sh/v3:Release", [], { parent: urn("cluster"), provider: `${urn("k8s")}::1234`, inputs: { chart: "oci://public.ecr.aws/karpenter/karpenter-crd" } }),
    res("karpenter", "kubernetes:helm.sh/v3:Release", ["crd", "ng", "attach", "policy"], { parent: urn("cluster"), provider: `${urn("k8s")}::1234`, inputs: { chart: "oci://public.ecr.aws/karpenter/karpenter" } }),
    res("nc", "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", ["karpenter"], { parent: urn("cluster") }),
    res("np", "kubernetes:karpenter.sh/v1:NodePool", ["nc"], { parent: urn("cluster") }),
];

describe("deployment critical path", () => {
    it("waits for dependencies, property dependencies and the provider, but not for unknown URNs", () => {
        const graph = waitsFor([...stack, res("tag", "aws:ec2/tag:Tag", ["unregistered"], { provider: "urn:pulumi:dev::p::pulumi:providers:aws::default::x" })]);
        assert.deepEqual(graph.get(urn("eks")), [urn("logs"), urn("vpc")]);
        assert.deepEqual(graph.get(urn("crd")), [urn("k8s")]);
        assert.deepEqual(graph.get(urn("tag")), []);
        assert.equal(graph.has(urn("cluster")), false, "a local component creates nothing");
    });

    it("waits for every created resource under a local component it depends on", () => {
        const resources = [
            res("group", "my:index:Group", [], { custom: false }),
            res("a", "aws:iam/role:Role", [], { parent: urn("group") }),
            res("inner", "my:index:Inner", [], { custom: false, parent: urn("group") }),
            res("b", "aws:iam/role:Role", [], { parent: urn("inner") }),
            res("remote", "eks:index:Cluster", [], { custom: false, remote: true, parent: urn("group") }),
            res("hidden", "aws:eks/cluster:Cluster", [], { parent: urn("remote") }),
            res("after", "aws:ec2/tag:Tag", ["group"]),
        ];
        assert.deepEqual(waitsFor(resources).get(urn("after")), [urn("a"), urn("b"), urn("remote")]);
    });

    it("finds the longest weighted chain, hop by hop with the cumulative time", () => {
        const chain = longestChain(stack, secondsOf);
        assert.deepEqual(names(chain), ["vpc", "eks", "ng", "karpenter", "nc", "np"]);
        assert.deepEqual(chain.map((h) => h.finishesAt), [150, 750, 930, 990, 991, 992]);
    });

    it("ends the chain where asked, and breaks ties by the first dependency listed", () => {
        assert.deepEqual(names(longestChain(stack, secondsOf, (r) => r.name === "policy")), ["queue", "policy"]);
        const tie = [res("x", "t"), res("y", "t"), res("z", "t", ["x", "y"])];
        assert.deepEqual(names(longestChain(tie, () => 1)), ["x", "z"]);
    });

    it("reports a dependency cycle", () => {
        assert.throws(() => longestChain([res("a", "t", ["b"]), res("b", "t", ["a"])], () => 1), /dependency cycle/);
    });

    it("gives the slack of everything off the path", () => {
        const slack = slackOf(stack, secondsOf);
        const table: [string, number][] = [
            ["vpc", 0],
            ["eks", 0],
            ["k8s", 120],
            ["np", 0],
            ["logs", 149],
            ["crd", 120],
            ["role", 177],
            ["attach", 177],
            ["queue", 870],
        ];
        for (const [name, expected] of table) {
            assert.equal(slack.get(urn(name)), expected, name);
        }
    });

    it("knows the floor stages by type and inputs", () => {
        const table: [GraphResource, string | undefined][] = [
            [stack.find((r) => r.name === "karpenter")!, "Karpenter controller release"],
            [stack.find((r) => r.name === "crd")!, undefined],
            [stack.find((r) => r.name === "logs")!, "control-plane log group"],
            [res("other-logs", "aws:cloudwatch/logGroup:LogGroup", [], { inputs: { name: "/app/logs" } }), undefined],
            [res("profile", "aws:eks/fargateProfile:FargateProfile"), "nodes for the controller"],
            [stack.find((r) => r.name === "role")!, undefined],
        ];
        for (const [resource, label] of table) {
            assert.equal(floorStageOf(resource)?.label, label, resource.name);
        }
    });

    it("matches the floor when only floor resources are on the path to the NodePools", () => {
        const ready = karpenterReadyPath([...stack, res("smoke", "kubernetes:apps/v1:Deployment", ["np"])], secondsOf);
        assert.deepEqual([ready.readySeconds, ready.floorSeconds, ready.extraSeconds], [992, 992, 0]);
        assert.deepEqual(ready.serialised, []);
        assert.equal(names(ready.chain).includes("smoke"), false, "what waits for the NodePools is after the path");
    });

    it("counts what is serialised onto the path and the seconds it adds", () => {
        // The node group made to wait for the queue policy, itself after the cluster.
        const slowed = stack.map((r) =>
            r.name === "queue" ? { ...r, dependencies: [urn("eks")] } : r.name === "ng" ? { ...r, dependencies: [urn("eks"), urn("policy")] } : r,
        );
        const ready = karpenterReadyPath(slowed, secondsOf);
        assert.deepEqual([ready.readySeconds, ready.floorSeconds, ready.extraSeconds], [1052, 992, 60]);
        assert.deepEqual(names(ready.serialised), ["queue", "policy"]);
    });
});
