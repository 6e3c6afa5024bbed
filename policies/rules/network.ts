/**
 * Security group discovery: an EC2NodeClass tag selector must match exactly one security group.
 * Karpenter attaches every match to its nodes; two groups that both carry the cluster tag break the
 * AWS Load Balancer Controller ("Multiple tagged security groups found") and widen node access.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { commonTags, docsUrl, forKarpenterStacks } from "../lib/policy";
import { StackResource, StackView, clusterTypes, k8sName, types } from "../lib/resources";
import { at, list, record, str, stringMap } from "../lib/values";

/** A security group as far as the stack can tell, with its known tags. */
interface TaggedGroup {
    identity: string;
    description: string;
    tags: Record<string, string>;
}

function addTags(groups: Map<string, TaggedGroup>, identity: string, description: string, tags: Record<string, string>): void {
    const existing = groups.get(identity);
    if (existing === undefined) {
        groups.set(identity, { identity, description, tags: { ...tags } });
    } else {
        Object.assign(existing.tags, tags);
    }
}

/** Which security group an aws:ec2/tag:Tag targets; undefined when it is not one, or cannot be told. */
function tagTarget(stack: StackView, tag: StackResource): { identity: string; description: string } | undefined {
    const resourceId = str(tag.props.resourceId);
    if (resourceId !== undefined) {
        return resourceId.startsWith("sg-") ? { identity: `id:${resourceId}`, description: `security group ${resourceId}` } : undefined;
    }
    for (const ref of stack.referencedBy(tag, "resourceId")) {
        if (ref.type === types.securityGroup) {
            return { identity: ref.urn, description: `security group "${str(ref.props.name) ?? ref.name}"` };
        }
        if (clusterTypes.includes(ref.type)) {
            // vpcConfig.clusterSecurityGroupId: the security group EKS creates for the cluster.
            return { identity: `cluster-sg:${ref.urn}`, description: `cluster security group of "${ref.name}"` };
        }
    }
    return undefined;
}

/** All security groups the stack defines or tags, with their tags. */
function taggedGroups(stack: StackView): TaggedGroup[] {
    const groups = new Map<string, TaggedGroup>();
    for (const sg of stack.ofType(types.securityGroup)) {
        const tags = stringMap(sg.props.tags);
        if (tags !== undefined) {
            addTags(groups, sg.urn, `security group "${str(sg.props.name) ?? sg.name}"`, tags);
        }
    }
    for (const tag of stack.ofType(types.ec2Tag)) {
        const key = str(tag.props.key);
        const value = str(tag.props.value);
        const target = tagTarget(stack, tag);
        if (key !== undefined && value !== undefined && target !== undefined) {
            addTags(groups, target.identity, target.description, { [key]: value });
        }
    }
    return [...groups.values()];
}

/** Karpenter selector semantics: every listed tag must be present; "*" matches any value. */
function selects(selector: Record<string, string>, tags: Record<string, string>): boolean {
    return Object.entries(selector).every(([key, value]) => tags[key] !== undefined && (value === "*" || tags[key] === value));
}

export const discoveryTagSingleSecurityGroup: StackValidationPolicy = {
    name: "discovery-tag-single-security-group",
    description: "Checks that each EC2NodeClass security group tag selector (e.g. karpenter.sh/discovery) matches exactly one security group in the stack.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "network", "security-group"],
    url: `${docsUrl}concepts/nodeclasses/#specsecuritygroupselectorterms`,
    remediationSteps:
        "Put the discovery tag on one security group only (usually the EKS cluster security group or a dedicated node security " +
        "group), or select by security group ID in securityGroupSelectorTerms.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const groups = taggedGroups(stack);
        for (const nodeClass of stack.ofType(types.ec2NodeClass)) {
            for (const term of list(at(nodeClass.props, "spec", "securityGroupSelectorTerms")) ?? []) {
                const selector = record(at(term, "tags")) === undefined ? undefined : stringMap(at(term, "tags"));
                if (selector === undefined || Object.keys(selector).length === 0) {
                    continue;
                }
                const matches = groups.filter((g) => selects(selector, g.tags));
                if (matches.length > 1) {
                    const shown = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",");
                    reportViolation(
                        `Multiple tagged security groups found for EC2NodeClass "${k8sName(nodeClass.props, nodeClass.name)}" selector ${shown}: ${matches.map((m) => m.description).sort().join(", ")}; the tag must be on exactly one security group.`,
                        nodeClass.urn,
                    );
                }
            }
        }
    }),
};

export const networkPolicies = [discoveryTagSingleSecurityGroup];
