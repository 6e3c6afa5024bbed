import * as assert from "node:assert/strict";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PlanOptions, PlanResult, planStack } from "../../../plan/planStack";
import { PolicyPackConfigJson, runPolicies } from "../../../plan/policyHarness";
import { StackExportResource, toEngineResources } from "../../../plan/stackExport";
import { projectDir } from "../../plan/support";
import { urnOf, validStackWith } from "../fixtures";
import { expectGrpcViolation, expectNoGrpcViolation, toExportResources, usePolicyPack } from "./host";

/**
 * The pack run by the CLI's route (its own process, gRPC, the engine's requests) and the in-process
 * harness give the same findings on every stack this repository ships. The pack starts once for
 * the file; each stack is planned once.
 */
const examples = path.resolve(__dirname, "../../../examples");
const sig = pulumi.runtime.specialSigKey;

const stacks: { title: string; options: PlanOptions }[] = [
    { title: "dev", options: { projectDir, stack: "dev" } },
    { title: "dev, first preview", options: { projectDir, stack: "dev", firstPreview: true } },
    { title: "private", options: { projectDir, stack: "private" } },
    { title: "private, first preview", options: { projectDir, stack: "private", firstPreview: true } },
    ...["new-vpc", "existing-vpc", "multi-team"].map((name) => ({ title: `example ${name}`, options: { projectDir: path.join(examples, name), stack: "example" } })),
];

const plans = new Map<string, Promise<PlanResult>>();

function plan(title: string): Promise<PlanResult> {
    if (!plans.has(title)) {
        plans.set(title, planStack(stacks.find((s) => s.title === title)!.options));
    }
    return plans.get(title)!;
}

/** The same edit on a resource's inputs and outputs in export form, where it has the property. */
function edit(resources: StackExportResource[], name: string, change: (props: Record<string, any>) => void): void {
    const target = resources.find((r) => r.urn.endsWith(`::${name}`));
    assert.ok(target, name);
    for (const props of [target.inputs, target.outputs]) {
        if (props !== undefined) {
            change(props);
        }
    }
}

describe("policy pack over gRPC and the in-process harness agree", () => {
    const pack = usePolicyPack();

    for (const { title } of stacks) {
        it(`${title}: the same findings`, async () => {
            const planned = await plan(title);
            assert.deepEqual(planned.problems, []);
            const findings = await pack().analyze({ project: planned.project, stack: planned.stack, resources: planned.stackExport.deployment.resources, dryRun: true });
            assert.deepEqual(findings, planned.findings);
        });
    }

    /** Dev with a controller that fits nowhere (a stack policy) and an unbounded NodePool (a resource policy). */
    async function brokenDev(config?: PolicyPackConfigJson) {
        const planned = await plan("dev");
        const resources = structuredClone(planned.stackExport.deployment.resources);
        edit(resources, "cluster-karpenter", (props) => (props.values.tolerations = []));
        edit(resources, "cluster-nodepool-batch", (props) => delete props.spec.limits);
        const harness = await runPolicies(toEngineResources({ ...planned.stackExport, deployment: { ...planned.stackExport.deployment, resources } }), config);
        const findings = await pack().analyze({ project: planned.project, stack: planned.stack, resources, dryRun: true, policyConfig: config });
        return { harness, findings };
    }

    it("dev, broken: the same stack and resource findings", async () => {
        const { harness, findings } = await brokenDev();
        assert.deepEqual(
            harness.filter((f) => f.enforcementLevel === "mandatory").map((f) => f.policy),
            ["karpenter-controller-off-karpenter-nodes", "nodepool-limits-required"],
        );
        assert.deepEqual(findings, harness);
    });

    it("dev, broken, under --policy-pack-config: the same levels and config", async () => {
        const { harness, findings } = await brokenDev({ all: "advisory", "nodepool-limits-required": "disabled", "nodepool-exotic-instances": { enforcementLevel: "remediate", allowMetal: true } });
        assert.ok(harness.some((f) => f.policy === "karpenter-controller-off-karpenter-nodes" && f.enforcementLevel === "advisory"));
        assert.ok(!harness.some((f) => f.policy === "nodepool-limits-required"));
        assert.deepEqual(findings, harness);
    });

    it("on the harness fixtures in export form: a secret reaches the policy unwrapped", async () => {
        const sse = (value: boolean) => validStackWith("interruption-queue", (props) => (props.sqsManagedSseEnabled = { [sig]: pulumi.runtime.specialSecretSig, value }));
        const queue = urnOf("aws:sqs/queue:Queue", "interruption-queue");
        await expectGrpcViolation(pack(), { resources: toExportResources(sse(false)) }, { policy: "interruption-queue-secure", level: "mandatory", message: "must enable server-side encryption", urn: queue });
        await expectNoGrpcViolation(pack(), { resources: toExportResources(sse(true)) }, "interruption-queue-secure");
    });
});
