import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildPolicyPack } from "../../../plan/analyzer/build";
import { AnalyzerHost, launchAnalyzerHost } from "../../../plan/analyzerHost";
import { inPreviewShape, validStack } from "../fixtures";
import { policiesDir, toExportResources } from "./host";

/**
 * How the pack ships: on its own (`pulumi policy publish` packs `policies/` with `npm pack`:
 * pkg/backend/httpstate/policypack.go at v3.248.0 `Publish` → sdk/nodejs/npm `Pack`), and inside
 * the component's npm package, so `--policy-pack node_modules/karpenter-cluster/policies` works
 * where the component is installed. Both start from compiled JavaScript.
 */
const root = path.resolve(policiesDir, "..");

/** The files `npm pack` puts in the package of `dir`, without running its scripts. */
function packedFiles(dir: string): string[] {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}

describe("the policy pack as a package", () => {
    before(() => {
        buildPolicyPack(policiesDir);
    });

    it("starts from its compiled entry point: the pack directory resolves to bin/index.js", () => {
        // run-policy-pack `require`s the pack directory (cmd/run-policy-pack/run.ts `run`).
        assert.equal(require.resolve(policiesDir), path.join(policiesDir, "bin", "index.js"));
    });

    it("packs for `pulumi policy publish`: the compiled pack, its sources to rebuild, the manifest, the lock file and the README", () => {
        const files = packedFiles(policiesDir);
        for (const wanted of ["PulumiPolicy.yaml", "README.md", "package.json", "npm-shrinkwrap.json", "tsconfig.json", "bin/index.js", "bin/rules/index.js", "index.ts", "rules/index.ts"]) {
            assert.ok(files.includes(wanted), `${wanted} is not packed: ${files.join(", ")}`);
        }
        assert.deepEqual(files.filter((f) => !/^(bin|lib|rules)\//.test(f) && !["PulumiPolicy.yaml", "README.md", "package.json", "npm-shrinkwrap.json", "tsconfig.json", "index.ts"].includes(f)), []);
    });

    describe("inside the component's npm package", () => {
        let consumer: string;
        let host: AnalyzerHost | undefined;

        /**
         * A consumer's project after `npm install karpenter-cluster`: the package's packed files
         * under node_modules/karpenter-cluster, and the packages it declares (dependencies and
         * peer dependencies) beside it, linked to this repository's copies.
         */
        before(async () => {
            consumer = fs.mkdtempSync(path.join(os.tmpdir(), "karpenter-consumer-"));
            const installed = path.join(consumer, "node_modules", "karpenter-cluster");
            for (const file of packedFiles(root)) {
                fs.mkdirSync(path.dirname(path.join(installed, file)), { recursive: true });
                fs.copyFileSync(path.join(root, file), path.join(installed, file));
            }
            const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
            for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
                fs.mkdirSync(path.dirname(path.join(consumer, "node_modules", name)), { recursive: true });
                fs.symlinkSync(path.join(root, "node_modules", name), path.join(consumer, "node_modules", name), "dir");
            }
            host = await launchAnalyzerHost({ packDir: path.join(installed, "policies") });
        });

        after(async () => {
            await host?.close();
            fs.rmSync(consumer, { recursive: true, force: true });
        });

        it("runs as `--policy-pack node_modules/karpenter-cluster/policies`, with every policy", async () => {
            assert.deepEqual(host?.pack, { name: "karpenter-guardrails", version: "0.2.0" });
            const stack = toExportResources(inPreviewShape(validStack()));
            assert.deepEqual(await host?.analyze({ project: "karpenter", stack: "dev", dryRun: true, resources: stack, policyConfig: { "eks-version-support": { asOf: "2026-11-30" } } }), []);
            const findings = await host?.analyze({ project: "karpenter", stack: "dev", dryRun: true, resources: stack, policyConfig: { "karpenter-controller-ha": { minReplicas: 3 } } });
            assert.ok(findings?.some((f) => f.policy === "karpenter-controller-ha"));
        });
    });
});
