import * as fs from "fs";
import { exitCodes, parseCommandLine, readPolicyConfig, runCli, UsageError } from "./cliSupport";
import { runPolicies } from "./policyHarness";
import { parseStackExport, toEngineResources } from "./stackExport";
import { mandatoryCount, renderFindings } from "./render/text";

const usage = `Usage: npm run check -- FILE [--policy-config FILE] [--json] [--verbose]

Evaluates the karpenter-guardrails policy pack against a stack export: the offline plan's --json
output or a real \`pulumi stack export\`.`;

function parse() {
    return parseCommandLine({
        allowPositionals: true,
        options: {
            "policy-config": { type: "string" },
            json: { type: "boolean", default: false },
            verbose: { type: "boolean", default: false },
            help: { type: "boolean", default: false },
        },
    });
}

async function main({ values, positionals }: ReturnType<typeof parse>): Promise<number> {
    if (positionals.length !== 1) {
        throw new UsageError(`expected one FILE, got ${positionals.length === 0 ? "none" : positionals.join(" ")}`);
    }
    const file = positionals[0];
    if (!fs.existsSync(file)) {
        throw new UsageError(`${file} does not exist`);
    }
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
    return mandatory > 0 ? exitCodes.findings : exitCodes.clean;
}

void runCli({ usage, parse, run: main });
