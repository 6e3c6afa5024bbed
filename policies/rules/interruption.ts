/**
 * Spot interruption handling: exactly one consumer of the EC2 interruption events, and a queue
 * EventBridge can deliver to that only accepts TLS.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { controllersIn, usesInterruptionQueue } from "../lib/controller";
import { nthQueueMode, releaseLabel, releasesOf } from "../lib/helm";
import { parseStatements } from "../lib/iam";
import { commonTags, docsUrl, forKarpenterStacks } from "../lib/policy";
import { StackResource, StackView, k8sName, types } from "../lib/resources";
import { bool, isUnknown, str } from "../lib/values";
import { nodePoolAllowsSpot } from "./nodepools";

export const interruptionHandling: StackValidationPolicy = {
    name: "interruption-handling",
    description:
        "Checks that spot NodePools have interruption handling: a Karpenter interruption queue or the Node Termination Handler in queue mode, never both.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "interruption", "spot", "availability"],
    url: `${docsUrl}concepts/disruption/#interruption`,
    remediationSteps:
        "Create an SQS queue with EventBridge rules for spot interruption, rebalance, instance state-change and scheduled-change events, " +
        "and set settings.interruptionQueue on the karpenter release to the queue NAME. Remove the Node Termination Handler, or at least " +
        "its queue mode, once Karpenter handles interruptions: two consumers race to cordon and drain the same nodes.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const controllers = controllersIn(stack).filter((c) => c.visible);
        const nthReleases = releasesOf(stack, "aws-node-termination-handler");
        const nthInQueueMode = nthReleases.filter((r) => r.valuesVisible && nthQueueMode(r) === true);
        // A release whose values are not known yet (a new NTH role during preview) may well be in queue mode.
        const nthUndecided = nthReleases.some((r) => !r.valuesVisible || nthQueueMode(r) === undefined);
        const karpenterQueue = controllers.some(usesInterruptionQueue);
        if (karpenterQueue && nthInQueueMode.length > 0) {
            for (const nth of nthInQueueMode) {
                reportViolation(
                    `Node Termination Handler release "${releaseLabel(nth)}" runs in queue mode while Karpenter has an interruption queue; only one of them must handle interruptions (remove NTH or its queue mode).`,
                    nth.resource.urn,
                );
            }
        }
        for (const controller of controllers) {
            const queue = str(controller.interruptionQueue.value);
            const name = queue === undefined ? undefined : queueNameOf(queue);
            if (queue !== undefined && name !== undefined && name !== queue) {
                reportViolation(
                    `${controller.interruptionQueue.path} of the Karpenter controller (${controller.label}) is "${queue}"; it must be the queue's name ("${name}"), not its ARN or URL: Karpenter looks the queue up by name and fails with AWS.SimpleQueueService.NonExistentQueue, so interruptions are never handled.`,
                    controller.resource.urn,
                );
            }
        }
        if (controllers.length === 0 || karpenterQueue || nthInQueueMode.length > 0 || nthUndecided) {
            return;
        }
        for (const nodePool of stack.ofType(types.nodePool)) {
            if (nodePoolAllowsSpot(nodePool.props) === true) {
                reportViolation(
                    `NodePool "${k8sName(nodePool.props, nodePool.name)}" allows spot capacity but nothing handles interruptions; set settings.interruptionQueue on the karpenter release (or run the Node Termination Handler in queue mode).`,
                    nodePool.urn,
                );
            }
        }
    }),
};

/**
 * The queue name inside an SQS ARN (`arn:aws:sqs:<region>:<account>:<name>`) or URL
 * (`https://sqs.<region>.amazonaws.com/<account>/<name>`); a plain name is returned as is.
 */
function queueNameOf(value: string): string {
    if (value.startsWith("arn:")) {
        return value.split(":").slice(5).join(":");
    }
    if (/^https?:\/\//.test(value)) {
        return value.replace(/\/+$/, "").split("/").pop() ?? value;
    }
    return value;
}

/** Queues that Karpenter or NTH consume interruption events from. */
function interruptionQueues(stack: StackView): StackResource[] {
    const queues = stack.ofType(types.sqsQueue);
    const found = new Set<StackResource>();
    const byName = (name: string | undefined) => queues.filter((q) => name !== undefined && str(q.props.name) === name);
    for (const { interruptionQueue } of controllersIn(stack)) {
        byName(str(interruptionQueue.value)).forEach((q) => found.add(q));
        stack.referencedBy(interruptionQueue.holder, interruptionQueue.property).filter((r) => r.type === types.sqsQueue).forEach((q) => found.add(q));
    }
    for (const nth of releasesOf(stack, "aws-node-termination-handler").filter((r) => nthQueueMode(r) === true)) {
        const url = str(nth.values.queueURL);
        byName(url?.split("/").pop()).forEach((q) => found.add(q));
        stack.referencedBy(nth.resource, "values").filter((r) => r.type === types.sqsQueue).forEach((q) => found.add(q));
    }
    return [...found];
}

/** Policy documents that apply to the queue (its inline policy and QueuePolicy resources); undefined if any is unknown. */
function queuePolicyDocuments(stack: StackView, queue: StackResource): unknown[] | undefined {
    const docs: unknown[] = [];
    if (queue.props.policy !== undefined && queue.props.policy !== null && queue.props.policy !== "") {
        docs.push(queue.props.policy);
    }
    const name = str(queue.props.name);
    for (const qp of stack.ofType(types.sqsQueuePolicy)) {
        const url = str(qp.props.queueUrl);
        const targets = url !== undefined ? (name !== undefined && url.endsWith(`/${name}`)) || url === str(queue.props.url) : stack.referencedBy(qp, "queueUrl").includes(queue);
        if (targets) {
            docs.push(qp.props.policy);
        }
    }
    return docs.some(isUnknown) ? undefined : docs;
}

/** A Deny of all SQS actions when aws:SecureTransport is false. */
function deniesInsecureTransport(document: unknown): boolean | undefined {
    const statements = parseStatements(document);
    if (statements === undefined) {
        return undefined;
    }
    return statements.some((s) => {
        const allSqs = (s.actions ?? []).some((a) => a === "*" || a.toLowerCase() === "sqs:*");
        const bools = Object.entries(s.condition).filter(([op]) => op.toLowerCase() === "bool");
        const insecure = bools.some(([, block]) => Object.entries(block).some(([key, value]) => key.toLowerCase() === "aws:securetransport" && bool(Array.isArray(value) ? value[0] : value) === false));
        return s.effect === "Deny" && allSqs && insecure;
    });
}

const awsManagedSqsKey = /(^|:)alias\/aws\/sqs$/;

export const interruptionQueueSecure: StackValidationPolicy = {
    name: "interruption-queue-secure",
    description: "Checks that the interruption queue is encrypted with a key EventBridge can use and only accepts TLS requests.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "interruption", "security", "encryption"],
    url: `${docsUrl}concepts/disruption/#interruption`,
    remediationSteps:
        "Set sqsManagedSseEnabled: true (or a customer managed KMS key whose policy lets events.amazonaws.com use it; the AWS managed " +
        "alias/aws/sqs key cannot be granted to EventBridge, so events are silently dropped), and attach a queue policy with a Deny on " +
        "sqs:* when aws:SecureTransport is false.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        for (const queue of interruptionQueues(stack)) {
            const label = str(queue.props.name) ?? queue.name;
            const kmsKey = queue.props.kmsMasterKeyId;
            const kmsKeyId = str(kmsKey);
            if (kmsKeyId !== undefined && awsManagedSqsKey.test(kmsKeyId)) {
                reportViolation(`Interruption queue "${label}" must not use the AWS managed key alias/aws/sqs: EventBridge cannot encrypt with it, so interruption events never arrive. Use sqsManagedSseEnabled or a customer managed key.`, queue.urn);
            } else if ((kmsKeyId === undefined || kmsKeyId === "") && !isUnknown(kmsKey) && !isUnknown(queue.props.sqsManagedSseEnabled) && bool(queue.props.sqsManagedSseEnabled) !== true) {
                reportViolation(`Interruption queue "${label}" must enable server-side encryption (sqsManagedSseEnabled: true or a customer managed kmsMasterKeyId).`, queue.urn);
            }
            const docs = queuePolicyDocuments(stack, queue);
            if (docs === undefined) {
                continue;
            }
            const verdicts = docs.map(deniesInsecureTransport);
            if (!verdicts.includes(true) && !verdicts.includes(undefined)) {
                reportViolation(`Interruption queue "${label}" must have a queue policy that denies sqs:* when aws:SecureTransport is false (TLS only).`, queue.urn);
            }
        }
    }),
};

export const interruptionPolicies = [interruptionHandling, interruptionQueueSecure];
