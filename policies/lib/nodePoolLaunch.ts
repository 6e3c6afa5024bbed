/**
 * What a NodePool can launch and the most it can spend, from its props and its EC2NodeClass's:
 * the shared core of the cost policies and of the offline plan's cost section.
 */
import { AllowedInstanceTypes, InstanceType, LaunchLimits, NodeClassImages, allowedInstanceTypes, nodeClassImages } from "./instanceTypes";
import { Requirements, isOperator, requirement } from "./requirements";
import { types } from "./resources";
import { compareText, usd } from "./text";
import { Props, at, isUnknown, list, num, str, stringMap } from "./values";

const binarySuffixes: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffixes: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity ("64", "500m", "256Gi", "1e3") in base units; undefined when unknown or malformed. */
export function parseQuantity(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : undefined;
    }
    const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(str(value)?.trim() ?? "");
    if (!match) {
        return undefined;
    }
    const [, number, suffix = ""] = match;
    const scale = binarySuffixes[suffix] ?? decimalSuffixes[suffix] ?? 10 ** Number(suffix.slice(1));
    return Number(number) * scale;
}

/** A NodePool as Karpenter's NodeClaimTemplate sees it. */
export interface NodePoolSpec {
    name: string;
    /** spec.template.spec.requirements plus the template's labels, each label as `In [value]` (NewNodeClaimTemplate). */
    requirements: Requirements;
    nodeClassName?: string;
    /** spec.limits cpu (cores), memory (MiB) and nodes; spec.replicas of a static pool caps nodes too. */
    limits: LaunchLimits;
}

/** The NodePool's spec, or undefined while a requirement, label or limit is unknown. */
export function readNodePool(props: Props, fallbackName: string): NodePoolSpec | undefined {
    const template = at(props, "spec", "template");
    const rawRequirements = at(template, "spec", "requirements");
    const rawLabels = at(template, "metadata", "labels");
    const rawLimits = at(props, "spec", "limits");
    const limitValues = ["cpu", "memory", "nodes"].map((resource) => at(rawLimits, resource));
    if ([template, rawRequirements, rawLabels, rawLimits, ...limitValues, at(props, "spec", "replicas")].some(isUnknown)) {
        return undefined;
    }
    const requirements = new Requirements();
    for (const item of list(rawRequirements) ?? []) {
        const key = str(at(item, "key"));
        const operator = str(at(item, "operator"));
        const values = (list(at(item, "values")) ?? []).map(str);
        const minValues = at(item, "minValues");
        if (key === undefined || operator === undefined || !isOperator(operator) || values.some((v) => v === undefined) || isUnknown(minValues)) {
            return undefined;
        }
        requirements.add(requirement(key, operator, values as string[], num(minValues)));
    }
    const templateLabels = rawLabels === undefined || rawLabels === null ? {} : stringMap(rawLabels);
    if (templateLabels === undefined) {
        return undefined;
    }
    for (const [key, value] of Object.entries(templateLabels)) {
        requirements.add(requirement(key, "In", [value]));
    }
    const limit = (resource: string) => (at(rawLimits, resource) === undefined ? undefined : parseQuantity(at(rawLimits, resource)));
    const memoryBytes = limit("memory");
    const nodeCaps = [limit("nodes"), num(at(props, "spec", "replicas"))].filter((n): n is number => n !== undefined);
    return {
        name: str(at(props, "metadata", "name")) ?? fallbackName,
        requirements,
        nodeClassName: str(at(template, "spec", "nodeClassRef", "name")),
        limits: {
            ...(limit("cpu") !== undefined ? { cpu: limit("cpu") } : {}),
            ...(memoryBytes !== undefined ? { memoryMiB: memoryBytes / 2 ** 20 } : {}),
            ...(nodeCaps.length > 0 ? { nodes: Math.min(...nodeCaps) } : {}),
        },
    };
}

/** The AMIs an EC2NodeClass resolves to; without the node class (managed elsewhere) or while its terms are unknown, nothing is assumed. */
function readNodeClassImages(props: Props | undefined): NodeClassImages {
    if (props === undefined) {
        return { description: "its EC2NodeClass is not in this stack (AMIs not judged)", reservations: false };
    }
    const terms = at(props, "spec", "amiSelectorTerms");
    const reservationTerms = at(props, "spec", "capacityReservationSelectorTerms");
    if (isUnknown(terms) || (list(terms) ?? []).some((t) => isUnknown(at(t, "alias")))) {
        // Assuming reservations only widens what is allowed, as an unknown must.
        return { description: "AMIs not known yet", reservations: true };
    }
    const alias = (list(terms) ?? []).map((t) => str(at(t, "alias"))).find((a) => a !== undefined);
    return nodeClassImages(alias, isUnknown(reservationTerms) || (list(reservationTerms) ?? []).length > 0);
}

export type CeilingResource = "cpu" | "memory" | "nodes";

/** The most a pool's limits let Karpenter spend per hour on-demand: limit × the dearest allowed price per unit. */
export interface Ceiling {
    hourly: number;
    /** The limit that binds (the smallest of the per-resource bounds). */
    resource: CeilingResource;
    /** In vCPUs, GiB or nodes. */
    limit: number;
    /** Dollars per vCPU-hour, per GiB-hour of capacity, or per node-hour; 0 when nothing can launch. */
    perUnitHourly: number;
    /** The allowed type that is dearest per unit of `resource`; absent when nothing can launch. */
    dearest?: InstanceType;
}

/**
 * Every node takes its capacity out of what the limits leave (scheduler.go subtractMax and
 * filterByRemainingResources), so the sum of the nodes' vCPUs stays under limits.cpu and their
 * memory capacity under limits.memory. The sum of their prices is then at most limits.cpu times
 * the dearest price per vCPU, and likewise for memory and node count: the ceiling is the least
 * of those bounds. Undefined without limits (nothing bounds the spend) and when no allowed type
 * has a price; spot never costs more than on-demand.
 */
export function hourlyCeiling(types: readonly InstanceType[], limits: LaunchLimits): Ceiling | undefined {
    const given = (
        [
            ["cpu", limits.cpu, (t: InstanceType) => t.cpu],
            ["memory", limits.memoryMiB === undefined ? undefined : limits.memoryMiB / 1024, (t: InstanceType) => t.capacityMemoryMiB / 1024],
            ["nodes", limits.nodes, () => 1],
        ] as const
    ).filter(([, limit]) => limit !== undefined) as [CeilingResource, number, (t: InstanceType) => number][];
    if (given.length === 0) {
        return undefined;
    }
    if (types.length === 0) {
        return { hourly: 0, resource: given[0][0], limit: given[0][1], perUnitHourly: 0 };
    }
    const priced = types.filter((t) => t.onDemandHourly !== undefined);
    if (priced.length === 0) {
        return undefined;
    }
    const perUnit = (t: InstanceType, units: (t: InstanceType) => number) => (t.onDemandHourly as number) / units(t);
    const bounds = given.map(([resource, limit, units]): Ceiling => {
        const dearest = priced.reduce((best, t) => (perUnit(t, units) > perUnit(best, units) ? t : best));
        return { hourly: limit * perUnit(dearest, units), resource, limit, perUnitHourly: perUnit(dearest, units), dearest };
    });
    return bounds.reduce((least, b) => (b.hourly < least.hourly ? b : least));
}

/** "limits.cpu 64 × $0.1172 per vCPU-hour (r8idb.large, the dearest per vCPU it allows)". */
export function describeCeiling(ceiling: Ceiling): string {
    const limit = ceiling.resource === "memory" ? `limits.memory ${+ceiling.limit.toFixed(2)} GiB` : ceiling.resource === "nodes" ? `${ceiling.limit} nodes` : `limits.cpu ${ceiling.limit}`;
    if (ceiling.dearest === undefined) {
        return `${limit}, but no instance type can launch`;
    }
    const unit = { cpu: "vCPU", memory: "GiB", nodes: "node" }[ceiling.resource];
    return `${limit} × ${usd(ceiling.perUnitHourly)} per ${unit}-hour (${ceiling.dearest.name}, the dearest per ${unit} it allows)`;
}

/** One NodePool judged offline. */
export interface NodePoolLaunch {
    pool: NodePoolSpec;
    images: NodeClassImages;
    allowed: AllowedInstanceTypes;
    /** Undefined when the pool has no cpu, memory or node limit: nothing bounds its spend. */
    ceiling?: Ceiling;
    /** Allowed types the price table does not price, left out of the ceiling. */
    unpriced: number;
}

export function analyzeNodePool(pool: NodePoolSpec, images: NodeClassImages): NodePoolLaunch {
    const allowed = allowedInstanceTypes(pool.requirements, images, pool.limits);
    const ceiling = hourlyCeiling(allowed.types, pool.limits);
    return { pool, images, allowed, ...(ceiling !== undefined ? { ceiling } : {}), unpriced: allowed.types.filter((t) => t.onDemandHourly === undefined).length };
}

/** Up to `count` allowed types for a sample: the cheapest first, then by name. */
export function sampleTypes(types: readonly InstanceType[], count: number): InstanceType[] {
    return [...types].sort((a, b) => (a.onDemandHourly ?? Infinity) - (b.onDemandHourly ?? Infinity) || compareText(a.name, b.name)).slice(0, count);
}

/** A Kubernetes object of a stack: what the pack's StackView and the plan's captured resources both give. */
export interface StackObject {
    type: string;
    urn: string;
    name: string;
    props: Props;
}

/** Judged pools by content: the three cost policies and the plan each judge the same pools of a stack. */
const judged = new Map<string, NodePoolLaunch | undefined>();
const judgedLimit = 1000;

/**
 * Every NodePool of a stack with what it can launch, judged with the EC2NodeClass its
 * nodeClassRef names; `launch` is undefined while the pool's spec is unknown.
 */
export function stackNodePools(resources: readonly StackObject[]): { nodePool: StackObject; launch?: NodePoolLaunch }[] {
    const nodeClasses = resources.filter((r) => r.type === types.ec2NodeClass);
    return resources
        .filter((r) => r.type === types.nodePool)
        .map((nodePool) => {
            const className = str(at(nodePool.props, "spec", "template", "spec", "nodeClassRef", "name"));
            const nodeClass = nodeClasses.find((c) => str(at(c.props, "metadata", "name")) === className);
            const key = JSON.stringify([nodePool.name, nodePool.props, nodeClass?.props]);
            if (!judged.has(key)) {
                if (judged.size >= judgedLimit) {
                    judged.clear();
                }
                const pool = readNodePool(nodePool.props, nodePool.name);
                judged.set(key, pool === undefined ? undefined : analyzeNodePool(pool, readNodeClassImages(nodeClass?.props)));
            }
            const launch = judged.get(key);
            return launch === undefined ? { nodePool } : { nodePool, launch };
        });
}
