import { controllerPolicyPurposes } from "../iam/controllerRole";
import { nodeRolePolicyNames } from "../iam/nodeRole";
import { terminationHandlerManagedTag } from "../nodepools/specs";
import { KarpenterClusterArgs } from "./args";
import { Problem, quote } from "./problems";
import { ResolvedArgs } from "./resolved";
import { WellFormed } from "./wellFormed";

/**
 * AWS limits that count what the component adds to the user's values: tags per resource and
 * managed policies per role. AWS enforces both only when the resource is created (a node launched,
 * a policy attached), minutes into an update.
 */
export function awsLimitProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs, inputs: WellFormed): Problem[] {
    return [...tagCountProblems(args, resolved, inputs), ...managedPolicyProblems(resolved, inputs)];
}

/** User tags per resource, in EC2, IAM and every other service the component tags (`aws:` tags aside). */
const maxTagsPerResource = 50;

/**
 * The tags Karpenter puts on each instance, volume and launch template besides the EC2NodeClass's:
 * `karpenter.sh/nodeclaim`, `karpenter.sh/nodepool`, `karpenter.k8s.aws/ec2nodeclass`,
 * `kubernetes.io/cluster/<cluster>` and `eks:eks-cluster-name` (the tags the EC2NodeClass CRD
 * refuses in `spec.tags`), and `Name` unless the tags set it. The nodes carry the most tags of
 * anything the component creates: private subnets get three of the component's (Name, the
 * discovery tag, the internal-ELB role tag), resources that get any get at most those.
 */
const karpenterInstanceTags = 5;

function tagCountProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs, inputs: WellFormed): Problem[] {
    if (!inputs.ok("tags", "karpenter.interruption")) {
        return [];
    }
    const problems: Problem[] = [];
    const nth = resolved.karpenter.interruption === "nodeTerminationHandler" ? { [terminationHandlerManagedTag]: "true" } : {};
    const given = args.karpenter?.nodeClasses ?? [];
    resolved.karpenter.nodeClasses.forEach((nodeClass, i) => {
        const own = given[i]?.tags !== undefined && Object.keys(nodeClass.tags).length > 0;
        const path = own ? `karpenter.nodeClasses[${i}].tags` : "tags";
        if (!inputs.ok(`karpenter.nodeClasses[${i}].tags`) || problems.some((p) => p.path === path)) {
            return;
        }
        const keys = new Set([...Object.keys(resolved.tags), ...Object.keys(nth), ...Object.keys(nodeClass.tags), "Name"]);
        const total = keys.size + karpenterInstanceTags;
        if (total > maxTagsPerResource) {
            const added = karpenterInstanceTags + (resolved.tags.Name === undefined && nodeClass.tags.Name === undefined ? 1 : 0) + Object.keys(nth).length;
            problems.push({
                path,
                message: `must leave room for the ${added} tags the component and Karpenter add to every node, within AWS's ${maxTagsPerResource} tags per resource: a node of EC2NodeClass ${quote(nodeClass.name)} would get ${total}${own ? ` (tags and karpenter.nodeClasses[${i}].tags together)` : ""}`,
            });
        }
    });
    return problems;
}

/**
 * IAM's default quota of managed policies attached to one role ("Managed policies per role",
 * adjustable to 20 through Service Quotas). The component cannot read an account's raised quota
 * offline, so it holds every stack to the default.
 */
const maxManagedPoliciesPerRole = 10;

function managedPolicyProblems(resolved: ResolvedArgs, inputs: WellFormed): Problem[] {
    const problems: Problem[] = [];
    const { karpenter, nodeRole } = resolved;
    const roles = [
        {
            path: "karpenter.additionalPolicies",
            role: "controller",
            // The Interruption policy exists only when Karpenter reads the queue itself; the Extra one holds extraPolicyStatements.
            generated: controllerPolicyPurposes.length - (karpenter.interruption === "native" ? 0 : 1) + (karpenter.extraPolicyStatements.length > 0 ? 1 : 0),
            additional: Object.keys(karpenter.additionalPolicies).length,
            inputs: ["karpenter.additionalPolicies", "karpenter.interruption", "karpenter.extraPolicyStatements"],
        },
        {
            path: "nodeRole.additionalPolicies",
            role: "node",
            generated: Object.keys(nodeRolePolicyNames(nodeRole.ecrPolicy)).length,
            additional: Object.keys(nodeRole.additionalPolicies).length,
            inputs: ["nodeRole.additionalPolicies"],
        },
    ];
    for (const { path, role, generated, additional, inputs: read } of roles) {
        if (generated + additional > maxManagedPoliciesPerRole && inputs.ok(...read)) {
            problems.push({
                path,
                message: `must have at most ${maxManagedPoliciesPerRole - generated} entries: the component attaches ${generated} managed policies to the ${role} role, and IAM's default quota is ${maxManagedPoliciesPerRole} per role, got ${additional}`,
            });
        }
    }
    return problems;
}
