import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedArgs } from "../config/resolved";
import { AwsNames } from "../naming";
import { AwsContext, managedPolicyArn } from "../iam/partition";
import { fargatePodExecutionTrustPolicy } from "../iam/trustPolicies";
import { renderPolicy } from "../iam/policyDocument";
import { attachPolicies } from "../iam/attachments";

/** The pod label the Karpenter chart sets; the profile selects only the controller's pods. */
export const karpenterPodSelector = { "app.kubernetes.io/name": "karpenter" };

/** A Fargate profile for the Karpenter pods only, so the controller never needs a node at all. */
export function createKarpenterFargateProfile(
    name: string,
    args: ResolvedArgs,
    names: AwsNames,
    context: pulumi.Output<AwsContext>,
    clusterName: pulumi.Output<string>,
    subnetIds: pulumi.Output<string[]>,
    parent: pulumi.Resource,
): aws.eks.FargateProfile {
    const role = new aws.iam.Role(
        `${name}-fargate-role`,
        {
            name: names.fargateRole,
            assumeRolePolicy: context.apply((ctx) => renderPolicy(fargatePodExecutionTrustPolicy(ctx, args.clusterName))),
            tags: args.tags,
        },
        { parent },
    );
    const attachments = attachPolicies(
        `${name}-fargate`,
        role,
        { podExecution: context.apply((ctx) => managedPolicyArn(ctx, "AmazonEKSFargatePodExecutionRolePolicy")) },
        parent,
    );
    return new aws.eks.FargateProfile(
        `${name}-karpenter-fargate`,
        {
            clusterName,
            fargateProfileName: names.fargateProfile,
            podExecutionRoleArn: role.arn,
            subnetIds,
            selectors: [{ namespace: args.karpenter.namespace, labels: karpenterPodSelector }],
            tags: args.tags,
        },
        { parent, dependsOn: attachments },
    );
}
