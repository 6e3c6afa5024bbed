import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { arn, managedPolicyArn } from "./partition";
import { PolicyDocument, renderPolicy } from "./policyDocument";

export interface RoleWithPolicies {
    role: aws.iam.Role;
    attachments: aws.iam.RolePolicyAttachment[];
}

/**
 * The ARN of a role this stack names itself, known before the role exists, so that documents
 * and values that reference it stay known during a preview.
 */
export function roleArnOf(ctx: BuildContext, roleName: string): pulumi.Output<string> {
    return ctx.aws.apply((aws) => arn(aws, "iam", `role/${roleName}`, { region: "" }));
}

/** ARNs of AWS managed policies, by stable key, in the provider's partition. */
export function awsManagedPolicyArns(ctx: BuildContext, policyNames: Record<string, string>): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(Object.entries(policyNames).map(([key, policy]) => [key, ctx.aws.apply((aws) => managedPolicyArn(aws, policy))]));
}

/**
 * A user's extra policies, keyed apart from the generated ones so that no user key can replace a
 * required policy (a user `ssm` key must not detach AmazonSSMManagedInstanceCore).
 */
export function extraPolicies(policyArns: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(policyArns).map(([key, policyArn]) => [`extra-${key}`, policyArn]));
}

/**
 * A role named `roleName` with the given trust and one attachment per policy. Attachments are
 * named by their stable key, so adding, removing or reordering policies never replaces another.
 */
export function createRole(
    ctx: BuildContext,
    part: string,
    roleName: string,
    trust: pulumi.Input<PolicyDocument>,
    policyArns: Record<string, pulumi.Input<string>>,
): RoleWithPolicies {
    const opts = { parent: ctx.parent };
    const role = new aws.iam.Role(
        `${ctx.name}-${part}-role`,
        { name: roleName, assumeRolePolicy: pulumi.output(trust).apply(renderPolicy), tags: ctx.args.tags },
        opts,
    );
    const attachments = Object.entries(policyArns).map(
        ([key, policyArn]) => new aws.iam.RolePolicyAttachment(`${ctx.name}-${part}-${key}-attachment`, { role: role.name, policyArn }, opts),
    );
    return { role, attachments };
}
