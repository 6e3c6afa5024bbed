/**
 * What NodePools can launch and what they can cost, judged offline from Karpenter's own instance
 * type reference and fallback prices (lib/data): a pool no instance type satisfies, a pool with
 * too little choice for spot and consolidation, and spend ceilings held to a budget.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { instanceTypeReference, onDemandPriceSource } from "../lib/instanceTypes";
import { NodePoolLaunch, describeCeiling, stackNodePools } from "../lib/nodePoolLaunch";
import { usd } from "../lib/text";
import { commonTags, configWithDefaults, docsUrl, forKarpenterStacks } from "../lib/policy";

const reference = `Karpenter ${instanceTypeReference.karpenterVersion}'s instance-type reference`;
const priced = `on-demand ${onDemandPriceSource.region} prices (Karpenter ${onDemandPriceSource.karpenterVersion}'s fallback table, generated ${onDemandPriceSource.generatedAt.slice(0, 10)})`;

/** Why a NodePool allows no instance type, naming the step that left none. */
function emptiness({ pool, images, allowed }: NodePoolLaunch): string {
    const { counts } = allowed;
    if (counts.requirements === 0) {
        return allowed.emptyingRequirements.length > 0
            ? `its requirement ${allowed.emptyingRequirements.join(" and ")} matches no instance type of ${reference}`
            : `each of its requirements matches some instance types of ${reference}, but no type matches all of them`;
    }
    if (counts.amis === 0) {
        return `the ${counts.requirements} instance types its requirements allow have no AMI in its EC2NodeClass (${images.description})`;
    }
    if (pool.limits.nodes === 0) {
        return "its limits allow no node (nodes 0)";
    }
    if (counts.limits === 0) {
        const limits = [pool.limits.cpu !== undefined ? `cpu ${pool.limits.cpu}` : "", pool.limits.memoryMiB !== undefined ? `memory ${+(pool.limits.memoryMiB / 1024).toFixed(2)}Gi` : "", pool.limits.nodes !== undefined ? `nodes ${pool.limits.nodes}` : ""];
        return `every one of the ${counts.amis} instance types it allows is larger than its limits (${limits.filter(Boolean).join(", ")})`;
    }
    return allowed.minValuesShortfalls.map((s) => `minValues ${s.minValues} on ${s.key}, but the ${counts.limits} types it allows have ${s.available} distinct values`).join("; ");
}

export const nodePoolSatisfiable: StackValidationPolicy = {
    name: "nodepool-satisfiable",
    description: "Checks that every NodePool allows at least one instance type Karpenter can launch with its EC2NodeClass and within its limits.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "nodepool", "scheduling"],
    url: `${docsUrl}concepts/nodepools/#spectemplatespecrequirements`,
    remediationSteps:
        "Widen the NodePool's requirements (instance categories, families, generations, sizes, architectures) until some instance type " +
        "matches all of them, check that its EC2NodeClass's AMI family runs on the architectures it allows (Windows: amd64 only), and " +
        "raise limits below the smallest allowed type. Otherwise pods stay Pending and Karpenter logs \"no instance type met all requirements\" " +
        "or \"all available instance types exceed limits for nodepool\". Zones are not judged offline.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        for (const { nodePool, launch } of stackNodePools(stack.all)) {
            if (launch !== undefined && launch.allowed.types.length === 0) {
                reportViolation(`NodePool "${launch.pool.name}" can launch no instance type: ${emptiness(launch)}. It must allow at least one.`, nodePool.urn);
            }
        }
    }),
};

export interface InstanceChoiceConfig {
    /** Fewest instance types a NodePool should allow. */
    minInstanceTypes: number;
}

/** Karpenter's MinInstanceTypesForSpotToSpotConsolidation (core pkg/controllers/disruption/consolidation.go). */
const spotToSpotMinimum = 15;

export const nodePoolInstanceChoice: StackValidationPolicy = {
    name: "nodepool-instance-choice",
    description: "Checks whether every NodePool allows enough instance types for spot capacity and consolidation to have a choice.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "nodepool", "cost", "spot"],
    url: `${docsUrl}concepts/disruption/#consolidation`,
    remediationSteps:
        `Allow more instance types: more families, sizes or generations, or both architectures. Karpenter replaces a spot node with a cheaper ` +
        `spot node only when at least ${spotToSpotMinimum} instance types are allowed, and spot capacity runs out sooner for a pool with few types. ` +
        "Set minInstanceTypes in this policy's config to change the threshold.",
    configSchema: {
        properties: {
            minInstanceTypes: {
                type: "integer",
                minimum: 1,
                default: spotToSpotMinimum,
                description: "Fewest instance types a NodePool should allow (Karpenter's spot-to-spot consolidation needs 15).",
            },
        },
    },
    validateStack: forKarpenterStacks((stack, args, reportViolation) => {
        const { minInstanceTypes } = configWithDefaults<InstanceChoiceConfig>(args, { minInstanceTypes: spotToSpotMinimum });
        for (const { nodePool, launch } of stackNodePools(stack.all)) {
            const count = launch?.allowed.types.length ?? 0;
            // No type at all is nodepool-satisfiable's mandatory finding.
            if (launch !== undefined && count > 0 && count < minInstanceTypes) {
                const names = launch.allowed.types.map((t) => t.name).join(", ");
                reportViolation(
                    `NodePool "${launch.pool.name}" allows only ${count} instance type${count === 1 ? "" : "s"} (${names}); it should allow at least ${minInstanceTypes} so spot capacity and consolidation have a choice.`,
                    nodePool.urn,
                );
            }
        }
    }),
};

export interface CostCeilingConfig {
    /** Most a NodePool may spend per hour at on-demand prices; unset: no per-pool budget. */
    maxHourlyPerNodePool?: number;
    /** Most all NodePools of the stack together may spend per hour; unset: no stack budget. */
    maxHourlyPerStack?: number;
}

export const nodePoolCostCeiling: StackValidationPolicy = {
    name: "nodepool-cost-ceiling",
    description: "Checks that the most each NodePool, and all NodePools together, can spend per hour under their limits stays within the configured budgets.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "nodepool", "cost"],
    url: `${docsUrl}concepts/nodepools/#speclimits`,
    remediationSteps:
        "Lower spec.limits.cpu and spec.limits.memory, or exclude the dearest instance types (GPU, high-memory, bare-metal families), until the " +
        "ceiling fits the budget. The ceiling is limit × the dearest allowed on-demand price per vCPU, per GiB or per node, whichever is least, " +
        "at Karpenter's fallback us-east-1 prices; spot never costs more. Set maxHourlyPerNodePool and maxHourlyPerStack (USD per hour) in " +
        "this policy's config to enforce a budget, and its enforcementLevel to mandatory to block deployments over it.",
    configSchema: {
        properties: {
            maxHourlyPerNodePool: { type: "number", minimum: 0, description: "Most a NodePool may spend per hour, USD at on-demand prices; unset: no per-pool budget." },
            maxHourlyPerStack: { type: "number", minimum: 0, description: "Most the stack's NodePools together may spend per hour, USD; unset: no stack budget." },
        },
    },
    validateStack: forKarpenterStacks((stack, args, reportViolation) => {
        const { maxHourlyPerNodePool, maxHourlyPerStack } = configWithDefaults<CostCeilingConfig>(args, {});
        if (maxHourlyPerNodePool === undefined && maxHourlyPerStack === undefined) {
            return;
        }
        let stackCeiling = 0;
        const unbounded: string[] = [];
        for (const { nodePool, launch } of stackNodePools(stack.all)) {
            if (launch === undefined) {
                continue;
            }
            const { pool, ceiling } = launch;
            if (ceiling === undefined) {
                unbounded.push(pool.name);
                const why = Object.keys(pool.limits).length === 0 ? "it has no cpu, memory or node limit" : `no instance type it allows has a price in ${priced}`;
                if (maxHourlyPerNodePool !== undefined) {
                    reportViolation(`NodePool "${pool.name}" has no spend ceiling (${why}); it must be bounded to be held to maxHourlyPerNodePool ${usd(maxHourlyPerNodePool)}/h.`, nodePool.urn);
                }
                continue;
            }
            stackCeiling += ceiling.hourly;
            if (maxHourlyPerNodePool !== undefined && ceiling.hourly > maxHourlyPerNodePool) {
                reportViolation(
                    `NodePool "${pool.name}" can spend up to ${usd(ceiling.hourly)}/h at ${priced}: ${describeCeiling(ceiling)}. It must stay within maxHourlyPerNodePool ${usd(maxHourlyPerNodePool)}/h.`,
                    nodePool.urn,
                );
            }
        }
        if (maxHourlyPerStack === undefined) {
            return;
        }
        if (unbounded.length > 0) {
            reportViolation(`The stack's NodePools have no spend ceiling: ${unbounded.map((n) => `"${n}"`).join(", ")} ${unbounded.length === 1 ? "is" : "are"} unbounded; they must be bounded to be held to maxHourlyPerStack ${usd(maxHourlyPerStack)}/h.`);
        } else if (stackCeiling > maxHourlyPerStack) {
            reportViolation(`The stack's NodePools can together spend up to ${usd(stackCeiling)}/h at ${priced}; they must stay within maxHourlyPerStack ${usd(maxHourlyPerStack)}/h.`);
        }
    }),
};

export const costPolicies = [nodePoolSatisfiable, nodePoolInstanceChoice, nodePoolCostCeiling];
