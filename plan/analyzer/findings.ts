/**
 * Analyzer diagnostics → the harness's PolicyFinding, as the engine reports them at pulumi v3.248.0.
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type { PolicyFinding } from "../policyHarness";

const { ADVISORY, MANDATORY, REMEDIATE } = analyzerProto.EnforcementLevel;

/**
 * `remediate` is reported as `mandatory` (pkg/resource/deploy/analyze_snapshot.go analyzeResource
 * and step_generator.go AnalyzeResources); a pack never reports a disabled policy.
 */
function reportedLevel(level: analyzerProto.EnforcementLevel, policy: string): PolicyFinding["enforcementLevel"] {
    if (level === ADVISORY) {
        return "advisory";
    }
    if (level === MANDATORY || level === REMEDIATE) {
        return "mandatory";
    }
    throw new Error(`policy "${policy}" reported a violation at enforcement level ${level}`);
}

/**
 * The policy's own message. pulumi-policy prefixes a string report with the policy's description
 * and a newline (v1.21.0 sdk/nodejs/policy/server.ts makeReportViolationFun), which the CLI prints
 * above the message; the finding keeps the two apart, as the harness does.
 */
function policyMessage(diagnostic: analyzerProto.AnalyzeDiagnostic): string {
    const message = diagnostic.getMessage();
    const prefix = `${diagnostic.getDescription()}\n`;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * A diagnostic as a finding filed under `urn`: the resource for Analyze (analyzeResource files every
 * diagnostic under the analyzed resource), for AnalyzeStack the URN the policy named if it is a
 * resource of the stack, else the stack itself, which a finding leaves without a URN.
 */
export function findingOf(diagnostic: analyzerProto.AnalyzeDiagnostic, urn: string | undefined): PolicyFinding {
    const policy = diagnostic.getPolicyname();
    return { policyPack: diagnostic.getPolicypackname(), policy, enforcementLevel: reportedLevel(diagnostic.getEnforcementlevel(), policy), urn, message: policyMessage(diagnostic) };
}
