import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { renderPolicy } from "../iam/policyDocument";
import { interruptionQueuePolicy } from "./queuePolicy";
import { eventPattern, interruptionEvents, queueTargetId } from "./events";

export interface InterruptionQueue {
    queue: aws.sqs.Queue;
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
    const queuePolicy = new aws.sqs.QueuePolicy(
        `${name}-interruption-queue-policy`,
        { queueUrl: queue.url, policy: queue.arn.apply((queueArn) => renderPolicy(interruptionQueuePolicy(queueArn))) },
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
    return { queue, ready };
}
