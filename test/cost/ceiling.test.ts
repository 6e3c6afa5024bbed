import * as assert from "node:assert/strict";
import { instanceTypeCatalogue, nodeClassImages } from "../../policies/lib/instanceTypes";
import { analyzeNodePool, describeCeiling, hourlyCeiling, parseQuantity, readNodePool } from "../../policies/lib/nodePoolLaunch";
import { usd } from "../../policies/lib/text";

const types = (...names: string[]) => instanceTypeCatalogue.filter((t) => names.includes(t.name));

/**
 * Hand-computed from the tables: m6i.large 2 vCPU, 8192 MiB (7577 capacity), $0.096; c6i.large
 * 2 vCPU, 4096 MiB (3788), $0.085; r6i.large 2 vCPU, 16384 MiB (15155), $0.126. Dearest per vCPU:
 * r6i.large at $0.063; dearest per GiB of capacity: c6i.large at 0.085 × 1024 / 3788.
 */
describe("the most a NodePool can spend per hour", () => {
    const three = types("m6i.large", "c6i.large", "r6i.large");

    it("prices limits.cpu at the dearest allowed price per vCPU", () => {
        const ceiling = hourlyCeiling(three, { cpu: 10, memoryMiB: 32 * 1024 })!;
        assert.deepEqual([ceiling.resource, ceiling.dearest?.name, ceiling.perUnitHourly], ["cpu", "r6i.large", 0.063]);
        assert.ok(Math.abs(ceiling.hourly - 0.63) < 1e-12);
        assert.equal(describeCeiling(ceiling), "limits.cpu 10 × $0.063 per vCPU-hour (r6i.large, the dearest per vCPU it allows)");
    });

    it("takes the memory bound when it is the smaller one, per GiB of capacity", () => {
        const ceiling = hourlyCeiling(three, { cpu: 100, memoryMiB: 32 * 1024 })!;
        assert.deepEqual([ceiling.resource, ceiling.dearest?.name], ["memory", "c6i.large"]);
        assert.ok(Math.abs(ceiling.hourly - (32 * 0.085 * 1024) / 3788) < 1e-12, String(ceiling.hourly));
    });

    it("caps by node count: limits.nodes times the dearest type", () => {
        const ceiling = hourlyCeiling(three, { cpu: 100, nodes: 3 })!;
        assert.deepEqual([ceiling.resource, ceiling.dearest?.name], ["nodes", "r6i.large"]);
        assert.ok(Math.abs(ceiling.hourly - 0.378) < 1e-12);
    });

    it("has no ceiling without limits, and $0 when nothing can launch", () => {
        assert.equal(hourlyCeiling(three, {}), undefined);
        assert.deepEqual(hourlyCeiling([], { cpu: 8 }), { hourly: 0, resource: "cpu", limit: 8, perUnitHourly: 0 });
        // g7 sizes are in the reference but not in the fallback price table.
        assert.equal(hourlyCeiling(types("g7.2xlarge"), { cpu: 8 }), undefined);
    });

    it("reads a NodePool's limits, replicas and template labels", () => {
        const pool = readNodePool(
            {
                metadata: { name: "narrow" },
                spec: {
                    replicas: 2,
                    limits: { cpu: "10", memory: "32Gi", nodes: 5 },
                    template: { metadata: { labels: { team: "a" } }, spec: { nodeClassRef: { name: "default" }, requirements: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m6i.large", "c6i.large", "r6i.large"] }] } },
                },
            },
            "fallback",
        )!;
        assert.deepEqual(pool.limits, { cpu: 10, memoryMiB: 32768, nodes: 2 });
        assert.deepEqual([pool.name, pool.nodeClassName, pool.requirements.keys()], ["narrow", "default", ["node.kubernetes.io/instance-type", "team"]]);
        const launch = analyzeNodePool(pool, nodeClassImages("al2023@latest", false));
        assert.deepEqual([launch.allowed.types.length, launch.ceiling?.resource], [3, "nodes"]);
        assert.equal(readNodePool({ spec: { template: { spec: { requirements: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } } } }, "x"), undefined, "unknown requirements");
    });

    it("parses Kubernetes quantities and prints dollars", () => {
        assert.deepEqual(["64", "500m", "32Gi", "1Ki", "1e3", "1.5", 8].map(parseQuantity), [64, 0.5, 32 * 2 ** 30, 1024, 1000, 1.5, 8]);
        assert.equal(parseQuantity("64 cores"), undefined);
        assert.deepEqual([usd(5477.2192), usd(0.1), usd(0.045), usd(0.117235), usd(0)], ["$5,477.22", "$0.10", "$0.045", "$0.117", "$0.00"]);
    });
});
