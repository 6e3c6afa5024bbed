import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedArgs } from "../config/resolved";
import { AwsNames } from "../naming";
import { AwsContext, arn, managedPolicyArn } from "./partition";
import { ec2TrustPolicy } from "./trustPolicies";
import { renderPolicy } from "./policyDocument";
import { attachPolicies } from "./attachments";

/** The AWS managed policies every EKS node needs, by stable key. */
export function nodeRolePolicyNames(ecrPolicy: "PullOnly" | "ReadOnly"): Record<string, string> {
    return {
        worker: "AmazonEKSWorkerNodePolicy",
        cni: "AmazonEKS_CNI_Policy",
        ecr: `AmazonEC2ContainerRegistry${ecrPolicy}`,
        ssm: "AmazonSSMManagedInstanceCore",
    };
}

export interface NodeIdentity {
    role: aws.iam.Role;
    /** Instance profiles by the exact name the EC2NodeClasses reference. */
    instanceProfiles: Record<string, aws.iam.InstanceProfile>;
    /** ARNs of every role an EC2NodeClass uses: what the controller may pass. */
    passableRoleArns: pulumi.Output<string[]>;
    /** Access entries that let the nodes join the cluster. */
    accessEntries: aws.eks.AccessEntry[];
}

/**
 * The role of the instances Karpenter launches, its instance profiles, and an EC2_LINUX access
 * entry for it and for every custom role an EC2NodeClass names.
 */
export function createNodeIdentity(
    name: string,
    args: ResolvedArgs,
    names: AwsNames,
    context: pulumi.Output<AwsContext>,
    clusterName: pulumi.Output<string>,
    parent: pulumi.Resource,
): NodeIdentity {
    const role = new aws.iam.Role(
        `${name}-node-role`,
        { name: names.nodeRole, assumeRolePolicy: context.apply((ctx) => renderPolicy(ec2TrustPolicy(ctx))), tags: args.tags },
        { parent },
    );
    const managed = Object.fromEntries(
        Object.entries(nodeRolePolicyNames(args.nodeRole.ecrPolicy)).map(([key, policy]) => [key, context.apply((ctx) => managedPolicyArn(ctx, policy))]),
    );
    attachPolicies(`${name}-node`, role, { ...managed, ...args.nodeRole.additionalPolicies }, parent);

    const classes = args.karpenter.nodeClasses;
    const profileNames = [...new Set(classes.flatMap((c) => (c.instanceProfile ? [c.instanceProfile] : [])))];
    const instanceProfiles = Object.fromEntries(
        profileNames.map((profileName) => [
            profileName,
            new aws.iam.InstanceProfile(`${name}-instance-profile-${profileName}`, { name: profileName, role: role.name, tags: args.tags }, { parent }),
        ]),
    );

    const customRoles = [...new Set(classes.flatMap((c) => (c.role ? [c.role] : [])))];
    const customRoleArns = customRoles.map((roleName) => context.apply((ctx) => arn(ctx, "iam", `role/${roleName}`, { region: "" })));
    const accessEntries = [
        new aws.eks.AccessEntry(`${name}-node-access`, { clusterName, principalArn: role.arn, type: "EC2_LINUX", tags: args.tags }, { parent }),
        ...customRoles.map(
            (roleName, i) =>
                new aws.eks.AccessEntry(
                    `${name}-node-access-${roleName}`,
                    { clusterName, principalArn: customRoleArns[i], type: "EC2_LINUX", tags: args.tags },
                    { parent },
                ),
        ),
    ];
    return {
        role,
        instanceProfiles,
        passableRoleArns: pulumi.all([role.arn, ...customRoleArns]),
        accessEntries,
    };
}
