import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { growth, withNodePools } from "../../bench/scaling";
import { readStackConfig } from "../../components";
import { loadStackConfig } from "../../plan/stackConfig";
import { projectDir } from "../plan/support";

const dev = (yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> }).config;

describe("bench: stacks with N NodePools", () => {
    it("names the pools pool-001... and copies the dev pools in turn, limits included", () => {
        const karpenter = withNodePools(dev, 3)["karpenter-cluster:karpenter"] as Record<string, any>;
        assert.deepEqual(
            karpenter.nodePools.map((p: Record<string, any>) => [p.name, p.capacityTypes, p.limits]),
            [
                ["pool-001", ["on-demand"], { cpu: "64", memory: "256Gi" }],
                ["pool-002", ["spot", "on-demand"], { cpu: "32", memory: "128Gi" }],
                ["pool-003", ["on-demand"], { cpu: "64", memory: "256Gi" }],
            ],
        );
        assert.deepEqual(karpenter.nodeClasses, dev["karpenter-cluster:karpenter"].nodeClasses);
        assert.equal(dev["karpenter-cluster:karpenter"].nodePools[0].name, "default", "the dev config is left as it was");
    });

    for (const count of [1, 10, 100]) {
        it(`gives a valid stack config with ${count} NodePool${count === 1 ? "" : "s"}`, () => {
            const loaded = loadStackConfig(projectDir, "dev", undefined, withNodePools(dev, count));
            const read = readStackConfig(loaded.project, loaded.config, "karpenter-dev");
            assert.deepEqual(read.problems, []);
            assert.equal(read.args.karpenter?.nodePools?.length, count);
        });
    }

    it("refuses a config with no pool to copy", () => {
        assert.throws(() => withNodePools({ "karpenter-cluster:karpenter": {} }, 10), /nodePools is empty/);
    });
});

describe("bench: growth from a small stack to a large one", () => {
    const cases: [what: string, small: [number, number], large: [number, number], expected: [number, number, number]][] = [
        ["linear with no fixed cost", [50, 10], [150, 30], [3, 3, 1]],
        ["a fixed cost makes each resource cheaper", [50, 400], [150, 800], [2, 3, 2 / 3]],
        ["quadratic", [50, 10], [150, 90], [9, 3, 3]],
    ];
    for (const [what, [smallResources, smallMs], [largeResources, largeMs], [timeRatio, resourceRatio, perResourceRatio]] of cases) {
        it(what, () => {
            const g = growth({ resources: smallResources, ms: smallMs }, { resources: largeResources, ms: largeMs });
            assert.equal(g.timeRatio, timeRatio);
            assert.equal(g.resourceRatio, resourceRatio);
            assert.ok(Math.abs(g.perResourceRatio - perResourceRatio) < 1e-9, `${g.perResourceRatio}`);
        });
    }
});
