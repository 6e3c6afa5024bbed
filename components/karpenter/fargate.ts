import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { fargatePodExecutionTrustPolicy } from "../iam/trustPolicies";
import { awsManagedPolicyArns, createRole } from "../iam/roles";

/** The pod label the Karpenter chart sets; the profile selects only the controller's pods. */
export const karpenterPodSelector = { "app.kubernetes.io/name": "karpenter" };

/** A Fargate profile for the Karpenter pods only, so the controller never needs a node at all. */
export function createKarpenterFargateProfile(ctx: BuildContext, clusterName: pulumi.Output<string>, subnetIds: pulumi.Output<string[]>): aws.eks.FargateProfile {
    const { args, names } = ctx;
    const { role, attachments } = createRole(
        ctx,
        "fargate",
        names.fargateRole,
        ctx.aws.apply((aws) => fargatePodExecutionTrustPolicy(aws, args.clusterName)),
        awsManagedPolicyArns(ctx, { podExecution: "AmazonEKSFargatePodExecutionRolePolicy" }),
    );
    return new aws.eks.FargateProfile(
        `${ctx.name}-karpenter-fargate`,
        {
            clusterName,
            fargateProfileName: names.fargateProfile,
            podExecutionRoleArn: role.arn,
            subnetIds,
            selectors: [{ namespace: args.karpenter.namespace, labels: karpenterPodSelector }],
            tags: args.tags,
        },
        { parent: ctx.parent, dependsOn: attachments },
    );
}
