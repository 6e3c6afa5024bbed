import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { checkClusterNames, projectStacks } from "../../plan/clusterNames";
import { projectDir, runCli } from "./support";

const devConfig = () => (yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> }).config;

/** A project directory running this repository's program, with the given stack files (stack → config map, or raw text). */
function project(stacks: Record<string, Record<string, unknown> | string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump({ name: "karpenter-cluster", main: path.join(projectDir, "index.ts"), runtime: "nodejs" }));
    for (const [stack, config] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), typeof config === "string" ? config : yaml.dump({ config }));
    }
    return dir;
}

const named = (clusterName: string) => ({ ...devConfig(), "karpenter-cluster:clusterName": clusterName });

describe("cluster names across a project's stacks", () => {
    it("lets the README's recipe (cp Pulumi.dev.yaml Pulumi.prod.yaml) name two clusters", () => {
        const dir = project({ dev: devConfig(), prod: devConfig() });
        assert.deepEqual(checkClusterNames(dir, "dev"), { collisions: [], uncompared: [] });
    });

    it("finds a copied stack file that keeps another stack's clusterName", () => {
        const dir = project({ dev: named("karpenter-dev"), prod: named("karpenter-dev"), staging: devConfig() });
        assert.deepEqual(checkClusterNames(dir, "dev").collisions, [{ stack: "prod", file: path.join(dir, "Pulumi.prod.yaml"), clusterName: "karpenter-dev" }]);
    });

    it("compares an explicit name with another stack's default", () => {
        const dir = project({ dev: devConfig(), prod: named("karpenter-dev") });
        assert.deepEqual(checkClusterNames(dir, "dev").collisions.map((c) => c.stack), ["prod"]);
        assert.deepEqual(checkClusterNames(dir, "prod").collisions.map((c) => c.stack), ["dev"]);
    });

    it("compares a --config-file with every stack file but the planned stack's own", () => {
        const dir = project({ dev: devConfig() });
        const configFile = path.join(dir, "elsewhere.yaml");
        fs.writeFileSync(configFile, yaml.dump({ config: named("karpenter-dev") }));
        assert.deepEqual(checkClusterNames(dir, "prod", configFile).collisions.map((c) => c.stack), ["dev"]);
        assert.deepEqual(checkClusterNames(dir, "dev", configFile).collisions, []);
    });

    it("skips deployment settings files, names unreadable stack files, and does not guess a secret name", () => {
        const dir = project({ dev: devConfig(), "dev.deploy": "settings: {}\n", broken: "- a list, not a map\n", vault: { ...devConfig(), "karpenter-cluster:clusterName": { secure: "AAABADf0" } } });
        assert.deepEqual(projectStacks(dir), ["broken", "dev", "vault"]);
        const check = checkClusterNames(dir, "dev");
        assert.deepEqual(check.collisions, []);
        assert.deepEqual(check.uncompared, [{ file: path.join(dir, "Pulumi.broken.yaml"), reason: `${path.join(dir, "Pulumi.broken.yaml")} is not a YAML map` }]);
    });

    it("npm run plan warns on stderr, and still plans the stack", () => {
        const dir = project({ dev: named("karpenter-dev"), prod: named("karpenter-dev") });
        const run = runCli("plan/cli.ts", ["--project-dir", dir, "--stack", "prod"]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(
            run.stderr,
            new RegExp(`^warning: stack prod and stack dev \\(${path.join(dir, "Pulumi.dev.yaml").replace(/[.\\/]/g, "\\$&")}\\) both resolve to cluster name "karpenter-dev": they would create the same IAM roles, interruption queue and EKS cluster\\.`, "m"),
        );
        assert.match(run.stdout, /^Plan of stack prod/);
    });
});
