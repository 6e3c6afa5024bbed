import { PodDefaultsArgs, SmokeTestArgs } from "./args";
import { smokeTestImage } from "../versions";
import { ResolvedPodDefaults, ResolvedSmokeTest } from "./resolved";

/** Namespaces every cluster has: creating one fails, and deleting the stack must never delete one. */
const builtInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

export function resolvePodDefaults(podDefaults: PodDefaultsArgs | undefined, karpenterNamespace: string): ResolvedPodDefaults | undefined {
    if (podDefaults === undefined) {
        return undefined;
    }
    return {
        namespaces: [...podDefaults.namespaces],
        // Karpenter's own namespace is created with its chart.
        namespacesToCreate: podDefaults.createNamespaces
            ? podDefaults.namespaces.filter((namespace) => !builtInNamespaces.includes(namespace) && namespace !== karpenterNamespace)
            : [],
        defaultRequest: { cpu: "100m", memory: "128Mi", ...definedEntries(podDefaults.defaultRequest ?? {}) },
        defaultLimit: { memory: "512Mi", ...definedEntries(podDefaults.defaultLimit ?? {}) },
    };
}

export function resolveSmokeTest(smokeTest: SmokeTestArgs | undefined, firstNodePool: string): ResolvedSmokeTest | undefined {
    if (!smokeTest?.enabled) {
        return undefined;
    }
    return {
        nodePool: smokeTest.nodePool ?? firstNodePool,
        namespace: smokeTest.namespace ?? "default",
        replicas: smokeTest.replicas ?? 0,
        cpu: smokeTest.cpu ?? "1",
        memory: smokeTest.memory ?? "128Mi",
        image: smokeTest.image ?? smokeTestImage,
    };
}

function definedEntries(values: Record<string, string | undefined>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
