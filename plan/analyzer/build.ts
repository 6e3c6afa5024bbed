/**
 * Compiles a TypeScript policy pack that ships as JavaScript (its package.json `main` points at
 * the compiler's output), as its `prepare` script does on `npm ci`, before anything launches it.
 * The CLI runs the pack's `main` as it stands (plan/analyzer/launch.ts), so a pack whose sources
 * changed since the last build would be judged stale; this rebuilds it first, only when needed,
 * with the check that keeps the plan's own build fresh (plan/compiled.js).
 */
import * as fs from "fs";
import * as path from "path";
import { planLauncher } from "../programModule";

/**
 * Runs `tsc -p <packDir>` when the pack's entry point is missing or older than one of its
 * sources or its tsconfig.json. A pack without a `main` and a tsconfig.json (one run from
 * TypeScript by ts-node) is left alone. Returns whether it compiled; throws with tsc's output when
 * the compilation fails.
 */
export function buildPolicyPack(packDir: string): boolean {
    const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { main?: string };
    if (manifest.main === undefined || !fs.existsSync(path.join(packDir, "tsconfig.json"))) {
        return false;
    }
    const entry = path.normalize(manifest.main);
    return planLauncher().ensureFresh(packDir, { tsconfig: "tsconfig.json", outDir: path.dirname(entry), stamp: entry, entry });
}
