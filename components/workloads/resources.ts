import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { BuildContext } from "../buildContext";
import { limitRangeObject, smokeTestObject } from "./specs";

export interface WorkloadInputs {
    provider: k8s.Provider;
    /** Creates Karpenter's namespace when it is not kube-system. */
    karpenterCrds: pulumi.Resource;
    /** The NodePools: the smoke test is only useful once they exist, and must go before them on destroy. */
    nodePools: pulumi.Resource[];
    /** Where the nodes pull `smokeTest.image` from, such as a pull-through cache. @default `smokeTest.image` */
    smokeTestImage?: pulumi.Input<string>;
}

/** The LimitRanges (and namespaces) of `podDefaults` and the smoke-test Deployment, each when asked for. */
export function createWorkloadDefaults(ctx: BuildContext, inputs: WorkloadInputs): void {
    const { name, args } = ctx;
    const opts = { parent: ctx.parent, provider: inputs.provider };
    const podDefaults = args.podDefaults;
    const limitRanges = (podDefaults?.namespaces ?? []).map((namespace) => {
        const dependsOn = podDefaults!.namespacesToCreate.includes(namespace)
            ? [new k8s.core.v1.Namespace(`${name}-namespace-${namespace}`, { metadata: { name: namespace } }, opts)]
            : namespace === args.karpenter.namespace
              ? [inputs.karpenterCrds]
              : [];
        return new k8s.core.v1.LimitRange(`${name}-pod-defaults-${namespace}`, limitRangeObject(podDefaults!, namespace), { ...opts, dependsOn });
    });
    const smokeTest = args.smokeTest;
    if (smokeTest) {
        const pool = args.karpenter.nodePools.find((p) => p.name === smokeTest.nodePool)!;
        new k8s.apps.v1.Deployment(`${name}-smoke-test`, smokeTestObject(smokeTest, pool, inputs.smokeTestImage), {
            ...opts,
            dependsOn: [...inputs.nodePools, ...limitRanges],
            // `kubectl scale` drives the test; a later `pulumi up` must not scale it back.
            ignoreChanges: ["spec.replicas"],
        });
    }
}
