/**
 * Whether a stack runs Karpenter, decided from the stack itself. A platform team enables the pack
 * for every stack of an organization, so it must judge the stacks that install or configure
 * Karpenter however they do it, and say nothing about the others (an app stack, an S3 bucket, an
 * EKS cluster whose autoscaling is something else).
 */
import { StackView, chartKind, helmReleaseTypes, karpenterApiGroups, kubernetesGroupOf, types } from "./resources";
import { karpenterChartLabel, karpenterContainer } from "./workloads";
import { Props, at, str } from "./values";

/**
 * Whether a resource belongs to Karpenter: an object of its API groups (NodePool, EC2NodeClass,
 * NodeClaim, and the removed Provisioner or AWSNodeTemplate), a Helm install of the karpenter or
 * karpenter-crd chart, one of its CRDs, an object the karpenter chart rendered (its
 * `helm.sh/chart` label), or a Deployment running the controller image.
 */
export function isKarpenterObject(type: string, props: Props): boolean {
    const group = kubernetesGroupOf(type);
    if (group !== undefined && karpenterApiGroups.includes(group)) {
        return true;
    }
    if (helmReleaseTypes.includes(type)) {
        const chart = chartKind(props);
        return chart === "karpenter" || chart === "karpenter-crd";
    }
    if (type === types.customResourceDefinition) {
        return karpenterApiGroups.includes(str(at(props, "spec", "group")) ?? "");
    }
    if (!type.startsWith("kubernetes:")) {
        return false;
    }
    return karpenterChartLabel(props) !== undefined || (type === types.deployment && karpenterContainer(props) !== undefined);
}

/** Whether any resource of the stack belongs to Karpenter. */
export function runsKarpenter(stack: StackView): boolean {
    return stack.all.some((r) => isKarpenterObject(r.type, r.props));
}
