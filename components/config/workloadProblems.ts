import { KarpenterClusterArgs } from "./args";
import { quantityValue } from "./formats";
import { Problem } from "./problems";
import { ResolvedArgs } from "./resolved";

/** Cross-field rules of the arguments for the cluster's workloads (pod defaults, the smoke test); `resolved` is `args` with the defaults. */
export function workloadProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs): Problem[] {
    return [...podDefaultsProblems(resolved), ...smokeTestProblems(args)];
}

function podDefaultsProblems(resolved: ResolvedArgs): Problem[] {
    const podDefaults = resolved.podDefaults;
    if (!podDefaults) {
        return [];
    }
    const problems: Problem[] = [];
    for (const resource of ["cpu", "memory"] as const) {
        const request = podDefaults.defaultRequest[resource];
        const limit = podDefaults.defaultLimit[resource];
        if (request !== undefined && limit !== undefined && quantityValue(request) > quantityValue(limit)) {
            problems.push({
                path: `podDefaults.defaultRequest.${resource}`,
                message: `must not exceed podDefaults.defaultLimit.${resource} (${limit}), got ${request}; the API server rejects such a LimitRange`,
            });
        }
    }
    return problems;
}

function smokeTestProblems(args: KarpenterClusterArgs): Problem[] {
    const nodePool = args.smokeTest?.nodePool;
    const pools = (args.karpenter?.nodePools ?? [{ name: "default" }]).map((pool) => pool.name);
    if (nodePool === undefined || pools.includes(nodePool)) {
        return [];
    }
    return [{ path: "smokeTest.nodePool", message: `must name an entry of karpenter.nodePools (${pools.map((p) => `"${p}"`).join(", ")}), got "${nodePool}"` }];
}
