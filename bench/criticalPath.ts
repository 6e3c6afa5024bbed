import type { CapturedResource } from "../plan/capture";

/** What the deployment order of a resource depends on. */
export type GraphResource = Pick<CapturedResource, "urn" | "type" | "name" | "custom" | "remote" | "parent" | "provider" | "dependencies" | "propertyDependencies" | "inputs" | "createdBy">;

/** One resource on a chain: it starts when the hop before it finishes. */
export interface Hop {
    resource: GraphResource;
    seconds: number;
    /** Seconds from the start of the deployment until this resource exists. */
    finishesAt: number;
}

/**
 * A resource the engine creates: custom resources and remote components (created by their
 * plugin as one unit). Local components create nothing; they only group their children.
 */
function isCreated(resource: GraphResource): boolean {
    return resource.custom || resource.remote;
}

/** `urn:...::pulumi:providers:kubernetes::k8s::<id>` → the provider's URN. */
function providerUrn(reference: string): string {
    return reference.slice(0, reference.lastIndexOf("::"));
}

/**
 * The created resources each created resource waits for: its dependencies, property
 * dependencies and provider. Waiting on a local component means waiting on everything under it,
 * as the engine does; the Node.js SDK already expands those at registration, exports from
 * elsewhere may not. URNs the plan does not hold (default providers, which the engine creates
 * itself) are dropped.
 */
export function waitsFor(resources: GraphResource[]): Map<string, string[]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, GraphResource[]>();
    for (const r of resources) {
        if (r.parent !== undefined) {
            children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
        }
    }
    // A created resource stands for its whole subtree; a local component for its children's.
    const expand = (urn: string): string[] => {
        const resource = byUrn.get(urn);
        if (resource === undefined) {
            return [];
        }
        return isCreated(resource) ? [urn] : (children.get(urn) ?? []).flatMap((child) => expand(child.urn));
    };
    const graph = new Map<string, string[]>();
    for (const r of resources.filter(isCreated)) {
        const direct = [...r.dependencies, ...Object.values(r.propertyDependencies).flat(), ...(r.provider ? [providerUrn(r.provider)] : [])];
        graph.set(r.urn, [...new Set(direct.flatMap(expand))].filter((urn) => urn !== r.urn));
    }
    return graph;
}

interface Schedule {
    graph: Map<string, string[]>;
    byUrn: Map<string, GraphResource>;
    /** Earliest finish of each created resource and the dependency it waited for longest, dependencies first. */
    finish: Map<string, { at: number; after?: string }>;
}

/** Every created resource starts as soon as everything it waits for exists. */
function schedule(resources: GraphResource[], secondsOf: (resource: GraphResource) => number): Schedule {
    const graph = waitsFor(resources);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const finish = new Map<string, { at: number; after?: string }>();
    const visiting = new Set<string>();
    const finishOf = (urn: string): number => {
        const known = finish.get(urn);
        if (known !== undefined) {
            return known.at;
        }
        if (visiting.has(urn)) {
            throw new Error(`dependency cycle through ${urn}`);
        }
        visiting.add(urn);
        let after: string | undefined;
        let start = 0;
        for (const dependency of graph.get(urn) ?? []) {
            const at = finishOf(dependency);
            if (after === undefined || at > start) {
                [start, after] = [at, dependency];
            }
        }
        visiting.delete(urn);
        const at = start + secondsOf(byUrn.get(urn)!);
        finish.set(urn, { at, after });
        return at;
    };
    graph.forEach((_, urn) => finishOf(urn));
    return { graph, byUrn, finish };
}

/**
 * The longest chain of the deployment, weighted by `secondsOf`, that ends at a resource `endsAt`
 * accepts (any, by default): the critical path, whose length is the wall time with unlimited
 * parallelism. Ties go to the first listed, so the answer is stable.
 */
export function longestChain(resources: GraphResource[], secondsOf: (resource: GraphResource) => number, endsAt: (resource: GraphResource) => boolean = () => true): Hop[] {
    const { byUrn, finish } = schedule(resources, secondsOf);
    let last: string | undefined;
    finish.forEach(({ at }, urn) => {
        if (endsAt(byUrn.get(urn)!) && (last === undefined || at > finish.get(last)!.at)) {
            last = urn;
        }
    });
    const hops: Hop[] = [];
    for (let urn = last; urn !== undefined; urn = finish.get(urn)!.after) {
        const resource = byUrn.get(urn)!;
        hops.unshift({ resource, seconds: secondsOf(resource), finishesAt: finish.get(urn)!.at });
    }
    return hops;
}

/**
 * How many seconds each created resource could be late without making the deployment longer:
 * 0 on the critical path, and a measure of how far off it everything else stays.
 */
export function slackOf(resources: GraphResource[], secondsOf: (resource: GraphResource) => number): Map<string, number> {
    const { graph, byUrn, finish } = schedule(resources, secondsOf);
    const total = Math.max(0, ...[...finish.values()].map((f) => f.at));
    const latest = new Map<string, number>();
    for (const urn of [...finish.keys()].reverse()) {
        latest.set(urn, latest.get(urn) ?? total);
        const startBy = latest.get(urn)! - secondsOf(byUrn.get(urn)!);
        for (const dependency of graph.get(urn) ?? []) {
            latest.set(dependency, Math.min(latest.get(dependency) ?? total, startBy));
        }
    }
    return new Map([...finish].map(([urn, { at }]) => [urn, latest.get(urn)! - at]));
}

/** A kind of resource no Karpenter-ready cluster can do without. */
export interface FloorStage {
    label: string;
    matches: (resource: GraphResource) => boolean;
}

const isKarpenterControllerChart = (resource: GraphResource) =>
    resource.type === "kubernetes:helm.sh/v3:Release" && /(^|\/)karpenter$/.test(String(resource.inputs.chart ?? ""));

const isNodePool = (resource: GraphResource) => resource.type === "kubernetes:karpenter.sh/v1:NodePool";

/**
 * What must happen one after the other before Karpenter can serve a NodePool: the control plane
 * needs its subnets and, to own its log group, the group EKS would otherwise create itself with
 * no retention; nodes need the control plane; the controller needs nodes to run on (and cluster
 * DNS, which runs there too); a NodePool needs the running controller and its EC2NodeClass.
 */
export const floorStages: FloorStage[] = [
    { label: "new VPC", matches: (r) => r.type === "awsx:ec2:Vpc" },
    {
        label: "control-plane log group",
        matches: (r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && /^\/aws\/eks\/[^/]+\/cluster$/.test(String(r.inputs.name ?? "")),
    },
    { label: "EKS control plane", matches: (r) => r.type === "eks:index:Cluster" },
    { label: "nodes for the controller", matches: (r) => r.type === "aws:eks/nodeGroup:NodeGroup" || r.type === "aws:eks/fargateProfile:FargateProfile" },
    { label: "Karpenter controller release", matches: isKarpenterControllerChart },
    { label: "EC2NodeClass", matches: (r) => r.type === "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass" },
    { label: "NodePool", matches: isNodePool },
];

/** The floor stage `resource` belongs to, if any. */
export function floorStageOf(resource: GraphResource): FloorStage | undefined {
    return floorStages.find((stage) => stage.matches(resource));
}

export interface ReadyPath {
    /** The longest chain that ends at a NodePool: when Karpenter can first launch a node. */
    chain: Hop[];
    readySeconds: number;
    /** The same, if only the floor's resources took time: what no stack can beat. */
    floorSeconds: number;
    /** What the rest of the stack adds by sitting on the chain: the target is 0. */
    extraSeconds: number;
    /** Hops of the chain that belong to no floor stage and take time. */
    serialised: Hop[];
}

/** How long until Karpenter can serve the stack's NodePools, against the floor. */
export function karpenterReadyPath(resources: GraphResource[], secondsOf: (resource: GraphResource) => number): ReadyPath {
    const finishOf = (chain: Hop[]) => (chain.length > 0 ? chain[chain.length - 1].finishesAt : 0);
    const chain = longestChain(resources, secondsOf, isNodePool);
    const floor = longestChain(resources, (r) => (floorStageOf(r) ? secondsOf(r) : 0), isNodePool);
    return {
        chain,
        readySeconds: finishOf(chain),
        floorSeconds: finishOf(floor),
        extraSeconds: finishOf(chain) - finishOf(floor),
        serialised: chain.filter((hop) => hop.seconds > 0 && floorStageOf(hop.resource) === undefined),
    };
}
