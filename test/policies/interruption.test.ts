import { k8sProviderRef, resource, unknownValue, propsOf, urnOf, validStack, validStackWith } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const queueUrn = urnOf("aws:sqs/queue:Queue", "interruption-queue");

function withNth(queueMode: boolean) {
    const resources = validStack();
    resources.push(
        resource(
            "kubernetes:helm.sh/v3:Release",
            "nth",
            {
                name: "aws-node-termination-handler",
                chart: "oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler",
                version: "0.27.6",
                namespace: "kube-system",
                values: { enableSqsTerminationDraining: queueMode, queueURL: "https://sqs.us-west-2.amazonaws.com/111122223333/demo" },
            },
            { provider: k8sProviderRef },
        ),
    );
    return resources;
}

describe("interruption-handling", () => {
    const releaseUrn = urnOf("kubernetes:helm.sh/v3:Release", "karpenter");

    for (const [given, shape] of [
        ["arn:aws:sqs:us-west-2:111122223333:demo", "ARN"],
        ["https://sqs.us-west-2.amazonaws.com/111122223333/demo", "URL"],
    ] as const) {
        it(`reports settings.interruptionQueue given as the queue's ${shape} instead of its name`, async () => {
            await expectFindings(validStackWith("karpenter", (props) => (props.values.settings.interruptionQueue = given)), [
                {
                    policy: "interruption-handling",
                    level: "mandatory",
                    message: `settings.interruptionQueue of the Karpenter controller (Helm release "karpenter") is "${given}"; it must be the queue's name ("demo"), not its ARN or URL`,
                    urn: releaseUrn,
                },
            ]);
        });
    }

    it("does not block a preview where the Node Termination Handler's values are not known yet", async () => {
        const resources = withNth(true);
        propsOf(resources, "karpenter").values.settings.interruptionQueue = "";
        propsOf(resources, "nth").values = unknownValue;
        await expectNoFindings(resources);
    });

    it("reports a spot NodePool when the controller has no interruption queue", async () => {
        await expectFindings(
            validStackWith("karpenter", (props) => (props.values.settings.interruptionQueue = "")),
            [
                {
                    policy: "interruption-handling",
                    level: "mandatory",
                    message: 'NodePool "default" allows spot capacity but nothing handles interruptions',
                    urn: urnOf("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool"),
                },
            ],
        );
    });

    it("accepts an on-demand-only NodePool without a queue", async () => {
        const resources = validStackWith("karpenter", (props) => delete props.values.settings.interruptionQueue);
        const capacity = propsOf(resources, "default-nodepool").spec.template.spec.requirements.find((r: { key: string }) => r.key === "karpenter.sh/capacity-type");
        capacity.values = ["on-demand"];
        await expectNoFindings(resources);
    });

    it("reports a NodePool without a capacity-type requirement: Karpenter then prefers spot", async () => {
        const resources = validStackWith("karpenter", (props) => delete props.values.settings.interruptionQueue);
        const template = propsOf(resources, "default-nodepool").spec.template;
        template.spec.requirements = template.spec.requirements.filter((r: { key: string }) => r.key !== "karpenter.sh/capacity-type");
        await expectFindings(resources, [{ policy: "interruption-handling", level: "mandatory", message: 'NodePool "default" allows spot capacity' }]);
    });

    it("accepts NTH in queue mode instead of the Karpenter queue", async () => {
        const resources = withNth(true);
        propsOf(resources, "karpenter").values.settings.interruptionQueue = "";
        await expectNoFindings(resources);
    });

    it("reports NTH in queue mode next to Karpenter's own queue", async () => {
        await expectFindings(withNth(true), [
            { policy: "interruption-handling", level: "mandatory", message: 'Node Termination Handler release "aws-node-termination-handler" runs in queue mode while Karpenter has an interruption queue' },
        ]);
    });

    it("accepts NTH in IMDS mode next to the queue, and an interruption queue name that is unknown during preview", async () => {
        await expectNoFindings(withNth(false));
        await expectNoFindings(validStackWith("karpenter", (props) => (props.values.settings.interruptionQueue = unknownValue)));
    });
});

describe("interruption-queue-secure", () => {
    it("reports a queue without server-side encryption", async () => {
        await expectFindings(validStackWith("interruption-queue", (props) => (props.sqsManagedSseEnabled = false)), [
            { policy: "interruption-queue-secure", level: "mandatory", message: 'Interruption queue "demo" must enable server-side encryption', urn: queueUrn },
        ]);
    });

    it("reports the AWS managed alias/aws/sqs key", async () => {
        await expectFindings(
            validStackWith("interruption-queue", (props) => {
                props.sqsManagedSseEnabled = false;
                props.kmsMasterKeyId = "alias/aws/sqs";
            }),
            [{ policy: "interruption-queue-secure", level: "mandatory", message: "must not use the AWS managed key alias/aws/sqs: EventBridge cannot encrypt with it" }],
        );
    });

    it("accepts a customer managed key", async () => {
        await expectNoFindings(
            validStackWith("interruption-queue", (props) => {
                delete props.sqsManagedSseEnabled;
                props.kmsMasterKeyId = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            }),
        );
    });

    it("reports a queue policy without the TLS-only deny", async () => {
        const allowOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" }] });
        await expectFindings(validStackWith("interruption-queue-policy", (props) => (props.policy = allowOnly)), [
            { policy: "interruption-queue-secure", level: "mandatory", message: "must have a queue policy that denies sqs:* when aws:SecureTransport is false" },
        ]);
    });

    it("reports an interruption queue with no queue policy at all", async () => {
        await expectFindings(validStack().filter((r) => r.name !== "interruption-queue-policy"), [{ policy: "interruption-queue-secure", level: "mandatory", message: "(TLS only)" }]);
    });

    it("accepts a boolean SecureTransport condition and a queue policy whose URL is still unknown", async () => {
        await expectNoFindings(
            validStackWith("interruption-queue-policy", (props) => {
                const doc = JSON.parse(props.policy);
                doc.Statement[1].Condition.Bool["aws:SecureTransport"] = false;
                props.policy = doc;
            }),
        );
        const resources = validStackWith("interruption-queue-policy", (props) => (props.queueUrl = unknownValue));
        resources.find((r) => r.name === "interruption-queue-policy")!.propertyDependencies = { queueUrl: [queueUrn] };
        await expectNoFindings(resources);
    });

    it("finds the queue through the release's property dependencies when its name is unknown", async () => {
        const resources = validStackWith("karpenter", (props) => (props.values.settings.interruptionQueue = unknownValue));
        resources.find((r) => r.name === "karpenter")!.propertyDependencies = { values: [queueUrn] };
        propsOf(resources, "interruption-queue").sqsManagedSseEnabled = false;
        await expectFindings(resources, [{ policy: "interruption-queue-secure", level: "mandatory", message: "must enable server-side encryption" }]);
    });

    it("ignores queues that are not interruption queues", async () => {
        const resources = validStack();
        resources.push(resource("aws:sqs/queue:Queue", "jobs", { name: "jobs" }));
        await expectNoFindings(resources);
    });
});
