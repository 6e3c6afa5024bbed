import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { exitCodes, parseCommandLine, readPolicyConfig, runCli, UsageError } from "./cliSupport";
import { checkClusterNames, clusterNameWarnings } from "./clusterNames";
import { planStack } from "./planStack";
import { StackFileNotFoundError } from "./stackConfig";
import { renderMermaid } from "./render/mermaid";
import { renderCost } from "./cost";
import { mandatoryCount, renderCounts, renderFindings, renderTree } from "./render/text";

const usage = `Usage: npm run plan -- [--stack NAME] [--config-file PATH] [--project-dir DIR] [--policy-config FILE] [--preview] [--json] [--graph FILE] [--verbose]

Runs the program with the stack's config in-process, with AWS and Kubernetes mocked, and checks
the result with the karpenter-guardrails policy pack. --preview plans it as the first preview of
a new stack, where every computed output (ids, ARNs, the cluster's endpoint) is still unknown.
NAME is a stack name (Pulumi.NAME.yaml), not an org/project/stack reference.`;

function parse() {
    return parseCommandLine({
        options: {
            stack: { type: "string", default: "dev" },
            "config-file": { type: "string" },
            "project-dir": { type: "string", default: "." },
            "policy-config": { type: "string" },
            preview: { type: "boolean", default: false },
            json: { type: "boolean", default: false },
            graph: { type: "string" },
            verbose: { type: "boolean", default: false },
            help: { type: "boolean", default: false },
        },
    });
}

/** The rules of the Pulumi CLI's `ParseStackName` (sdk/go/common/tokens/stack_name.go). */
function stackNameProblem(name: string): string | undefined {
    if (name === "") {
        return "a stack name may not be empty";
    }
    if (name.length > 100) {
        return "a stack name cannot exceed 100 characters";
    }
    const invalid = /[^A-Za-z0-9_.-]/.exec(name);
    return invalid ? `a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character "${invalid[0]}" at position ${invalid.index}` : undefined;
}

/**
 * Errors Pulumi's own program runner reports as a message without a stack trace (sdk/nodejs/cmd/run/run.ts):
 * the program rejecting its config. Anything else is a crash.
 */
function isUserFacing(error: Error): boolean {
    if (pulumi.ResourceError.isInstance(error)) {
        return error.hideStack === true;
    }
    return pulumi.RunError.isInstance(error);
}

async function main({ values }: ReturnType<typeof parse>): Promise<number> {
    const problem = stackNameProblem(values.stack);
    if (problem) {
        throw new UsageError(`--stack ${JSON.stringify(values.stack)}: ${problem}`);
    }
    if (!fs.existsSync(path.join(values["project-dir"], "Pulumi.yaml"))) {
        throw new UsageError(`--project-dir ${values["project-dir"]} is not a Pulumi project: it has no Pulumi.yaml`);
    }
    const plan = await planStack({
        projectDir: values["project-dir"],
        stack: values.stack,
        configFile: values["config-file"],
        policyConfig: readPolicyConfig(values["policy-config"]),
        firstPreview: values.preview,
    }).catch((error: unknown) => {
        throw error instanceof StackFileNotFoundError ? new UsageError(error.message) : error;
    });
    // On stderr, so --json output stays the stack export alone.
    for (const warning of clusterNameWarnings(plan.stack, checkClusterNames(values["project-dir"], values.stack, values["config-file"]))) {
        process.stderr.write(`${warning}\n`);
    }
    if (values.verbose) {
        for (const error of plan.errors) {
            process.stderr.write(`${error.stack ?? error.message}\n`);
        }
    }
    if (values.graph) {
        fs.writeFileSync(values.graph, renderMermaid(plan.resources));
    }
    const mandatory = mandatoryCount(plan.findings);
    if (values.json) {
        const extras = {
            ...(plan.costEstimate !== undefined ? { costEstimate: plan.costEstimate } : {}),
            ...(plan.genericMocks.length > 0 ? { genericMocks: plan.genericMocks } : {}),
        };
        process.stdout.write(`${JSON.stringify({ ...plan.stackExport, ...extras }, null, 2)}\n`);
    }
    if (plan.problems.length > 0) {
        const crashed = !plan.errors.every(isUserFacing);
        process.stderr.write(
            `Stack ${plan.stack} cannot be planned${crashed ? ", the program failed" : ""}:\n${plan.problems.map((p) => `  - ${p}`).join("\n")}\n${crashed && !values.verbose ? "Run with --verbose for the stack trace.\n" : ""}`,
        );
        return crashed ? exitCodes.failed : exitCodes.findings;
    }
    if (!values.json) {
        process.stdout.write(
            [
                `Plan of stack ${plan.stack} (project ${plan.project}), offline: AWS and Kubernetes are mocked${values.preview ? ", as in the first preview of a new stack" : ""}.`,
                "",
                renderTree(plan.resources),
                "",
                "Resources by type:",
                renderCounts(plan.resources),
                "",
                ...(plan.genericMocks.length > 0 ? [genericMocksLine(plan.genericMocks), ""] : []),
                ...(plan.costEstimate !== undefined ? [renderCost(plan.costEstimate), ""] : []),
                "Policy findings (karpenter-guardrails):",
                renderFindings(plan.findings),
                "",
                `${plan.resources.length} resources, ${mandatory} mandatory and ${plan.findings.length - mandatory} advisory findings.${values.graph ? ` Graph written to ${values.graph}.` : ""}`,
                "",
            ].join("\n"),
        );
    }
    if (mandatory > 0) {
        process.stderr.write(`Stack ${plan.stack} violates ${mandatory} mandatory polic${mandatory === 1 ? "y" : "ies"}.\n`);
        return exitCodes.findings;
    }
    return exitCodes.clean;
}

/** The types the plan knows only by the generic mock, whose computed outputs it cannot show. */
function genericMocksLine(types: string[]): string {
    return `Mocked generically (inputs echoed, ids and ARNs derived where the type's shape is known, other outputs missing): ${types.join(", ")}`;
}

void runCli({ usage, parse, run: main });
