import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { ec2TrustPolicy } from "./trustPolicies";
import { awsManagedPolicyArns, createRole, extraPolicies, roleArnOf } from "./roles";

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
export function createNodeIdentity(ctx: BuildContext, clusterName: pulumi.Output<string>): NodeIdentity {
    const { args, names } = ctx;
    const opts = { parent: ctx.parent };
    const { role } = createRole(ctx, "node", names.nodeRole, ctx.aws.apply(ec2TrustPolicy), {
        ...awsManagedPolicyArns(ctx, nodeRolePolicyNames(args.nodeRole.ecrPolicy)),
        ...extraPolicies(args.nodeRole.additionalPolicies),
    });

    const classes = args.karpenter.nodeClasses;
    const profileNames = [...new Set(classes.flatMap((c) => (c.instanceProfile ? [c.instanceProfile] : [])))];
    const instanceProfiles = Object.fromEntries(
        profileNames.map((profileName) => [
            profileName,
            new aws.iam.InstanceProfile(`${ctx.name}-instance-profile-${profileName}`, { name: profileName, role: role.name, tags: args.tags }, opts),
        ]),
    );

    const customRoles = [...new Set(classes.flatMap((c) => (c.role ? [c.role] : [])))];
    // Looked up rather than built from the name: a role may live under an IAM path.
    const customRoleArns = customRoles.map((roleName) => aws.iam.getRoleOutput({ name: roleName }, opts).arn);
    const accessEntry = (suffix: string, principalArn: pulumi.Input<string>) =>
        new aws.eks.AccessEntry(`${ctx.name}-node-access${suffix}`, { clusterName, principalArn, type: "EC2_LINUX", tags: args.tags }, opts);
    return {
        role,
        instanceProfiles,
        passableRoleArns: pulumi.all([roleArnOf(ctx, names.nodeRole), ...customRoleArns]),
        accessEntries: [accessEntry("", role.arn), ...customRoles.map((roleName, i) => accessEntry(`-${roleName}`, customRoleArns[i]))],
    };
}
