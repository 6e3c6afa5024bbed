import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedArgs } from "../config/resolved";
import { criticalAddonsTaint } from "../config/defaults";
import { AwsContext, managedPolicyArn } from "../iam/partition";
import { ec2TrustPolicy } from "../iam/trustPolicies";
import { renderPolicy } from "../iam/policyDocument";
import { attachPolicies } from "../iam/attachments";
import { AwsNames } from "../naming";
import { nodeRolePolicyNames } from "../iam/nodeRole";
import { isGravitonInstanceType } from "../config/instanceTypes";

/** EKS managed node group taint effects are spelled differently from Kubernetes'. */
const awsTaintEffects = { NoSchedule: "NO_SCHEDULE", NoExecute: "NO_EXECUTE", PreferNoSchedule: "PREFER_NO_SCHEDULE" } as const;

export interface CriticalAddonsNodeGroup {
    nodeGroup: aws.eks.NodeGroup;
    role: aws.iam.Role;
}

/**
 * The on-demand node group Karpenter and the cluster add-ons run on, tainted so that nothing
 * else lands there and spread over every private subnet.
 */
export function createCriticalAddonsNodeGroup(
    name: string,
    args: ResolvedArgs,
    names: AwsNames,
    context: pulumi.Output<AwsContext>,
    clusterName: pulumi.Output<string>,
    subnetIds: pulumi.Output<string[]>,
    parent: pulumi.Resource,
): CriticalAddonsNodeGroup {
    const group = args.nodeGroup;
    const role = new aws.iam.Role(
        `${name}-critical-addons-node-role`,
        { name: names.systemNodeRole, assumeRolePolicy: context.apply((ctx) => renderPolicy(ec2TrustPolicy(ctx))), tags: args.tags },
        { parent },
    );
    const attachments = attachPolicies(
        `${name}-critical-addons-node`,
        role,
        Object.fromEntries(
            Object.entries(nodeRolePolicyNames(args.nodeRole.ecrPolicy)).map(([key, policy]) => [key, context.apply((ctx) => managedPolicyArn(ctx, policy))]),
        ),
        parent,
    );
    const launchTemplate = new aws.ec2.LaunchTemplate(
        `${name}-critical-addons-launch-template`,
        {
            name: names.systemLaunchTemplate,
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: group.metadataHopLimit },
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvda",
                    ebs: { volumeSize: group.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
                },
            ],
            tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags: { ...args.tags, Name: names.systemNodeGroup } })),
            tags: args.tags,
        },
        { parent },
    );
    const arm = group.instanceTypes.every(isGravitonInstanceType);
    const nodeGroup = new aws.eks.NodeGroup(
        `${name}-critical-addons`,
        {
            clusterName,
            nodeGroupName: names.systemNodeGroup,
            nodeRoleArn: role.arn,
            subnetIds,
            version: args.kubernetesVersion,
            amiType: arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
            capacityType: "ON_DEMAND",
            instanceTypes: group.instanceTypes,
            launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
            scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
            updateConfig: { maxUnavailable: 1 },
            labels: group.labels,
            taints: [{ key: criticalAddonsTaint.key, value: criticalAddonsTaint.value, effect: awsTaintEffects[criticalAddonsTaint.effect] }],
            tags: args.tags,
        },
        // Cluster autoscaling tools may move desiredSize; a later `pulumi up` must not undo that.
        { parent, dependsOn: attachments, ignoreChanges: ["scalingConfig.desiredSize"] },
    );
    return { nodeGroup, role };
}
