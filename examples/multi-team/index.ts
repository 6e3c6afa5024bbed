import { KarpenterCluster, NodePoolArgs } from "karpenter-cluster";

/** One NodePool per team, tainted so only that team's pods land there (the walkthroughs' advice). */
function teamPool(team: string, overrides: Partial<NodePoolArgs>): NodePoolArgs {
    return {
        name: team,
        labels: { team },
        taints: [{ key: "team", value: team, effect: "NoSchedule" }],
        ...overrides,
    };
}

const cluster = new KarpenterCluster("shared", {
    clusterName: "shared-teams",
    network: { natGateways: "OnePerAz" },
    karpenter: {
        placement: "fargate",
        nodeClasses: [
            { name: "default" },
            // Team B runs Bottlerocket, pinned like every AMI here.
            { name: "bottlerocket", amiAlias: "bottlerocket@v1.64.0", volumeSize: "80Gi" },
        ],
        nodePools: [
            // A general pool for untainted workloads, on-demand only.
            { name: "default", limits: { cpu: "200", memory: "800Gi" } },
            // Team A: stateless web services, spot first, on-demand fallback, tighter disruption budget in business hours.
            teamPool("team-a", {
                capacityTypes: ["spot", "on-demand"],
                instanceCategories: ["c", "m"],
                limits: { cpu: "128", memory: "256Gi" },
                disruption: {
                    consolidateAfter: "5m",
                    budgets: [{ nodes: "20%" }, { nodes: "1", schedule: "0 8 * * mon-fri", duration: "10h" }],
                },
            }),
            // Team B: batch on Bottlerocket and Graviton spot, preferred over the general pool.
            teamPool("team-b", {
                nodeClass: "bottlerocket",
                weight: 50,
                capacityTypes: ["spot"],
                architectures: ["arm64"],
                instanceFamilies: ["c7g", "m7g", "r7g"],
                limits: { cpu: "256", memory: "1024Gi" },
                expireAfter: "168h",
            }),
        ],
    },
});

export const clusterName = cluster.clusterName;
export const nodeRoleName = cluster.nodeRoleName;
