import * as assert from "node:assert/strict";
import type { Policies, PolicyResource } from "@pulumi/policy";
import { EngineResource, evaluatePolicies, runPolicies } from "../../plan/policyHarness";
import { k8sProviderRef, unknownValue, urnOf, validStack, validStackWith, validStackWithout } from "./fixtures";

describe("policy harness", () => {
    it("returns zero findings for the valid stack, the same way every run", async () => {
        const first = await runPolicies(validStack());
        assert.deepEqual(first, []);
        const broken = () => validStackWithout("karpenter-node-access", "critical-addons");
        assert.deepEqual(await runPolicies(broken()), await runPolicies(broken().reverse()));
    });

    it("sorts findings by policy, then urn, then message", async () => {
        const resources = validStackWith("default-nodepool", (props) => {
            delete props.spec.limits;
            props.spec.disruption = {};
        });
        const findings = await runPolicies(resources);
        assert.deepEqual(
            findings.map((f) => f.policy),
            ["nodepool-disruption", "nodepool-disruption", "nodepool-limits-required"],
        );
        assert.ok(findings[0].message.includes("budgets") && findings[1].message.includes("consolidateAfter"), "messages sorted within a policy");
    });

    it("applies `all`, per-policy levels and `remediate` like --policy-pack-config", async () => {
        const resources = validStackWith("default-nodepool", (props) => delete props.spec.limits);
        const downgraded = await runPolicies(resources, { all: "advisory" });
        assert.deepEqual(downgraded.map((f) => [f.policy, f.enforcementLevel]), [["nodepool-limits-required", "advisory"]]);
        const perPolicyWins = await runPolicies(resources, { all: "advisory", "nodepool-limits-required": { enforcementLevel: "mandatory" } });
        assert.equal(perPolicyWins[0].enforcementLevel, "mandatory");
        const remediate = await runPolicies(resources, { "nodepool-limits-required": "remediate" });
        assert.equal(remediate[0].enforcementLevel, "mandatory");
        assert.deepEqual(await runPolicies(resources, { "nodepool-limits-required": "disabled" }), []);
        assert.deepEqual(await runPolicies(resources, { all: "disabled" }), []);
    });

    it("rejects config for unknown policies or properties outside the schema", async () => {
        await assert.rejects(runPolicies(validStack(), { "no-such-policy": "advisory" }), /unknown policy "no-such-policy"/);
        await assert.rejects(runPolicies(validStack(), { "ec2nodeclass-ami-pinned": { allowNewest: true } }), /property "allowNewest"/);
    });

    it("records notApplicable for resource policies meeting other types", async () => {
        const { notApplicable } = await evaluatePolicies(validStack());
        const queue = notApplicable.find((n) => n.policy === "nodepool-limits-required" && n.urn === urnOf("aws:sqs/queue:Queue", "interruption-queue"));
        assert.ok(queue, "the NodePool policy must be not applicable to the queue");
        assert.match(queue.reason ?? "", /kubernetes:karpenter\.sh\/v1:NodePool/);
        assert.ok(!notApplicable.some((n) => n.policy === "nodepool-limits-required" && n.urn === urnOf("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool")));
    });

    it("hides unknowns behind the SDK proxy, so a careless policy gets the engine's advisory notice", async () => {
        const careless: Policies = [
            {
                name: "careless",
                description: "Checks nothing.",
                enforcementLevel: "mandatory",
                validateResource: (args, report) => {
                    if (args.props.sqsManagedSseEnabled !== true) {
                        report("not encrypted");
                    }
                },
            },
        ];
        const resources = validStackWith("interruption-queue", (props) => (props.sqsManagedSseEnabled = unknownValue)).filter((r) => r.type === "aws:sqs/queue:Queue");
        const { findings } = await evaluatePolicies(resources, {}, { policies: careless });
        assert.equal(findings.length, 1);
        assert.equal(findings[0].enforcementLevel, "advisory");
        assert.match(findings[0].message, /^can't run policy 'careless' from policy pack 'karpenter-guardrails@v0\.2\.0' during preview: .*sqsManagedSseEnabled/);
    });

    it("unwraps secret values like the engine, and messages do not echo them", async () => {
        const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
        const resources = validStackWith("interruption-queue", (props) => (props.sqsManagedSseEnabled = secret(false)));
        const findings = await runPolicies(resources);
        assert.deepEqual(findings.map((f) => f.policy), ["interruption-queue-secure"]);
        assert.ok(!findings[0].message.includes("1b47061264138c4ac30d75fd1eb44270"));
        assert.deepEqual(await runPolicies(validStackWith("interruption-queue", (props) => (props.sqsManagedSseEnabled = secret(true)))), []);
    });

    it("never lets the pack's own policies trip over unknowns", async () => {
        const everythingUnknown = validStack().map((r) => {
            const props = Object.fromEntries(Object.keys(r.inputs).map((k) => [k, unknownValue]));
            return { ...r, inputs: props, outputs: props };
        });
        assert.deepEqual(await runPolicies(everythingUnknown), []);
    });

    it("passes providers, parents and dependencies the way the engine links them", async () => {
        const seen: Record<string, unknown> = {};
        const probe: Policies = [
            {
                name: "probe-resource",
                description: "Checks the resource args.",
                validateResource: (args) => {
                    if (args.name === "default-nodepool") {
                        seen.provider = args.provider && { type: args.provider.type, name: args.provider.name, urn: args.provider.urn };
                        seen.opts = args.opts;
                    }
                    if (args.name === "interruption-queue") {
                        seen.defaultProvider = args.provider?.name;
                    }
                },
            },
            {
                name: "probe-stack",
                description: "Checks the stack args.",
                validateStack: (args) => {
                    const attachment = args.resources.find((r) => r.name === "karpenter-node-lifecycle-attachment") as PolicyResource;
                    seen.dependencies = attachment.dependencies.map((d) => d.name);
                    seen.policyArnDeps = attachment.propertyDependencies.policyArn.map((d) => d.type);
                    seen.propertiesWithDependencies = Object.keys(attachment.propertyDependencies).sort();
                },
            },
        ];
        const resources = validStack();
        resources.find((r) => r.name === "karpenter-node-lifecycle-attachment")!.propertyDependencies.tags = [];
        await evaluatePolicies(resources, {}, { policies: probe });
        assert.deepEqual(seen.propertiesWithDependencies, ["policyArn", "role"]);
        assert.deepEqual(seen.provider, { type: "pulumi:providers:kubernetes", name: "k8s", urn: k8sProviderRef.slice(0, k8sProviderRef.lastIndexOf("::")) });
        assert.equal((seen.opts as { protect: boolean }).protect, false);
        assert.equal(seen.defaultProvider, "default");
        assert.deepEqual(seen.dependencies, ["karpenter-controller", "karpenter-node-lifecycle"]);
        assert.deepEqual(seen.policyArnDeps, ["aws:iam/policy:Policy"]);
    });

    it("gives resource policies the inputs, stack policies the outputs, and providers their inputs", async () => {
        const seen: Record<string, unknown> = {};
        const probe: Policies = [
            {
                name: "probe-resource",
                description: "Checks the resource args.",
                validateResource: (args) => {
                    if (args.name === "interruption-queue") {
                        seen.resource = args.props.name;
                    }
                    if (args.name === "default-nodepool") {
                        seen.provider = args.provider?.props.kubeconfig;
                    }
                },
            },
            {
                name: "probe-stack",
                description: "Checks the stack args.",
                validateStack: (args) => {
                    seen.stack = args.resources.find((r) => r.name === "interruption-queue")?.props.name;
                    seen.stackProvider = args.resources.find((r) => r.name === "default-nodepool")?.provider?.props.kubeconfig;
                },
            },
        ];
        const deployed = (name: string, outputs: Record<string, unknown>) => (r: EngineResource) => (r.name === name ? { ...r, outputs: { ...r.inputs, ...outputs } } : r);
        const resources = validStack().map(deployed("interruption-queue", { name: "from-outputs" })).map(deployed("k8s", { kubeconfig: "from-outputs" }));
        await evaluatePolicies(resources, {}, { policies: probe });
        assert.deepEqual(seen, { resource: "demo", stack: "from-outputs", provider: "{}", stackProvider: "{}" });
    });

    it("gives each validation its own copy of the props, a plain property it may overwrite, and asType the same copy", async () => {
        const copies: unknown[] = [];
        const queueClass = { __pulumiType: "aws:sqs/queue:Queue" };
        const probe: Policies = [
            {
                name: "probe-props",
                description: "Reads, compares and overwrites the props.",
                validateResource: [
                    (args) => {
                        if (args.name === "interruption-queue") {
                            copies.push(args.props);
                            assert.equal(args.asType(queueClass as never), args.props);
                            assert.deepEqual(Object.getOwnPropertyDescriptor(args, "props"), { value: args.props, writable: true, enumerable: true, configurable: true });
                            args.props = { name: "overwritten" };
                            assert.equal(args.props.name, "overwritten");
                        }
                    },
                    (args) => {
                        if (args.name === "interruption-queue") {
                            copies.push(args.props);
                        }
                    },
                ],
            },
        ];
        const { findings } = await evaluatePolicies(validStack(), {}, { policies: probe });
        assert.deepEqual(findings, []);
        assert.equal(copies.length, 2);
        assert.notEqual(copies[0], copies[1]);
        assert.equal((copies[1] as { name: string }).name, "demo");
    });

    it("files a stack policy's violation under the stack when the URN it names is no resource of the stack", async () => {
        const queueUrn = urnOf("aws:sqs/queue:Queue", "interruption-queue");
        const policies: Policies = [
            {
                name: "elsewhere",
                description: "Checks nothing.",
                validateStack: (_args, report) => {
                    report("in the stack", queueUrn);
                    report("not in the stack", urnOf("aws:sqs/queue:Queue", "gone"));
                },
            },
        ];
        const { findings } = await evaluatePolicies(validStack(), {}, { policies });
        assert.deepEqual(findings.map((f) => [f.message, f.urn]), [["not in the stack", undefined], ["in the stack", queueUrn]]);
    });

    it("surfaces a policy that throws, with the policy and resource named", async () => {
        const throwing: Policies = [{ name: "boom", description: "Checks nothing.", validateStack: () => { throw new Error("kaput"); } }];
        await assert.rejects(evaluatePolicies(validStack(), {}, { policies: throwing }), /policy 'boom': kaput/);
    });
});
