import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { planStack } from "../../plan/planStack";
import { projectDir } from "./support";

/**
 * URNs are the identity of live resources: a resource whose URN changes is deleted and created
 * again in every existing stack, unless it carries an alias for the old URN. The fixtures list
 * the URNs the program registered when these stacks were first released (as the engine forms
 * them); a new release may add resources, but every listed URN must still exist or be aliased.
 */
describe("URNs of the shipped stacks", () => {
    for (const stack of ["dev", "private"]) {
        it(`keeps every released URN of the ${stack} stack, or aliases it`, async () => {
            const released = fs.readFileSync(path.join(__dirname, "../fixtures/urns", `${stack}.txt`), "utf8").split("\n").filter(Boolean);
            const plan = await planStack({ projectDir, stack });
            assert.deepEqual(plan.problems, []);
            const known = new Set(plan.resources.flatMap((r) => [r.urn, ...r.aliases]));
            assert.deepEqual(released.filter((urn) => !known.has(urn)), []);
        });
    }

    it("forms URNs as the engine does: no root-stack type in a child's type chain, default providers at the root", async () => {
        const plan = await planStack({ projectDir, stack: "dev" });
        assert.deepEqual(plan.resources.filter((r) => r.urn.includes("pulumi:pulumi:Stack$")).map((r) => r.urn), []);
        const component = plan.resources.find((r) => r.type === "karpenter-cluster:index:KarpenterCluster")!;
        assert.equal(component.urn, "urn:pulumi:dev::karpenter-cluster::karpenter-cluster:index:KarpenterCluster::cluster");
        const queue = plan.resources.find((r) => r.type === "aws:sqs/queue:Queue")!;
        assert.equal(queue.urn, "urn:pulumi:dev::karpenter-cluster::karpenter-cluster:index:KarpenterCluster$aws:sqs/queue:Queue::cluster-interruption-queue");
        assert.match(queue.provider!, /^urn:pulumi:dev::karpenter-cluster::pulumi:providers:aws::default_7_48_0::[0-9a-f-]{36}$/);
        const awsDefault = plan.resources.find((r) => r.urn === queue.provider!.split("::").slice(0, -1).join("::"))!;
        // SetProviderVersion adds an empty __internal map beside the version (pkg/resource/deploy/providers/registry.go).
        assert.deepEqual(awsDefault.inputs, { region: "us-west-2", __internal: {}, version: "7.48.0" });
    });
});
