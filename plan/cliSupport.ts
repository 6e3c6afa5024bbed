import * as fs from "fs";
import { parseArgs, ParseArgsConfig } from "util";
import { closestKey } from "../components/config/problems";
import { PolicyPackConfigJson } from "./policyHarness";

/**
 * The exit codes `plan` and `check` share. A usage error gets 64, `EX_USAGE` of BSD's
 * sysexits.h, rather than 2, so a script can tell a mistyped command from a tool that could not run.
 */
export const exitCodes = {
    clean: 0,
    findings: 1,
    failed: 2,
    usage: 64,
} as const;

/** The exit-code table of `--help`; the README repeats it. */
export const exitCodeHelp = `Exit codes:
  0   no problem and no mandatory policy violation
  1   mandatory policy violations, or a config the program rejects (one line per problem)
  2   the tool could not run: the program crashed, or a file could not be read or parsed
  64  usage error: unknown option, missing value, bad stack name, missing stack or input file`;

/** A mistake on the command line: one line on stderr with a pointer to --help, and exit code 64. */
export class UsageError extends Error {
    override name = "UsageError";
}

/**
 * `util.parseArgs`, with its errors (unknown option, missing value, unexpected argument) turned
 * into usage errors, and a typo of a known option answered with the option meant.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
    try {
        return parseArgs(config);
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (!(error instanceof Error) || typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) {
            throw error;
        }
        throw new UsageError(parseErrorMessage(error.message, code, Object.keys(config.options ?? {})));
    }
}

function parseErrorMessage(message: string, code: string, known: string[]): string {
    // Node quotes the offending argument first, e.g. `Option '--stack <value>' argument missing`.
    const quoted = /'(-*[^' ]*)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
        const meant = closestKey(quoted.replace(/^-+/, ""), known);
        return `unknown option ${quoted}${meant ? `; did you mean --${meant}?` : ""}`;
    }
    // A value-taking option followed by nothing, or by another option ("ambiguous").
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && /argument (missing|is ambiguous)/.test(message)) {
        return `option ${quoted} needs a value`;
    }
    // Node's own first sentence: "Option '--json' does not take an argument", "Unexpected argument 'x'".
    const sentence = message.split("\n")[0].split(". ")[0];
    return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** Reads a `--policy-pack-config`-style JSON file. */
export function readPolicyConfig(file: string | undefined): PolicyPackConfigJson {
    if (file === undefined) {
        return {};
    }
    if (!fs.existsSync(file)) {
        throw new UsageError(`policy config file ${file} does not exist`);
    }
    let config: unknown;
    try {
        config = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new Error(`${file} is not JSON: ${(error as Error).message}`);
    }
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error(`${file} must hold a JSON object of policy names to levels or settings`);
    }
    return config as PolicyPackConfigJson;
}

/** A parsed command line: every CLI takes --help and --verbose. */
export interface CommandLine {
    values: { help?: boolean; verbose?: boolean };
}

export interface Cli<A extends CommandLine> {
    /** The `--help` text before the exit-code table. */
    usage: string;
    /** Parses the command line with {@link parseCommandLine}. */
    parse(): A;
    /** Checks the arguments (throwing {@link UsageError}), does the work and returns the exit code. */
    run(args: A): Promise<number>;
}

/**
 * Runs a CLI: a usage error becomes one line and exit code 64, any other failure one line (its
 * stack with --verbose) and exit code 2. The code goes into `process.exitCode` and the process ends
 * by itself, because `process.exit` would drop what a pipe has not yet taken of stdout (on Linux,
 * anything past the 64 KiB pipe buffer is written asynchronously).
 */
export async function runCli<A extends CommandLine>(cli: Cli<A>): Promise<void> {
    // A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") {
            throw error;
        }
    });
    let verbose = false;
    try {
        const args = cli.parse();
        verbose = args.values.verbose ?? false;
        if (args.values.help) {
            process.stdout.write(`${cli.usage}\n\n${exitCodeHelp}\n`);
            process.exitCode = exitCodes.clean;
            return;
        }
        process.exitCode = await cli.run(args);
    } catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`error: ${error.message} (see --help)\n`);
            process.exitCode = exitCodes.usage;
            return;
        }
        const err = error instanceof Error ? error : new Error(String(error));
        process.stderr.write(`error: ${verbose ? err.stack ?? err.message : err.message.split("\n")[0]}\n`);
        process.exitCode = exitCodes.failed;
    }
}
