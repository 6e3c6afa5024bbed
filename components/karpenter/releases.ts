import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { BuildContext } from "../buildContext";
import { karpenterCharts } from "../versions";
import { karpenterValues } from "./helmValues";

export interface KarpenterReleaseInputs {
    provider: k8s.Provider;
    endpoint: pulumi.Output<string>;
    /** Undefined with Pod Identity. */
    controllerRoleArn?: pulumi.Output<string>;
    /** Set when Karpenter reads the interruption queue itself. */
    interruptionQueueName?: string;
    /** The controller image's repository; undefined keeps the chart's. */
    controllerImageRepository?: pulumi.Input<string>;
    /** What the controller needs before it starts: nodes or Fargate, IAM, the queue. */
    dependsOn: pulumi.Resource[];
}

export interface KarpenterReleases {
    crds: k8s.helm.v3.Release;
    controller: k8s.helm.v3.Release;
}

/**
 * The CRD chart, then the controller chart with `skipCrds`, both at one pinned version and both
 * through the cluster's own provider. Upgrading Karpenter upgrades the CRDs first; Helm never
 * upgrades CRDs shipped inside a chart.
 */
export function createKarpenterReleases(ctx: BuildContext, inputs: KarpenterReleaseInputs): KarpenterReleases {
    const { name, args } = ctx;
    const karpenter = args.karpenter;
    const opts = { parent: ctx.parent, provider: inputs.provider };
    const namespaceDependency: pulumi.Resource[] =
        karpenter.namespace === "kube-system"
            ? []
            : [new k8s.core.v1.Namespace(`${name}-karpenter-namespace`, { metadata: { name: karpenter.namespace } }, opts)];
    const crds = new k8s.helm.v3.Release(
        `${name}-karpenter-crd`,
        {
            name: "karpenter-crd",
            chart: karpenterCharts.crds,
            version: karpenter.version,
            namespace: karpenter.namespace,
            cleanupOnFail: true,
        },
        { ...opts, dependsOn: namespaceDependency },
    );
    const values = karpenterValues(karpenter, {
        clusterName: args.clusterName,
        clusterEndpoint: inputs.endpoint,
        region: ctx.region,
        controllerRoleArn: inputs.controllerRoleArn,
        interruptionQueueName: inputs.interruptionQueueName,
        nodeGroupLabels: args.nodeGroup.labels,
        controllerImageRepository: inputs.controllerImageRepository,
    });
    const controller = new k8s.helm.v3.Release(
        `${name}-karpenter`,
        {
            name: "karpenter",
            chart: karpenterCharts.controller,
            version: karpenter.version,
            namespace: karpenter.namespace,
            skipCrds: true,
            values,
            cleanupOnFail: true,
        },
        { ...opts, dependsOn: [crds, ...inputs.dependsOn] },
    );
    return { crds, controller };
}
