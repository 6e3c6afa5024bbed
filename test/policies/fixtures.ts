/**
 * A complete, valid Karpenter stack as the engine would hand it to the policy pack, and small
 * helpers to break exactly one thing in it. Every call returns fresh objects.
 */
import { createHash } from "crypto";
import { referenceUrn } from "../../plan/analyzer/resources";
import { defaultProviderName } from "../../plan/engineState";
import { EngineResource, unknownValue } from "../../plan/policyHarness";
import { eksBundledPackages } from "../../plan/remote/eksCluster";

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

/**
 * A resource with sensible engine defaults; `provider` and dependencies can be added by the caller.
 * Its outputs are its inputs, the very same object, like a provider that computes nothing.
 */
export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<EngineResource> = {}): EngineResource {
    return { urn: urnOf(type, name), type, name, custom: true, inputs: props, outputs: props, dependencies: [], propertyDependencies: {}, ...extra };
}

/** Makes the same change to what resource policies (inputs) and stack policies (outputs) see. */
export function editProps(target: EngineResource, change: (props: Record<string, any>) => void): void {
    change(target.inputs);
    if (target.outputs !== target.inputs) {
        change(target.outputs);
    }
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
        resource("aws:iam/serviceLinkedRole:ServiceLinkedRole", "spot-service-linked-role", { awsServiceName: "spot.amazonaws.com" }),
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

/** The inputs (here also the outputs) of the resource with this Pulumi name, typed loosely for tests that reach deep. */
export function propsOf(resources: EngineResource[], name: string): Record<string, any> {
    return byName(resources, name).inputs;
}

/** A fresh valid stack with one resource's props changed by `change`. */
export function validStackWith(name: string, change: (props: Record<string, any>) => void): EngineResource[] {
    const resources = validStack();
    editProps(byName(resources, name), change);
    return resources;
}

/** A fresh valid stack without the named resources. */
export function validStackWithout(...names: string[]): EngineResource[] {
    return validStack().filter((r) => !names.includes(r.name));
}

/** The versions the program's SDKs ask for (this repository's package.json pins). */
const programPackages: Record<string, string> = { aws: "7.48.0", kubernetes: "4.34.2" };

const providerPrefix = "pulumi:providers:";

const hexOf = (seed: string, length: number) => createHash("sha256").update(seed).digest("hex").slice(0, length);

const uuidOf = (seed: string) => hexOf(seed, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");

/**
 * What a provider records in a resource's outputs besides its inputs, as a deployed stack holds
 * them (a preview carries an unchanged resource's recorded outputs): `id` and ARNs from the AWS
 * provider, `status` of a Helm release, server-set metadata of a Kubernetes object.
 */
const computedOutputs: Record<string, (props: Record<string, any>, urn: string) => Record<string, unknown>> = {
    "aws:iam/role:Role": (p, urn) => ({ id: p.name, arn: `arn:aws:iam::${account}:role/${p.name}`, uniqueId: `AROA${hexOf(urn, 17).toUpperCase()}` }),
    "aws:iam/policy:Policy": (p, urn) => ({ id: `arn:aws:iam::${account}:policy/${p.name}`, arn: `arn:aws:iam::${account}:policy/${p.name}`, policyId: `ANPA${hexOf(urn, 17).toUpperCase()}` }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (p, urn) => ({ id: `${p.role}-${hexOf(urn, 26)}` }),
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": (p) => {
        const arn = `arn:aws:iam::${account}:role/aws-service-role/${p.awsServiceName}/AWSServiceRoleForEC2Spot`;
        return { id: arn, arn, name: "AWSServiceRoleForEC2Spot", path: `/aws-service-role/${p.awsServiceName}/` };
    },
    "aws:eks/accessEntry:AccessEntry": (p, urn) => ({ id: `${p.clusterName}:${p.principalArn}`, accessEntryArn: `arn:aws:eks:us-west-2:${account}:access-entry/${p.clusterName}/role/${hexOf(urn, 8)}` }),
    "aws:sqs/queue:Queue": (p) => ({ id: queueUrl, arn: `arn:aws:sqs:us-west-2:${account}:${p.name}`, url: queueUrl }),
    "aws:sqs/queuePolicy:QueuePolicy": (p) => ({ id: p.queueUrl }),
    "aws:ec2/tag:Tag": (p) => ({ id: `${p.resourceId},${p.key}` }),
    "aws:eks/cluster:Cluster": (p) => ({
        id: p.name,
        arn: `arn:aws:eks:us-west-2:${account}:cluster/${p.name}`,
        endpoint: `https://${issuer.split("/").pop()}.gr7.us-west-2.eks.amazonaws.com`,
        status: "ACTIVE",
        vpcConfig: { ...p.vpcConfig, clusterSecurityGroupId: "sg-0123456789abcdef0", vpcId: "vpc-0123456789abcdef0" },
        identities: [{ oidcs: [{ issuer: `https://${issuer}` }] }],
    }),
    "aws:eks/nodeGroup:NodeGroup": (p, urn) => ({ id: `${p.clusterName}:${p.nodeGroupName}`, arn: `arn:aws:eks:us-west-2:${account}:nodegroup/${p.clusterName}/${p.nodeGroupName}/${hexOf(urn, 8)}`, status: "ACTIVE" }),
    "kubernetes:helm.sh/v3:Release": (p) => ({ status: { name: p.name, namespace: p.namespace, chart: p.chart, version: p.version, revision: 1, status: "deployed" } }),
};

function outputsOf(type: string, props: Record<string, any>, urn: string): Record<string, unknown> {
    const computed = computedOutputs[type]?.(props, urn) ?? (type.startsWith("kubernetes:") ? { metadata: { ...props.metadata, uid: uuidOf(urn), generation: 1 } } : {});
    return { ...structuredClone(props), ...computed };
}

/**
 * The pulumi-eks components the fixture's bare EKS resources stand for, at v4.3.0: the component
 * records no inputs, and registers the resource as a child with what it adds (the cluster's
 * service role, the node group's instance role). Its outputs are part of the state its provider's
 * `construct` returns (nodejs/eks/cmd/provider/cluster.ts, nodegroup.ts), the child named by id, as
 * the engine marshals a resource reference for an analyzer.
 */
const pulumiEksComponents: Record<string, { type: string; childName: (name: string) => string; adds: (name: string) => Record<string, unknown>; outputs: (child: EngineResource) => Record<string, unknown> }> = {
    // nodejs/eks/cluster/cluster.ts createCore: `${name}-eksCluster` with roleArn of `${name}-eksRole`.
    "aws:eks/cluster:Cluster": {
        type: "eks:index:Cluster",
        childName: (name) => `${name}-eksCluster`,
        adds: (name) => ({ roleArn: `arn:aws:iam::${account}:role/${name}-eksRole-role-${hexOf(name, 7)}` }),
        outputs: (child) => ({ eksCluster: child.outputs.id, kubeconfigJson: "{}", instanceRoles: [], clusterSecurityGroupId: "sg-0123456789abcdef0", oidcIssuer: issuer }),
    },
    // nodejs/eks/nodes/nodegroup.ts createManagedNodeGroup: the NodeGroup takes the component's name.
    "aws:eks/nodeGroup:NodeGroup": {
        type: "eks:index:ManagedNodeGroup",
        childName: (name) => name,
        adds: (name) => ({ nodeRoleArn: `arn:aws:iam::${account}:role/${name}-instanceRole-role-${hexOf(name, 7)}` }),
        outputs: (child) => ({ nodeGroup: child.outputs.id }),
    },
};

/**
 * What the program records between the fixture's resources, by fixture name: the resources each
 * property is computed from, and plain `dependsOn` (as the offline plan of the dev stack records
 * them for our component).
 */
const recordedDependencies: Record<string, { properties?: Record<string, string[]>; dependsOn?: string[] }> = {
    k8s: { properties: { kubeconfig: ["cluster"] } },
    "karpenter-controller": { properties: { assumeRolePolicy: ["cluster"] } },
    "karpenter-node-access": { properties: { clusterName: ["cluster"], principalArn: ["karpenter-node-role"] } },
    "interruption-queue-policy": { properties: { queueUrl: ["interruption-queue"] } },
    "cluster-sg-discovery": { properties: { resourceId: ["cluster"] } },
    karpenter: { properties: { values: ["cluster"] }, dependsOn: ["karpenter-crd", "critical-addons", "karpenter-controller", "interruption-queue", "interruption-queue-policy"] },
    "default-nodeclass": { properties: { spec: ["karpenter-node-role"] }, dependsOn: ["karpenter", "karpenter-node-access", "cluster-sg-discovery"] },
    "default-nodepool": { dependsOn: ["karpenter", "karpenter-node-access", "cluster-sg-discovery", "default-nodeclass"] },
};

/** Registration order as the engine's snapshot keeps it: parent, provider and dependencies first, otherwise as given. */
function dependenciesFirst(resources: EngineResource[]): EngineResource[] {
    const known = new Set(resources.map((r) => r.urn));
    const placed = new Set<string>();
    const pending = [...resources];
    const ordered: EngineResource[] = [];
    const ready = (r: EngineResource) => [r.parent, r.provider && referenceUrn(r.provider), ...r.dependencies].every((urn) => !urn || placed.has(urn) || !known.has(urn));
    while (pending.length > 0) {
        const next = pending.findIndex(ready);
        if (next < 0) {
            throw new Error(`dependency cycle among ${pending.map((r) => r.name).join(", ")}`);
        }
        const [resource] = pending.splice(next, 1);
        ordered.push(resource);
        placed.add(resource.urn);
    }
    return ordered;
}

/**
 * A harness fixture (e.g. `validStackWith(...)`) in the shape a real `pulumi preview` of the
 * deployed stack hands the engine's analyzer calls: under the root `pulumi:pulumi:Stack`; the bare
 * EKS cluster and node group as the pulumi-eks components with EMPTY inputs plus their children;
 * every custom resource on a provider (its own, or its package's default provider at the version
 * its SDK asks for: the program's pins, pulumi-eks's bundled ones for its children); outputs that
 * are the inputs plus what the provider computes, a separate object; `__defaults` in AWS inputs
 * (the bridged provider's Check adds it, Analyze drops it); the dependencies the program records.
 */
export function inPreviewShape(fixture: EngineResource[]): EngineResource[] {
    const stackUrn = urnOf("pulumi:pulumi:Stack", "karpenter-dev");
    const shaped: EngineResource[] = [{ urn: stackUrn, type: "pulumi:pulumi:Stack", name: "karpenter-dev", custom: false, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} }];
    const defaultProvider = (pkg: string, version: string): string => {
        const urn = urnOf(`${providerPrefix}${pkg}`, defaultProviderName(version));
        if (!shaped.some((r) => r.urn === urn)) {
            const inputs = pkg === "aws" ? { region: "us-west-2", version } : { version };
            shaped.push({ urn, type: `${providerPrefix}${pkg}`, name: defaultProviderName(version), custom: true, inputs, outputs: { ...inputs }, dependencies: [], propertyDependencies: {} });
        }
        return `${urn}::${uuidOf(urn)}`;
    };
    const customResource = (flat: EngineResource, versions: Record<string, string>, shape: Partial<EngineResource> = {}, adds: Record<string, unknown> = {}): EngineResource => {
        const pkg = flat.type.split(":")[0];
        const urn = shape.urn ?? flat.urn;
        const props = { ...structuredClone(flat.inputs), ...adds };
        const provider = flat.provider ?? defaultProvider(pkg, versions[pkg]);
        const inputs = pkg === "aws" ? { ...props, __defaults: [] } : props;
        return { ...flat, parent: flat.parent ?? stackUrn, ...shape, provider, inputs, outputs: outputsOf(flat.type, props, urn), dependencies: [...flat.dependencies], propertyDependencies: structuredClone(flat.propertyDependencies) };
    };
    const components = new Map<string, string>();
    for (const flat of fixture) {
        const eks = pulumiEksComponents[flat.type];
        if (eks !== undefined) {
            const component = resource(eks.type, flat.name, {}, { custom: false, parent: stackUrn });
            shaped.push(component);
            const name = eks.childName(flat.name);
            const child = customResource(flat, eksBundledPackages, { urn: `urn:pulumi:dev::karpenter::${eks.type}$${flat.type}::${name}`, name, parent: component.urn }, eks.adds(flat.name));
            component.outputs = eks.outputs(child);
            components.set(flat.urn, component.urn);
            shaped.push(child);
        } else if (flat.custom && !flat.type.startsWith(providerPrefix)) {
            shaped.push(customResource(flat, programPackages));
        } else {
            const inputs = structuredClone(flat.inputs);
            shaped.push({ ...flat, parent: flat.parent ?? stackUrn, inputs, outputs: flat.custom ? structuredClone(inputs) : structuredClone(flat.outputs) });
        }
    }
    const present = (names: string[]) => names.flatMap((name) => fixture.filter((r) => r.name === name).map((r) => components.get(r.urn) ?? r.urn));
    for (const r of shaped) {
        const recorded = recordedDependencies[r.name] ?? {};
        for (const [property, names] of Object.entries(recorded.properties ?? {})) {
            r.propertyDependencies[property] = present(names);
        }
        const recordedUrns = present([...Object.values(recorded.properties ?? {}).flat(), ...(recorded.dependsOn ?? [])]);
        const renamed = (urns: string[]) => urns.map((urn) => components.get(urn) ?? urn);
        r.dependencies = [...new Set([...renamed(r.dependencies), ...recordedUrns])];
        r.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([property, urns]) => [property, renamed(urns)]));
    }
    return dependenciesFirst(shaped);
}
