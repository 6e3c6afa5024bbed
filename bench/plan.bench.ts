import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InvokeRecorder } from "../plan/invokes";
import { planStack } from "../plan/planStack";
import { measurePlanCost, planCostLines } from "./planCost";
import { measurePackStartup, packStartupSection } from "./packStartup";
import { measureScaling } from "./scaling";
import { PlannedStack, criticalPathSection, invokeSection, scalingSection } from "./sections";

/**
 * `npm run bench`: one report, all numbers measured in the same run on the same machine.
 *   1. what planning and checking a stack costs as it grows (1, 10, 100 NodePools), and the whole
 *      `npm run plan` command in a fresh process;
 *   2. the provider calls (invokes) a preview makes;
 *   3. the deployment's critical path against the floor, from the plan's dependency graph;
 *   4. how fast the policy pack starts, as the CLI starts it on every preview.
 * Not part of `npm test`: timings belong to the machine that measured them.
 */
const runs = Number(process.env.BENCH_RUNS ?? 5);
const nodePoolCounts = [1, 10, 100];
const projectDir = path.resolve(__dirname, "..");

/** Every stack file of the project and of its examples, as `[label, projectDir, stack]`. */
function stackFiles(): [string, string, string][] {
    const stacksIn = (dir: string) =>
        fs
            .readdirSync(dir)
            .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
            .filter((stack): stack is string => stack !== undefined)
            .sort();
    const examples = path.join(projectDir, "examples");
    return [
        ...stacksIn(projectDir).map((stack): [string, string, string] => [stack, projectDir, stack]),
        ...fs
            .readdirSync(examples)
            .sort()
            .flatMap((example) => stacksIn(path.join(examples, example)).map((stack): [string, string, string] => [`examples/${example}`, path.join(examples, example), stack])),
    ];
}

async function planEveryStack(): Promise<PlannedStack[]> {
    const planned: PlannedStack[] = [];
    for (const [label, dir, stack] of stackFiles()) {
        const recorder = new InvokeRecorder();
        const plan = await planStack({ projectDir: dir, stack, wrapMocks: recorder.wrap });
        if (plan.problems.length > 0) {
            throw new Error(`${label} does not plan:\n${plan.problems.join("\n")}`);
        }
        planned.push({ label, resources: plan.resources, invokes: recorder.tokens });
    }
    return planned;
}

async function main(): Promise<void> {
    const planCost = await measurePlanCost(projectDir, runs);
    const scaling = await measureScaling(projectDir, nodePoolCounts, runs);
    const startup = await measurePackStartup(path.join(projectDir, "policies"), runs);
    const stacks = await planEveryStack();
    const synthesized = scaling.map((row) => ({ label: `dev, ${row.nodePools} NodePool${row.nodePools === 1 ? "" : "s"}`, invokes: row.invokes }));
    const cpu = os.cpus();
    process.stdout.write(
        [
            `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}`,
            "",
            ...scalingSection(scaling, runs, planCostLines(planCost)),
            "",
            ...invokeSection([...stacks, ...synthesized]),
            "",
            ...criticalPathSection(stacks, "dev"),
            "",
            ...packStartupSection(startup),
            "",
        ].join("\n"),
    );
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
