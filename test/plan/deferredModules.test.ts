import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { builds, ensureFresh, packageRoot } from "../../plan/compiled";
import { deferral, deferredModule, deferredModules, namespaceImporters } from "../../plan/deferredModules";

const nodeModules = path.join(packageRoot, "node_modules");

/** Runs `script` in a fresh Node process with the plan's hook installed, compiled, as plan/compiled.js installs it (ts-node would load TypeScript itself). */
function withHook(script: string): unknown {
    ensureFresh(packageRoot, builds.plan);
    const run = spawnSync(process.execPath, ["-e", `require("./.plan/plan/deferredModules").deferSdkModules();\n${script}`], { cwd: packageRoot, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
}

describe("modules the SDKs load on import, deferred to their first use", () => {
    it("a stand-in for `import * as` loads its module on the first access, once, and then forwards everything", () => {
        let loads = 0;
        const stand = deferredModule(() => (loads++, { Arborist: class Arborist {}, flag: 1 }), "importStar") as Record<string, unknown>;
        // What TypeScript's __importStar reads first: answered without loading.
        assert.equal(stand.__esModule, true);
        assert.equal(loads, 0);
        assert.equal(typeof stand.Arborist, "function");
        assert.deepEqual(Object.keys(stand), ["Arborist", "flag"]);
        assert.equal("flag" in stand, true);
        assert.equal(loads, 1);
    });

    it("a stand-in for `import x from` is wrapped by __importDefault without loading, and calls the module", () => {
        let loads = 0;
        const normalize = (data: { name?: string }) => ({ ...data, normalized: true });
        const stand = deferredModule(() => (loads++, normalize), "importDefault") as typeof normalize & { __esModule?: boolean };
        assert.equal(stand.__esModule, undefined);
        assert.equal(loads, 0);
        assert.deepEqual(stand({ name: "x" }), { name: "x", normalized: true });
        assert.equal(stand.length, 1);
        assert.equal(loads, 1);
    });

    it("a stand-in for a plain require answers __esModule from the module", () => {
        const stand = deferredModule(() => ({ SyntaxKind: {} }), "require") as Record<string, unknown>;
        assert.equal(stand.__esModule, undefined);
        assert.deepEqual(Object.keys(stand), ["SyntaxKind"]);
    });

    it("every listed file still requires its module the way the list says, at the pinned SDK versions", () => {
        const wrapper = { importStar: "__importStar(", importDefault: "__importDefault(", require: "" } as const;
        for (const { request, requiredBy, reads } of deferredModules) {
            for (const file of requiredBy) {
                const source = fs.readFileSync(path.join(nodeModules, file), "utf8");
                const call = `require("${request}")`;
                assert.ok(source.includes(call), `${file} no longer requires ${request}: the deferral would do nothing`);
                const wrapped = ["__importStar(", "__importDefault("].find((w) => source.includes(`${w}${call}`)) ?? "";
                assert.equal(wrapped, wrapper[reads], `${file} reads ${request} with ${wrapped || "a plain require"}, not as listed (${reads})`);
            }
        }
    });

    it("a program gets the real namespace, which Pulumi's function serializer recognises as a module", function () {
        this.timeout(120000);
        const result = withHook(`
            const pulumi = require("@pulumi/pulumi");
            const aws = require("@pulumi/aws");
            const loaded = (file) => Object.keys(require.cache).some((f) => f.endsWith("/node_modules/@pulumi/aws/" + file));
            const before = loaded("sqs/index.js");
            const sqs = aws.sqs;
            const real = sqs === require("@pulumi/aws/sqs") && !require("util").types.isProxy(sqs) && aws.sqs === sqs;
            Promise.all([
                pulumi.runtime.serializeFunction(() => typeof sqs.Queue),
                // The SDK itself, captured by value, holds the accessors of the namespaces it defers.
                pulumi.runtime.serializeFunction(() => { const { log } = pulumi; return log; }),
            ]).then(([f, sdk]) => {
                const captured = f.text.split("\\n").find((line) => line.includes("const sqs ="))?.trim();
                process.stdout.write(JSON.stringify({ before, real, after: loaded("sqs/index.js"), captured, sdk: sdk.text.includes("const { log } = pulumi") }));
            });
        `);
        assert.deepEqual(result, { before: false, real: true, after: true, captured: 'const sqs = require("@pulumi/aws/sqs/index.js");', sdk: true });
    });

    it("the resource modules of a reference's type register, as the SDK's index registers every one at start", () => {
        const result = withHook(`
            const pulumi = require("@pulumi/pulumi");
            require("@pulumi/aws");
            require("@pulumi/kubernetes");
            const { loadResourceModule } = require("./.plan/plan/deferredModules");
            const registered = (pkg, mod) => pulumi.runtime.getResourceModule(pkg, mod, undefined) !== undefined;
            const loaded = (file) => Object.keys(require.cache).some((f) => f.endsWith("/node_modules/@pulumi/" + file));
            const before = [registered("aws", "iam/instanceProfile"), registered("kubernetes", "helm.sh/v3")];
            loadResourceModule("aws:iam/instanceProfile:InstanceProfile", registered);
            loadResourceModule("kubernetes:helm.sh/v3:Release", registered);
            const after = [registered("aws", "iam/instanceProfile"), registered("kubernetes", "helm.sh/v3")];
            process.stdout.write(JSON.stringify({ before, after, others: [loaded("aws/sqs/index.js"), loaded("kubernetes/apps/index.js")] }));
        `);
        assert.deepEqual(result, { before: [false, false], after: [true, true], others: [false, false] });
    });

    it("namespaces are the directories the SDK index files import; their files load as usual", () => {
        const awsIndex = path.join(nodeModules, "@pulumi", "aws", "index.js");
        assert.equal(deferral("./iam", awsIndex), "importStar");
        assert.equal(deferral("./utilities", awsIndex), undefined);
        assert.equal(deferral("./getRegion", awsIndex), undefined);
        assert.equal(deferral("../apps", path.join(nodeModules, "@pulumi", "kubernetes", "yaml", "yaml.js")), "importStar");
        assert.equal(deferral("./iam", path.join(packageRoot, "components", "index.js")), undefined);
        for (const { file: importer } of namespaceImporters) {
            assert.match(fs.readFileSync(path.join(nodeModules, importer), "utf8"), /__importStar\(require\("\.\.?\/[a-z0-9]+"\)\)/, importer);
        }
    });

    it("the SDKs load without them, and find them on first use", () => {
        const deferred = [
            "typescript/lib/typescript.js",
            "@npmcli/arborist/lib/index.js",
            "normalize-package-data/lib/normalize.js",
            "@pulumi/pulumi/automation/index.js",
            "@pulumi/pulumi/provider/server.js",
            "@pulumi/pulumi/dynamic/index.js",
            "@grpc/grpc-js/build/src/index.js",
            "@pulumi/pulumi/proto/resource_grpc_pb.js",
            "@pulumi/policy/server.js",
            "glob/dist/commonjs/index.js",
            "@aws-sdk/client-ecs/dist-cjs/index.js",
            "@pulumi/aws/iam/index.js",
            "@pulumi/aws/ec2/index.js",
            "@pulumi/kubernetes/apps/index.js",
            "@pulumi/awsx/classic/index.js",
        ];
        const result = withHook(`
            const deferred = ${JSON.stringify(deferred)};
            const loaded = () => deferred.filter((file) => Object.keys(require.cache).some((f) => f.endsWith("/node_modules/" + file)));
            const pulumi = require("@pulumi/pulumi");
            const aws = require("@pulumi/aws");
            const k8s = require("@pulumi/kubernetes");
            require("@pulumi/awsx");
            require("@pulumi/policy");
            const before = loaded();
            const used = [
                typeof require("@pulumi/pulumi/typescript-shim").createSourceFile,
                typeof require("@pulumi/pulumi/runtime/closure/codePaths").computeCodePaths,
                typeof pulumi.automation.LocalWorkspace,
                typeof aws.iam.Role,
                typeof k8s.apps.v1.Deployment,
                require("@pulumi/pulumi/errors").isGrpcError({ code: 14 }),
            ];
            process.stdout.write(JSON.stringify({ before, used, after: loaded() }));
        `);
        assert.deepEqual(result, {
            before: [],
            used: ["function", "function", "function", "function", "function", true],
            after: [
                "typescript/lib/typescript.js",
                "@pulumi/pulumi/automation/index.js",
                "@grpc/grpc-js/build/src/index.js",
                "@pulumi/aws/iam/index.js",
                "@pulumi/kubernetes/apps/index.js",
            ],
        });
    });
});
