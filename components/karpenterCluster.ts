import * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import { KarpenterClusterArgs } from "./config/args";
import { resolveArgs } from "./config/defaults";
import { ResolvedArgs } from "./config/resolved";
import { throwIfProblems } from "./config/problems";
import { validateArgs } from "./config/validateArgs";
import { CreationGate } from "./config/lateValidation";
import { createBuildContext } from "./buildContext";
import { createNetwork } from "./network/network";
import { createVpcEndpoints } from "./network/vpcEndpoints";
import { createPullThroughCache, publicEcrImageRepositories } from "./network/pullThroughCache";
import { criticalAddonsScheduling } from "./cluster/criticalAddonsScheduling";
import { Toleration } from "./karpenter/chartValues";
import { createWorkloadDefaults } from "./workloads/resources";
import { createCluster } from "./cluster/cluster";
import { createCriticalAddonsNodeGroup } from "./cluster/criticalAddonsNodeGroup";
import { createNodeIdentity } from "./iam/nodeRole";
import { createControllerIdentity } from "./iam/controllerRole";
import { createSpotServiceLinkedRole } from "./iam/spotServiceLinkedRole";
import { roleArnOf } from "./iam/roles";
import { createInterruptionQueue } from "./interruption/queue";
import { createTerminationHandler } from "./interruption/terminationHandler";
import { createKarpenterFargateProfile } from "./karpenter/fargate";
import { createKarpenterReleases } from "./karpenter/releases";
import { createNodePools } from "./nodepools/resources";

/** What {@link KarpenterCluster} exposes; each is also a registered output. */
export interface KarpenterClusterOutputs {
    /** The EKS cluster name (also the discovery tag value). */
    readonly clusterName: pulumi.Output<string>;
    /** Kubeconfig for the cluster, as a secret: pulumi-eks's `kubeconfigJson`, without the `kubeconfigCredentials` profile. */
    readonly kubeconfig: pulumi.Output<string>;
    /** A Kubernetes provider for the cluster, for resources of your own; it authenticates with `kubeconfigCredentials`. */
    readonly provider: k8s.Provider;
    /** The underlying pulumi-eks cluster. */
    readonly cluster: eks.Cluster;
    /** ARN of the cluster's IAM OIDC provider. */
    readonly oidcProviderArn: pulumi.Output<string>;
    /** ARN of the Karpenter controller's role. */
    readonly controllerRoleArn: pulumi.Output<string>;
    /** Name of the role of the nodes Karpenter launches. */
    readonly nodeRoleName: pulumi.Output<string>;
    /** Name of the interruption queue; undefined with interruption "none". */
    readonly interruptionQueueName: pulumi.Output<string | undefined>;
    /** URL of the interruption queue; undefined with interruption "none". */
    readonly interruptionQueueUrl: pulumi.Output<string | undefined>;
    /** Name of the critical-addons managed node group. */
    readonly nodeGroupName: pulumi.Output<string>;
    /** Value of the `karpenter.sh/discovery` tag on the private subnets and the cluster security group. */
    readonly discoveryTagValue: pulumi.Output<string>;
    /** VPC of the cluster. */
    readonly vpcId: pulumi.Output<string>;
    /** Private subnets, where nodes run. */
    readonly privateSubnetIds: pulumi.Output<string[]>;
    /**
     * `nodeSelector` that places another add-on (load balancer controller, ExternalDNS, metrics
     * server) on the critical-addons node group; pass it with {@link criticalAddonsTolerations}.
     */
    readonly criticalAddonsNodeSelector: Record<string, string>;
    /** `tolerations` that let another add-on onto the critical-addons node group's taint. */
    readonly criticalAddonsTolerations: Toleration[];
}

/**
 * Validates `args` and applies the defaults, or throws a {@link ValidationError} listing every
 * problem. The component calls it before it registers anything, so bad input creates nothing.
 */
export function validateAndResolve(name: string, args: KarpenterClusterArgs): ResolvedArgs {
    throwIfProblems(validateArgs({ ...args, clusterName: args.clusterName ?? name }));
    return resolveArgs(name, args);
}

/**
 * Creates every child of the component under `parent`; see {@link KarpenterCluster}. With `gate`,
 * the late checks start before the first child, which waits for them like every other.
 */
export function createKarpenterCluster(name: string, args: ResolvedArgs, parent: pulumi.Resource, gate?: CreationGate): KarpenterClusterOutputs {
    const ctx = createBuildContext(name, args, parent);
    gate?.start(ctx);
    const karpenter = args.karpenter;

    const network = createNetwork(ctx);
    // Nodes without NAT can only bootstrap, pull images and get credentials once these exist.
    const endpoints = args.network.vpcEndpoints ? createVpcEndpoints(ctx, network, args.network.vpcEndpoints) : [];
    const control = createCluster(ctx, network);
    const { nodeGroup: criticalAddons, role: criticalAddonsRole } = createCriticalAddonsNodeGroup(ctx, control.clusterName, network.privateSubnetIds, endpoints);
    const nodeIdentity = createNodeIdentity(ctx, control.clusterName);
    const interruption = karpenter.interruption === "none" ? undefined : createInterruptionQueue(ctx);
    const nativeInterruption = karpenter.interruption === "native" ? interruption : undefined;
    const controller = createControllerIdentity(ctx, {
        clusterName: control.clusterName,
        oidcProviderArn: control.oidcProviderArn,
        oidcProviderUrl: control.oidcProviderUrl,
        passableRoleArns: nodeIdentity.passableRoleArns,
        interruptionQueueArn: nativeInterruption?.arn,
    });
    const fargate = karpenter.placement === "fargate" ? [createKarpenterFargateProfile(ctx, control.clusterName, network.privateSubnetIds)] : [];
    // Images on public.ecr.aws, which has no VPC endpoint, come through the account's own registry.
    const cache = args.pullThroughCache
        ? createPullThroughCache(ctx, args.pullThroughCache, [
              // On the role, not the node group: the grant is needed only by the first pull, after the release starts.
              { key: "critical-addons-node", roleName: ctx.names.systemNodeRole, dependsOn: [criticalAddonsRole] },
              { key: "node", roleName: nodeIdentity.role.name, dependsOn: [] },
              ...fargate.map((profile) => ({ key: "fargate", roleName: ctx.names.fargateRole, dependsOn: [profile] })),
          ])
        : undefined;
    const releases = createKarpenterReleases(ctx, {
        provider: control.provider,
        endpoint: control.endpoint,
        controllerRoleArn: karpenter.identity === "irsa" ? roleArnOf(ctx, ctx.names.controllerRole) : undefined,
        interruptionQueueName: nativeInterruption?.name,
        controllerImageRepository: cache?.imageOf(publicEcrImageRepositories.karpenterController),
        dependsOn: [criticalAddons, ...fargate, ...endpoints, controller.role, ...controller.ready, ...(nativeInterruption?.ready ?? [])],
    });
    const terminationHandler =
        karpenter.interruption === "nodeTerminationHandler" && interruption
            ? [
                  createTerminationHandler(ctx, {
                      queue: interruption,
                      oidcProviderArn: control.oidcProviderArn,
                      oidcProviderUrl: control.oidcProviderUrl,
                      provider: control.provider,
                      dependsOn: [criticalAddons, ...interruption.ready],
                      imageRepository: cache?.imageOf(publicEcrImageRepositories.nodeTerminationHandler),
                  }),
              ]
            : [];
    const nodePools = createNodePools(ctx, {
        provider: control.provider,
        nodeIdentity,
        dependsOn: [releases.controller, ...terminationHandler, ...nodeIdentity.accessEntries, control.discoveryTag, ...network.subnetTags],
    });
    createWorkloadDefaults(ctx, {
        provider: control.provider,
        karpenterCrds: releases.crds,
        nodePools: nodePools.nodePools,
        smokeTestImage: cache && args.smokeTest ? cache.imageOf(args.smokeTest.image) : undefined,
    });
    if (args.spotServiceLinkedRole) {
        createSpotServiceLinkedRole(ctx);
    }
    const scheduling = criticalAddonsScheduling(args.nodeGroup.labels);
    return {
        clusterName: control.clusterName,
        kubeconfig: control.kubeconfig,
        provider: control.provider,
        cluster: control.cluster,
        oidcProviderArn: control.oidcProviderArn,
        controllerRoleArn: controller.role.arn,
        nodeRoleName: nodeIdentity.role.name,
        interruptionQueueName: interruption ? interruption.queue.name : pulumi.output(undefined),
        interruptionQueueUrl: interruption ? interruption.queue.url : pulumi.output(undefined),
        nodeGroupName: criticalAddons.nodeGroupName,
        discoveryTagValue: control.discoveryTag.value,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        criticalAddonsNodeSelector: scheduling.nodeSelector,
        criticalAddonsTolerations: scheduling.tolerations,
    };
}

/**
 * An EKS cluster ready for Karpenter v1: network with discovery tags, the control plane with
 * access entries and an OIDC provider, a critical-addons node group, the node and controller
 * roles, the interruption queue and its rules, the Karpenter charts, and the NodePools and
 * EC2NodeClasses from `args.karpenter`.
 *
 * Its outputs are the fields of {@link KarpenterClusterOutputs}, declared once there with their
 * documentation and merged into the class.
 */
export interface KarpenterCluster extends KarpenterClusterOutputs {}

export class KarpenterCluster extends pulumi.ComponentResource {
    constructor(name: string, args: KarpenterClusterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const resolved = validateAndResolve(name, args);
        // Checks of values known only during deployment (the region, Outputs) gate every child.
        const gate = new CreationGate({ ...args, clusterName: args.clusterName ?? name });
        super("karpenter-cluster:index:KarpenterCluster", name, {}, gate.options(opts));
        const outputs = createKarpenterCluster(name, resolved, this, gate);
        Object.assign(this, outputs);
        this.registerOutputs(outputs);
    }
}
