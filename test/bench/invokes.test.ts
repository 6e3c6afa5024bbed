import * as assert from "node:assert/strict";
import { avoidableInvokes, countInvokes } from "../../bench/invokes";

describe("bench: provider calls", () => {
    it("counts calls by token in first-call order, with their verdicts", () => {
        const counts = countInvokes([
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:iam/getRole:getRole",
            "aws:iam/getRole:getRole",
        ]);
        assert.deepEqual(
            counts.map((c) => [c.token, c.count, c.kind?.derivable]),
            [
                ["aws:index/getCallerIdentity:getCallerIdentity", 1, false],
                ["aws:iam/getRole:getRole", 2, false],
            ],
        );
        assert.deepEqual(avoidableInvokes(counts), []);
    });

    it("flags derivable calls and calls with no verdict", () => {
        const table: [token: string, avoidable: boolean][] = [
            ["aws:index/getRegion:getRegion", true],
            ["aws:index/getPartition:getPartition", true],
            ["aws:index/getCallerIdentity:getCallerIdentity", false],
            ["aws:ec2/getVpc:getVpc", false],
            ["aws:ec2/getSubnets:getSubnets", true],
        ];
        for (const [token, avoidable] of table) {
            assert.equal(avoidableInvokes(countInvokes([token])).length === 1, avoidable, token);
        }
    });
});
