import { region as regionFormat } from "../components/config/formats";
import { CapturedResource } from "./capture";
import { defaultMockEnvironment } from "./mocks";
import { PolicyFinding, PolicyPackConfigJson, runPolicies } from "./policyHarness";
import { programModule } from "./programModule";
import { ProgramRunOptions, runProgram } from "./runProgram";
import { StackExport, toEngineResources, toStackExport } from "./stackExport";
import { loadStackConfig } from "./stackConfig";
import { toEngineState } from "./engineState";
import { CostEstimate, estimateCost } from "./cost";

export interface PlanOptions {
    /** Folder with Pulumi.yaml and the program. */
    projectDir: string;
    stack: string;
    /** Stack config file; default `Pulumi.<stack>.yaml` in projectDir. */
    configFile?: string;
    /** The stack file's `config` map, given directly instead of read from a file. */
    stackConfig?: Record<string, unknown>;
    policyConfig?: PolicyPackConfigJson;
    /** Account id of the mocked ARNs. */
    accountId?: string;
    /** Plan as the first preview of a new stack: every computed output unknown. */
    firstPreview?: boolean;
    /** See {@link ProgramRunOptions.wrapMocks}. */
    wrapMocks?: ProgramRunOptions["wrapMocks"];
    /** The day the cost estimate judges EKS support phases on; default today. */
    today?: Date;
}

export interface PlanResult {
    project: string;
    stack: string;
    /** The engine's state: what the program registered, remote components' children and default providers. */
    resources: CapturedResource[];
    stackExport: StackExport;
    findings: PolicyFinding[];
    /**
     * Resource types without a specific mock, answered by the generic one (inputs echoed, ids and
     * ARNs derived where the type's shape is known), sorted; their computed outputs are missing.
     */
    genericMocks: string[];
    /** Fixed cost and NodePool ceilings; undefined when the stack cannot be planned. */
    costEstimate?: CostEstimate;
    /** One line per reason the program could not be planned. */
    problems: string[];
    /** The underlying errors, for --verbose. */
    errors: Error[];
}

/**
 * Plans a stack offline: runs its program in-process under realistic mocks with the stack's
 * config, then evaluates the policy pack on the result, going through the stack-export form
 * so that `check` on the `--json` output sees exactly what the plan saw.
 */
export async function planStack(options: PlanOptions): Promise<PlanResult> {
    const loaded = loadStackConfig(options.projectDir, options.stack, options.configFile, options.stackConfig);
    const region = loaded.config["aws:region"];
    // A malformed region is reported by the program's own validation; the mocks need a real one.
    const mockRegion = region !== undefined && regionFormat(region, "aws:region").length === 0 ? region : defaultMockEnvironment.region;
    const program = programModule(options.projectDir, loaded.program);
    // A fresh copy of the program each time, so one process can plan several stacks.
    delete require.cache[require.resolve(program)];
    const env = { region: mockRegion, accountId: options.accountId ?? defaultMockEnvironment.accountId };
    const run = await runProgram({
        project: loaded.project,
        stack: options.stack,
        config: loaded.config,
        secretKeys: loaded.secretKeys,
        firstPreview: options.firstPreview,
        env,
        program: () => require(program),
        wrapMocks: options.wrapMocks,
    });
    const problems = [...loaded.problems, ...run.errors.flatMap(problemLines)];
    const resources = problems.length > 0 ? run.resources : toEngineState(run.resources, { stack: options.stack, project: loaded.project, config: loaded.config, secretKeys: loaded.secretKeys, env, firstPreview: options.firstPreview ?? false });
    const bare = toStackExport(resources, []);
    const findings = problems.length > 0 ? [] : await runPolicies(toEngineResources(bare), options.policyConfig);
    return {
        project: loaded.project,
        stack: options.stack,
        resources,
        stackExport: { ...bare, policyFindings: findings },
        findings,
        genericMocks: run.genericMocks,
        ...(problems.length > 0 ? {} : { costEstimate: estimateCost(resources, { today: options.today ?? new Date(), stackRegion: typeof region === "string" ? region : undefined }) }),
        problems: [...new Set(problems)],
        errors: run.errors,
    };
}

/** A validation error's problems one per line; any other error by its first line. */
function problemLines(error: Error): string[] {
    const listed = error.message
        .split("\n")
        .filter((line) => line.startsWith("  - "))
        .map((line) => line.slice(4));
    return listed.length > 0 ? listed : [error.message.split("\n")[0]];
}
