import { DisruptionBudget, NodeSelectorRequirement, Taint } from "../nodepools/crdTypes";
import {
    ControllerResources,
    EndpointArgs,
    KarpenterArgs,
    KarpenterClusterArgs,
    KubeconfigCredentialsArgs,
    NetworkArgs,
    NodeClassArgs,
    NodeGroupArgs,
    NodePoolArgs,
    NodeRoleArgs,
    PodDefaultsArgs,
    PullThroughCacheArgs,
    SmokeTestArgs,
    VpcEndpointsArgs,
} from "./args";
import * as f from "./formats";
import { extraPolicyStatements } from "./iamStatements";
import { Check, anything, arrayOf, boolean, either, integer, isOutputOrPromise, isPlainObject, keyPath, mapOf, object, oneOf, problem, text } from "./schema";

/** The shape of every argument: types, formats, ranges and unknown keys. Cross-field rules live in validateArgs. */

/** Label domains the NodePool CRD restricts (any domain ending with them), with the labels it still allows. */
const restrictedLabelDomains: [string, string[]][] = [
    ["karpenter.sh", ["karpenter.sh/capacity-type"]],
    ["karpenter.k8s.aws", [
        "karpenter.k8s.aws/instance-tenancy", "karpenter.k8s.aws/capacity-reservation-type", "karpenter.k8s.aws/capacity-reservation-id",
        "karpenter.k8s.aws/capacity-reservation-interruptible", "karpenter.k8s.aws/ec2nodeclass",
        "karpenter.k8s.aws/instance-encryption-in-transit-supported", "karpenter.k8s.aws/instance-category",
        "karpenter.k8s.aws/instance-hypervisor", "karpenter.k8s.aws/instance-family", "karpenter.k8s.aws/instance-generation",
        "karpenter.k8s.aws/instance-local-nvme", "karpenter.k8s.aws/instance-size", "karpenter.k8s.aws/instance-cpu",
        "karpenter.k8s.aws/instance-cpu-manufacturer", "karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz",
        "karpenter.k8s.aws/instance-memory", "karpenter.k8s.aws/instance-ebs-bandwidth", "karpenter.k8s.aws/instance-network-bandwidth",
        "karpenter.k8s.aws/instance-gpu-name", "karpenter.k8s.aws/instance-gpu-manufacturer", "karpenter.k8s.aws/instance-gpu-count",
        "karpenter.k8s.aws/instance-gpu-memory", "karpenter.k8s.aws/instance-accelerator-name",
        "karpenter.k8s.aws/instance-accelerator-manufacturer", "karpenter.k8s.aws/instance-accelerator-count",
        "karpenter.k8s.aws/instance-capability-flex", "karpenter.k8s.aws/placement-group-id", "karpenter.k8s.aws/placement-group-partition",
    ]],
];

/** Label and requirement keys the NodePool CRD rejects. */
const nodePoolLabelKey: Check = (value, path) => {
    const syntax = f.labelKey(value, path);
    if (syntax.length > 0) {
        return syntax;
    }
    const key = value as string;
    if (key === "karpenter.sh/nodepool" || key === "kubernetes.io/hostname") {
        return problem(path, `must not be "${key}": it is set on every node, and the NodePool CRD restricts it`);
    }
    // As the CRD's `find("^([^/]+)")`: the prefix, or the whole key when it has none.
    const domain = key.split("/")[0];
    for (const [restricted, allowed] of restrictedLabelDomains) {
        if (domain.endsWith(restricted) && !allowed.includes(key)) {
            return problem(path, `must not use the restricted label domain "${restricted}" unless it is a well-known Karpenter label, got "${key}"`);
        }
    }
    return [];
};

const labels = mapOf(nodePoolLabelKey, f.labelValueText, { max: 100, limit: "the NodePool CRD's maxProperties" });
const tags = mapOf(f.tagKey, f.tagValue);

/** EC2NodeClass tags Karpenter sets itself and the CRD rejects. */
const nodeClassTags: Check = (value, path) => {
    const problems = tags(value, path);
    if (isPlainObject(value)) {
        for (const key of Object.keys(value)) {
            if (/^kubernetes\.io\/cluster/.test(key) || ["eks:eks-cluster-name", "karpenter.sh/nodepool", "karpenter.sh/nodeclaim", "karpenter.k8s.aws/ec2nodeclass"].includes(key)) {
                problems.push({ path: keyPath(path, key), message: `is set by Karpenter and EKS on every node; it cannot be set here` });
            }
        }
    }
    return problems;
};

const taint = object<Taint>(
    {
        key: f.qualifiedKey('a taint key such as "team" or "example.com/dedicated"'),
        value: f.taintValue,
        effect: oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
    },
    ["key", "effect"],
);

const requirementOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Lte"] as const;

const requirement: Check = (value, path) => {
    const problems = object<NodeSelectorRequirement>(
        {
            key: nodePoolLabelKey,
            operator: oneOf(requirementOperators),
            values: arrayOf(f.labelValueText),
            minValues: integer(1, 50),
        },
        ["key", "operator"],
    )(value, path);
    if (problems.length > 0 || !isPlainObject(value)) {
        return problems;
    }
    const req = value as unknown as NodeSelectorRequirement;
    const count = req.values?.length ?? 0;
    if (req.operator === "In" && count === 0) {
        return problem(`${path}.values`, 'must have at least one value with operator "In"');
    }
    if ((req.operator === "Exists" || req.operator === "DoesNotExist") && count > 0) {
        return problem(`${path}.values`, `must be empty with operator "${req.operator}"`);
    }
    if (["Gt", "Lt", "Gte", "Lte"].includes(req.operator) && (count !== 1 || !/^\d+$/.test(req.values![0]))) {
        return problem(`${path}.values`, `must be exactly one non-negative integer with operator "${req.operator}"`);
    }
    if (req.minValues !== undefined && req.minValues > count) {
        return problem(`${path}.minValues`, `must be at most the number of values (${count}), got ${req.minValues}`);
    }
    return [];
};

const budget = object<DisruptionBudget>(
    {
        nodes: f.budgetNodes,
        schedule: f.cronSchedule,
        duration: f.budgetDuration,
        reasons: arrayOf(oneOf(["Underutilized", "Empty", "Drifted"]), { unique: true }),
    },
    ["nodes"],
);

const policyMap = mapOf(f.stableKey, f.managedPolicyArn);

const nodeClass = object<NodeClassArgs>(
    {
        name: f.dnsLabel,
        amiAlias: f.amiAlias,
        role: f.iamRoleName,
        instanceProfile: f.instanceProfileName,
        volumeSize: f.volumeSize,
        volumeType: oneOf(["gp3", "gp2", "io1", "io2"]),
        volumeIops: integer(100, 256000),
        volumeThroughput: integer(125, 2000),
        kmsKeyId: f.kmsKeyId,
        metadataHopLimit: integer(1, 64),
        tags: nodeClassTags,
        detailedMonitoring: boolean,
        userData: f.userData,
    },
    ["name"],
);

const nodePool = object<NodePoolArgs>(
    {
        name: f.dnsLabel,
        nodeClass: f.dnsLabel,
        weight: integer(1, 100),
        capacityTypes: arrayOf(oneOf(["spot", "on-demand"]), { minItems: 1, unique: true }),
        architectures: arrayOf(oneOf(["amd64", "arm64"]), { minItems: 1, unique: true }),
        instanceCategories: arrayOf(f.instanceCategory, { minItems: 1, unique: true }),
        instanceFamilies: arrayOf(f.instanceFamily, { minItems: 1, unique: true }),
        instanceSizes: arrayOf(f.instanceSize, { minItems: 1, unique: true }),
        minInstanceGeneration: integer(1, 10),
        zones: arrayOf(f.zone, { minItems: 1, unique: true }),
        allowExoticInstances: boolean,
        requirements: arrayOf(requirement),
        labels,
        taints: arrayOf(taint),
        startupTaints: arrayOf(taint),
        limits: mapOf(text('a resource name such as "cpu", "memory" or "nvidia.com/gpu"', /^([a-z0-9.-]+\/)?[a-z0-9-]+$/), f.quantity),
        disruption: object<Required<NodePoolArgs>["disruption"]>({
            consolidationPolicy: oneOf(["WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced"]),
            consolidateAfter: f.nonZeroDurationOrNever,
            budgets: arrayOf(budget, { minItems: 1, max: 50, limit: "the NodePool CRD's maxItems" }),
        }),
        expireAfter: f.nonZeroDurationOrNever,
        terminationGracePeriod: f.duration,
    },
    ["name"],
);

const karpenter = object<KarpenterArgs>({
    version: f.exactVersion,
    namespace: f.namespace,
    serviceAccount: f.serviceAccountName,
    identity: oneOf(["irsa", "podIdentity"]),
    placement: oneOf(["nodeGroup", "fargate"]),
    interruption: oneOf(["native", "nodeTerminationHandler", "none"]),
    replicas: integer(2, 10, " (at least 2, so the controller survives the loss of a node)"),
    controllerResources: object<ControllerResources>({
        requests: object<Required<ControllerResources>["requests"]>({ cpu: f.quantity, memory: f.quantity }),
        limits: object<Required<ControllerResources>["limits"]>({ cpu: f.quantity, memory: f.quantity }),
    }),
    isolatedVpc: boolean,
    logLevel: oneOf(["debug", "info", "error"]),
    extraValues: mapOf(anything, anything),
    extraPolicyStatements,
    additionalPolicies: policyMap,
    nodeTerminationHandlerVersion: f.exactVersion,
    nodeClasses: arrayOf(nodeClass, { minItems: 1 }),
    nodePools: arrayOf(nodePool, { minItems: 1 }),
});

export const argsSchema = object<KarpenterClusterArgs>({
    clusterName: f.clusterName,
    kubernetesVersion: f.minorVersion,
    tags: nodeClassTags,
    clusterAdmins: arrayOf(f.principalArn, { unique: true }),
    kubeconfigCredentials: object<KubeconfigCredentialsArgs>({
        profileName: text("an AWS profile name", /^\S(.*\S)?$/),
        roleArn: text('an IAM role ARN such as "arn:aws:iam::111122223333:role/deployer"', /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/),
    }),
    controlPlaneLogRetentionDays: f.logRetentionDays,
    network: object<NetworkArgs>({
        // Outputs are checked when they resolve (see lateValidation); plain strings here.
        vpcId: either(isOutputLike, f.vpcId),
        privateSubnetIds: arrayOf(either(isOutputLike, f.subnetId), { unique: true }),
        publicSubnetIds: arrayOf(either(isOutputLike, f.subnetId), { unique: true }),
        cidrBlock: f.cidr(16, 24),
        availabilityZoneCount: integer(2, 6, " (EKS needs subnets in at least 2 AZs)"),
        natGateways: oneOf(["OnePerAz", "Single", "None"]),
        vpcEndpoints: object<VpcEndpointsArgs>({
            enabled: boolean,
            exclude: arrayOf(oneOf(["sts", "ec2", "ssm", "sqs", "ecr.api", "ecr.dkr", "eks", "eks-auth", "s3"]), { unique: true }),
            additionalServices: arrayOf(f.endpointService, { unique: true }),
            subnetIds: arrayOf(either(isOutputLike, f.subnetId), { minItems: 1, unique: true }),
            routeTableIds: arrayOf(either(isOutputLike, f.routeTableId), { minItems: 1, unique: true }),
            allowedCidrs: arrayOf(f.cidr(0, 32), { minItems: 1, unique: true }),
        }),
        pullThroughCache: object<PullThroughCacheArgs>({
            enabled: boolean,
            repositoryPrefix: f.ecrRepositoryPrefix,
        }),
    }),
    endpoint: object<EndpointArgs>({
        publicAccess: boolean,
        privateAccess: boolean,
        publicAccessCidrs: arrayOf(f.cidr(0, 32), { minItems: 1, unique: true, max: 40, limit: "EKS's limit of public access CIDRs per cluster" }),
        // The cluster security group also guards every node: no range wider than a /8.
        privateAccessCidrs: arrayOf(f.cidr(8, 32), { minItems: 1, unique: true }),
        privateAccessSecurityGroupIds: arrayOf(either(isOutputLike, f.securityGroupId), { minItems: 1, unique: true }),
    }),
    nodeGroup: object<NodeGroupArgs>({
        instanceTypes: arrayOf(f.instanceType, { minItems: 1, unique: true }),
        minSize: integer(2, 100, " (at least 2, spread over 2 AZs, so Karpenter survives the loss of a node)"),
        desiredSize: integer(2, 100),
        maxSize: integer(2, 100),
        diskSizeGiB: integer(20, 16384),
        labels: mapOf(f.nodeGroupLabelKey, f.nodeGroupLabelValue),
        metadataHopLimit: integer(1, 64),
    }),
    nodeRole: object<NodeRoleArgs>({
        ecrPolicy: oneOf(["PullOnly", "ReadOnly"]),
        additionalPolicies: policyMap,
    }),
    karpenter,
    podDefaults: object<PodDefaultsArgs>(
        {
            namespaces: arrayOf(f.namespace, { minItems: 1, unique: true }),
            createNamespaces: boolean,
            defaultRequest: object<Required<PodDefaultsArgs>["defaultRequest"]>({ cpu: f.quantity, memory: f.quantity }),
            defaultLimit: object<Required<PodDefaultsArgs>["defaultLimit"]>({ cpu: f.quantity, memory: f.quantity }),
        },
        ["namespaces"],
    ),
    smokeTest: object<SmokeTestArgs>({
        enabled: boolean,
        nodePool: f.dnsLabel,
        namespace: f.namespace,
        replicas: integer(0, 100),
        cpu: f.quantity,
        memory: f.quantity,
        image: f.containerImage,
    }),
    spotServiceLinkedRole: boolean,
});

/** Pulumi outputs and promises, where args.ts takes an Input: checked when their value is known (lateValidation). */
function isOutputLike(value: unknown): ReturnType<Check> {
    return isOutputOrPromise(value) ? [] : problem("", "not an output");
}
