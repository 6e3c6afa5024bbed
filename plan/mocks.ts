import * as pulumi from "@pulumi/pulumi";
import { partitionOfRegion } from "../components/iam/partition";
import { genericResource } from "./genericMocks";
import { firstPreviewState } from "./previewState";
import { expandRemoteComponent } from "./remote";
import { hex, uuid } from "./remote/values";

/** Where the mocked resources live. */
export interface MockEnvironment {
    region: string;
    accountId: string;
}

export const defaultMockEnvironment: MockEnvironment = { region: "us-west-2", accountId: "123456789012" };

type Inputs = Record<string, any>;
type MockState = pulumi.runtime.MockResourceResult;
type ResourceMock = (name: string, inputs: Inputs, env: MockEnvironment & { partition: string }) => MockState;

const iamArn = (env: { partition: string; accountId: string }, resource: string) => `arn:${env.partition}:iam::${env.accountId}:${resource}`;

const customResources: Record<string, ResourceMock> = {
    "aws:iam/role:Role": (name, inputs, env) => {
        const roleName = inputs.name ?? name;
        return { id: roleName, state: { ...inputs, name: roleName, arn: iamArn(env, `role/${roleName}`), uniqueId: `AROA${hex(roleName, 17).toUpperCase()}` } };
    },
    "aws:iam/policy:Policy": (name, inputs, env) => {
        const arn = iamArn(env, `policy/${inputs.name ?? name}`);
        return { id: arn, state: { ...inputs, arn, policyId: `ANPA${hex(arn, 17).toUpperCase()}` } };
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (name, inputs) => ({ id: `${inputs.role}-${hex(name, 8)}`, state: inputs }),
    "aws:iam/rolePolicy:RolePolicy": (name, inputs) => ({ id: `${inputs.role}:${inputs.name ?? name}`, state: inputs }),
    "aws:iam/instanceProfile:InstanceProfile": (name, inputs, env) => {
        const profileName = inputs.name ?? name;
        return { id: profileName, state: { ...inputs, name: profileName, arn: iamArn(env, `instance-profile/${profileName}`) } };
    },
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": (_name, inputs, env) => {
        const arn = iamArn(env, `role/aws-service-role/${inputs.awsServiceName}/AWSServiceRoleForEC2Spot`);
        return { id: arn, state: { ...inputs, arn, name: "AWSServiceRoleForEC2Spot" } };
    },
    "aws:sqs/queue:Queue": (name, inputs, env) => {
        const queueName = inputs.name ?? name;
        const url = `https://sqs.${env.region}.amazonaws.com/${env.accountId}/${queueName}`;
        return { id: url, state: { ...inputs, name: queueName, url, arn: `arn:${env.partition}:sqs:${env.region}:${env.accountId}:${queueName}` } };
    },
    "aws:sqs/queuePolicy:QueuePolicy": (_name, inputs) => ({ id: inputs.queueUrl, state: inputs }),
    "aws:cloudwatch/eventRule:EventRule": (name, inputs, env) => {
        const ruleName = inputs.name ?? name;
        return { id: ruleName, state: { ...inputs, name: ruleName, arn: `arn:${env.partition}:events:${env.region}:${env.accountId}:rule/${ruleName}` } };
    },
    "aws:cloudwatch/eventTarget:EventTarget": (_name, inputs) => ({ id: `${inputs.rule}-${inputs.targetId}`, state: inputs }),
    "aws:ec2/tag:Tag": (_name, inputs) => ({ id: `${inputs.resourceId},${inputs.key}`, state: inputs }),
    "aws:cloudwatch/logGroup:LogGroup": (name, inputs, env) => {
        const groupName = inputs.name ?? name;
        return { id: groupName, state: { ...inputs, name: groupName, arn: `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:${groupName}` } };
    },
    "aws:ec2/launchTemplate:LaunchTemplate": (name, inputs, env) => {
        const id = `lt-${hex(name, 17)}`;
        return { id, state: { ...inputs, arn: `arn:${env.partition}:ec2:${env.region}:${env.accountId}:launch-template/${id}`, latestVersion: 1, defaultVersion: 1 } };
    },
    "aws:eks/nodeGroup:NodeGroup": (name, inputs, env) => {
        const groupName = inputs.nodeGroupName ?? name;
        return {
            id: `${inputs.clusterName}:${groupName}`,
            state: { ...inputs, nodeGroupName: groupName, status: "ACTIVE", arn: `arn:${env.partition}:eks:${env.region}:${env.accountId}:nodegroup/${inputs.clusterName}/${groupName}/${hex(name, 8)}` },
        };
    },
    "aws:eks/accessEntry:AccessEntry": (_name, inputs, env) => ({
        id: `${inputs.clusterName}:${inputs.principalArn}`,
        state: { ...inputs, accessEntryArn: `arn:${env.partition}:eks:${env.region}:${env.accountId}:access-entry/${inputs.clusterName}/role/${hex(inputs.principalArn, 8)}` },
    }),
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (name, inputs, env) => {
        const associationId = `a-${hex(name, 17)}`;
        return { id: associationId, state: { ...inputs, associationId, associationArn: `arn:${env.partition}:eks:${env.region}:${env.accountId}:podidentityassociation/${inputs.clusterName}/${associationId}` } };
    },
    "aws:eks/addon:Addon": (_name, inputs, env) => ({
        id: `${inputs.clusterName}:${inputs.addonName}`,
        state: { ...inputs, addonVersion: "v1.3.8-eksbuild.2", arn: `arn:${env.partition}:eks:${env.region}:${env.accountId}:addon/${inputs.clusterName}/${inputs.addonName}/${hex(inputs.addonName, 8)}` },
    }),
    "aws:eks/fargateProfile:FargateProfile": (name, inputs, env) => ({
        id: `${inputs.clusterName}:${inputs.fargateProfileName ?? name}`,
        state: { ...inputs, status: "ACTIVE", arn: `arn:${env.partition}:eks:${env.region}:${env.accountId}:fargateprofile/${inputs.clusterName}/${inputs.fargateProfileName ?? name}/${hex(name, 8)}` },
    }),
    "aws:ec2/securityGroup:SecurityGroup": (name, inputs, env) => {
        const id = `sg-${hex(name, 17)}`;
        return { id, state: { ...inputs, arn: `arn:${env.partition}:ec2:${env.region}:${env.accountId}:security-group/${id}`, ownerId: env.accountId } };
    },
    // The provider's id is the rule's prefix (`pulumi import ... PullThroughCacheRule <prefix>`); registryId is the account.
    "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": (_name, inputs, env) => ({
        id: inputs.ecrRepositoryPrefix,
        state: { ...inputs, registryId: env.accountId },
    }),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (name, inputs, env) => {
        const id = `sgr-${hex(name, 17)}`;
        return { id, state: { ...inputs, securityGroupRuleId: id, arn: `arn:${env.partition}:ec2:${env.region}:${env.accountId}:security-group-rule/${id}` } };
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": (name, inputs, env) => {
        const id = `vpce-${hex(name, 17)}`;
        return { id, state: { ...inputs, arn: `arn:${env.partition}:ec2:${env.region}:${env.accountId}:vpc-endpoint/${id}`, state: "available" } };
    },
    // The engine answers a provider's registration with its inputs, and gives it a UUID.
    "pulumi:providers:kubernetes": (name, inputs) => ({ id: uuid(`${name}-provider`), state: inputs }),
    "pulumi:providers:aws": (name, inputs) => ({ id: uuid(`${name}-provider`), state: inputs }),
    "kubernetes:helm.sh/v3:Release": (_name, inputs) => ({
        id: `${inputs.namespace}/${inputs.name}`,
        state: { ...inputs, status: { name: inputs.name, namespace: inputs.namespace, chart: inputs.chart, version: inputs.version, status: "deployed", revision: 1 } },
    }),
    "kubernetes:core/v1:Namespace": (_name, inputs) => ({ id: inputs.metadata?.name, state: inputs }),
    "kubernetes:core/v1:LimitRange": (name, inputs) => kubernetesObject(name, inputs),
    "kubernetes:apps/v1:Deployment": (name, inputs) => kubernetesObject(name, inputs),
};

function kubernetesObject(name: string, inputs: Inputs): MockState {
    return { id: inputs.metadata?.name ?? name, state: { ...inputs, metadata: { ...inputs.metadata, uid: hex(name, 32) } } };
}

const invokes: Record<string, (env: MockEnvironment, inputs: Inputs) => Inputs> = {
    "aws:iam/getRole:getRole": (env, inputs) => ({
        id: inputs.name,
        name: inputs.name,
        path: "/",
        arn: iamArn({ partition: partitionOfRegion(env.region).partition, accountId: env.accountId }, `role/${inputs.name}`),
        uniqueId: `AROA${hex(inputs.name, 17).toUpperCase()}`,
    }),
    "aws:ec2/getVpc:getVpc": (_env, inputs) => ({
        id: inputs.id,
        cidrBlock: "10.0.0.0/16",
        cidrBlockAssociations: [{ associationId: `vpc-cidr-assoc-${hex(inputs.id, 17)}`, cidrBlock: "10.0.0.0/16", state: "associated" }],
    }),
    "aws:index/getRegion:getRegion": (env) => ({ id: env.region, region: env.region, name: env.region, endpoint: `ec2.${env.region}.amazonaws.com`, description: env.region }),
    // Asked only when a cluster admin is the caller (components/cluster/clusterCreator.ts). The
    // offline plan deploys into an account without clusters, so the stack creates its cluster.
    "aws:eks/getClusters:getClusters": (env) => ({ id: env.region, names: [], region: env.region }),
    "aws:index/getCallerIdentity:getCallerIdentity": (env) => ({
        id: env.accountId,
        accountId: env.accountId,
        arn: `arn:${partitionOfRegion(env.region).partition}:iam::${env.accountId}:user/offline-plan`,
        userId: `AIDA${hex(env.accountId, 17).toUpperCase()}`,
    }),
};

/**
 * Mocks with realistic values for every type the stack creates: ARNs with partition, region and
 * account; ids of the right shape; and the outputs of the remote components as their providers
 * build them (plan/remote). Any other custom resource type, such as a bucket a consumer program
 * creates beside the component, gets the generic answer of plan/genericMocks.ts, and is listed in
 * {@link genericallyMocked} so the plan can say so. A function call without a mock throws: its
 * answer shapes the stack, and a made-up one would plan a stack that does not exist.
 *
 * With `firstPreview`, they answer as the engine does in the preview of a new stack: a resource's
 * state is its inputs and every computed attribute unknown (plan/previewState.ts), so ids and
 * ARNs are unknown, and so is every output of a remote component that its provider computes from
 * them; functions (region, account, partition, role lookups) still answer.
 */
export class RealisticMocks implements pulumi.runtime.Mocks {
    private readonly env: MockEnvironment & { partition: string };
    private readonly generic = new Set<string>();

    constructor(
        env: MockEnvironment = defaultMockEnvironment,
        private readonly firstPreview = false,
    ) {
        this.env = { ...env, partition: partitionOfRegion(env.region).partition };
    }

    newResource(args: pulumi.runtime.MockResourceArgs): MockState {
        // Throws, as the provider's Construct would fail the preview, for inputs its code cannot take.
        const remote = expandRemoteComponent(args.type, args.name, args.inputs, this.env, this.firstPreview);
        if (remote) {
            return { id: "", state: remote.outputs };
        }
        const mock = customResources[args.type] ?? (/^kubernetes:karpenter\.(sh|k8s\.aws)\/v1:/.test(args.type) ? kubernetesObject : undefined);
        if (args.custom === false) {
            // Local components (the stack, KarpenterCluster) have no state of their own.
            return { id: "", state: {} };
        }
        const generic = mock === undefined ? genericResource(args.type, args.name, args.inputs, this.env, args.id) : undefined;
        if (generic?.approximate) {
            this.generic.add(args.type);
        }
        const deployed = (inputs: Inputs) => generic?.state ?? mock!(args.name, inputs, this.env);
        return this.firstPreview ? firstPreviewState(args.type, args.inputs, deployed) : deployed(args.inputs);
    }

    /** The resource types answered by the generic mock (plan/genericMocks.ts), sorted. */
    get genericallyMocked(): string[] {
        return [...this.generic].sort();
    }

    call(args: pulumi.runtime.MockCallArgs): Inputs {
        const invoke = invokes[args.token];
        if (!invoke) {
            throw new Error(`Mock not implemented: ${args.token}; the offline plan answers only the functions plan/mocks.ts knows, because a function's result shapes the stack`);
        }
        return invoke(this.env, args.inputs);
    }
}
