import * as fs from "fs";
import { parseArgs } from "util";
import { readPolicyConfig, runCli } from "./cliSupport";
import { runPolicies } from "./policyHarness";
import { parseStackExport, toEngineResources } from "./stackExport";
import { mandatoryCount, renderFindings } from "./render/text";

const usage = `Usage: npm run check -- FILE [--policy-config FILE] [--json] [--verbose]

Evaluates the karpenter-guardrails policy pack against a stack export: the offline plan's --json
output or a real \`pulumi stack export\`. Exit code 0: no mandatory violation; 1: mandatory
violations; 2: the file could not be checked.`;

const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
        "policy-config": { type: "string" },
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
    },
});

async function main(): Promise<number> {
    if (values.help || positionals.length !== 1) {
        process.stdout.write(`${usage}\n`);
        return values.help ? 0 : 2;
    }
    const file = positionals[0];
    const doc = parseStackExport(fs.readFileSync(file, "utf8"), file);
    const findings = await runPolicies(toEngineResources(doc), readPolicyConfig(values["policy-config"]));
    const mandatory = mandatoryCount(findings);
    if (values.json) {
        process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
    } else {
        process.stdout.write(
            `Policy findings (karpenter-guardrails) for ${file}, ${doc.deployment.resources.length} resources:\n${renderFindings(findings)}\n\n${mandatory} mandatory and ${findings.length - mandatory} advisory findings.\n`,
        );
    }
    return mandatory > 0 ? 1 : 0;
}

void runCli(main, values.verbose ?? false);
