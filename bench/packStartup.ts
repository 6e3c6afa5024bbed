import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPolicyPack } from "../plan/analyzer/build";
import { launchPack } from "../plan/analyzer/launch";
import { median, spread, table } from "./report";

/**
 * How long the CLI waits for the policy pack on every preview: from starting node on
 * `run-policy-pack` to the port line, the way plan/analyzer/launch.ts starts it. The shipped pack
 * (compiled `bin/index.js`) against the same sources run as TypeScript, which ts-node type-checks
 * at every start (a copy of `policies/` whose package.json names no `main`).
 */
export interface PackStartup {
    compiledMs: number[];
    typescriptMs: number[];
}

/** The shipped pack must start in at most this share of the TypeScript start. */
const startupRatioTarget = 0.5;

/** A copy of the pack's sources without `main`, resolving packages from the repository's node_modules. */
function typescriptCopy(packDir: string): string {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "karpenter-guardrails-ts-"));
    for (const entry of ["index.ts", "lib", "rules", "tsconfig.json", "PulumiPolicy.yaml"]) {
        fs.cpSync(path.join(packDir, entry), path.join(copy, entry), { recursive: true });
    }
    const { main: _main, files: _files, scripts: _scripts, ...manifest } = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
    fs.writeFileSync(path.join(copy, "package.json"), JSON.stringify(manifest, null, 4));
    fs.symlinkSync(path.resolve(packDir, "..", "node_modules"), path.join(copy, "node_modules"), "dir");
    return copy;
}

async function launches(packDir: string, runs: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const pack = await launchPack({ packDir, timeoutMs: 120_000 });
        samples.push(pack.launchMs);
        await pack.stop();
    }
    return samples;
}

export async function measurePackStartup(packDir: string, runs: number): Promise<PackStartup> {
    buildPolicyPack(packDir);
    const copy = typescriptCopy(packDir);
    try {
        return { compiledMs: await launches(packDir, runs), typescriptMs: await launches(copy, runs) };
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}

/** Section 4: the pack's start-up, shipped against run from TypeScript. */
export function packStartupSection(startup: PackStartup): string[] {
    const ratio = median(startup.compiledMs) / median(startup.typescriptMs);
    return [
        "4. Policy pack start-up: launch to port, as `pulumi preview --policy-pack policies` starts it on every preview",
        "",
        ...table(
            ["entry point", "launch to port"],
            [
                ["bin/index.js (shipped, compiled)", spread(startup.compiledMs)],
                ["index.ts (ts-node type-checks it)", spread(startup.typescriptMs)],
            ],
        ),
        "",
        `target: the shipped pack starts in at most ×${startupRatioTarget.toFixed(2)} of the TypeScript start: ${ratio <= startupRatioTarget ? "met" : "NOT MET"} (×${ratio.toFixed(2)})`,
    ];
}
