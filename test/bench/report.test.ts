import * as assert from "node:assert/strict";
import { median, spread, table } from "../../bench/report";

describe("bench: report helpers", () => {
    it("takes the middle sample, the upper one of an even count", () => {
        assert.equal(median([3, 1, 2]), 2);
        assert.equal(median([4, 1, 3, 2]), 3);
        assert.throws(() => median([]), /no samples/);
    });

    it("summarises milliseconds in seconds", () => {
        assert.equal(spread([3310, 2990, 4070]), "median 3.31 s, min 2.99 s, max 4.07 s (3 runs)");
    });

    it("aligns columns, text left and numbers right", () => {
        assert.deepEqual(table(["stack", "invokes"], [["dev", "1"], ["examples/new-vpc", "12"]]), [
            "stack             invokes",
            "----------------  -------",
            "dev                     1",
            "examples/new-vpc       12",
        ]);
    });
});
