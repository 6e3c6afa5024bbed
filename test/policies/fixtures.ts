/**
 * A complete, valid Karpenter stack as the engine would hand it to the policy pack, and small
 * helpers to break exactly one thing in it. Every call returns fresh objects.
 */
import { EngineResource, unknownValue } from "../../plan/policyHarness";

export { unknownValue };

export const account = "111122223333";
export const clusterName = "demo";
export const issuer = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
export const nodeRoleName = "KarpenterNodeRole-demo";
export const controllerRoleName = "KarpenterController-demo";
const queueUrl = `https://sqs.us-west-2.amazonaws.com/${account}/${clusterName}`;

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::karpenter::${type}::${name}`;
}

export const k8sProviderRef = `${urnOf("pulumi:providers:kubernetes", "k8s")}::0f4bd0c3-6c7f-4a5e-9b1a-2d0c7e6f5a11`;

/** A resource with sensible engine defaults; `provider` and dependencies can be added by the caller. */
export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<EngineResource> = {}): EngineResource {
    return { urn: urnOf(type, name), type, name, custom: true, props, dependencies: [], propertyDependencies: {}, ...extra };
}

function k8s(type: string, name: string, props: Record<string, unknown>): EngineResource {
    return resource(type, name, props, { provider: k8sProviderRef });
}

const policyJson = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

export const irsaTrust = (subject: string) =>
    policyJson([
        {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${issuer}` },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" } },
        },
    ]);

const clusterOwned = { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: "owned" };

/** Statements shaped like Karpenter's CloudFormation reference (trimmed to what the policies look at). */
export const controllerStatements = {
    lifecycle: [
        { Sid: "AllowScopedEC2InstanceAccessActions", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:CreateFleet"], Resource: ["arn:aws:ec2:us-west-2::image/*", "arn:aws:ec2:us-west-2:*:subnet/*"] },
        {
            Sid: "AllowScopedDeletion",
            Effect: "Allow",
            Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
            Resource: ["arn:aws:ec2:us-west-2:*:instance/*", "arn:aws:ec2:us-west-2:*:launch-template/*"],
            Condition: { StringEquals: clusterOwned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
        },
    ],
    iamIntegration: [
        {
            Sid: "AllowPassingInstanceRole",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: `arn:aws:iam::${account}:role/${nodeRoleName}`,
            Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com"] } },
        },
    ],
    discovery: [
        { Sid: "AllowRegionalReadActions", Effect: "Allow", Action: ["ec2:DescribeInstances", "ec2:DescribeSubnets"], Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-west-2" } } },
        { Sid: "AllowPricingReadActions", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
    ],
};

export const tlsOnlyQueuePolicy = policyJson([
    { Sid: "AllowEventDelivery", Effect: "Allow", Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] }, Action: "sqs:SendMessage", Resource: `arn:aws:sqs:us-west-2:${account}:${clusterName}` },
    { Sid: "DenyHTTP", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: `arn:aws:sqs:us-west-2:${account}:${clusterName}`, Condition: { Bool: { "aws:SecureTransport": "false" } } },
]);

function managedPolicy(name: string, awsName: string, statements: object[]): EngineResource[] {
    const policy = resource("aws:iam/policy:Policy", name, { name: awsName, policy: policyJson(statements) });
    const controllerRole = urnOf("aws:iam/role:Role", "karpenter-controller");
    const attachment = resource(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        `${name}-attachment`,
        { role: controllerRoleName, policyArn: `arn:aws:iam::${account}:policy/${awsName}` },
        { dependencies: [controllerRole, policy.urn], propertyDependencies: { role: [controllerRole], policyArn: [policy.urn] } },
    );
    return [policy, attachment];
}

export function controllerValues(): Record<string, unknown> {
    return {
        settings: { clusterName, interruptionQueue: clusterName },
        serviceAccount: { name: "karpenter", annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${account}:role/${controllerRoleName}` } },
        replicas: 2,
        nodeSelector: { "critical-addons": "true" },
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
    };
}

export function nodePoolProps(name = "default"): Record<string, any> {
    return {
        apiVersion: "karpenter.sh/v1",
        kind: "NodePool",
        metadata: { name },
        spec: {
            template: {
                metadata: { labels: { workload: "general" } },
                spec: {
                    requirements: [
                        { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
                        { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot", "on-demand"] },
                        { key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["c", "m", "r"] },
                        { key: "karpenter.k8s.aws/instance-hypervisor", operator: "In", values: ["nitro"] },
                        { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["2"] },
                    ],
                    nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
                    expireAfter: "720h",
                },
            },
            limits: { cpu: "100", memory: "400Gi" },
            disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m", budgets: [{ nodes: "10%" }] },
        },
    };
}

export function nodeClassProps(name = "default"): Record<string, any> {
    return {
        apiVersion: "karpenter.k8s.aws/v1",
        kind: "EC2NodeClass",
        metadata: { name },
        spec: {
            role: nodeRoleName,
            amiSelectorTerms: [{ alias: "al2023@v20250920" }],
            subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": clusterName } }],
            securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": clusterName } }],
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } }],
        },
    };
}

export function criticalNodeGroupProps(): Record<string, any> {
    return {
        clusterName,
        nodeGroupName: "critical-addons",
        labels: { "critical-addons": "true" },
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
        scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 },
        subnetIds: ["subnet-0aaa", "subnet-0bbb"],
        capacityType: "ON_DEMAND",
        instanceTypes: ["m6i.large"],
    };
}

/** The happy path: every policy passes on this stack. */
export function validStack(): EngineResource[] {
    return [
        resource("pulumi:providers:kubernetes", "k8s", { kubeconfig: "{}" }),
        resource("aws:eks/cluster:Cluster", "cluster", {
            name: clusterName,
            version: "1.35",
            vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true, subnetIds: ["subnet-0aaa", "subnet-0bbb"], securityGroupIds: [] },
            accessConfig: { authenticationMode: "API" },
        }),
        resource("aws:eks/nodeGroup:NodeGroup", "critical-addons", criticalNodeGroupProps()),
        resource("aws:iam/role:Role", "karpenter-node-role", {
            name: nodeRoleName,
            assumeRolePolicy: policyJson([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]),
        }),
        resource("aws:eks/accessEntry:AccessEntry", "karpenter-node-access", { clusterName, principalArn: `arn:aws:iam::${account}:role/${nodeRoleName}`, type: "EC2_LINUX" }),
        resource("aws:iam/role:Role", "karpenter-controller", { name: controllerRoleName, assumeRolePolicy: irsaTrust("system:serviceaccount:kube-system:karpenter") }),
        ...managedPolicy("karpenter-node-lifecycle", "KarpenterControllerNodeLifecyclePolicy-demo", controllerStatements.lifecycle),
        ...managedPolicy("karpenter-iam-integration", "KarpenterControllerIAMIntegrationPolicy-demo", controllerStatements.iamIntegration),
        ...managedPolicy("karpenter-resource-discovery", "KarpenterControllerResourceDiscoveryPolicy-demo", controllerStatements.discovery),
        resource("aws:sqs/queue:Queue", "interruption-queue", { name: clusterName, messageRetentionSeconds: 300, sqsManagedSseEnabled: true }),
        resource("aws:sqs/queuePolicy:QueuePolicy", "interruption-queue-policy", { queueUrl, policy: tlsOnlyQueuePolicy }),
        resource("aws:ec2/tag:Tag", "cluster-sg-discovery", { resourceId: "sg-0123456789abcdef0", key: "karpenter.sh/discovery", value: clusterName }),
        k8s("kubernetes:helm.sh/v3:Release", "karpenter-crd", { name: "karpenter-crd", chart: "oci://public.ecr.aws/karpenter/karpenter-crd", version: "1.14.1", namespace: "kube-system" }),
        k8s("kubernetes:helm.sh/v3:Release", "karpenter", {
            name: "karpenter",
            chart: "oci://public.ecr.aws/karpenter/karpenter",
            version: "1.14.1",
            namespace: "kube-system",
            skipCrds: true,
            values: controllerValues(),
        }),
        k8s("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default-nodeclass", nodeClassProps()),
        k8s("kubernetes:karpenter.sh/v1:NodePool", "default-nodepool", nodePoolProps()),
    ];
}

/** The resource with this Pulumi name. */
export function byName(resources: EngineResource[], name: string): EngineResource {
    const found = resources.find((r) => r.name === name);
    if (found === undefined) {
        throw new Error(`fixture has no resource named ${name}`);
    }
    return found;
}

/** The props of the resource with this Pulumi name, typed loosely for tests that reach deep. */
export function propsOf(resources: EngineResource[], name: string): Record<string, any> {
    return byName(resources, name).props;
}

/** A fresh valid stack with one resource's props changed by `change`. */
export function validStackWith(name: string, change: (props: Record<string, any>) => void): EngineResource[] {
    const resources = validStack();
    change(byName(resources, name).props);
    return resources;
}

/** A fresh valid stack without the named resources. */
export function validStackWithout(...names: string[]): EngineResource[] {
    return validStack().filter((r) => !names.includes(r.name));
}
