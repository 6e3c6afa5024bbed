/**
 * EKS control plane exposure and Kubernetes version support, for the clusters of stacks that run
 * Karpenter. Stack policies, because only the whole stack tells whether Karpenter runs there: an
 * EKS cluster without Karpenter is no business of this pack. They file findings under the
 * `aws:eks/cluster:Cluster`, as a resource policy would.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { eksStandardVersions, eksSupportPhase, eksVersionCalendar } from "../lib/eksCalendar";
import { commonTags, configWithDefaults, forKarpenterStacks } from "../lib/policy";
import { types } from "../lib/resources";
import { Props, at, bool, isUnknown, list, str } from "../lib/values";

const openToTheWorld = ["0.0.0.0/0", "::/0"];

/**
 * Endpoint settings of an `aws:eks/cluster:Cluster`. This is the resource that carries them in
 * a real stack: pulumi-eks's `eks:index:Cluster` is a remote component whose provider (built on
 * a Node SDK before 3.202) records no inputs, and passes these settings to its
 * `aws:eks/cluster:Cluster` child as `vpcConfig` (pulumi-eks v4.3.0 nodejs/eks/cluster/cluster.ts `createCore`).
 */
function endpointSettings(props: Props): { publicAccess: unknown; cidrs: unknown; name: string | undefined } {
    const vpcConfig = at(props, "vpcConfig");
    return { publicAccess: at(vpcConfig, "endpointPublicAccess"), cidrs: at(vpcConfig, "publicAccessCidrs"), name: str(props.name) };
}

export const eksPrivateEndpoint: StackValidationPolicy = {
    name: "eks-private-endpoint",
    description: "Checks whether the EKS API server endpoint is private, or public only to listed CIDR ranges.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "network", "security"],
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    remediationSteps:
        "Set endpointPrivateAccess: true and endpointPublicAccess: false, or keep the public endpoint and set publicAccessCidrs to the " +
        "ranges that operate the cluster (CI runners, VPN egress). Karpenter and nodes reach the API through the private endpoint.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        for (const cluster of stack.ofType(types.eksCluster)) {
            const { publicAccess, cidrs, name } = endpointSettings(cluster.props);
            if (isUnknown(publicAccess) || isUnknown(cidrs)) {
                continue;
            }
            // EKS defaults to a public endpoint open to 0.0.0.0/0.
            if (publicAccess !== undefined && publicAccess !== null && bool(publicAccess) === false) {
                continue;
            }
            const ranges = list(cidrs);
            if (ranges !== undefined && ranges.length > 0 && ranges.some(isUnknown)) {
                continue;
            }
            const open = ranges === undefined || ranges.length === 0 || ranges.some((r) => openToTheWorld.includes(str(r) ?? ""));
            if (open) {
                reportViolation(
                    `EKS cluster "${name ?? cluster.name}" exposes its API endpoint publicly to 0.0.0.0/0; it must disable endpointPublicAccess or restrict publicAccessCidrs.`,
                    cluster.urn,
                );
            }
        }
    }),
};

interface VersionSupportConfig {
    /** The day support is judged on, `YYYY-MM-DD`; unset means the day the policy runs. */
    asOf?: string;
}

/**
 * The control plane's price per cluster-hour, from the AWS Containers blog "Amazon EKS extended
 * support for Kubernetes versions pricing" (https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/).
 */
const controlPlaneHourly = { standard: "$0.10", extended: "$0.60" };

export const eksVersionSupport: StackValidationPolicy = {
    name: "eks-version-support",
    description: "Checks whether the EKS cluster's Kubernetes version is in standard support on the Amazon EKS release calendar.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "cost", "upgrade"],
    url: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar",
    remediationSteps:
        "Upgrade the control plane one minor version at a time (the cluster's version input, or kubernetesVersion of KarpenterCluster) " +
        "to a version in standard support, then the node groups and Karpenter's nodes (their AMI alias). In extended support the control " +
        `plane costs ${controlPlaneHourly.extended} per cluster-hour instead of ${controlPlaneHourly.standard}; after it, EKS creates no cluster on ` +
        "the version and upgrades existing control planes on its own, leaving the nodes behind.",
    configSchema: {
        properties: {
            asOf: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "The day (YYYY-MM-DD, UTC) to judge support on; unset: the day the policy runs." },
        },
    },
    validateStack: forKarpenterStacks((stack, args, reportViolation) => {
        const day = configWithDefaults<VersionSupportConfig>(args, {}).asOf ?? new Date().toISOString().slice(0, 10);
        for (const cluster of stack.ofType(types.eksCluster)) {
            // Without a version EKS picks its current default, which is in standard support.
            const version = str(cluster.props.version);
            const phase = version === undefined ? undefined : eksSupportPhase(version, day);
            if (version === undefined || phase === undefined || phase === "standard") {
                continue;
            }
            const dates = eksVersionCalendar[version];
            const name = str(cluster.props.name) ?? cluster.name;
            const target = `a version in standard support (${eksStandardVersions(day).join(", ")})`;
            if (phase === "extended") {
                reportViolation(
                    `EKS cluster "${name}" runs Kubernetes ${version}, in extended support since ${dates.endOfStandardSupport} until ${dates.endOfExtendedSupport}: ` +
                        `its control plane costs ${controlPlaneHourly.extended} per cluster-hour instead of ${controlPlaneHourly.standard}. It must be upgraded to ${target}.`,
                    cluster.urn,
                );
            } else {
                reportViolation(
                    `EKS cluster "${name}" runs Kubernetes ${version}, whose extended support ended on ${dates.endOfExtendedSupport}: EKS creates no cluster on it and ` +
                        `upgrades existing control planes on its own. It must be upgraded to ${target}.`,
                    cluster.urn,
                );
            }
        }
    }),
};

export const clusterPolicies = [eksPrivateEndpoint, eksVersionSupport];
