import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { criticalAddonsScheduling } from "../cluster/criticalAddonsScheduling";
import { BuildContext } from "../buildContext";
import { PolicyDocument, policyDocument, renderPolicy } from "../iam/policyDocument";
import { irsaTrustPolicy } from "../iam/trustPolicies";
import { createRole, roleArnOf } from "../iam/roles";
import { InterruptionQueue } from "./queue";
import { nodePoolLabel } from "../karpenter/helmValues";
import { terminationHandlerManagedTag } from "../nodepools/specs";
import { nodeTerminationHandlerChart } from "../versions";

export const terminationHandlerServiceAccount = "aws-node-termination-handler";

/** What NTH's queue processor calls: the queue, instance lookups, and ASG lifecycle hooks. */
export function terminationHandlerPolicy(queueArn: string): PolicyDocument {
    return policyDocument([
        { Sid: "ConsumeInterruptionQueue", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:ReceiveMessage"], Resource: queueArn },
        {
            Sid: "DescribeNodes",
            Effect: "Allow",
            Action: ["ec2:DescribeInstances", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags"],
            Resource: "*",
        },
        { Sid: "CompleteLifecycleActions", Effect: "Allow", Action: "autoscaling:CompleteLifecycleAction", Resource: "*" },
    ]);
}

export interface TerminationHandlerValuesInputs {
    queueUrl: pulumi.Input<string>;
    region: pulumi.Input<string>;
    roleArn: pulumi.Input<string>;
    nodeGroupLabels: Record<string, string>;
    /** The image's repository, e.g. through a pull-through cache; undefined keeps the chart's. */
    imageRepository?: pulumi.Input<string>;
}

/** aws-node-termination-handler values for queue-processor mode, placed like the Karpenter controller. */
export function terminationHandlerValues(inputs: TerminationHandlerValuesInputs): Record<string, unknown> {
    return {
        ...(inputs.imageRepository !== undefined ? { image: { repository: inputs.imageRepository } } : {}),
        enableSqsTerminationDraining: true,
        queueURL: inputs.queueUrl,
        awsRegion: inputs.region,
        // Only Karpenter's instances carry the managed tag (see the EC2NodeClass tags).
        checkTagBeforeDraining: true,
        managedTag: terminationHandlerManagedTag,
        replicas: 2,
        podDisruptionBudget: { maxUnavailable: 1 },
        serviceAccount: { create: true, name: terminationHandlerServiceAccount, annotations: { "eks.amazonaws.com/role-arn": inputs.roleArn } },
        ...criticalAddonsScheduling(inputs.nodeGroupLabels),
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [{ matchExpressions: [{ key: nodePoolLabel, operator: "DoesNotExist" }] }],
                },
            },
        },
    };
}

export interface TerminationHandlerInputs {
    queue: InterruptionQueue;
    oidcProviderArn: pulumi.Output<string>;
    oidcProviderUrl: pulumi.Output<string>;
    provider: k8s.Provider;
    dependsOn: pulumi.Resource[];
    /** The image's repository; undefined keeps the chart's. */
    imageRepository?: pulumi.Input<string>;
}

/**
 * The Node Termination Handler in queue-processor mode, with its own IRSA role on the same queue.
 * Always IRSA: NTH's SDK predates EKS Pod Identity.
 */
export function createTerminationHandler(ctx: BuildContext, inputs: TerminationHandlerInputs): k8s.helm.v3.Release {
    const { name, args, names, parent } = ctx;
    const namespace = "kube-system";
    const trust = pulumi
        .all([inputs.oidcProviderArn, inputs.oidcProviderUrl])
        .apply(([providerArn, url]) => irsaTrustPolicy(providerArn, url, { namespace, serviceAccount: terminationHandlerServiceAccount }));
    const { role } = createRole(ctx, "nth", names.terminationHandlerRole, trust, {});
    const policy = new aws.iam.RolePolicy(
        `${name}-nth-policy`,
        { name: names.terminationHandlerPolicy, role: role.name, policy: inputs.queue.arn.apply((queueArn) => renderPolicy(terminationHandlerPolicy(queueArn))) },
        { parent },
    );
    return new k8s.helm.v3.Release(
        `${name}-nth`,
        {
            name: "aws-node-termination-handler",
            chart: nodeTerminationHandlerChart.chart,
            version: args.karpenter.nodeTerminationHandlerVersion,
            namespace,
            values: terminationHandlerValues({
                queueUrl: inputs.queue.queue.url,
                region: ctx.region,
                roleArn: roleArnOf(ctx, names.terminationHandlerRole),
                nodeGroupLabels: args.nodeGroup.labels,
                imageRepository: inputs.imageRepository,
            }),
            cleanupOnFail: true,
        },
        { parent, provider: inputs.provider, dependsOn: [policy, ...inputs.dependsOn] },
    );
}
