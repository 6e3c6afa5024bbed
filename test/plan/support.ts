import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";

export const projectDir = path.resolve(__dirname, "../..");

/** Writes a copy of Pulumi.dev.yaml with `edit` applied to its config and returns the path. */
export function devConfigWith(edit: (config: Record<string, any>) => void): string {
    const doc = yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> };
    edit(doc.config);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "Pulumi.broken.yaml");
    fs.writeFileSync(file, yaml.dump(doc));
    return file;
}

export function tempFile(name: string): string {
    return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), name);
}

export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs one of the CLIs the way `npm run` does, in a child process. */
export function runCli(script: "plan/cli.ts" | "plan/checkCli.ts", args: string[]): CliRun {
    const result = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", script, ...args], {
        cwd: projectDir,
        encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
