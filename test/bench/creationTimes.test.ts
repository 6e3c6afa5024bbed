import * as assert from "node:assert/strict";
import { creationSeconds, creationTimeKey, creationTimes, defaultCreationSeconds } from "../../bench/creationTimes";

describe("bench: typical creation times", () => {
    const cases: [type: string, inputs: Record<string, unknown>, key: string, seconds: number, known: boolean][] = [
        ["eks:index:Cluster", {}, "eks:index:Cluster", 600, true],
        ["awsx:ec2:Vpc", { natGateways: { strategy: "OnePerAz" } }, "awsx:ec2:Vpc", 150, true],
        ["awsx:ec2:Vpc", { natGateways: { strategy: "None" } }, "awsx:ec2:Vpc (no NAT gateways)", 30, true],
        ["aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface" }, "aws:ec2/vpcEndpoint:VpcEndpoint", 90, true],
        ["aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" }, "aws:ec2/vpcEndpoint:VpcEndpoint (Gateway)", 5, true],
        ["aws:eks/nodeGroup:NodeGroup", {}, "aws:eks/nodeGroup:NodeGroup", 180, true],
        ["kubernetes:helm.sh/v3:Release", {}, "kubernetes:helm.sh/v3:Release", 60, true],
        ["aws:sqs/queue:Queue", {}, "aws:sqs/queue:Queue", 30, true],
        ["pulumi:providers:kubernetes", {}, "pulumi:providers:kubernetes", 0, true],
        ["aws:rds/instance:Instance", {}, "aws:rds/instance:Instance", defaultCreationSeconds, false],
    ];
    for (const [type, inputs, key, seconds, known] of cases) {
        it(`${key}: ${seconds} s`, () => {
            assert.equal(creationTimeKey({ type, inputs }), key);
            assert.deepEqual(creationSeconds({ type, inputs }), { seconds, known });
        });
    }

    it("says where every number comes from", () => {
        for (const [key, entry] of Object.entries(creationTimes)) {
            assert.ok(entry.source.length > 0 && entry.seconds >= 0, key);
        }
    });
});
