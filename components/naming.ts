import { createHash } from "crypto";

/** Length limits AWS enforces on the names this package derives from the cluster name. */
export const awsNameLimits = {
    iamRole: 64,
    iamPolicy: 128,
    sqsQueue: 80,
    eventBridgeRule: 64,
    eksNodeGroup: 63,
    eksFargateProfile: 63,
    launchTemplate: 128,
    instanceProfile: 128,
    securityGroup: 255,
    ecrRepositoryPrefix: 30,
} as const;

const hashLength = 8;

/**
 * Returns `name` unchanged when it fits in `maxLength`, otherwise a prefix of it followed by a
 * short hash of the whole name. Long cluster names therefore never fail, and two long names that
 * share a prefix still get different AWS names.
 */
export function fitAwsName(name: string, maxLength: number): string {
    if (name.length <= maxLength) {
        return name;
    }
    const hash = createHash("sha256").update(name).digest("hex").slice(0, hashLength);
    const prefix = name.slice(0, maxLength - hashLength - 1).replace(/[-_.]+$/, "");
    return `${prefix}-${hash}`;
}

/** The AWS names of everything the component creates, derived from the cluster name alone. */
export interface AwsNames {
    nodeRole: string;
    /** The node role's instance profile when Karpenter cannot create one (an isolated VPC). */
    nodeInstanceProfile: string;
    controllerRole: string;
    controllerPolicy: (purpose: string) => string;
    systemNodeRole: string;
    systemNodeGroup: string;
    systemLaunchTemplate: string;
    fargateRole: string;
    fargateProfile: string;
    terminationHandlerRole: string;
    terminationHandlerPolicy: string;
    interruptionQueue: string;
    interruptionRule: (event: string) => string;
    endpointSecurityGroup: string;
    /** The ECR pull-through cache rule's repository prefix: one per cluster, so stacks never share a rule. */
    pullThroughCachePrefix: string;
}

export function awsNames(clusterName: string): AwsNames {
    return {
        nodeRole: fitAwsName(`KarpenterNodeRole-${clusterName}`, awsNameLimits.iamRole),
        nodeInstanceProfile: fitAwsName(`KarpenterNodeInstanceProfile-${clusterName}`, awsNameLimits.instanceProfile),
        controllerRole: fitAwsName(`KarpenterController-${clusterName}`, awsNameLimits.iamRole),
        controllerPolicy: (purpose) =>
            fitAwsName(`KarpenterController${purpose}Policy-${clusterName}`, awsNameLimits.iamPolicy),
        systemNodeRole: fitAwsName(`${clusterName}-critical-addons-node`, awsNameLimits.iamRole),
        systemNodeGroup: fitAwsName(`${clusterName}-critical-addons`, awsNameLimits.eksNodeGroup),
        systemLaunchTemplate: fitAwsName(`${clusterName}-critical-addons`, awsNameLimits.launchTemplate),
        fargateRole: fitAwsName(`${clusterName}-karpenter-fargate`, awsNameLimits.iamRole),
        fargateProfile: fitAwsName(`${clusterName}-karpenter`, awsNameLimits.eksFargateProfile),
        terminationHandlerRole: fitAwsName(`${clusterName}-node-termination-handler`, awsNameLimits.iamRole),
        terminationHandlerPolicy: fitAwsName(`${clusterName}-node-termination-handler`, awsNameLimits.iamPolicy),
        interruptionQueue: fitAwsName(clusterName, awsNameLimits.sqsQueue),
        interruptionRule: (event) => fitAwsName(`${clusterName}-karpenter-${event}`, awsNameLimits.eventBridgeRule),
        // Security group names may not start with "sg-", which a cluster name may.
        endpointSecurityGroup: fitAwsName(`vpc-endpoints-${clusterName}`, awsNameLimits.securityGroup),
        // ECR prefixes are lowercase, with single separators between letters and digits.
        pullThroughCachePrefix: fitAwsName(
            `ecr-public-${clusterName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "")}`,
            awsNameLimits.ecrRepositoryPrefix,
        ),
    };
}
