import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { devConfigWith, projectDir, runCli, tempFile } from "./support";

type Script = "plan/cli.ts" | "plan/checkCli.ts";

function cliCommand(script: Script, args: string[]): string {
    return [process.execPath, "-r", "ts-node/register/transpile-only", script, ...args].map((arg) => `'${arg}'`).join(" ");
}

/** Runs a CLI with stdout redirected to a file, which Node writes synchronously: the reference output. */
function runToFile(script: Script, args: string[]): string {
    const file = tempFile("out.json");
    const fd = fs.openSync(file, "w");
    try {
        const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", script, ...args], { cwd: projectDir, stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
    } finally {
        fs.closeSync(fd);
    }
    return fs.readFileSync(file, "utf8");
}

/**
 * Runs a CLI with stdout a real pipe, as in `npm run -s plan -- --json | jq .`, to a reader that
 * takes 4 KiB every 20 ms. A pipe holds 64 KiB on Linux; a CLI that exits before the reader has
 * taken the rest loses it.
 */
function runThroughSlowPipe(script: Script, args: string[]): { status: number; received: string } {
    const dir = path.dirname(tempFile("x"));
    const reader = path.join(dir, "reader.js");
    fs.writeFileSync(
        reader,
        `const fs = require("fs");
const buffer = Buffer.alloc(4096);
const out = fs.openSync(process.argv[2], "w");
for (let n; (n = fs.readSync(0, buffer)) > 0; ) {
    fs.writeSync(out, buffer, 0, n);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}
`,
    );
    const received = path.join(dir, "received");
    const status = path.join(dir, "status");
    const run = spawnSync("sh", ["-c", `{ ${cliCommand(script, args)}; echo $? > '${status}'; } | '${process.execPath}' '${reader}' '${received}'`], { cwd: projectDir, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return { status: Number(fs.readFileSync(status, "utf8")), received: fs.readFileSync(received, "utf8") };
}

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
        assert.match(run.stdout, /\[mandatory\] eks-private-endpoint {2}\(cluster-eks-eksCluster\)/);
        assert.match(run.stderr, /violates 1 mandatory policy/);
    });

    it("plan exits 2 when the program crashes, and points to --verbose", () => {
        const project = path.dirname(tempFile("x"));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: crashing\nruntime: nodejs\nmain: index.js\n");
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config: {}\n");
        fs.writeFileSync(path.join(project, "index.js"), "const settings = undefined;\nmodule.exports = settings.region;\n");
        const run = runCli("plan/cli.ts", ["--project-dir", project]);
        assert.equal(run.status, 2);
        assert.equal(
            run.stderr,
            ["Stack dev cannot be planned, the program failed:", "  - Cannot read properties of undefined (reading 'region')", "Run with --verbose for the stack trace.", ""].join("\n"),
        );
    });

    it("plan exits 64 with one line on a command-line mistake", () => {
        const table: [string[], string][] = [
            [["--stak", "dev"], "error: unknown option --stak; did you mean --stack? (see --help)"],
            [["--stack", "../dev"], 'error: --stack "../dev": a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character "/" at position 2 (see --help)'],
            [["--stack", "prod"], "error: Pulumi.prod.yaml does not exist; the stack files in . are Pulumi.dev.yaml, Pulumi.private.yaml (see --help)"],
        ];
        for (const [args, line] of table) {
            const run = runCli("plan/cli.ts", args);
            assert.equal(run.status, 64, args.join(" "));
            assert.equal(run.stderr, `${line}\n`);
            assert.equal(run.stdout, "");
        }
    });

    it("check exits 64 with one line on a missing file", () => {
        const run = runCli("plan/checkCli.ts", ["missing.json"]);
        assert.equal(run.status, 64);
        assert.equal(run.stderr, "error: missing.json does not exist (see --help)\n");
    });

    it("--help lists the exit codes", () => {
        const run = runCli("plan/checkCli.ts", ["--help"]);
        assert.equal(run.status, 0);
        assert.match(run.stdout, /^Usage: npm run check -- FILE/);
        assert.match(run.stdout, /\n {2}64 {2}usage error: unknown option, missing value, bad stack name, missing stack or input file\n$/);
    });

    it("check exits 2 with one line on a file that is not a stack export", () => {
        const file = tempFile("not-export.json");
        fs.writeFileSync(file, JSON.stringify({ resources: [] }));
        const run = runCli("plan/checkCli.ts", [file]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr.trim(), `error: ${file} is not a stack export: expected {"version": 3, "deployment": {"resources": [...]}}`);
    });
});

describe("plan and check --json through a pipe", () => {
    let planJson: string;

    before(() => {
        planJson = runToFile("plan/cli.ts", ["--json"]);
    });

    it("plan delivers the whole document to a slow reader", () => {
        assert.ok(planJson.length > 64 * 1024, `${planJson.length} bytes fit in a pipe: the test proves nothing`);
        const run = runThroughSlowPipe("plan/cli.ts", ["--json"]);
        assert.equal(run.status, 0);
        assert.deepEqual(JSON.parse(run.received), JSON.parse(planJson));
    });

    it("check delivers the whole document to a slow reader", () => {
        // 300 copies of a resource the pack flags: a finding each, well over a pipe's 64 KiB.
        const doc = JSON.parse(planJson);
        const flagged = doc.deployment.resources.find((r: { urn: string }) => r.urn === doc.policyFindings[0].urn);
        doc.deployment.resources.push(...Array.from({ length: 300 }, (_, i) => ({ ...flagged, urn: `${flagged.urn}-copy${i}` })));
        const file = tempFile("many-findings.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        const expected = runToFile("plan/checkCli.ts", [file, "--json"]);
        assert.ok(expected.length > 64 * 1024, `${expected.length} bytes fit in a pipe: the test proves nothing`);
        const run = runThroughSlowPipe("plan/checkCli.ts", [file, "--json"]);
        assert.equal(run.status, 0);
        assert.deepEqual(JSON.parse(run.received), JSON.parse(expected));
    });
});
