import * as fs from "fs";
import { parseArgs } from "util";
import { readPolicyConfig, runCli } from "./cliSupport";
import { planStack } from "./planStack";
import { renderMermaid } from "./render/mermaid";
import { mandatoryCount, renderCounts, renderFindings, renderTree } from "./render/text";

const usage = `Usage: npm run plan -- [--stack NAME] [--config-file PATH] [--project-dir DIR] [--policy-config FILE] [--preview] [--json] [--graph FILE] [--verbose]

Runs the program with the stack's config in-process, with AWS and Kubernetes mocked, and checks
the result with the karpenter-guardrails policy pack. --preview plans it as the first preview of
a new stack, where every computed output (ids, ARNs, the cluster's endpoint) is still unknown. Exit code 0: no problem and no mandatory
policy violation; 1: problems or mandatory violations; 2: the plan could not run.`;

const { values } = parseArgs({
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

async function main(): Promise<number> {
    if (values.help) {
        process.stdout.write(`${usage}\n`);
        return 0;
    }
    const plan = await planStack({
        projectDir: values["project-dir"]!,
        stack: values.stack!,
        configFile: values["config-file"],
        policyConfig: readPolicyConfig(values["policy-config"]),
        firstPreview: values.preview,
    });
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
        process.stdout.write(`${JSON.stringify(plan.stackExport, null, 2)}\n`);
    }
    if (plan.problems.length > 0) {
        process.stderr.write(`Stack ${plan.stack} cannot be planned:\n${plan.problems.map((p) => `  - ${p}`).join("\n")}\n`);
        return 1;
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
        return 1;
    }
    return 0;
}

void runCli(main, values.verbose ?? false);
