import * as assert from "node:assert/strict";
import * as path from "path";
import { UsageError } from "../../plan/cliSupport";
import { parseVerifyUpstreamArgs } from "../../scripts/verifyUpstreamArgs";

describe("verify:upstream arguments", () => {
    const fallback = "/reference/karpenter-1.14.1";

    it("takes the reference directory first, last or alone, and defaults it", () => {
        const table: [string[], { referenceDir: string; nthValuesFile?: string }][] = [
            [["ref"], { referenceDir: path.resolve("ref") }],
            [["ref", "--nth-values", "nth.yaml"], { referenceDir: path.resolve("ref"), nthValuesFile: "nth.yaml" }],
            [["--nth-values", "nth.yaml", "ref"], { referenceDir: path.resolve("ref"), nthValuesFile: "nth.yaml" }],
            [["--nth-values=nth.yaml", "ref"], { referenceDir: path.resolve("ref"), nthValuesFile: "nth.yaml" }],
            [["--nth-values", "nth.yaml"], { referenceDir: fallback, nthValuesFile: "nth.yaml" }],
            [[], { referenceDir: fallback }],
        ];
        for (const [args, expected] of table) {
            assert.deepEqual(parseVerifyUpstreamArgs(args, fallback), { nthValuesFile: undefined, ...expected }, args.join(" "));
        }
    });

    it("rejects a second directory, an unknown option and a missing value as usage errors", () => {
        assert.throws(() => parseVerifyUpstreamArgs(["a", "b"], fallback), new UsageError("expected at most one REFERENCE_DIR, got a b"));
        assert.throws(() => parseVerifyUpstreamArgs(["--nth-value", "x"], fallback), new UsageError("unknown option --nth-value; did you mean --nth-values?"));
        assert.throws(() => parseVerifyUpstreamArgs(["ref", "--nth-values"], fallback), new UsageError("option --nth-values needs a value"));
    });
});
