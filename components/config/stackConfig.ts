import { KarpenterClusterArgs } from "./args";
import { Problem, quote, unknownKeyMessage } from "./problems";
import { region as regionFormat } from "./formats";
import { validateArgs } from "./validateArgs";

/** The project-namespace config keys: one per top-level field of {@link KarpenterClusterArgs}. */
export const configKeys = [
    "clusterName",
    "kubernetesVersion",
    "tags",
    "clusterAdmins",
    "kubeconfigCredentials",
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

/**
 * A stack's cluster name when its config sets none: one per stack, so two stacks in one account
 * never ask for the same IAM roles, queue and cluster.
 */
export function stackClusterName(stack: string): string {
    return `karpenter-${stack}`;
}

export interface StackConfig {
    args: KarpenterClusterArgs;
    region?: string;
    problems: Problem[];
}

/**
 * Reads the stack's config (`pulumi.runtime.allConfig()`: `"<project>:<key>"` → text or JSON)
 * into component arguments, and reports every problem at once: unknown keys with a suggestion,
 * unparsable values, a missing or malformed `aws:region`, and every argument problem, zones
 * checked against the region and the Kubernetes version against EKS's calendar on `today`
 * (default: the current date).
 */
export function readStackConfig(project: string, config: Record<string, string>, defaultClusterName: string, today: Date = new Date()): StackConfig {
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
            problems.push({ path: key, message: `must be structured config (a YAML map, list or boolean), got ${quote(raw)}` });
        }
    }
    const region = config["aws:region"];
    const regionProblems = region === undefined
        ? [{ path: "aws:region", message: "is required: run `pulumi config set aws:region us-west-2`" }]
        : regionFormat(region, "aws:region");
    problems.push(...regionProblems);
    args.clusterName ??= defaultClusterName;
    // Zones are checked against a well-formed region only: a typo in the region is one problem, not one per zone.
    problems.push(...validateArgs(args, regionProblems.length === 0 ? { region, today } : { today }));
    return { args: args as KarpenterClusterArgs, region, problems };
}
