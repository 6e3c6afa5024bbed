import * as assert from "node:assert/strict";
import { CommandSample, baselineRatio, planCostLines } from "../../bench/planCost";

const samples = (cpuMs: number[]): CommandSample[] => cpuMs.map((cpu) => ({ cpuMs: cpu, wallMs: cpu * 3 }));

describe("plan cost against the bare eks.Cluster baseline", () => {
    it("the ratio is taken pair by pair: a busy spell that slows one pair leaves it alone", () => {
        // The third pair ran on a busy machine: both sides doubled.
        assert.equal(baselineRatio({ dev: samples([1500, 1600, 3000]), baseline: samples([1000, 1000, 2000]) }), 1.5);
    });

    it("reports CPU time, wall time for the record, the ratio, and no verdict", () => {
        const lines = planCostLines({ dev: samples([1500, 1400, 1600]), baseline: samples([1000, 1000, 1000]), warmCpuMs: [600, 500, 700] });
        assert.deepEqual(lines, [
            "npm run plan in a fresh process, compiled (median of 3 runs; CPU time is user + system):",
            "  dev stack                           CPU 1.50 s (min 1.40 s, max 1.60 s), wall median 4.50 s",
            "  bare eks.Cluster (bench/baseline)   CPU 1.00 s (min 1.00 s, max 1.00 s), wall median 3.00 s",
            "  dev stack / bare eks.Cluster: ×1.50 in CPU time, pair by pair (a busy machine slows both runs of a pair)",
            "planStack, dev stack, warm process: CPU 0.60 s (min 0.50 s, max 0.70 s)",
        ]);
    });
});
