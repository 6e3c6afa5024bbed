import * as assert from "node:assert/strict";
import * as path from "path";
import { builds, ensureFresh, packageRoot } from "../../plan/compiled";
import { importsLibrary, programModule } from "../../plan/programModule";

describe("programModule: the program runs in the form the plan runs in", () => {
    const compiledPlan = path.join(packageRoot, ".plan", "plan", "programModule.js");
    const program = (projectDir: string) => [path.join(packageRoot, projectDir), path.join(packageRoot, projectDir, "index.ts")] as const;

    before(() => {
        ensureFresh(packageRoot, builds.plan);
    });

    it("compiled plan: the root program and the examples from .plan/", () => {
        assert.equal(programModule(...program("."), compiledPlan), path.join(packageRoot, ".plan", "index.js"));
        assert.equal(programModule(...program("examples/new-vpc"), compiledPlan), path.join(packageRoot, ".plan", "examples", "new-vpc", "index.js"));
    });

    it("compiled plan: a program outside the build stays TypeScript, for ts-node", () => {
        assert.equal(programModule(...program("test/plan/consumer"), compiledPlan), path.join(packageRoot, "test/plan/consumer/index.ts"));
    });

    it("plan from source: the program from source", () => {
        assert.equal(programModule(...program("."), path.join(packageRoot, "plan", "programModule.ts")), path.join(packageRoot, "index.ts"));
    });

    it("a project inside the package other than the root imports it by name, so needs dist/ current", () => {
        assert.deepEqual(
            [path.join(packageRoot, "examples/new-vpc"), "examples/new-vpc", packageRoot, path.join(packageRoot, "..", "elsewhere")].map((dir) => importsLibrary(packageRoot, dir)),
            [true, true, false, false],
        );
    });
});
