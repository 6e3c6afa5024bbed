import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

export interface LoadedStackConfig {
    project: string;
    /** The program's entry point: Pulumi.yaml's `main`, else index.ts. */
    program: string;
    /** Flat config as the engine passes it: `"<namespace>:<key>"` → text (JSON for structured values). */
    config: Record<string, string>;
    secretKeys: string[];
    /** Secure values cannot be decrypted offline; each becomes a problem. */
    problems: string[];
}

/** A stack file that does not exist; the message lists the `Pulumi.*.yaml` files that do. */
export class StackFileNotFoundError extends Error {
    constructor(file: string) {
        const dir = path.dirname(file);
        const stackFiles = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => /^Pulumi\..+\.yaml$/.test(name)).sort() : [];
        super(`${file} does not exist; ${stackFiles.length > 0 ? `the stack files in ${dir} are ${stackFiles.join(", ")}` : `${dir} has no Pulumi.<stack>.yaml file`}`);
        this.name = "StackFileNotFoundError";
    }
}

function readYaml(file: string): Record<string, unknown> {
    if (!fs.existsSync(file)) {
        throw new Error(`${file} does not exist`);
    }
    const doc = yaml.load(fs.readFileSync(file, "utf8"));
    if (doc !== undefined && doc !== null && (typeof doc !== "object" || Array.isArray(doc))) {
        throw new Error(`${file} is not a YAML map`);
    }
    return (doc ?? {}) as Record<string, unknown>;
}

function asConfigText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** A project config entry is either a plain default or a `{type, default}` declaration. */
function projectDefault(spec: unknown): unknown {
    const isDeclaration = typeof spec === "object" && spec !== null && !Array.isArray(spec) && ("type" in spec || "default" in spec);
    return isDeclaration ? (spec as { default?: unknown }).default : spec;
}

/**
 * Reads `Pulumi.yaml` and a stack file the way the Pulumi CLI does: project-level `config`
 * defaults, then the stack's values; keys without a namespace belong to the project. A stack's
 * `config` map given as `stackConfig` is used instead of the stack file.
 */
export function loadStackConfig(projectDir: string, stack: string, configFile?: string, stackConfig?: Record<string, unknown>): LoadedStackConfig {
    const projectFile = readYaml(path.join(projectDir, "Pulumi.yaml"));
    const project = projectFile.name;
    if (typeof project !== "string") {
        throw new Error(`${path.join(projectDir, "Pulumi.yaml")} has no project name`);
    }
    const stackFile = configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (stackConfig === undefined && !fs.existsSync(stackFile)) {
        throw new StackFileNotFoundError(stackFile);
    }
    const stackValues = stackConfig ?? ((readYaml(stackFile).config ?? {}) as Record<string, unknown>);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const problems: string[] = [];
    const qualify = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
    for (const [key, spec] of Object.entries((projectFile.config ?? {}) as Record<string, unknown>)) {
        const value = projectDefault(spec);
        if (value !== undefined) {
            config[qualify(key)] = asConfigText(value);
        }
    }
    for (const [key, value] of Object.entries(stackValues)) {
        const isSecure = typeof value === "object" && value !== null && "secure" in value;
        if (isSecure) {
            problems.push(`${qualify(key)}: is a secret, which cannot be decrypted without the Pulumi CLI; set a placeholder in a copy of the stack file for the offline plan`);
            secretKeys.push(qualify(key));
            continue;
        }
        config[qualify(key)] = asConfigText(value);
    }
    const program = path.resolve(projectDir, typeof projectFile.main === "string" ? projectFile.main : "index.ts");
    return { project, program, config, secretKeys, problems };
}
