import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Build, builds, changedSources, ensureFresh, packageRoot } from "../../plan/compiled";

const build: Build = { tsconfig: "tsconfig.app.json", outDir: "out", stamp: "out/app.tsbuildinfo", entry: "out/a.js" };

/** A project with two sources, a tsconfig that extends another, and a build stamped at `stampedAt`. */
function project(stampedAt?: Date): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "compiled-"));
    const write = (file: string, text: string, at = new Date(2026, 0, 1)) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
        fs.utimesSync(path.join(root, file), at, at);
    };
    write("tsconfig.base.json", JSON.stringify({ compilerOptions: { strict: true, types: [] } }));
    write("tsconfig.app.json", JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: { outDir: "out", incremental: true, tsBuildInfoFile: build.stamp }, include: ["src"] }));
    write("src/a.ts", "export const a = 1;\n");
    write("src/b.ts", "export const b = 2;\n");
    write("src/node_modules/dep/index.ts", "export {};\n", new Date(2027, 0, 1));
    if (stampedAt) {
        write(build.stamp, "{}", stampedAt);
        write(build.entry, "", stampedAt);
    }
    return root;
}

const touch = (root: string, file: string, at: Date) => fs.utimesSync(path.join(root, file), at, at);

describe("plan/compiled.js: the plan runs from its build, never a stale one", () => {
    describe("changedSources", () => {
        it("none after a build newer than every source, whatever node_modules holds", () => {
            assert.deepEqual(changedSources(project(new Date(2026, 5, 1)), build), []);
        });

        it("a source saved after the build", () => {
            const root = project(new Date(2026, 5, 1));
            touch(root, "src/b.ts", new Date(2026, 6, 1));
            assert.deepEqual(changedSources(root, build), [path.join("src", "b.ts")]);
        });

        it("a tsconfig the build's tsconfig extends", () => {
            const root = project(new Date(2026, 5, 1));
            touch(root, "tsconfig.base.json", new Date(2026, 6, 1));
            assert.deepEqual(changedSources(root, build), ["tsconfig.base.json"]);
        });

        it("a source under a glob `include`, as the policy pack's tsconfig writes them", () => {
            const root = project(new Date(2026, 5, 1));
            fs.writeFileSync(path.join(root, "tsconfig.app.json"), JSON.stringify({ extends: "./tsconfig.base.json", include: ["src/**/*.ts"] }));
            touch(root, "tsconfig.app.json", new Date(2026, 0, 1));
            touch(root, "src/a.ts", new Date(2026, 6, 1));
            assert.deepEqual(changedSources(root, build), [path.join("src", "a.ts")]);
        });

        it("every source when there was no build, or its entry point is gone", () => {
            const all = [path.join("src", "a.ts"), path.join("src", "b.ts"), "tsconfig.app.json", "tsconfig.base.json"];
            assert.deepEqual(changedSources(project(), build).sort(), all);
            const root = project(new Date(2026, 5, 1));
            fs.rmSync(path.join(root, build.entry));
            assert.deepEqual(changedSources(root, build).sort(), all);
        });
    });

    describe("ensureFresh", () => {
        /** A project tsc can build: this package's node_modules linked in. */
        function buildable(): string {
            const root = project();
            fs.symlinkSync(path.join(packageRoot, "node_modules"), path.join(root, "node_modules"), "dir");
            return root;
        }

        it("builds when a source changed, and only then; the stamp is the time the build started", () => {
            const root = buildable();
            assert.equal(ensureFresh(root, build), true);
            assert.equal(fs.readFileSync(path.join(root, "out/a.js"), "utf8").includes("exports.a = 1"), true);
            // tsc writes its build info last; the stamp is older than the outputs, so a file saved during the build counts as changed.
            assert.ok(fs.statSync(path.join(root, build.stamp)).mtimeMs < fs.statSync(path.join(root, "out/a.js")).mtimeMs);
            assert.equal(ensureFresh(root, build), false);
            fs.writeFileSync(path.join(root, "src/a.ts"), "export const a = 3;\n");
            assert.equal(ensureFresh(root, build), true);
            assert.equal(fs.readFileSync(path.join(root, "out/a.js"), "utf8").includes("exports.a = 3"), true);
        });

        it("throws with tsc's output when the build fails, and builds again on the next run", () => {
            const root = buildable();
            fs.writeFileSync(path.join(root, "src/a.ts"), "export const a: number = ;\n");
            assert.throws(() => ensureFresh(root, build), /^Error: tsc -p tsconfig.app.json failed \(exit 2\):\n.*src\/a\.ts/s);
            assert.deepEqual(changedSources(root, build).length, 4);
        });
    });

    it("the build covers what the plan loads, and no tsconfig has comments the launcher could not read", () => {
        for (const tsconfig of ["tsconfig.json", builds.plan.tsconfig, builds.library.tsconfig]) {
            assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(packageRoot, tsconfig), "utf8")), tsconfig);
        }
        const include = JSON.parse(fs.readFileSync(path.join(packageRoot, builds.plan.tsconfig), "utf8")).include as string[];
        for (const entry of ["index.ts", "components", "plan", "policies/rules", "policies/lib", "policies/package.json", "examples"]) {
            assert.ok(include.includes(entry), entry);
        }
    });
});
