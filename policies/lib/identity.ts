/**
 * Following IAM references between resources: which roles the Karpenter controller uses, and which
 * policy documents are attached to a role. References are matched by known name or ARN, and by
 * the engine's property dependencies while the value is still unknown.
 */
import { Controller } from "./controller";
import { StackResource, StackView, roleNameFromArnOrName, types } from "./resources";
import { at, isUnknown, list, str } from "./values";

/** Whether `resource.props[property]` (a role name or ARN) points at `role`. */
export function refersToRole(stack: StackView, resource: StackResource, property: string, role: StackResource): boolean {
    const value = resource.props[property];
    const target = roleNameFromArnOrName(value);
    if (target !== undefined && (target === str(role.props.name) || str(value) === str(role.props.arn))) {
        return true;
    }
    return (target === undefined || str(role.props.name) === undefined) && stack.referencedBy(resource, property).includes(role);
}

/** Roles named by a role ARN or name value, or (while unknown) the roles it was computed from. */
export function rolesNamedBy(stack: StackView, value: unknown, holder: StackResource, property: string): StackResource[] {
    const roles = stack.ofType(types.iamRole);
    const name = roleNameFromArnOrName(value);
    if (name !== undefined) {
        return roles.filter((r) => str(r.props.name) === name || (str(value) !== undefined && str(value) === str(r.props.arn)));
    }
    return isUnknown(value) ? stack.referencedBy(holder, property).filter((r) => r.type === types.iamRole) : [];
}

/** Pod Identity associations for the controller's namespace and service account. */
export function podIdentityAssociationsFor(stack: StackView, controller: Controller): StackResource[] {
    return stack
        .ofType(types.podIdentityAssociation)
        .filter((a) => str(a.props.namespace) === controller.namespace && str(a.props.serviceAccount) === controller.serviceAccount);
}

/** Roles the controller's IRSA annotation names (none when its service account is not in the stack). */
export function irsaRoles(stack: StackView, controller: Controller): StackResource[] {
    const irsa = controller.irsaRoleArn;
    return irsa === undefined ? [] : rolesNamedBy(stack, irsa.value, irsa.holder, irsa.property);
}

/** Every role the controller can run as: its IRSA role and its Pod Identity roles. */
export function controllerRoles(stack: StackView, controller: Controller): StackResource[] {
    const roles = new Set(irsaRoles(stack, controller));
    for (const association of podIdentityAssociationsFor(stack, controller)) {
        rolesNamedBy(stack, association.props.roleArn, association, "roleArn").forEach((r) => roles.add(r));
    }
    return [...roles];
}

/** A policy document attached to a role, with where it comes from for messages. */
export interface AttachedDocument {
    source: StackResource;
    label: string;
    document: unknown;
}

/** Policy resources an ARN value names (customer managed policies in the stack). */
function policiesNamedBy(stack: StackView, arn: unknown, holder: StackResource, property: string): StackResource[] {
    const policies = stack.ofType(types.iamPolicy);
    const s = str(arn);
    if (s !== undefined) {
        const name = s.split("/").pop();
        return policies.filter((p) => str(p.props.arn) === s || (name !== undefined && str(p.props.name) === name));
    }
    return isUnknown(arn) ? stack.referencedBy(holder, property).filter((r) => r.type === types.iamPolicy) : [];
}

/** Inline policies, RolePolicies and attached managed policies of a role (those defined in the stack). */
export function documentsAttachedTo(stack: StackView, role: StackResource): AttachedDocument[] {
    const docs: AttachedDocument[] = [];
    for (const inline of list(role.props.inlinePolicies) ?? []) {
        docs.push({ source: role, label: `inline policy "${str(at(inline, "name")) ?? "?"}"`, document: at(inline, "policy") });
    }
    for (const rp of stack.ofType(types.iamRolePolicy).filter((r) => refersToRole(stack, r, "role", role))) {
        docs.push({ source: rp, label: `role policy "${str(rp.props.name) ?? rp.name}"`, document: rp.props.policy });
    }
    const managed: StackResource[] = [];
    for (const attachment of stack.ofType(types.iamRolePolicyAttachment).filter((a) => refersToRole(stack, a, "role", role))) {
        managed.push(...policiesNamedBy(stack, attachment.props.policyArn, attachment, "policyArn"));
    }
    for (const arn of list(role.props.managedPolicyArns) ?? []) {
        managed.push(...policiesNamedBy(stack, arn, role, "managedPolicyArns"));
    }
    for (const policy of new Set(managed)) {
        docs.push({ source: policy, label: `policy "${str(policy.props.name) ?? policy.name}"`, document: policy.props.policy });
    }
    return docs;
}

/** Display name of a role. */
export function roleLabel(role: StackResource): string {
    return str(role.props.name) ?? role.name;
}
