/**
 * Compiles a TypeScript policy pack that ships as JavaScript (its package.json `main` points at
 * the compiler's output), as its `prepare` script does on `npm ci`, before anything launches it.
 * The CLI runs the pack's `main` as it stands (plan/analyzer/launch.ts), so a pack whose sources
 * changed since the last build would be judged stale; this rebuilds it first, only when needed.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Newest modification time of the files under `dir` (recursively) that `keep` accepts. */
function newestMtime(dir: string, keep: (file: string) => boolean): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "bin") {
                newest = Math.max(newest, newestMtime(full, keep));
            }
        } else if (keep(full)) {
            newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    }
    return newest;
}

/**
 * Runs `tsc -p <packDir>` when the pack's entry point is missing or older than one of its
 * TypeScript sources, its tsconfig.json or its package.json. A pack without a `main` and a
 * tsconfig.json (one run from TypeScript by ts-node) is left alone. Returns whether it compiled.
 */
export function buildPolicyPack(packDir: string): boolean {
    const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { main?: string };
    const tsconfig = path.join(packDir, "tsconfig.json");
    if (manifest.main === undefined || !fs.existsSync(tsconfig)) {
        return false;
    }
    const entry = path.join(packDir, manifest.main);
    const sources = newestMtime(packDir, (file) => file.endsWith(".ts") || file === tsconfig || file === path.join(packDir, "package.json"));
    if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= sources) {
        return false;
    }
    const tsc = require.resolve("typescript/bin/tsc", { paths: [packDir] });
    try {
        execFileSync(process.execPath, [tsc, "-p", tsconfig], { cwd: packDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`compiling the policy pack ${packDir} failed:\n${stdout ?? ""}${stderr ?? ""}`);
    }
    return true;
}
