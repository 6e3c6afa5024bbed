import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/**
 * One attachment per entry, named by its stable key, so adding, removing or reordering entries
 * never replaces another attachment.
 */
export function attachPolicies(
    name: string,
    role: aws.iam.Role,
    policyArns: Record<string, pulumi.Input<string>>,
    parent: pulumi.Resource,
): aws.iam.RolePolicyAttachment[] {
    return Object.entries(policyArns).map(
        ([key, policyArn]) => new aws.iam.RolePolicyAttachment(`${name}-${key}-attachment`, { role: role.name, policyArn }, { parent }),
    );
}
