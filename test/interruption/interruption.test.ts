import * as assert from "node:assert/strict";
import { eventPattern, interruptionEvents, interruptionQueuePolicy, terminationHandlerPolicy, terminationHandlerValues } from "../../components";

const queueArn = "arn:aws:sqs:us-west-2:111122223333:prod";

describe("interruption handling", () => {
    it("routes the five events Karpenter handles", () => {
        assert.deepEqual(
            interruptionEvents.map(eventPattern),
            [
                { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
                { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
                { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
                { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
                { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
            ],
        );
    });

    it("lets EventBridge and SQS send, and denies any request without TLS", () => {
        assert.deepEqual(interruptionQueuePolicy(queueArn).Statement, [
            {
                Sid: "AllowEventDelivery",
                Effect: "Allow",
                Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
                Action: "sqs:SendMessage",
                Resource: queueArn,
            },
            {
                Sid: "DenyHTTP",
                Effect: "Deny",
                Principal: "*",
                Action: "sqs:*",
                Resource: queueArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);
    });

    it("gives the Node Termination Handler the queue and read-only EC2 and ASG lookups", () => {
        const [queue, describe, lifecycle] = terminationHandlerPolicy(queueArn).Statement;
        assert.deepEqual(queue, { Sid: "ConsumeInterruptionQueue", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:ReceiveMessage"], Resource: queueArn });
        assert.deepEqual(describe.Action, ["ec2:DescribeInstances", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags"]);
        assert.equal(lifecycle.Action, "autoscaling:CompleteLifecycleAction");
    });

    it("runs the Node Termination Handler in queue mode, off Karpenter nodes, draining only tagged instances", () => {
        const values = terminationHandlerValues({
            queueUrl: "https://sqs.us-west-2.amazonaws.com/111122223333/prod",
            region: "us-west-2",
            roleArn: "arn:aws:iam::111122223333:role/nth",
            nodeGroupLabels: { "critical-addons": "true" },
        }) as Record<string, any>;
        assert.equal(values.enableSqsTerminationDraining, true);
        assert.equal(values.queueURL, "https://sqs.us-west-2.amazonaws.com/111122223333/prod");
        assert.equal(values.awsRegion, "us-west-2");
        assert.equal(values.checkTagBeforeDraining, true);
        assert.equal(values.managedTag, "aws-node-termination-handler/managed");
        assert.deepEqual(values.serviceAccount.annotations, { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/nth" });
        assert.deepEqual(values.nodeSelector, { "critical-addons": "true" });
        assert.deepEqual(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
            { matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] },
        ]);
    });
});
