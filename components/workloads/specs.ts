import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ResolvedNodePool, ResolvedPodDefaults, ResolvedSmokeTest } from "../config/resolved";
import { Toleration } from "../karpenter/chartValues";
import { nodePoolLabel } from "../karpenter/helmValues";
import { Taint } from "../nodepools/crdTypes";

export const limitRangeName = "pod-defaults";
export const smokeTestName = "inflate";

/** The LimitRange of one namespace: defaults for containers that set no requests or limits. */
export function limitRangeObject(podDefaults: ResolvedPodDefaults, namespace: string): k8s.types.input.core.v1.LimitRange {
    return {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: limitRangeName, namespace },
        spec: { limits: [{ type: "Container", defaultRequest: { ...podDefaults.defaultRequest }, default: { ...podDefaults.defaultLimit } }] },
    };
}

/** A toleration of exactly `taint`: the smoke test must land on its pool and nowhere else. */
export function tolerationOf(taint: Taint): Toleration {
    return taint.value === undefined
        ? { key: taint.key, operator: "Exists", effect: taint.effect }
        : { key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect };
}

/**
 * The `inflate` Deployment: pause containers pinned to one NodePool, tolerating its taints (not
 * its startup taints, which are gone by the time pods schedule). `image` replaces
 * `smokeTest.image` with where the nodes pull it from, such as a pull-through cache. Hardened like any workload, so
 * it also runs under the `restricted` Pod Security Standard.
 */
export function smokeTestObject(
    smokeTest: ResolvedSmokeTest,
    pool: ResolvedNodePool,
    image: pulumi.Input<string> = smokeTest.image,
): k8s.types.input.apps.v1.Deployment {
    const labels = { app: smokeTestName };
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: smokeTestName, namespace: smokeTest.namespace, labels },
        spec: {
            replicas: smokeTest.replicas,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    terminationGracePeriodSeconds: 0,
                    nodeSelector: { [nodePoolLabel]: pool.name },
                    tolerations: pool.taints.map(tolerationOf),
                    securityContext: { runAsNonRoot: true, runAsUser: 65535, seccompProfile: { type: "RuntimeDefault" } },
                    containers: [
                        {
                            name: smokeTestName,
                            image,
                            resources: { requests: { cpu: smokeTest.cpu, memory: smokeTest.memory }, limits: { memory: smokeTest.memory } },
                            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                        },
                    ],
                },
            },
        },
    };
}
