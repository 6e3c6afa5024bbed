import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { planStack } from "../plan/planStack";

/**
 * Wall time of the offline plan of the dev stack: the whole command as a user runs it (a fresh
 * process: TypeScript transpilation, SDK loading, the program under mocks, the policy pack), and
 * the plan alone when repeated in one warm process. Reports median, min and max.
 */
const runs = Number(process.env.BENCH_RUNS ?? 5);
const projectDir = path.resolve(__dirname, "..");

function stats(samples: number[]): string {
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return `median ${(median / 1000).toFixed(2)} s, min ${(sorted[0] / 1000).toFixed(2)} s, max ${(sorted[sorted.length - 1] / 1000).toFixed(2)} s (${samples.length} runs)`;
}

async function main(): Promise<void> {
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = Date.now();
        const result = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "plan/cli.ts"], { cwd: projectDir, encoding: "utf8" });
        cold.push(Date.now() - start);
        if (result.status !== 0) {
            throw new Error(`plan exited ${result.status}: ${result.stderr}`);
        }
    }
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = Date.now();
        const plan = await planStack({ projectDir, stack: "dev" });
        warm.push(Date.now() - start);
        if (plan.problems.length > 0) {
            throw new Error(plan.problems.join("\n"));
        }
    }
    const cpu = os.cpus();
    process.stdout.write(
        [
            `machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
            `npm run plan (dev stack, fresh process): ${stats(cold)}`,
            `planStack (dev stack, warm process):     ${stats(warm)}`,
            "",
        ].join("\n"),
    );
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
