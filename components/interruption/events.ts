/**
 * The EventBridge events Karpenter (or the Node Termination Handler) handles, one rule each, as in
 * upstream's getting-started template. `key` names both the Pulumi resource and the AWS rule.
 */
export const interruptionEvents = [
    { key: "health", source: "aws.health", detailType: "AWS Health Event" },
    { key: "spot-interruption", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning" },
    { key: "rebalance", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation" },
    { key: "instance-state-change", source: "aws.ec2", detailType: "EC2 Instance State-change Notification" },
    {
        key: "capacity-reservation-interruption",
        source: "aws.ec2",
        detailType: "EC2 Capacity Reservation Instance Interruption Warning",
    },
] as const;

export type InterruptionEvent = (typeof interruptionEvents)[number];

export interface EventPattern {
    source: string[];
    "detail-type": string[];
}

export function eventPattern(event: InterruptionEvent): EventPattern {
    return { source: [event.source], "detail-type": [event.detailType] };
}

/** Upstream's target id; kept so rules look the same as the getting-started ones in the console. */
export const queueTargetId = "KarpenterInterruptionQueueTarget";
