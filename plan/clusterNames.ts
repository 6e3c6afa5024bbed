import * as fs from "fs";
import * as path from "path";
import { readStackConfig, stackClusterName } from "../components/config/stackConfig";
import { LoadedStackConfig, loadStackConfig } from "./stackConfig";

/** Another stack of the project that resolves to the planned stack's cluster name. */
export interface ClusterNameCollision {
    stack: string;
    file: string;
    clusterName: string;
}

/** A stack file the comparison could not read, and why. */
export interface UncomparedStack {
    file: string;
    reason: string;
}

export interface ClusterNameCheck {
    collisions: ClusterNameCollision[];
    uncompared: UncomparedStack[];
}

/**
 * The stacks that have a `Pulumi.<stack>.yaml` in `projectDir`, where the Pulumi CLI looks for
 * them (sdk/go/common/workspace/paths.go `DetectProjectStackPath` at v3.248.0).
 * `Pulumi.<stack>.deploy.yaml` holds a stack's deployment settings, not its config.
 */
export function projectStacks(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
        .filter((stack): stack is string => stack !== undefined && !stack.endsWith(".deploy"))
        .sort();
}

/**
 * The cluster name a stack's config resolves to, by the program's rule (index.ts):
 * `clusterName`, else {@link stackClusterName}. Undefined when `clusterName` is a secret.
 */
export function resolvedClusterName(loaded: LoadedStackConfig, stack: string): string | undefined {
    if (loaded.secretKeys.includes(`${loaded.project}:clusterName`)) {
        return undefined;
    }
    return readStackConfig(loaded.project, loaded.config, stackClusterName(stack)).args.clusterName;
}

/**
 * Compares the planned stack's cluster name with every other stack file of the project. Two
 * stacks with one name ask for the same account-unique IAM roles, interruption queue and EKS
 * cluster, so the second `pulumi up` fails, or both stacks manage one set of resources.
 */
export function checkClusterNames(projectDir: string, stack: string, configFile?: string): ClusterNameCheck {
    const clusterName = resolvedClusterName(loadStackConfig(projectDir, stack, configFile), stack);
    const check: ClusterNameCheck = { collisions: [], uncompared: [] };
    if (clusterName === undefined) {
        return check;
    }
    const plannedFile = path.resolve(configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`));
    for (const other of projectStacks(projectDir)) {
        const file = path.join(projectDir, `Pulumi.${other}.yaml`);
        if (other === stack || path.resolve(file) === plannedFile) {
            continue;
        }
        try {
            if (resolvedClusterName(loadStackConfig(projectDir, other), other) === clusterName) {
                check.collisions.push({ stack: other, file, clusterName });
            }
        } catch (error) {
            // Another stack's broken file does not stop this stack's plan, as it does not stop `pulumi preview`.
            check.uncompared.push({ file, reason: (error as Error).message.split("\n")[0] });
        }
    }
    return check;
}

/** One stderr line per collision or unread stack file. */
export function clusterNameWarnings(stack: string, check: ClusterNameCheck): string[] {
    return [
        ...check.collisions.map(
            (c) =>
                `warning: stack ${stack} and stack ${c.stack} (${c.file}) both resolve to cluster name "${c.clusterName}": they would create the same IAM roles, ` +
                `interruption queue and EKS cluster. Give one of them its own clusterName, or set none to get karpenter-<stack>.`,
        ),
        ...check.uncompared.map((u) => `warning: ${u.file} was not compared for a cluster name collision: ${u.reason}`),
    ];
}
