/**
 * Recognising resources by type token. The pack must not depend on @pulumi/aws or
 * @pulumi/kubernetes (it runs on any stack, with its own small node_modules), so nothing here
 * uses resource classes: only the tokens a real preview shows and the ones our component registers.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Props, at, str, unwrapProps } from "./values";

export const types = {
    helmRelease: "kubernetes:helm.sh/v3:Release",
    helmChartV3: "kubernetes:helm.sh/v3:Chart",
    helmChartV4: "kubernetes:helm.sh/v4:Chart",
    deployment: "kubernetes:apps/v1:Deployment",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    customResourceDefinition: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
    nodePool: "kubernetes:karpenter.sh/v1:NodePool",
    ec2NodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
    configMap: "kubernetes:core/v1:ConfigMap",
    configMapPatch: "kubernetes:core/v1:ConfigMapPatch",
    eksComponentCluster: "eks:index:Cluster",
    eksCluster: "aws:eks/cluster:Cluster",
    eksComponentNodeGroup: "eks:index:ManagedNodeGroup",
    eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
    eksSelfManagedNodeGroup: "eks:index:NodeGroup",
    eksSelfManagedNodeGroupV2: "eks:index:NodeGroupV2",
    autoScalingGroup: "aws:autoscaling/group:Group",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    podIdentityAssociation: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    iamRole: "aws:iam/role:Role",
    iamPolicy: "aws:iam/policy:Policy",
    iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamInstanceProfile: "aws:iam/instanceProfile:InstanceProfile",
    serviceLinkedRole: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    sqsQueue: "aws:sqs/queue:Queue",
    sqsQueuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    ec2Tag: "aws:ec2/tag:Tag",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
} as const;

export const clusterTypes: readonly string[] = [types.eksComponentCluster, types.eksCluster];
/**
 * Helm installs. `helm.sh/v3:Release` is a custom resource: Helm renders and installs in the
 * cluster, and its inputs and outputs carry chart, version and values. `helm.sh/v3:Chart` and
 * `helm.sh/v4:Chart` are components whose children are the rendered objects. A v3 Chart records
 * its arguments as inputs (the Node SDK sends component inputs since 3.202), which resource
 * policies see, but its outputs are empty (ComponentResource `registerOutputs()` with nothing, and
 * the engine overwrites outputs with what is registered: step_executor.go
 * `executeRegisterResourceOutputs`), and stack policies see outputs. A v4 Chart is built by the
 * provider's Construct, which records no inputs (pulumi-kubernetes provider/pkg/provider/helm/v4/
 * chart.go `Construct` calls `RegisterComponentResource`). So stack policies read Charts through
 * their rendered children.
 */
export const helmReleaseTypes: readonly string[] = [types.helmRelease, types.helmChartV3, types.helmChartV4];

/** Karpenter's API groups, every version (v1 and the removed v1alpha5/v1beta1). */
export const karpenterApiGroups: readonly string[] = ["karpenter.sh", "karpenter.k8s.aws"];

/** `kubernetes:karpenter.sh/v1:NodePool` → `karpenter.sh`; undefined for other tokens. */
export function kubernetesGroupOf(type: string): string | undefined {
    const match = /^kubernetes:([^/:]+)\/[^/:]+:\w+$/.exec(type);
    return match?.[1];
}

/** Charts the pack knows, by the last segment of the chart reference. */
export type ChartKind = "karpenter" | "karpenter-crd" | "aws-node-termination-handler" | "other";

/**
 * `oci://public.ecr.aws/karpenter/karpenter`, `karpenter/karpenter` and `karpenter` (with
 * `repositoryOpts.repo`) all name the controller chart; undefined while the chart is unknown.
 */
export function chartKind(props: Props): ChartKind | undefined {
    // A v3 Chart of a local chart names its directory in `path` instead.
    const chart = str(props.chart) ?? str(props.path);
    if (chart === undefined) {
        return undefined;
    }
    const last = chart.replace(/\/+$/, "").split("/").pop() ?? "";
    const name = last.replace(/-\d+\.\d+\.\d+.*\.tgz$/, "").replace(/\.tgz$/, "");
    if (name === "karpenter" || name === "karpenter-crd" || name === "aws-node-termination-handler") {
        return name;
    }
    return "other";
}

/** One stack resource with its props already unwrapped from the SDK proxy. */
export interface StackResource {
    type: string;
    urn: string;
    name: string;
    props: Props;
    /** The SDK object, for parent, dependencies, property dependencies and provider. */
    source: PolicyResource;
}

/** Indexed view of a stack for stack policies. */
export class StackView {
    readonly all: readonly StackResource[];
    private readonly byUrn: Map<string, StackResource>;

    constructor(resources: readonly PolicyResource[]) {
        this.all = resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: unwrapProps(r.props), source: r }));
        this.byUrn = new Map(this.all.map((r) => [r.urn, r]));
    }

    ofType(...wanted: readonly string[]): StackResource[] {
        return this.all.filter((r) => wanted.includes(r.type));
    }

    get(urn: string): StackResource | undefined {
        return this.byUrn.get(urn);
    }

    /**
     * Resources a property was computed from (propertyDependencies), or, when the engine gave none
     * for that property, all the resource's dependencies. Used to follow references whose value is
     * still unknown during preview (a role ARN, a queue URL).
     */
    referencedBy(resource: StackResource, property: string): StackResource[] {
        const perProperty = resource.source.propertyDependencies?.[property];
        const refs = perProperty !== undefined && perProperty.length > 0 ? perProperty : (resource.source.dependencies ?? []);
        return refs.map((r) => this.byUrn.get(r.urn)).filter((r): r is StackResource => r !== undefined);
    }

    /** True when `ancestorUrn` is a parent, grandparent, ... of `resource`. */
    isDescendantOf(resource: StackResource, ancestorUrn: string): boolean {
        let parent = resource.source.parent;
        for (let depth = 0; parent !== undefined && depth < 64; depth++) {
            if (parent.urn === ancestorUrn) {
                return true;
            }
            parent = parent.parent;
        }
        return false;
    }

    /** True when some resource of one of `wanted` types sits below `ancestor` (a component's real children). */
    hasDescendantOfType(ancestor: StackResource, wanted: readonly string[]): boolean {
        return this.all.some((r) => wanted.includes(r.type) && this.isDescendantOf(r, ancestor.urn));
    }
}

/** `arn:aws:iam::123:role/path/name` or `name` → `name`; undefined when unknown. */
export function roleNameFromArnOrName(value: unknown): string | undefined {
    const s = str(value);
    if (s === undefined || s === "") {
        return undefined;
    }
    if (!s.startsWith("arn:")) {
        return s.split("/").pop();
    }
    const resource = s.split(":").slice(5).join(":");
    return resource.startsWith("role/") ? resource.split("/").pop() : undefined;
}

/** The Kubernetes object name, for messages. */
export function k8sName(props: Props, fallback: string): string {
    return str(at(props, "metadata", "name")) ?? fallback;
}
