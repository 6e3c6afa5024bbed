/**
 * Running the real policy pack over gRPC from tests: launch it once per describe block, hand it
 * resources in stack-export form, and assert which policies fire, as the CLI would report them.
 */
import * as assert from "node:assert/strict";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { buildPolicyPack } from "../../../plan/analyzer/build";
import { AnalyzerHost, AnalyzerHostOptions, launchAnalyzerHost, StackAnalysis } from "../../../plan/analyzerHost";
import { EngineResource, PolicyFinding } from "../../../plan/policyHarness";
import { StackExportResource } from "../../../plan/stackExport";

/** The repository's pack, which the CLI runs from its compiled `bin/`. */
export const policiesDir = path.resolve(__dirname, "../../../policies");

/**
 * Compiles the pack if its sources are newer than its `bin/` (as `npm ci` in `policies/` does),
 * launches it in a `before` hook of the calling describe block and stops it in `after`; the
 * returned function gives the running host inside its tests.
 */
export function usePolicyPack(options: AnalyzerHostOptions = {}): () => AnalyzerHost {
    let host: AnalyzerHost | undefined;
    before(async () => {
        buildPolicyPack(options.packDir ?? policiesDir);
        host = await launchAnalyzerHost(options);
    });
    after(async () => {
        await host?.close();
    });
    return () => {
        assert.ok(host, "the policy pack is not running: call usePolicyPack() inside a describe block");
        return host;
    };
}

function exportValue(value: unknown): unknown {
    const sig = pulumi.runtime.specialSigKey;
    if (value !== null && typeof value === "object" && (value as Record<string, unknown>)[sig] === pulumi.runtime.specialSecretSig) {
        return { [sig]: pulumi.runtime.specialSecretSig, plaintext: JSON.stringify(exportValue((value as { value: unknown }).value)) };
    }
    if (Array.isArray(value)) {
        return value.map(exportValue);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exportValue(v)]));
    }
    return value;
}

/** The harness fixtures (test/policies/fixtures.ts) in stack-export form; secrets become `{sig, plaintext}`. */
export function toExportResources(resources: EngineResource[]): StackExportResource[] {
    return resources.map((r) => ({
        urn: r.urn,
        custom: r.custom,
        type: r.type,
        inputs: exportValue(r.inputs) as Record<string, unknown>,
        outputs: exportValue(r.outputs) as Record<string, unknown>,
        ...(r.parent !== undefined ? { parent: r.parent } : {}),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        ...(r.provider !== undefined ? { provider: r.provider } : {}),
        ...(r.aliases !== undefined ? { aliases: r.aliases } : {}),
    }));
}

export interface GrpcRun extends Partial<Omit<StackAnalysis, "resources">> {
    resources: readonly StackExportResource[];
}

/** Analyzes as a preview of the stack and project the first URN names, unless told otherwise. */
export function analyze(host: AnalyzerHost, run: GrpcRun): Promise<PolicyFinding[]> {
    const [prefix = "", project = ""] = run.resources[0]?.urn.split("::") ?? [];
    return host.analyze({ stack: prefix.split(":").pop() ?? "", project, dryRun: true, ...run });
}

function describeFindings(findings: PolicyFinding[]): string {
    return findings.map((f) => `  [${f.enforcementLevel}] ${f.policy} ${f.urn ?? "(stack)"}: ${f.message}`).join("\n") || "  (none)";
}

export interface ExpectedViolation {
    policy: string;
    level?: "advisory" | "mandatory";
    /** Substring or pattern the message must contain. */
    message?: string | RegExp;
    urn?: string;
}

/** Asserts the policy fires through the gRPC path; returns that policy's findings. */
export async function expectGrpcViolation(host: AnalyzerHost, run: GrpcRun, expected: ExpectedViolation): Promise<PolicyFinding[]> {
    const findings = (await analyze(host, run)).filter((f) => f.policy === expected.policy);
    const match = findings.find(
        (f) =>
            (expected.level === undefined || f.enforcementLevel === expected.level) &&
            (expected.urn === undefined || f.urn === expected.urn) &&
            (expected.message === undefined || (typeof expected.message === "string" ? f.message.includes(expected.message) : expected.message.test(f.message))),
    );
    assert.ok(match, `no finding matches ${JSON.stringify({ ...expected, message: String(expected.message) })}; ${expected.policy} reported:\n${describeFindings(findings)}`);
    return findings;
}

/** Asserts the policy does not fire through the gRPC path. */
export async function expectNoGrpcViolation(host: AnalyzerHost, run: GrpcRun, policy: string): Promise<void> {
    const findings = (await analyze(host, run)).filter((f) => f.policy === policy);
    assert.deepEqual(findings, [], `${policy} fired:\n${describeFindings(findings)}`);
}
