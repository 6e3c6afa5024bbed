/**
 * Nodes Karpenter launches must be allowed into the cluster: their role needs an EC2_LINUX access
 * entry (or an aws-auth mapping on CONFIG_MAP clusters), else they boot and never become Ready.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { rolesNamedBy } from "../lib/identity";
import { commonTags, docsUrl, forKarpenterStacks } from "../lib/policy";
import { StackResource, StackView, clusterTypes, k8sName, roleNameFromArnOrName, types } from "../lib/resources";
import { at, isUnknown, str } from "../lib/values";

const nodeEntryTypes = ["EC2_LINUX", "EC2_WINDOWS"];

/** A grant of cluster access to an IAM principal, from any of the mechanisms the stack can use. */
interface AccessGrant {
    /** Principal ARN value (may be unknown). */
    principal: unknown;
    holder: StackResource;
    property: string;
    /** Access entry type; undefined for aws-auth mappings (they grant node groups via their groups). */
    entryType?: unknown;
}

/**
 * Access entries, read from `aws:eks/accessEntry:AccessEntry` resources. pulumi-eks's
 * `eks:index:Cluster` creates those as children for its `accessEntries` and `instanceRoles`
 * (pulumi-eks v4.3.0 nodejs/eks/cluster/authenticationMode.ts `createAccessEntries`) and records
 * no inputs itself, so a real stack has them as resources of their own.
 */
function accessGrants(stack: StackView): AccessGrant[] {
    const grants: AccessGrant[] = stack.ofType(types.accessEntry).map((e) => ({ principal: e.props.principalArn, holder: e, property: "principalArn", entryType: e.props.type ?? "STANDARD" }));
    return grants;
}

/** mapRoles texts of aws-auth ConfigMaps (unknown ones as undefined). */
function awsAuthMapRoles(stack: StackView): (string | undefined)[] {
    return stack
        .ofType(types.configMap, types.configMapPatch)
        .filter((cm) => str(at(cm.props, "metadata", "name")) === "aws-auth" && (str(at(cm.props, "metadata", "namespace")) ?? "kube-system") === "kube-system")
        .map((cm) => at(cm.props, "data", "mapRoles"))
        .filter((m) => m !== undefined)
        .map((m) => (isUnknown(m) ? undefined : str(m)));
}

/** The role an EC2NodeClass's nodes use: spec.role directly, or the role of its spec.instanceProfile. */
function nodeClassRole(stack: StackView, nodeClass: StackResource): { value: unknown; holder: StackResource; property: string } | undefined {
    const role = at(nodeClass.props, "spec", "role");
    if (role !== undefined) {
        return { value: role, holder: nodeClass, property: "spec" };
    }
    const profileName = str(at(nodeClass.props, "spec", "instanceProfile"));
    const profile = stack.ofType(types.iamInstanceProfile).find((p) => profileName !== undefined && str(p.props.name) === profileName);
    return profile === undefined ? undefined : { value: profile.props.role, holder: profile, property: "role" };
}

type Match = "entry" | "wrong-type" | "unknown" | "none";

function grantMatches(stack: StackView, grant: AccessGrant, roleName: string | undefined, roles: StackResource[]): Match {
    const principal = roleNameFromArnOrName(grant.principal);
    const roleNames = roleName !== undefined ? [roleName] : roles.map((r) => str(r.props.name));
    let matches: boolean | undefined;
    if (principal !== undefined && roleNames.length > 0 && roleNames.every((n) => n !== undefined)) {
        matches = roleNames.includes(principal);
    } else {
        // Names not known yet: follow the references the engine recorded.
        const refs = grant.holder.type === types.iamRole ? [grant.holder] : stack.referencedBy(grant.holder, grant.property);
        const refRoles = refs.filter((r) => r.type === types.iamRole);
        if (refRoles.some((r) => roles.includes(r))) {
            matches = true;
        } else {
            // An unknown principal computed from some other role is not ours; from nothing we can see, it might be.
            matches = isUnknown(grant.principal) && refRoles.length === 0 ? undefined : false;
        }
    }
    if (matches !== true) {
        return matches === undefined ? "unknown" : "none";
    }
    if (grant.entryType === undefined || isUnknown(grant.entryType)) {
        return "entry";
    }
    return nodeEntryTypes.includes(str(grant.entryType) ?? "") ? "entry" : "wrong-type";
}

export const nodeRoleCanJoin: StackValidationPolicy = {
    name: "node-role-can-join",
    description: "Checks that every EC2NodeClass role has an EC2_LINUX access entry (or an aws-auth mapping), so the nodes Karpenter launches can join the cluster.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: [...commonTags, "iam", "access"],
    url: `${docsUrl}getting-started/migrating-from-cas/#add-access-entries`,
    remediationSteps:
        "Create an aws.eks.AccessEntry with type EC2_LINUX for the node role's ARN (authentication mode API or API_AND_CONFIG_MAP), or add " +
        "the role to the aws-auth ConfigMap's mapRoles with groups system:bootstrappers and system:nodes.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const grants = accessGrants(stack);
        const mapRoles = awsAuthMapRoles(stack);
        if (grants.length === 0 && mapRoles.length === 0 && stack.ofType(...clusterTypes).length === 0) {
            // Cluster access is managed in another stack.
            return;
        }
        for (const nodeClass of stack.ofType(types.ec2NodeClass)) {
            const ref = nodeClassRole(stack, nodeClass);
            if (ref === undefined) {
                continue;
            }
            const roleName = roleNameFromArnOrName(ref.value);
            const roles = rolesNamedBy(stack, ref.value, ref.holder, ref.property);
            if (roleName === undefined && roles.length === 0) {
                continue;
            }
            const matches = grants.map((g) => grantMatches(stack, g, roleName, roles));
            const inAwsAuth = mapRoles.some((text) => text === undefined || (roleName !== undefined && new RegExp(`role/(.*/)?${roleName.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&")}(["'\\s]|$)`, "m").test(text)));
            if (matches.includes("entry") || matches.includes("unknown") || inAwsAuth) {
                continue;
            }
            const name = k8sName(nodeClass.props, nodeClass.name);
            const role = roleName ?? roles.map((r) => str(r.props.name) ?? r.name).join(", ");
            const detail = matches.includes("wrong-type") ? "its access entry must have type EC2_LINUX (a STANDARD entry does not let nodes register)" : "it has no EC2_LINUX access entry and no aws-auth mapping";
            reportViolation(`EC2NodeClass "${name}" uses node role "${role}", but ${detail}; nodes Karpenter launches with it cannot join the cluster.`, nodeClass.urn);
        }
    }),
};

export const accessPolicies = [nodeRoleCanJoin];
