import { AwsContext, arn } from "./partition";
import { PolicyDocument, PolicyStatement, policyDocument } from "./policyDocument";

/** What the Karpenter controller's permissions are scoped to. */
export interface ControllerScope {
    ctx: AwsContext;
    clusterName: string;
    /** Roles the controller may pass to the instances it launches: exactly those the EC2NodeClasses use. */
    nodeRoleArns: string[];
    /** The interruption queue Karpenter reads; undefined when Karpenter does not handle interruptions. */
    interruptionQueueArn?: string;
}

/**
 * The Karpenter v1 controller permissions, statement for statement as upstream's getting-started
 * CloudFormation for 1.14, split into one managed policy per concern as upstream does so that no
 * document can reach IAM's 6,144-character limit, whatever the length of the cluster name.
 */
export function controllerPolicyDocuments(scope: ControllerScope): Record<string, PolicyDocument> {
    const documents: Record<string, PolicyDocument> = {
        NodeLifecycle: policyDocument(nodeLifecycleStatements(scope)),
        IAMIntegration: policyDocument(iamIntegrationStatements(scope)),
        EKSIntegration: policyDocument([eksIntegrationStatement(scope)]),
        ResourceDiscovery: policyDocument(resourceDiscoveryStatements(scope)),
        ZonalShift: policyDocument([zonalShiftStatement(scope)]),
    };
    if (scope.interruptionQueueArn !== undefined) {
        documents.Interruption = policyDocument([
            {
                Sid: "AllowInterruptionQueueActions",
                Effect: "Allow",
                Resource: scope.interruptionQueueArn,
                Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
            },
        ]);
    }
    return documents;
}

function clusterTagKey(scope: ControllerScope): string {
    return `kubernetes.io/cluster/${scope.clusterName}`;
}

function clusterArn(scope: ControllerScope): string {
    return arn(scope.ctx, "eks", `cluster/${scope.clusterName}`);
}

/** EC2 resources of any account in the region: launches reference AMIs and snapshots shared by others. */
function ec2(scope: ControllerScope, resource: string): string {
    return arn(scope.ctx, "ec2", resource, { account: "*" });
}

/** Public EC2 resources (images, snapshots), whose ARNs have no account. */
function ec2Public(scope: ControllerScope, resource: string): string {
    return arn(scope.ctx, "ec2", resource, { account: "" });
}

const taggedLaunchResources = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"];

function nodeLifecycleStatements(scope: ControllerScope): PolicyStatement[] {
    const owned = { [`aws:ResourceTag/${clusterTagKey(scope)}`]: "owned" };
    const requestOwned = {
        [`aws:RequestTag/${clusterTagKey(scope)}`]: "owned",
        "aws:RequestTag/eks:eks-cluster-name": scope.clusterName,
    };
    const taggedResources = taggedLaunchResources.map((r) => ec2(scope, r));
    return [
        {
            Sid: "AllowScopedEC2InstanceAccessActions",
            Effect: "Allow",
            Resource: [
                ec2Public(scope, "image/*"),
                ec2Public(scope, "snapshot/*"),
                ec2(scope, "security-group/*"),
                ec2(scope, "subnet/*"),
                ec2(scope, "capacity-reservation/*"),
                ec2(scope, "placement-group/*"),
            ],
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        },
        {
            Sid: "AllowScopedEC2LaunchTemplateAccessActions",
            Effect: "Allow",
            Resource: ec2(scope, "launch-template/*"),
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
            Condition: {
                StringEquals: owned,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedEC2InstanceActionsWithTags",
            Effect: "Allow",
            Resource: taggedResources,
            Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
            Condition: {
                StringEquals: requestOwned,
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedResourceCreationTagging",
            Effect: "Allow",
            Resource: taggedResources,
            Action: "ec2:CreateTags",
            Condition: {
                StringEquals: { ...requestOwned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedResourceTagging",
            Effect: "Allow",
            Resource: ec2(scope, "instance/*"),
            Action: "ec2:CreateTags",
            Condition: {
                StringEquals: owned,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": scope.clusterName },
                "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
            },
        },
        {
            Sid: "AllowScopedDeletion",
            Effect: "Allow",
            Resource: [ec2(scope, "instance/*"), ec2(scope, "launch-template/*")],
            Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
            Condition: {
                StringEquals: owned,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
            },
        },
    ];
}

function iamIntegrationStatements(scope: ControllerScope): PolicyStatement[] {
    const instanceProfiles = arn(scope.ctx, "iam", "instance-profile/*", { region: "" });
    const region = scope.ctx.region;
    const owned = {
        [`aws:ResourceTag/${clusterTagKey(scope)}`]: "owned",
        "aws:ResourceTag/topology.kubernetes.io/region": region,
    };
    const requestOwned = {
        [`aws:RequestTag/${clusterTagKey(scope)}`]: "owned",
        "aws:RequestTag/eks:eks-cluster-name": scope.clusterName,
        "aws:RequestTag/topology.kubernetes.io/region": region,
    };
    return [
        {
            Sid: "AllowPassingInstanceRole",
            Effect: "Allow",
            Resource: scope.nodeRoleArns.length === 1 ? scope.nodeRoleArns[0] : [...scope.nodeRoleArns],
            Action: "iam:PassRole",
            Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
        },
        {
            Sid: "AllowScopedInstanceProfileCreationActions",
            Effect: "Allow",
            Resource: instanceProfiles,
            Action: ["iam:CreateInstanceProfile"],
            Condition: {
                StringEquals: requestOwned,
                StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileTagActions",
            Effect: "Allow",
            Resource: instanceProfiles,
            Action: ["iam:TagInstanceProfile"],
            Condition: {
                StringEquals: { ...owned, ...requestOwned },
                StringLike: {
                    "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
                    "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
                },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileActions",
            Effect: "Allow",
            Resource: instanceProfiles,
            Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
            Condition: {
                StringEquals: owned,
                StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
    ];
}

function eksIntegrationStatement(scope: ControllerScope): PolicyStatement {
    return {
        Sid: "AllowAPIServerEndpointDiscovery",
        Effect: "Allow",
        Resource: clusterArn(scope),
        Action: "eks:DescribeCluster",
    };
}

function zonalShiftStatement(scope: ControllerScope): PolicyStatement {
    return {
        Sid: "AllowZonalShiftStatusReadOnly",
        Effect: "Allow",
        Resource: "*",
        Action: ["arc-zonal-shift:GetManagedResource"],
        Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArn(scope) } },
    };
}

function resourceDiscoveryStatements(scope: ControllerScope): PolicyStatement[] {
    return [
        {
            Sid: "AllowRegionalReadActions",
            Effect: "Allow",
            Resource: "*",
            Action: [
                "ec2:DescribeCapacityReservations",
                "ec2:DescribeImages",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceStatus",
                "ec2:DescribeInstanceTypeOfferings",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplates",
                "ec2:DescribePlacementGroups",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeSubnets",
            ],
            Condition: { StringEquals: { "aws:RequestedRegion": scope.ctx.region } },
        },
        {
            Sid: "AllowSSMReadActions",
            Effect: "Allow",
            Resource: arn(scope.ctx, "ssm", "parameter/aws/service/*", { account: "" }),
            Action: "ssm:GetParameter",
        },
        { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
        { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Resource: "*", Action: "iam:ListInstanceProfiles" },
        {
            Sid: "AllowInstanceProfileReadActions",
            Effect: "Allow",
            Resource: arn(scope.ctx, "iam", "instance-profile/*", { region: "" }),
            Action: "iam:GetInstanceProfile",
        },
    ];
}
