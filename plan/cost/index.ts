/**
 * The plan's cost estimate: the stack's fixed cost before any workload, and what each NodePool
 * can launch and spend at most. Prices are us-east-1 on-demand, whatever region the stack uses.
 */
import { instanceTypeReference, onDemandPriceSource } from "../../policies/lib/instanceTypes";
import { CapturedResource } from "../capture";
import { FixedCost, fixedCost } from "./fixedCost";
import { fixedPriceSource, hoursPerMonth } from "./fixedPrices";
import { NodePoolCost, nodePoolCosts } from "./nodePools";

export type { CostLine, FixedCost, NotEstimated } from "./fixedCost";
export type { NodePoolCost } from "./nodePools";
export { renderCost } from "./render";

export interface CostEstimate {
    currency: "USD";
    /** The region every price is for. */
    pricesRegion: string;
    /** The region the stack deploys to (`aws:region`), when the config names one. */
    stackRegion?: string;
    hoursPerMonth: number;
    fixed: FixedCost;
    nodePools: NodePoolCost[];
    sources: {
        fixedPrices: string;
        instanceTypes: string;
        onDemandPrices: string;
    };
}

export interface CostOptions {
    /** The day support phases are judged on (EKS standard or extended support). */
    today: Date;
    stackRegion?: string;
}

export function estimateCost(resources: readonly CapturedResource[], options: CostOptions): CostEstimate {
    return {
        currency: "USD",
        pricesRegion: fixedPriceSource.region,
        ...(options.stackRegion !== undefined ? { stackRegion: options.stackRegion } : {}),
        hoursPerMonth,
        fixed: fixedCost(resources, options.today),
        nodePools: nodePoolCosts(resources),
        sources: {
            fixedPrices: `AWS pricing pages for ${fixedPriceSource.region}, read ${fixedPriceSource.read} (plan/cost/fixedPrices.ts)`,
            instanceTypes: `Karpenter ${instanceTypeReference.karpenterVersion} instance-type reference, derived ${instanceTypeReference.derived}`,
            onDemandPrices: `Karpenter ${onDemandPriceSource.karpenterVersion} fallback on-demand prices for ${onDemandPriceSource.region}, generated ${onDemandPriceSource.generatedAt}`,
        },
    };
}
