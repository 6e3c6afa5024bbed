import { PolicyDocument, policyDocument } from "../iam/policyDocument";

/**
 * Lets EventBridge (and SQS itself, for redrive) deliver to the queue, and refuses every request
 * that does not use TLS.
 */
export function interruptionQueuePolicy(queueArn: string): PolicyDocument {
    return policyDocument(
        [
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
        ],
        "EC2InterruptionPolicy",
    );
}
