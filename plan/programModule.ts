import * as fs from "fs";
import * as path from "path";
import type * as compiled from "./compiled";

/** Where this module runs from: `<package>/plan/` from source, `<package>/.plan/plan/` compiled. */
function planForm(planFile: string): { compiled: boolean; packageRoot: string } {
    const compiledForm = planFile.endsWith(".js");
    return { compiled: compiledForm, packageRoot: path.resolve(path.dirname(planFile), compiledForm ? "../.." : "..") };
}

/**
 * plan/compiled.js, which keeps the builds fresh: a plain JavaScript file that is not part of the
 * build, required where it lies, from the plan's source and compiled forms alike.
 */
export function planLauncher(): typeof compiled {
    return require(path.join(planForm(__filename).packageRoot, "plan", "compiled.js")) as typeof compiled;
}

/**
 * Whether a program planned from `projectDir` imports this package by its name, which resolves to
 * `dist/` (package.json `exports`): any project inside the package other than the root, such as
 * the examples. The root program imports `./components`; a project outside the package has its
 * own installed copy.
 */
export function importsLibrary(packageRoot: string, projectDir: string): boolean {
    const relative = path.relative(packageRoot, path.resolve(projectDir));
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * The module to require for the entry point `program` of the project in `projectDir`, in the form
 * the plan itself runs in, after rebuilding `dist/` when the program imports it and a component
 * changed since (plan/compiled.js), so that no program runs stale code.
 *
 * - The plan runs compiled (`npm run plan`: `.plan/plan/*.js`, which plan/compiled.js has just
 *   rebuilt if stale): a program the build compiles (the root `index.ts`, the examples) runs from
 *   `.plan/` too.
 * - Any other TypeScript program (a consumer's project named by `--project-dir`), or the plan
 *   running from source (tests, ts-node): the `.ts` file, through ts-node, registered here with
 *   transpile-only when nothing has registered it yet, as `pulumi preview` runs a TypeScript
 *   project.
 *
 * `planFile` is this module's own file; tests pass another to see the other form.
 */
export function programModule(projectDir: string, program: string, planFile: string = __filename): string {
    const form = planForm(planFile);
    if (importsLibrary(form.packageRoot, projectDir)) {
        const launcher = planLauncher();
        launcher.ensureFresh(form.packageRoot, launcher.builds.library);
    }
    if (form.compiled) {
        const relative = path.relative(form.packageRoot, program);
        const compiledProgram = path.join(form.packageRoot, ".plan", relative.replace(/\.ts$/, ".js"));
        if (!relative.startsWith("..") && relative.endsWith(".ts") && fs.existsSync(compiledProgram)) {
            return compiledProgram;
        }
    }
    if (/\.tsx?$/.test(program) && require.extensions[".ts"] === undefined) {
        registerTypeScript(program);
    }
    return program;
}

function registerTypeScript(program: string): void {
    let tsNode: typeof import("ts-node");
    try {
        tsNode = require("ts-node");
    } catch {
        throw new Error(`${program} is TypeScript outside the plan's build, and ts-node, which runs it, is not installed`);
    }
    // The program's own tsconfig, searched from its folder up.
    tsNode.register({ transpileOnly: true, projectSearchDir: path.dirname(program) });
}
