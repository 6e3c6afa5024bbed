import { nodePoolRequirements } from "../nodepools/specs";
import { KarpenterClusterArgs } from "./args";
import { quantityValue } from "./formats";
import { categoryOf, generationOf, isGravitonInstanceType } from "./instanceTypes";
import { duplicates } from "./nodeClassProblems";
import { Problem, quote } from "./problems";
import { shown } from "./schema";
import { ResolvedArgs } from "./resolved";
import type { ValidationContext } from "./validateArgs";
import { WellFormed } from "./wellFormed";

/** Cross-field rules of the NodePools. */

/** The NodePool CRD's `maxItems` of `spec.template.spec.requirements`. */
const maxRequirements = 100;

export function nodePoolProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs, context: ValidationContext, inputs: WellFormed): Problem[] {
    const problems: Problem[] = [];
    const karpenter = args.karpenter ?? {};
    const pools = karpenter.nodePools ?? [];
    const classNames = (karpenter.nodeClasses ?? [{ name: "default" }]).map((c) => c.name);
    const dupes = inputs.ok("karpenter.nodePools[].name") ? duplicates(pools.map((p) => p.name)) : new Set<number>();
    pools.forEach((pool, i) => {
        const path = `karpenter.nodePools[${i}]`;
        const add = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
        const ok = (...fields: string[]) => inputs.ok(...fields.map((field) => `${path}.${field}`));
        if (dupes.has(i)) {
            add("name", `duplicates the name ${quote(pool.name)}; NodePool names must be unique`);
        }
        const nodeClass = pool.nodeClass ?? "default";
        if (!classNames.includes(nodeClass) && ok("nodeClass") && inputs.ok("karpenter.nodeClasses[].name")) {
            add("nodeClass", `must name an entry of karpenter.nodeClasses (${classNames.map(quote).join(", ")}), got ${quote(nodeClass)}`);
        }
        const allowExotic = pool.allowExoticInstances ?? false;
        const architectures = pool.architectures ?? ["amd64"];
        const families = ok("instanceFamilies", "allowExoticInstances") ? (pool.instanceFamilies ?? []) : [];
        for (const [j, family] of families.entries()) {
            if (!allowExotic && categoryOf(family) === "u") {
                add(`instanceFamilies[${j}]`, `${quote(family)} is a high-memory family costing tens of dollars an hour; set allowExoticInstances: true to allow it`);
            }
            if (pool.instanceCategories && !pool.instanceCategories.includes(categoryOf(family)) && ok("instanceCategories")) {
                add(`instanceFamilies[${j}]`, `${quote(family)} is not in instanceCategories (${pool.instanceCategories.join(", ")}), so no instance type would match`);
            }
            if (isGravitonInstanceType(family) && !architectures.includes("arm64") && ok("architectures")) {
                add(`instanceFamilies[${j}]`, `${quote(family)} is a Graviton (arm64) family, not in architectures (${architectures.join(", ")}), so no instance type would match`);
            }
            const generation = generationOf(family);
            if (generation !== undefined && generation < (pool.minInstanceGeneration ?? 3) && ok("minInstanceGeneration")) {
                add(`instanceFamilies[${j}]`, `${quote(family)} is generation ${generation}, below minInstanceGeneration (${pool.minInstanceGeneration ?? 3})`);
            }
        }
        for (const [j, size] of (ok("instanceSizes", "allowExoticInstances") ? (pool.instanceSizes ?? []) : []).entries()) {
            if (!allowExotic && size.startsWith("metal")) {
                add(`instanceSizes[${j}]`, `${quote(size)} is a bare-metal size; set allowExoticInstances: true to allow it`);
            }
        }
        for (const [j, category] of (ok("instanceCategories", "allowExoticInstances") ? (pool.instanceCategories ?? []) : []).entries()) {
            if (!allowExotic && category === "u") {
                add(`instanceCategories[${j}]`, 'category "u" is the high-memory families; set allowExoticInstances: true to allow it');
            }
        }
        if (context.region && ok("zones")) {
            for (const [j, zone] of (pool.zones ?? []).entries()) {
                const message = zoneProblem(zone, context.region);
                if (message) {
                    add(`zones[${j}]`, message);
                }
            }
        }
        if ((pool.capacityTypes ?? []).includes("spot") && karpenter.interruption === "none" && ok("capacityTypes") && inputs.ok("karpenter.interruption")) {
            add("capacityTypes", 'includes "spot" but karpenter.interruption is "none": spot nodes would be reclaimed without draining; use "native"');
        }
        for (const resource of ["cpu", "memory"]) {
            const limit = pool.limits?.[resource];
            if (limit !== undefined && !(quantityValue(limit) > 0) && ok(`limits.${resource}`)) {
                add(`limits.${resource}`, `must be greater than zero so the NodePool can launch a node, got ${shown(limit)}`);
            }
        }
        (ok("disruption.budgets") ? (pool.disruption?.budgets ?? []) : []).forEach((budget, j) => {
            if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
                add(`disruption.budgets[${j}]`, "must set schedule and duration together");
            }
        });
        // Everything the generated requirements come from, besides the pool's own requirements.
        const requirementInputs = ["requirements", "architectures", "capacityTypes", "instanceCategories", "instanceFamilies", "instanceSizes", "minInstanceGeneration", "allowExoticInstances", "zones"];
        const count = nodePoolRequirements(resolved.karpenter.nodePools[i]).length;
        if (count > maxRequirements && ok(...requirementInputs)) {
            const generated = count - (pool.requirements?.length ?? 0);
            add("requirements", `must leave room for the ${generated} requirements the component generates: the NodePool CRD takes at most ${maxRequirements}, got ${count} in all`);
        }
    });
    return problems;
}

/** The message for a zone outside `region`, or undefined when it belongs to it. */
export function zoneProblem(zone: string, region: string): string | undefined {
    // An Availability Zone ("us-west-2a") or a Local Zone of the region ("us-west-2-lax-1a"), both of which Karpenter launches into.
    return new RegExp(`^${region}([a-z]|-[a-z]+-\\d+[a-z])$`).test(zone) ? undefined : `must be a zone of region ${region} such as "${region}a", got ${quote(zone)}`;
}
