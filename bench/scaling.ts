import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { InvokeRecorder } from "../plan/invokes";
import { runPolicies } from "../plan/policyHarness";
import { planStack } from "../plan/planStack";
import { toEngineResources } from "../plan/stackExport";
import { cpuMs, median } from "./report";

/**
 * The dev stack's `config` map with `count` NodePools named pool-001, pool-002... Each copies
 * the dev stack's pools in turn, limits, taints and capacity types included, so a large stack
 * mixes on-demand and spot pools as a real one would.
 */
export function withNodePools(stackConfig: Record<string, unknown>, count: number, karpenterKey = "karpenter-cluster:karpenter"): Record<string, unknown> {
    const karpenter = (stackConfig[karpenterKey] ?? {}) as { nodePools?: Record<string, unknown>[] };
    const templates = karpenter.nodePools ?? [];
    if (templates.length === 0) {
        throw new Error(`${karpenterKey}.nodePools is empty: there is no pool to copy`);
    }
    const nodePools = Array.from({ length: count }, (_, i) => ({
        ...structuredClone(templates[i % templates.length]),
        name: `pool-${String(i + 1).padStart(3, "0")}`,
    }));
    return { ...stackConfig, [karpenterKey]: { ...karpenter, nodePools } };
}

export interface Growth {
    /** CPU time of the large stack over the small one's. */
    timeRatio: number;
    resourceRatio: number;
    /** Time per resource of the large stack over the small one's: at most 1 is linear or better. */
    perResourceRatio: number;
}

/** How the cost grew from a small stack to a large one, against how the stack grew. */
export function growth(small: { resources: number; ms: number }, large: { resources: number; ms: number }): Growth {
    const timeRatio = large.ms / small.ms;
    const resourceRatio = large.resources / small.resources;
    return { timeRatio, resourceRatio, perResourceRatio: timeRatio / resourceRatio };
}

export interface ScalingRow {
    nodePools: number;
    resources: number;
    /** Median CPU time of the program under mocks: config, validation, registrations, the export. */
    programMs: number;
    /** Median CPU time of the whole policy pack on the stack's resources, once warm. */
    policyMs: number;
    /** Provider functions the program called. */
    invokes: string[];
}

/** Present when node runs with --expose-gc, as `npm run bench` does. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Timed evaluations of the policy pack per plan: one evaluation takes milliseconds, so one sample is mostly noise. */
export const policyRepeats = 5;

/**
 * Plans the dev stack with each number of NodePools `runs` times in this process and takes the
 * median of the program and of the policy pack, timed apart. The plan runs with every policy
 * disabled and the pack then runs alone on the plan's export, as `npm run check` would. The
 * sizes take turns, so a machine that slows down during the run slows all of them alike.
 */
export async function measureScaling(projectDir: string, counts: number[], runs: number): Promise<ScalingRow[]> {
    const dev = yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    const rows = counts.map((nodePools) => ({ nodePools, stackConfig: withNodePools(dev.config, nodePools), resources: 0, programMs: [] as number[], policyMs: [] as number[], invokes: [] as string[] }));
    for (let i = 0; i < runs; i++) {
        for (const row of rows) {
            const recorder = new InvokeRecorder();
            collectGarbage?.();
            const programStart = cpuMs();
            const plan = await planStack({ projectDir, stack: "dev", stackConfig: row.stackConfig, policyConfig: { all: "disabled" }, wrapMocks: recorder.wrap });
            row.programMs.push(cpuMs() - programStart);
            if (plan.problems.length > 0) {
                throw new Error(`the ${row.nodePools}-NodePool stack does not plan:\n${plan.problems.join("\n")}`);
            }
            const engineResources = toEngineResources(plan.stackExport);
            // The first evaluation of new shapes and sizes pays for V8 compiling the policies for
            // them, up to three times the steady cost; that is warm-up, not growth.
            const mandatory = (await runPolicies(engineResources)).filter((f) => f.enforcementLevel === "mandatory");
            if (mandatory.length > 0) {
                throw new Error(`the ${row.nodePools}-NodePool stack has mandatory findings: ${mandatory.map((f) => f.message).join("; ")}`);
            }
            for (let j = 0; j < policyRepeats; j++) {
                // The plan leaves garbage behind; a collection it triggers is not the pack's cost.
                collectGarbage?.();
                const policyStart = cpuMs();
                await runPolicies(engineResources);
                row.policyMs.push(cpuMs() - policyStart);
            }
            row.resources = plan.resources.length;
            row.invokes = recorder.tokens;
        }
    }
    return rows.map((row) => ({ nodePools: row.nodePools, resources: row.resources, programMs: median(row.programMs), policyMs: median(row.policyMs), invokes: row.invokes }));
}
