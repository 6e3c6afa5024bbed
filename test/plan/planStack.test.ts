import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { planStack } from "../../plan/planStack";
import { parseStackExport, toEngineResources } from "../../plan/stackExport";
import { runPolicies } from "../../plan/policyHarness";
import { renderMermaid } from "../../plan/render/mermaid";
import { renderTree } from "../../plan/render/text";
import { devConfigWith, projectDir } from "./support";

describe("offline plan of the dev stack", () => {
    let plan: Awaited<ReturnType<typeof planStack>>;

    before(async () => {
        plan = await planStack({ projectDir, stack: "dev" });
    });

    it("runs the whole program with no problem and no mandatory finding", () => {
        assert.deepEqual(plan.problems, []);
        assert.deepEqual(plan.findings.filter((f) => f.enforcementLevel === "mandatory"), []);
        const types = new Set(plan.resources.map((r) => r.type));
        for (const type of ["eks:index:Cluster", "aws:eks/nodeGroup:NodeGroup", "kubernetes:helm.sh/v3:Release", "kubernetes:karpenter.sh/v1:NodePool", "aws:sqs/queue:Queue"]) {
            assert.ok(types.has(type), type);
        }
        assert.deepEqual(plan.resources.filter((r) => r.type === "kubernetes:karpenter.sh/v1:NodePool").map((r) => (r.inputs.metadata as any).name), ["default", "batch"]);
    });

    it("prints a tree nested by parent", () => {
        const tree = renderTree(plan.resources).split("\n");
        assert.match(tree[0], /^ \+ pulumi:pulumi:Stack\s+karpenter-cluster-dev$/);
        assert.match(tree[1], /^ \+ {4}karpenter-cluster:index:KarpenterCluster\s+cluster$/);
        assert.ok(tree.some((line) => /^ \+ {7}kubernetes:karpenter\.sh\/v1:NodePool\s+cluster-nodepool-batch$/.test(line)));
    });

    it("exports a stack document whose check gives the same findings", async () => {
        const doc = parseStackExport(JSON.stringify(plan.stackExport), "plan.json");
        assert.equal(doc.version, 3);
        const release = doc.deployment.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.urn.endsWith("::cluster-karpenter"))!;
        assert.deepEqual(Object.keys(release).sort(), ["custom", "dependencies", "id", "inputs", "outputs", "parent", "propertyDependencies", "provider", "type", "urn"]);
        assert.match(release.provider!, /pulumi:providers:kubernetes::cluster-k8s::[0-9a-f-]+$/);
        assert.ok(release.propertyDependencies!.values.some((urn) => urn.endsWith("::cluster-eks")));
        assert.ok(release.dependencies!.some((urn) => urn.endsWith("::cluster-controller-role")));
        assert.deepEqual(await runPolicies(toEngineResources(doc)), plan.findings);
        assert.deepEqual(doc.policyFindings, plan.findings);
    });

    it("keeps secrets marked as secret", () => {
        const provider = plan.stackExport.deployment.resources.find((r) => r.type === "pulumi:providers:kubernetes" && r.urn.endsWith("::cluster-k8s"))!;
        const kubeconfig = provider.inputs!.kubeconfig as Record<string, string>;
        assert.equal(kubeconfig["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
        assert.equal(JSON.parse(JSON.parse(kubeconfig.plaintext)).kind, "Config");
    });

    it("draws a Mermaid graph with components as subgraphs and dependency arrows", () => {
        const graph = renderMermaid(plan.resources);
        assert.match(graph, /^flowchart LR\n/);
        assert.match(graph, /subgraph r1\["cluster<br\/><small>karpenter-cluster:index:KarpenterCluster<\/small>"\]/);
        const ids = new Map(plan.resources.map((r, i) => [r.name, `r${i}`]));
        assert.ok(graph.includes(`${ids.get("cluster-karpenter")} -.-> ${ids.get("cluster-karpenter-crd")}`));
    });
});

describe("offline plan of broken stacks", () => {
    it("lists every invalid config value, with its path, and registers nothing", async () => {
        const configFile = devConfigWith((config) => {
            config["karpenter-cluster:karpenter"].nodePools[1].limits.cpu = "lots";
            config["karpenter-cluster:nodeGroup"].minSize = 1;
            config["karpenter-cluster:karpneter"] = {};
        });
        const plan = await planStack({ projectDir, stack: "broken", configFile });
        assert.deepEqual(plan.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
        assert.ok(plan.problems.includes('karpneter: unknown key; did you mean "karpenter"?'), plan.problems.join("\n"));
        assert.ok(plan.problems.some((p) => p.startsWith("karpenter.nodePools[1].limits.cpu: must be a Kubernetes quantity")), plan.problems.join("\n"));
        assert.ok(plan.problems.some((p) => p.startsWith("nodeGroup.minSize: must be from 2 to 100")), plan.problems.join("\n"));
        assert.deepEqual(plan.findings, []);
    });

    it("reports the mandatory finding of a valid but unsafe stack", async () => {
        const configFile = devConfigWith((config) => {
            config["karpenter-cluster:karpenter"].nodeClasses[0].metadataHopLimit = 2;
        });
        const plan = await planStack({ projectDir, stack: "broken", configFile });
        assert.deepEqual(plan.problems, []);
        const imds = plan.findings.filter((f) => f.policy === "ec2nodeclass-imdsv2");
        assert.equal(imds.length, 1);
        assert.equal(imds[0].enforcementLevel, "mandatory");
        assert.match(imds[0].urn!, /::cluster-nodeclass-default$/);
    });

    it("says in one line when the stack file is missing", async () => {
        await assert.rejects(planStack({ projectDir, stack: "nope" }), { message: `${path.join(projectDir, "Pulumi.nope.yaml")} does not exist; the stack files in ${projectDir} are Pulumi.dev.yaml, Pulumi.private.yaml` });
        assert.equal(fs.existsSync(path.join(projectDir, "Pulumi.nope.yaml")), false);
    });
});
