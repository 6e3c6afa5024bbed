/**
 * What each NodePool of a planned stack can launch and the most it can spend, judged by the
 * policy pack's own model (policies/lib/nodePoolLaunch.ts), so the plan and the pack agree.
 */
import { hoursPerMonth } from "./fixedPrices";
import { CeilingResource, stackNodePools, sampleTypes } from "../../policies/lib/nodePoolLaunch";
import { CapturedResource } from "../capture";

/** How many allowed types the plan names. */
const sampleSize = 5;

export interface NodePoolCost {
    name: string;
    /** The EC2NodeClass's AMIs as judged: "al2023 alias", "custom AMIs (...)". */
    amis: string;
    /** Undefined while the pool's spec is unknown (a preview that cannot see it yet). */
    instanceTypeCount?: number;
    /** The cheapest allowed types, at most five. */
    sample: string[];
    /** Requirement keys the offline model does not judge (zones, region, placement). */
    unjudgedKeys: string[];
    /** Undefined when nothing bounds the pool (no limits) or no allowed type has a price. */
    ceiling?: { hourly: number; monthly: number; resource: CeilingResource; limit: number; perUnitHourly: number; dearestType?: string };
    /** The pool has no cpu, memory or node limit. */
    unbounded: boolean;
    /** Allowed types without a price, left out of the ceiling. */
    unpricedTypes: number;
}

export function nodePoolCosts(resources: readonly CapturedResource[]): NodePoolCost[] {
    const objects = resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.inputs }));
    return stackNodePools(objects).map(({ nodePool, launch }): NodePoolCost => {
        if (launch === undefined) {
            return { name: nodePool.name, amis: "unknown", sample: [], unjudgedKeys: [], unbounded: false, unpricedTypes: 0 };
        }
        const { pool, images, allowed, ceiling, unpriced } = launch;
        return {
            name: pool.name,
            amis: images.description,
            instanceTypeCount: allowed.types.length,
            sample: sampleTypes(allowed.types, sampleSize).map((t) => t.name),
            unjudgedKeys: allowed.unjudgedKeys,
            ...(ceiling !== undefined
                ? {
                      ceiling: {
                          hourly: ceiling.hourly,
                          monthly: Math.round(ceiling.hourly * hoursPerMonth * 1e4) / 1e4,
                          resource: ceiling.resource,
                          limit: ceiling.limit,
                          perUnitHourly: ceiling.perUnitHourly,
                          ...(ceiling.dearest !== undefined ? { dearestType: ceiling.dearest.name } : {}),
                      },
                  }
                : {}),
            unbounded: Object.keys(pool.limits).length === 0,
            unpricedTypes: unpriced,
        };
    });
}
