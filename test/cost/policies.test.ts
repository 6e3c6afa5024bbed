import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { EngineResource, PolicyPackConfigJson, evaluatePolicies } from "../../plan/policyHarness";
import { planStack } from "../../plan/planStack";
import { costPolicies } from "../../policies/rules/cost";
import { projectDir } from "../plan/support";

const costPolicyNames = costPolicies.map((p) => p.name);

/** The dev stack's config with `edit` applied, planned the engine-faithful way; only the cost policies' findings. */
async function devFindings(edit: (config: Record<string, any>) => void, policyConfig?: PolicyPackConfigJson) {
    const config = (yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> }).config;
    edit(config);
    const plan = await planStack({ projectDir, stack: "dev", stackConfig: config, policyConfig });
    assert.deepEqual(plan.problems, []);
    return plan.findings.filter((f) => costPolicyNames.includes(f.policy)).map((f) => ({ policy: f.policy, level: f.enforcementLevel, urn: f.urn?.split("::").pop(), message: f.message }));
}

const pools = (config: Record<string, any>) => config["karpenter-cluster:karpenter"].nodePools as Record<string, unknown>[];
const limits = { cpu: "16", memory: "64Gi" };

describe("cost policies on planned stacks", () => {
    it("find nothing on the dev stack, budgets unset", async () => {
        assert.deepEqual(await devFindings(() => undefined), []);
    });

    it("nodepool-satisfiable: an arm64 pool of an Intel family can launch nothing (mandatory)", async () => {
        const findings = await devFindings((c) => pools(c).push({ name: "impossible", architectures: ["arm64"], instanceFamilies: ["c5"], limits }));
        assert.deepEqual(
            findings.map((f) => [f.policy, f.level, f.urn]),
            [["nodepool-satisfiable", "mandatory", "cluster-nodepool-impossible"]],
        );
        assert.match(findings[0].message, /NodePool "impossible" can launch no instance type: each of its requirements matches some instance types .* but no type matches all of them/);
    });

    it("nodepool-instance-choice: two sizes of one family are too few for spot (advisory)", async () => {
        const findings = await devFindings((c) => pools(c).push({ name: "narrow", capacityTypes: ["spot"], instanceFamilies: ["m6i"], instanceSizes: ["large", "xlarge"], limits }));
        assert.deepEqual(findings.map((f) => [f.policy, f.level, f.urn]), [["nodepool-instance-choice", "advisory", "cluster-nodepool-narrow"]]);
        assert.match(findings[0].message, /allows only 2 instance types \(m6i\.large, m6i\.xlarge\); it should allow at least 15/);
    });

    it("nodepool-cost-ceiling: holds each pool and the stack to the configured budgets", async () => {
        // default: limits.cpu 64 × r8idb.large $0.23447 / 2 = $7.50/h; batch: 32 × m8ine.large $0.20885 / 2 = $3.34/h.
        const findings = await devFindings(() => undefined, { "nodepool-cost-ceiling": { enforcementLevel: "mandatory", maxHourlyPerNodePool: 5, maxHourlyPerStack: 10 } });
        assert.deepEqual(findings.map((f) => [f.policy, f.level, f.urn]), [
            ["nodepool-cost-ceiling", "mandatory", undefined],
            ["nodepool-cost-ceiling", "mandatory", "cluster-nodepool-default"],
        ]);
        assert.match(findings[0].message, /together spend up to \$10\.84\/h .* within maxHourlyPerStack \$10\.00\/h/);
        assert.match(findings[1].message, /NodePool "default" can spend up to \$7\.50\/h .*limits\.cpu 64 × \$0\.117 per vCPU-hour \(r8idb\.large.* maxHourlyPerNodePool \$5\.00\/h/);
        assert.deepEqual(await devFindings(() => undefined, { "nodepool-cost-ceiling": { maxHourlyPerNodePool: 8, maxHourlyPerStack: 11 } }), []);
    });
});

/** A NodePool and its EC2NodeClass as a stack export records them (outputs as applied), for what the component refuses to build. */
function stackOf(nodePoolSpec: Record<string, unknown>): EngineResource[] {
    const k8s = (type: string, name: string, props: Record<string, unknown>): EngineResource => ({
        urn: `urn:pulumi:dev::p::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs: props,
        outputs: props,
        dependencies: [],
        propertyDependencies: {},
    });
    return [
        k8s("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "nc", { metadata: { name: "default" }, spec: { amiSelectorTerms: [{ alias: "al2023@latest" }] } }),
        k8s("kubernetes:karpenter.sh/v1:NodePool", "np", { metadata: { name: "open" }, spec: { template: { spec: { nodeClassRef: { name: "default" }, requirements: [] } }, ...nodePoolSpec } }),
    ];
}

describe("cost policies on any stack", () => {
    const run = async (resources: EngineResource[], config: PolicyPackConfigJson = {}) =>
        (await evaluatePolicies(resources, config, { policies: costPolicies })).findings.map((f) => `${f.policy}: ${f.message}`);

    it("nodepool-cost-ceiling: a pool without limits has no ceiling to hold to a budget", async () => {
        assert.deepEqual(await run(stackOf({})), []);
        const findings = await run(stackOf({}), { "nodepool-cost-ceiling": { maxHourlyPerNodePool: 100, maxHourlyPerStack: 100 } });
        assert.deepEqual(findings, [
            'nodepool-cost-ceiling: The stack\'s NodePools have no spend ceiling: "open" is unbounded; they must be bounded to be held to maxHourlyPerStack $100.00/h.',
            'nodepool-cost-ceiling: NodePool "open" has no spend ceiling (it has no cpu, memory or node limit); it must be bounded to be held to maxHourlyPerNodePool $100.00/h.',
        ]);
    });

    it("nodepool-satisfiable: a Windows node class has no AMI for arm64, and limits below the smallest type", async () => {
        // 396 types are arm64 in instance-types.md (`|kubernetes.io/arch|arm64|`).
        const resources = stackOf({ limits: { cpu: "500m" }, template: { spec: { nodeClassRef: { name: "default" }, requirements: [{ key: "kubernetes.io/arch", operator: "In", values: ["arm64"] }] } } });
        (resources[0].outputs.spec as any).amiSelectorTerms = [{ alias: "windows2022@latest" }];
        assert.deepEqual(await run(resources), [
            'nodepool-satisfiable: NodePool "open" can launch no instance type: the 396 instance types its requirements allow have no AMI in its EC2NodeClass (windows2022 alias). It must allow at least one.',
        ]);
        (resources[0].outputs.spec as any).amiSelectorTerms = [{ alias: "al2023@latest" }];
        const [finding] = await run(resources);
        assert.match(finding, /every one of the \d+ instance types it allows is larger than its limits \(cpu 0.5\)/);
    });

    it("nodepool-instance-choice: the threshold is configurable", async () => {
        const narrow = stackOf({ template: { spec: { nodeClassRef: { name: "default" }, requirements: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m6i.large", "m6i.xlarge"] }] } } });
        assert.equal((await run(narrow)).length, 1);
        assert.deepEqual(await run(narrow, { "nodepool-instance-choice": { minInstanceTypes: 2 } }), []);
    });
});
