import type { CapturedResource } from "../plan/capture";
import { creationSeconds, creationTimeKey, defaultCreationSeconds } from "./creationTimes";
import { GraphResource, Hop, floorStageOf, floorStages, karpenterReadyPath, longestChain, slackOf } from "./criticalPath";
import { avoidableInvokes, countInvokes } from "./invokes";
import { table } from "./report";
import { ScalingRow, growth, policyRepeats } from "./scaling";

/** A stack planned once for the report. */
export interface PlannedStack {
    label: string;
    resources: CapturedResource[];
    invokes: string[];
}

/** Policy evaluation must stay under this per resource. */
const policyMsPerResourceTarget = 1;
/**
 * Cost per resource may grow by this factor from 1 to 100 NodePools and still count as linear:
 * the runs of one size differ by more than that on a shared 2-core machine.
 */
const linearAllowance = 1.1;

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const times = (ratio: number) => `×${ratio.toFixed(2)}`;
const verdict = (met: boolean) => (met ? "met" : "NOT MET");
const secondsOf = (resource: GraphResource) => creationSeconds(resource).seconds;

/** Section 1: plan and policy cost as the stack grows, with the whole command's wall time. */
export function scalingSection(rows: ScalingRow[], runs: number, wholeCommand: string[]): string[] {
    const [small, large] = [rows[0], rows[rows.length - 1]];
    const program = growth({ resources: small.resources, ms: small.programMs }, { resources: large.resources, ms: large.programMs });
    const policies = growth({ resources: small.resources, ms: small.policyMs }, { resources: large.resources, ms: large.policyMs });
    const worstPerResource = Math.max(...rows.map((r) => r.policyMs / r.resources));
    const linear = program.perResourceRatio <= linearAllowance && policies.perResourceRatio <= linearAllowance;
    return [
        `1. Plan and policy cost by stack size: the dev stack with N NodePools, in one warm process`,
        `   (CPU time, user + system; program: median of ${runs} plans; policy pack: median of ${runs * policyRepeats} evaluations, after one warm-up per plan)`,
        "",
        ...table(
            ["NodePools", "resources", "program", "policy pack", "policy pack per resource"],
            rows.map((r) => [String(r.nodePools), String(r.resources), ms(r.programMs), ms(r.policyMs), ms(r.policyMs / r.resources)]),
            [],
        ),
        "",
        `growth ${large.nodePools} vs ${small.nodePools} NodePools: resources ${times(program.resourceRatio)}; ` +
            `program ${times(program.timeRatio)} (${times(program.perResourceRatio)} per resource); ` +
            `policy pack ${times(policies.timeRatio)} (${times(policies.perResourceRatio)} per resource)`,
        `target: policy pack under ${policyMsPerResourceTarget} ms per resource: ${verdict(worstPerResource < policyMsPerResourceTarget)} (at most ${ms(worstPerResource)})`,
        `target: growth no worse than linear in resources (per resource at most ${times(linearAllowance)}): ${verdict(linear)}`,
        "",
        ...wholeCommand,
    ];
}

/** Section 2: the provider calls each stack's program makes. */
export function invokeSection(stacks: Pick<PlannedStack, "label" | "invokes">[]): string[] {
    const counted = stacks.map((s) => ({ label: s.label, counts: countInvokes(s.invokes) }));
    const avoidable = counted.flatMap((s) => avoidableInvokes(s.counts).map((c) => `${s.label}: ${c.token} ×${c.count}`));
    const reasons = new Map(counted.flatMap((s) => s.counts).map((c) => [c.token, c.kind?.why ?? "no verdict yet: add it to bench/invokes.ts"]));
    return [
        "2. Provider calls (invokes) a preview makes, each a network round trip",
        "",
        ...table(
            ["stack", "invokes", "derivable", "calls"],
            counted.map((s) => [
                s.label,
                String(s.counts.reduce((sum, c) => sum + c.count, 0)),
                String(avoidableInvokes(s.counts).reduce((sum, c) => sum + c.count, 0)),
                s.counts.map((c) => `${c.token} ×${c.count}`).join(", ") || "-",
            ]),
            [0, 3],
        ),
        "",
        ...[...reasons].map(([token, why]) => `${token}: ${why}`),
        `target: no invoke that can be derived from config or outputs: ${verdict(avoidable.length === 0)}${avoidable.length > 0 ? ` (${avoidable.join("; ")})` : ""}`,
        "Remote components (eks:index:Cluster, awsx:ec2:Vpc) make their own provider calls in their plugins; the program does not see those.",
    ];
}

/** Section 3: how long until Karpenter serves the NodePools, against the floor, and the whole deployment. */
export function criticalPathSection(stacks: PlannedStack[], detailed: string): string[] {
    const analysed = stacks.map((s) => {
        const ready = karpenterReadyPath(s.resources, secondsOf);
        const whole = longestChain(s.resources, secondsOf);
        const onReadyChain = new Set(ready.chain.map((h) => h.resource.urn));
        return { ...s, ready, whole, afterReady: whole.filter((h) => !onReadyChain.has(h.resource.urn) && h.seconds > 0) };
    });
    const hopsText = (hops: Hop[]) => hops.map((h) => `${h.resource.name} (${creationTimeKey(h.resource)}, ${h.seconds} s)`).join(", ") || "-";
    const offFloor = analysed.filter((a) => a.ready.serialised.length > 0).map((a) => `${a.label}: ${hopsText(a.ready.serialised)}`);
    const detail = analysed.find((a) => a.label === detailed) ?? analysed[0];
    const slack = slackOf(detail.resources, secondsOf);
    // The resource of each type that comes closest, so one chain of many attachments shows once.
    const closestByType = new Map<string, CapturedResource>();
    for (const r of detail.resources.filter((r) => slack.has(r.urn) && floorStageOf(r) === undefined && secondsOf(r) > 0)) {
        const best = closestByType.get(creationTimeKey(r));
        if (best === undefined || slack.get(r.urn)! < slack.get(best.urn)!) {
            closestByType.set(creationTimeKey(r), r);
        }
    }
    const closest = [...closestByType.values()].sort((a, b) => slack.get(a.urn)! - slack.get(b.urn)!).slice(0, 6);
    const unknown = [...new Set(stacks.flatMap((s) => s.resources.filter((r) => (r.custom || r.remote) && !creationSeconds(r).known).map((r) => r.type)))];
    return [
        "3. Deployment critical path, from the plan's dependency graph and typical creation times (bench/creationTimes.ts; not measured)",
        "",
        ...table(
            ["stack", "resources", "NodePools served", "floor", "beyond floor", "serialised onto the path", "whole deployment", "after the NodePools"],
            analysed.map((a) => [
                a.label,
                String(a.resources.length),
                `${a.ready.readySeconds} s`,
                `${a.ready.floorSeconds} s`,
                `${a.ready.extraSeconds} s`,
                hopsText(a.ready.serialised),
                `${a.whole[a.whole.length - 1]?.finishesAt ?? 0} s`,
                hopsText(a.afterReady),
            ]),
            [0, 5, 7],
        ),
        "",
        `floor: the same path if only these took time: ${floorStages.map((stage) => stage.label).join(", ")}`,
        `target: nothing else serialised onto the path to the NodePools: ${verdict(offFloor.length === 0)}`,
        ...offFloor.map((line) => `    ${line}`),
        "",
        `${detail.label}, hop by hop:`,
        ...table(
            ["#", "resource", "type", "seconds", "cumulative", "floor stage"],
            detail.whole.map((h, i) => [String(i + 1), h.resource.name, creationTimeKey(h.resource), String(h.seconds), `${h.finishesAt} s`, floorStageOf(h.resource)?.label ?? "SERIALISED"]),
            [1, 2, 5],
        ),
        `closest to the path in ${detail.label} (seconds each could be late): ${closest.map((r) => `${r.name} ${slack.get(r.urn)} s`).join(", ")}`,
        `types without a typical creation time (counted as ${defaultCreationSeconds} s): ${unknown.join(", ") || "none"}`,
    ];
}
