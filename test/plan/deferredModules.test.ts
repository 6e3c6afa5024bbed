import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { builds, ensureFresh, packageRoot } from "../../plan/compiled";
import { deferredModule } from "../../plan/deferredModules";

describe("modules the SDKs load on import, deferred to their first use", () => {
    it("a stand-in loads its module on the first access, once, and then forwards everything", () => {
        let loads = 0;
        const stand = deferredModule(() => (loads++, { Arborist: class Arborist {}, flag: 1 }), true) as Record<string, unknown>;
        // What TypeScript's __importStar reads first: answered without loading.
        assert.equal(stand.__esModule, true);
        assert.equal(loads, 0);
        assert.equal(typeof stand.Arborist, "function");
        assert.deepEqual(Object.keys(stand), ["Arborist", "flag"]);
        assert.equal("flag" in stand, true);
        assert.equal(loads, 1);
    });

    it("without __importStar, __esModule is the module's own", () => {
        const stand = deferredModule(() => ({ SyntaxKind: {} }), false) as Record<string, unknown>;
        assert.equal(stand.__esModule, undefined);
    });

    it("the SDKs load without them, and find them on first use", () => {
        const script = `
            require("./.plan/plan/deferredModules").deferSdkModules();
            const loaded = () => Object.keys(require.cache).filter((f) => /node_modules\\/(typescript\\/lib\\/typescript\\.js|@npmcli\\/arborist\\/lib\\/index\\.js|@aws-sdk\\/client-ecs\\/)/.test(f)).length;
            require("@pulumi/pulumi");
            require("@pulumi/awsx");
            const before = loaded();
            const ts = require("@pulumi/pulumi/typescript-shim");
            const used = [typeof ts.createSourceFile, typeof require("@pulumi/pulumi/runtime/closure/codePaths").computeCodePaths];
            process.stdout.write(JSON.stringify({ before, used, after: loaded() }));
        `;
        // Compiled, as plan/compiled.js installs it: ts-node would load TypeScript itself.
        ensureFresh(packageRoot, builds.plan);
        const run = spawnSync(process.execPath, ["-e", script], { cwd: packageRoot, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), { before: 0, used: ["function", "function"], after: 1 });
    });
});
