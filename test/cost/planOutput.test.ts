import * as assert from "node:assert/strict";
import { runCli } from "../plan/support";

describe("the plan's cost output", () => {
    it("prints the fixed cost and what each NodePool can launch, and adds costEstimate to --json", () => {
        const text = runCli("plan/cli.ts", []);
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /^Cost \(fixed, before any workload\): USD at us-east-1 prices \(the stack deploys to us-west-2, where prices may differ\), 730 hours a month\.$/m);
        assert.match(text.stdout, /^ {4}NAT gateways\s+\$0\.045 per NAT gateway-hour\s+× 1\s+\$32\.85\/month$/m);
        assert.match(text.stdout, /^What each NodePool can launch \(Karpenter 1\.14\.1 instance-type reference/m);
        assert.match(text.stdout, /^ {4}batch: \d+ instance types with al2023 alias, e\.g\. /m);
        const json = runCli("plan/cli.ts", ["--json"]);
        assert.equal(json.status, 0, json.stderr);
        const doc = JSON.parse(json.stdout);
        assert.deepEqual(Object.keys(doc), ["version", "deployment", "policyFindings", "costEstimate"]);
        assert.deepEqual([doc.costEstimate.pricesRegion, doc.costEstimate.hoursPerMonth], ["us-east-1", 730]);
        assert.deepEqual(doc.costEstimate.nodePools.map((p: { name: string; ceiling: { resource: string } }) => [p.name, p.ceiling.resource]), [["default", "cpu"], ["batch", "cpu"]]);
    });
});
