import * as fs from "fs";
import { PolicyPackConfigJson } from "./policyHarness";

/** Reads a `--policy-pack-config`-style JSON file. */
export function readPolicyConfig(file: string | undefined): PolicyPackConfigJson {
    if (file === undefined) {
        return {};
    }
    const text = fs.readFileSync(file, "utf8");
    const config = JSON.parse(text) as unknown;
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error(`${file} must hold a JSON object of policy names to levels or settings`);
    }
    return config as PolicyPackConfigJson;
}

/**
 * Runs a CLI body, turning any failure into one line on stderr (the stack only with --verbose)
 * and the exit code the body returns otherwise.
 */
export async function runCli(body: () => Promise<number>, verbose: boolean): Promise<never> {
    let code: number;
    try {
        code = await body();
    } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        process.stderr.write(`error: ${verbose ? err.stack ?? err.message : err.message.split("\n")[0]}\n`);
        code = 2;
    }
    process.exit(code);
}
