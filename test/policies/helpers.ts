/**
 * Assertions over harness findings: a case names the one policy it expects to trip, with its level
 * and the part of the message that matters, and fails if any other policy fires.
 */
import * as assert from "node:assert/strict";
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { EngineResource, PolicyFinding, PolicyPackConfigJson, runPolicies } from "../../plan/policyHarness";

export interface ExpectedFinding {
    policy: string;
    level: "advisory" | "mandatory";
    /** Substring or pattern the message must contain. */
    message: string | RegExp;
    urn?: string;
}

function describe(findings: PolicyFinding[]): string {
    return findings.map((f) => `  [${f.enforcementLevel}] ${f.policy} ${f.urn ?? "(stack)"}: ${f.message}`).join("\n") || "  (none)";
}

/** Runs the pack and asserts the findings are exactly the expected ones (one finding each). */
export async function expectFindings(resources: EngineResource[], expected: ExpectedFinding[], config?: PolicyPackConfigJson): Promise<PolicyFinding[]> {
    const findings = await runPolicies(resources, config);
    assert.equal(findings.length, expected.length, `expected ${expected.length} finding(s), got:\n${describe(findings)}`);
    for (const want of expected) {
        const match = findings.find(
            (f) =>
                f.policy === want.policy &&
                f.enforcementLevel === want.level &&
                (typeof want.message === "string" ? f.message.includes(want.message) : want.message.test(f.message)) &&
                (want.urn === undefined || f.urn === want.urn),
        );
        assert.ok(match, `no finding matches ${JSON.stringify({ ...want, message: String(want.message) })}; got:\n${describe(findings)}`);
        assert.equal(match.policyPack, "karpenter-guardrails");
    }
    return findings;
}

export async function expectNoFindings(resources: EngineResource[], config?: PolicyPackConfigJson): Promise<void> {
    await expectFindings(resources, [], config);
}

/** Calls a resource policy directly with minimal args, recording violations and notApplicable. */
export async function callResourcePolicy(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, unknown>,
    config: Record<string, unknown> = {},
): Promise<{ violations: string[]; notApplicable?: string }> {
    const violations: string[] = [];
    class NotApplicable extends Error {}
    const args = {
        type,
        props,
        urn: `urn:pulumi:dev::karpenter::${type}::direct`,
        name: "direct",
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map<string, string>(),
        isType: () => false,
        asType: () => undefined,
        getConfig: () => config,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    } as unknown as ResourceValidationArgs;
    const report: ReportViolation = (message) => violations.push(message);
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    try {
        for (const validate of validations) {
            await validate?.(args, report);
        }
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { violations, notApplicable: e.message };
        }
        throw e;
    }
    return { violations };
}
