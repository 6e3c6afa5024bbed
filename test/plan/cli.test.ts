import * as assert from "node:assert/strict";
import * as fs from "fs";
import { devConfigWith, runCli, tempFile } from "./support";

describe("plan and check command lines", () => {
    it("plan succeeds on the dev stack, writes JSON and a graph, and check agrees", () => {
        const graph = tempFile("stack.mmd");
        const plan = runCli("plan/cli.ts", ["--json", "--graph", graph]);
        assert.equal(plan.status, 0, plan.stderr);
        assert.match(fs.readFileSync(graph, "utf8"), /^flowchart LR/);
        const exported = tempFile("plan.json");
        fs.writeFileSync(exported, plan.stdout);
        const check = runCli("plan/checkCli.ts", [exported]);
        assert.equal(check.status, 0, check.stderr);
        assert.match(check.stdout, /0 mandatory and \d+ advisory findings/);
    });

    it("plan exits 1 with one line per problem and no stack trace on a broken config", () => {
        const configFile = devConfigWith((config) => {
            config["karpenter-cluster:karpenter"].nodePools[0].disruption = { consolidateAfter: "soon" };
        });
        const run = runCli("plan/cli.ts", ["--config-file", configFile]);
        assert.equal(run.status, 1);
        assert.equal(
            run.stderr.trim(),
            [
                "Stack dev cannot be planned:",
                '  - karpenter.nodePools[0].disruption.consolidateAfter: must be a duration such as "30s", "5m", "720h" or "Never", got "soon"',
            ].join("\n"),
        );
        assert.doesNotMatch(run.stderr, /\n\s+at /);
    });

    it("plan exits 1 and prints the findings when a mandatory policy is violated", () => {
        const policyConfig = tempFile("policy-config.json");
        fs.writeFileSync(policyConfig, JSON.stringify({ "eks-private-endpoint": "mandatory" }));
        const run = runCli("plan/cli.ts", ["--policy-config", policyConfig]);
        assert.equal(run.status, 1);
        assert.match(run.stdout, /\[mandatory\] eks-private-endpoint {2}\(cluster-eks\)/);
        assert.match(run.stderr, /violates 1 mandatory policy/);
    });

    it("check exits 2 with one line on a file that is not a stack export", () => {
        const file = tempFile("not-export.json");
        fs.writeFileSync(file, JSON.stringify({ resources: [] }));
        const run = runCli("plan/checkCli.ts", [file]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr.trim(), `error: ${file} is not a stack export: expected {"version": 3, "deployment": {"resources": [...]}}`);
    });
});
