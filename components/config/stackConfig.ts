import { KarpenterClusterArgs } from "./args";
import { Problem, unknownKeyMessage } from "./problems";
import { region as regionFormat } from "./formats";
import { validateArgs } from "./validateArgs";

/** The project-namespace config keys: one per top-level field of {@link KarpenterClusterArgs}. */
export const configKeys = [
    "clusterName",
    "kubernetesVersion",
    "tags",
    "clusterAdmins",
    "controlPlaneLogRetentionDays",
    "network",
    "endpoint",
    "nodeGroup",
    "nodeRole",
    "karpenter",
    "podDefaults",
    "smokeTest",
    "spotServiceLinkedRole",
] as const satisfies readonly (keyof KarpenterClusterArgs)[];

// Fails to compile when KarpenterClusterArgs gains a field that has no config key.
type MissingConfigKeys = Exclude<keyof KarpenterClusterArgs, (typeof configKeys)[number]>;
const everyArgHasAConfigKey: MissingConfigKeys extends never ? true : never = true;
void everyArgHasAConfigKey;

/** Keys Pulumi stores as plain text: JSON parsing would turn "1.30" into the number 1.3. */
const textKeys: readonly string[] = ["clusterName", "kubernetesVersion"];

export interface StackConfig {
    args: KarpenterClusterArgs;
    region?: string;
    problems: Problem[];
}

/**
 * Reads the stack's config (`pulumi.runtime.allConfig()`: `"<project>:<key>"` → text or JSON)
 * into component arguments, and reports every problem at once: unknown keys with a suggestion,
 * unparsable values, a missing or malformed `aws:region`, and every argument problem, zones
 * checked against the region.
 */
export function readStackConfig(project: string, config: Record<string, string>, defaultClusterName: string): StackConfig {
    const problems: Problem[] = [];
    const args: Record<string, unknown> = {};
    const prefix = `${project}:`;
    for (const [fullKey, raw] of Object.entries(config)) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if (!(configKeys as readonly string[]).includes(key)) {
            problems.push({ path: key, message: unknownKeyMessage(key, configKeys) });
            continue;
        }
        if (textKeys.includes(key)) {
            args[key] = raw;
            continue;
        }
        try {
            args[key] = JSON.parse(raw);
        } catch {
            problems.push({ path: key, message: `must be structured config (a YAML map, list or boolean), got "${raw}"` });
        }
    }
    const region = config["aws:region"];
    const regionProblems = region === undefined
        ? [{ path: "aws:region", message: "is required: run `pulumi config set aws:region us-west-2`" }]
        : regionFormat(region, "aws:region");
    problems.push(...regionProblems);
    args.clusterName ??= defaultClusterName;
    // Zones are checked against a well-formed region only: a typo in the region is one problem, not one per zone.
    problems.push(...validateArgs(args, regionProblems.length === 0 ? { region } : {}));
    return { args: args as KarpenterClusterArgs, region, problems };
}
