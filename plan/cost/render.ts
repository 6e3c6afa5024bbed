import { usd } from "../../policies/lib/text";
import type { CostEstimate } from "./index";

/** Left-aligned columns, each as wide as its widest cell. */
function table(rows: string[][], indent = "    "): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

const perUnit = { cpu: "vCPU", memory: "GiB", nodes: "node" } as const;

/** The plan's two cost sections: the fixed cost, and what each NodePool can launch. */
export function renderCost(estimate: CostEstimate): string {
    const where =
        estimate.stackRegion !== undefined && estimate.stackRegion !== estimate.pricesRegion
            ? `${estimate.pricesRegion} prices (the stack deploys to ${estimate.stackRegion}, where prices may differ)`
            : `${estimate.pricesRegion} prices`;
    const { fixed } = estimate;
    const lines = [
        `Cost (fixed, before any workload): USD at ${where}, ${estimate.hoursPerMonth} hours a month.`,
        ...(fixed.lines.length === 0
            ? ["    nothing that bills by the hour"]
            : table([
                  ...fixed.lines.map((l) => [l.item, `${usd(l.unitPrice)} per ${l.unit}`, `× ${l.count}`, `${usd(l.monthly)}/month`]),
                  ["total", "", "", `${usd(fixed.monthly)}/month (${usd(fixed.hourly)}/h)`],
              ])),
        ...(fixed.notEstimated.length > 0 ? ["    Not estimated (billed by use or not priced here):", ...fixed.notEstimated.map((n) => `      - ${n.item}: ${n.reason}`)] : []),
        `    Sources: ${estimate.sources.fixedPrices}; ${estimate.sources.onDemandPrices}.`,
        "",
        `What each NodePool can launch (${estimate.sources.instanceTypes}; ceilings at on-demand prices, which spot never exceeds):`,
    ];
    if (estimate.nodePools.length === 0) {
        lines.push("    no NodePools");
    }
    for (const pool of estimate.nodePools) {
        if (pool.instanceTypeCount === undefined) {
            lines.push(`    ${pool.name}: not known yet`);
            continue;
        }
        const sample = pool.sample.length > 0 ? `, e.g. ${pool.sample.join(", ")}` : "";
        const unjudged = pool.unjudgedKeys.length > 0 ? ` (${pool.unjudgedKeys.join(", ")} not judged offline)` : "";
        lines.push(`    ${pool.name}: ${pool.instanceTypeCount} instance type${pool.instanceTypeCount === 1 ? "" : "s"} with ${pool.amis}${sample}${unjudged}`);
        const c = pool.ceiling;
        if (pool.unbounded) {
            lines.push("      ceiling: none, the pool has no limits");
        } else if (c === undefined) {
            lines.push(`      ceiling: cannot be priced, none of its ${pool.unpricedTypes} instance types has a price`);
        } else if (c.dearestType === undefined) {
            lines.push("      ceiling: $0.00/h, it can launch nothing");
        } else {
            const limit = c.resource === "memory" ? `limits.memory ${+c.limit.toFixed(2)} GiB` : c.resource === "nodes" ? `${c.limit} nodes` : `limits.cpu ${c.limit}`;
            const unpriced = pool.unpricedTypes > 0 ? `; ${pool.unpricedTypes} unpriced types left out` : "";
            lines.push(
                `      ceiling: ${usd(c.hourly)}/h (${usd(c.monthly)}/month) = ${limit} × ${usd(c.perUnitHourly)} per ${perUnit[c.resource]}-hour of ${c.dearestType}, the dearest per ${perUnit[c.resource]} it allows${unpriced}`,
            );
        }
    }
    return lines.join("\n");
}
