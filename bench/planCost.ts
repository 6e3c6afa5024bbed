import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStack } from "../plan/planStack";
import { cpuMs, median } from "./report";

/** One `npm run plan` in a fresh process. */
export interface CommandSample {
    /** CPU time of the process, user and system, every thread: what the plan costs whatever else the machine runs. */
    cpuMs: number;
    /** Wall time, for the record: on a shared machine it measures the neighbours too. */
    wallMs: number;
}

export interface PlanCost {
    dev: CommandSample[];
    /** The bare `eks.Cluster` of bench/baseline, planned the same way. */
    baseline: CommandSample[];
    /** CPU time of `planStack` for the dev stack in a process that has planned it before. */
    warmCpuMs: number[];
}

const cpuMarker = "bench-cpu-us ";

/**
 * `npm run plan -- <args>` as a user runs it (`node plan/compiled.js plan/cli`, built beforehand),
 * in a fresh Node process that reports its own CPU time on exit through `reporter`.
 */
function runPlan(packageRoot: string, reporter: string, args: string[]): CommandSample {
    const start = performance.now();
    const result = spawnSync(process.execPath, ["--require", reporter, path.join("plan", "compiled.js"), "plan/cli", ...args], { cwd: packageRoot, encoding: "utf8" });
    const wallMs = performance.now() - start;
    if (result.status !== 0) {
        throw new Error(`npm run plan -- ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    }
    const reported = result.stderr.split("\n").find((line) => line.startsWith(cpuMarker));
    if (reported === undefined) {
        throw new Error(`npm run plan -- ${args.join(" ")} reported no CPU time`);
    }
    return { cpuMs: Number(reported.slice(cpuMarker.length)) / 1000, wallMs };
}

/** A module that, preloaded with `--require`, writes the process's CPU time in microseconds to stderr on exit. */
function cpuReporter(): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-")), "cpuReporter.js");
    fs.writeFileSync(file, `process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("\\n${cpuMarker}" + (u.user + u.system) + "\\n"); });\n`);
    return file;
}

/**
 * What a plan costs: the dev stack and the bare `eks.Cluster` baseline, each `runs` times in a
 * fresh process, taking turns so that a machine that slows down slows both alike; then the dev
 * stack planned again in this process. One unmeasured run of each first builds what is stale.
 */
export async function measurePlanCost(packageRoot: string, runs: number): Promise<PlanCost> {
    const devArgs = ["--stack", "dev"];
    const baselineArgs = ["--project-dir", "bench/baseline", "--stack", "bench"];
    const reporter = cpuReporter();
    runPlan(packageRoot, reporter, devArgs);
    runPlan(packageRoot, reporter, baselineArgs);
    const cost: PlanCost = { dev: [], baseline: [], warmCpuMs: [] };
    for (let i = 0; i < runs; i++) {
        cost.dev.push(runPlan(packageRoot, reporter, devArgs));
        cost.baseline.push(runPlan(packageRoot, reporter, baselineArgs));
    }
    await planStack({ projectDir: packageRoot, stack: "dev" });
    for (let i = 0; i < runs; i++) {
        const start = cpuMs();
        const plan = await planStack({ projectDir: packageRoot, stack: "dev" });
        cost.warmCpuMs.push(cpuMs() - start);
        if (plan.problems.length > 0) {
            throw new Error(plan.problems.join("\n"));
        }
    }
    return cost;
}

/**
 * The dev stack's CPU time over the baseline's, run by run (each pair ran back to back), then the
 * median: a busy machine inflates both sides of a pair, so the ratio holds where the times do not.
 */
export function baselineRatio(cost: Pick<PlanCost, "dev" | "baseline">): number {
    return median(cost.dev.map((sample, i) => sample.cpuMs / cost.baseline[i].cpuMs));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpuSpread = (samples: number[]) => `${seconds(median(samples))} (min ${seconds(Math.min(...samples))}, max ${seconds(Math.max(...samples))})`;

/** The report's lines on the whole command. No verdict: times belong to the machine, the ratio to the code. */
export function planCostLines(cost: PlanCost): string[] {
    const row = (label: string, samples: CommandSample[]) =>
        `  ${label.padEnd(36)}CPU ${cpuSpread(samples.map((s) => s.cpuMs))}, wall median ${seconds(median(samples.map((s) => s.wallMs)))}`;
    return [
        `npm run plan in a fresh process, compiled (median of ${cost.dev.length} runs; CPU time is user + system):`,
        row("dev stack", cost.dev),
        row("bare eks.Cluster (bench/baseline)", cost.baseline),
        `  dev stack / bare eks.Cluster: ×${baselineRatio(cost).toFixed(2)} in CPU time, pair by pair (a busy machine slows both runs of a pair)`,
        `planStack, dev stack, warm process: CPU ${cpuSpread(cost.warmCpuMs)}`,
    ];
}
