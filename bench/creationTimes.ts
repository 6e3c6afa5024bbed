/**
 * Typical creation times of the resource types the stacks register, for the deployment's
 * critical path. They are typical values from AWS documentation, the providers' own waits and
 * experience, not measurements: nothing here talks to AWS. Each entry says where its number
 * comes from, so a reader can replace it with their own.
 */
export interface CreationTime {
    seconds: number;
    source: string;
}

/** What a type without an entry is assumed to take: most API objects are created in about a second. */
export const defaultCreationSeconds = 1;

const apiCall = "one API call";
const k8sObject = "one Kubernetes API call; no readiness to wait for";

/** Keyed by type token, or by a variant label from {@link creationTimeKey}. */
export const creationTimes: Record<string, CreationTime> = {
    "awsx:ec2:Vpc": {
        seconds: 150,
        source: "NAT gateways stay pending 1-2 min before they are available (EC2 docs); VPC, subnets, routes and EIPs take seconds",
    },
    "awsx:ec2:Vpc (no NAT gateways)": { seconds: 30, source: "VPC, subnets and route tables, a few seconds each" },
    "eks:index:Cluster": {
        seconds: 600,
        source: 'EKS CreateCluster "takes several minutes" (EKS API reference); about 10 min is typical; includes the OIDC provider and access entries',
    },
    "aws:eks/nodeGroup:NodeGroup": { seconds: 180, source: "managed node group: instances launch, bootstrap and join; 2-4 min typical" },
    "aws:eks/fargateProfile:FargateProfile": { seconds: 120, source: "about 2 min to become ACTIVE; EKS creates a cluster's profiles one at a time" },
    "aws:eks/addon:Addon": { seconds: 60, source: "the provider waits for the add-on to be ACTIVE, i.e. its pods to run" },
    "aws:eks/accessEntry:AccessEntry": { seconds: 2, source: apiCall },
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": { seconds: 2, source: apiCall },
    "aws:ec2/vpcEndpoint:VpcEndpoint": { seconds: 90, source: "interface endpoints stay pending 1-2 min while their network interfaces are created" },
    "aws:ec2/vpcEndpoint:VpcEndpoint (Gateway)": { seconds: 5, source: "gateway endpoints only add routes" },
    "aws:ec2/securityGroup:SecurityGroup": { seconds: 2, source: "create, then revoke the default egress rule" },
    "aws:ec2/launchTemplate:LaunchTemplate": { seconds: 1, source: apiCall },
    "aws:ec2/tag:Tag": { seconds: 1, source: apiCall },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { seconds: 1, source: apiCall },
    "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": { seconds: 1, source: apiCall },
    "aws:iam/role:Role": { seconds: 2, source: apiCall },
    "aws:iam/policy:Policy": { seconds: 2, source: apiCall },
    "aws:iam/rolePolicy:RolePolicy": { seconds: 1, source: apiCall },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { seconds: 1, source: apiCall },
    "aws:iam/instanceProfile:InstanceProfile": { seconds: 10, source: "the provider waits for the new profile to propagate" },
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": { seconds: 5, source: apiCall },
    "aws:sqs/queue:Queue": {
        seconds: 30,
        source: "the provider reads the attributes back until it sees them 6 times in a row, at least 5 s apart (terraform-provider-aws sqs)",
    },
    "aws:sqs/queuePolicy:QueuePolicy": { seconds: 30, source: "the same attribute propagation wait as the queue" },
    "aws:cloudwatch/eventRule:EventRule": { seconds: 1, source: apiCall },
    "aws:cloudwatch/eventTarget:EventTarget": { seconds: 1, source: apiCall },
    "aws:cloudwatch/logGroup:LogGroup": { seconds: 1, source: apiCall },
    "kubernetes:helm.sh/v3:Release": { seconds: 60, source: "Helm waits for the release's pods to be ready: image pull, start, readiness probe" },
    "kubernetes:apps/v1:Deployment": {
        seconds: 60,
        source: "Pulumi waits for the rollout; the component's only Deployment, the smoke test, waits for Karpenter to launch a node",
    },
    "kubernetes:core/v1:Namespace": { seconds: 1, source: k8sObject },
    "kubernetes:core/v1:LimitRange": { seconds: 1, source: k8sObject },
    "kubernetes:karpenter.sh/v1:NodePool": { seconds: 1, source: k8sObject },
    "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass": { seconds: 1, source: k8sObject },
    "pulumi:providers:kubernetes": { seconds: 0, source: "no cloud call" },
    "pulumi:providers:aws": { seconds: 0, source: "no cloud call" },
    "pulumi:providers:eks": { seconds: 0, source: "no cloud call" },
    "pulumi:providers:awsx": { seconds: 0, source: "no cloud call" },
};

/** A resource as far as its creation time goes. */
export interface TimedResource {
    type: string;
    inputs: Record<string, unknown>;
    /** Set on a child a remote component's provider creates: its time is in the component's. */
    createdBy?: string;
}

/** The table key of `resource`: its type, or a variant of it whose inputs change the time by minutes. */
export function creationTimeKey(resource: TimedResource): string {
    if (resource.type === "awsx:ec2:Vpc" && (resource.inputs.natGateways as { strategy?: string } | undefined)?.strategy === "None") {
        return "awsx:ec2:Vpc (no NAT gateways)";
    }
    if (resource.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && resource.inputs.vpcEndpointType === "Gateway") {
        return "aws:ec2/vpcEndpoint:VpcEndpoint (Gateway)";
    }
    return resource.type;
}

/** Typical creation seconds of `resource`; `known` is false when the table has no entry and the default was used. */
export function creationSeconds(resource: TimedResource): { seconds: number; known: boolean } {
    if (resource.createdBy !== undefined) {
        return { seconds: 0, known: true };
    }
    const entry = creationTimes[creationTimeKey(resource)];
    return entry ? { seconds: entry.seconds, known: true } : { seconds: defaultCreationSeconds, known: false };
}
