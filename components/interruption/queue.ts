import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { renderPolicy } from "../iam/policyDocument";
import { arn } from "../iam/partition";
import { interruptionQueuePolicy } from "./queuePolicy";
import { eventPattern, interruptionEvents, queueTargetId } from "./events";

export interface InterruptionQueue {
    queue: aws.sqs.Queue;
    /** The queue's name and ARN, known before it exists so that documents using them are known in a preview. */
    name: string;
    arn: pulumi.Output<string>;
    /** The queue with its policy and every rule in place: what a reader must wait for. */
    ready: pulumi.Resource[];
}

/**
 * The SQS queue the interruption events land in, encrypted with SSE-SQS (EventBridge cannot
 * publish to a queue under the `alias/aws/sqs` KMS key), TLS-only, and one EventBridge rule per
 * event. Messages older than five minutes are useless: the interruption has happened.
 */
export function createInterruptionQueue(ctx: BuildContext): InterruptionQueue {
    const { name, names, parent } = ctx;
    const tags = ctx.args.tags;
    const queue = new aws.sqs.Queue(
        `${name}-interruption-queue`,
        { name: names.interruptionQueue, messageRetentionSeconds: 300, sqsManagedSseEnabled: true, tags },
        { parent },
    );
    const queueArn = ctx.aws.apply((aws) => arn(aws, "sqs", names.interruptionQueue));
    const queuePolicy = new aws.sqs.QueuePolicy(
        `${name}-interruption-queue-policy`,
        { queueUrl: queue.url, policy: queueArn.apply((a) => renderPolicy(interruptionQueuePolicy(a))) },
        { parent },
    );
    const ready: pulumi.Resource[] = [queue, queuePolicy];
    for (const event of interruptionEvents) {
        const rule = new aws.cloudwatch.EventRule(
            `${name}-${event.key}-rule`,
            {
                name: names.interruptionRule(event.key),
                description: `Karpenter interruption handling: ${event.detailType}`,
                eventPattern: JSON.stringify(eventPattern(event)),
                tags,
            },
            { parent },
        );
        const target = new aws.cloudwatch.EventTarget(
            `${name}-${event.key}-target`,
            { rule: rule.name, targetId: queueTargetId, arn: queue.arn },
            { parent, dependsOn: [queuePolicy] },
        );
        ready.push(rule, target);
    }
    return { queue, name: names.interruptionQueue, arn: queueArn, ready };
}
