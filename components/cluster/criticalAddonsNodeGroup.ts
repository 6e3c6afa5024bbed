import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { criticalAddonsTaint } from "../config/defaults";
import { isGravitonInstanceType } from "../config/instanceTypes";
import { ec2TrustPolicy } from "../iam/trustPolicies";
import { nodeRolePolicyNames } from "../iam/nodeRole";
import { awsManagedPolicyArns, createRole } from "../iam/roles";

/** EKS managed node group taint effects are spelled differently from Kubernetes'. */
const awsTaintEffects = { NoSchedule: "NO_SCHEDULE", NoExecute: "NO_EXECUTE", PreferNoSchedule: "PREFER_NO_SCHEDULE" } as const;

/**
 * The on-demand node group Karpenter and the cluster add-ons run on, tainted so that nothing
 * else lands there and spread over every private subnet. EKS creates its access entry.
 */
export function createCriticalAddonsNodeGroup(
    ctx: BuildContext,
    clusterName: pulumi.Output<string>,
    subnetIds: pulumi.Output<string[]>,
    dependsOn: pulumi.Resource[],
): { nodeGroup: aws.eks.NodeGroup; role: aws.iam.Role } {
    const { args, names } = ctx;
    const group = args.nodeGroup;
    const { role, attachments } = createRole(
        ctx,
        "critical-addons-node",
        names.systemNodeRole,
        ctx.aws.apply(ec2TrustPolicy),
        awsManagedPolicyArns(ctx, nodeRolePolicyNames(args.nodeRole.ecrPolicy)),
    );
    const launchTemplate = new aws.ec2.LaunchTemplate(
        `${ctx.name}-critical-addons-launch-template`,
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
        { parent: ctx.parent },
    );
    const arm = group.instanceTypes.every(isGravitonInstanceType);
    const nodeGroup = new aws.eks.NodeGroup(
        `${ctx.name}-critical-addons`,
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
        // Tools that resize the group may move desiredSize; a later `pulumi up` must not undo that.
        { parent: ctx.parent, dependsOn: [...attachments, ...dependsOn], ignoreChanges: ["scalingConfig.desiredSize"] },
    );
    return { nodeGroup, role };
}
