/**
 * EKS control plane exposure.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { commonTags, forTypes } from "../lib/policy";
import { types } from "../lib/resources";
import { Props, at, bool, isUnknown, list, str } from "../lib/values";

const openToTheWorld = ["0.0.0.0/0", "::/0"];

/** The type token of a parent URN: the last segment of its qualified type. */
function parentType(parentUrn: string | undefined): string | undefined {
    return parentUrn?.split("::")[2]?.split("$").pop();
}

/** Endpoint settings in either shape: the eks component's flat inputs or aws:eks/cluster's vpcConfig. */
function endpointSettings(type: string, props: Props): { publicAccess: unknown; cidrs: unknown; name: string | undefined } {
    const source = type === types.eksCluster ? at(props, "vpcConfig") : props;
    return { publicAccess: at(source, "endpointPublicAccess"), cidrs: at(source, "publicAccessCidrs"), name: str(props.name) };
}

export const eksPrivateEndpoint: ResourceValidationPolicy = {
    name: "eks-private-endpoint",
    description: "Checks whether the EKS API server endpoint is private, or public only to listed CIDR ranges.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "network", "security"],
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    remediationSteps:
        "Set endpointPrivateAccess: true and endpointPublicAccess: false, or keep the public endpoint and set publicAccessCidrs to the " +
        "ranges that operate the cluster (CI runners, VPN egress). Karpenter and nodes reach the API through the private endpoint.",
    validateResource: forTypes([types.eksComponentCluster, types.eksCluster], (props, args, reportViolation) => {
        if (args.type === types.eksCluster && parentType(args.opts.parent) === types.eksComponentCluster) {
            args.notApplicable("reported once, on the eks:index:Cluster component that created this cluster");
        }
        const { publicAccess, cidrs, name } = endpointSettings(args.type, props);
        if (isUnknown(publicAccess) || isUnknown(cidrs)) {
            return;
        }
        // Both shapes default to a public endpoint open to 0.0.0.0/0.
        if (publicAccess !== undefined && publicAccess !== null && bool(publicAccess) === false) {
            return;
        }
        const ranges = list(cidrs);
        if (ranges !== undefined && ranges.length > 0 && ranges.some(isUnknown)) {
            return;
        }
        const open = ranges === undefined || ranges.length === 0 || ranges.some((r) => openToTheWorld.includes(str(r) ?? ""));
        if (open) {
            reportViolation(
                `EKS cluster "${name ?? args.name}" exposes its API endpoint publicly to 0.0.0.0/0; it must disable endpointPublicAccess or restrict publicAccessCidrs.`,
            );
        }
    }),
};

export const clusterPolicies = [eksPrivateEndpoint];
