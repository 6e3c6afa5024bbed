/**
 * Pinned versions and the compatibility facts validation checks against. Bump them together:
 * the controller IAM policy and the Helm values follow the Karpenter release they name.
 */

export const defaultKarpenterVersion = "1.14.1";

/** Karpenter minor lines this package's IAM policy and Helm values are written for, with the Kubernetes range each supports. */
export const karpenterKubernetesSupport: Record<string, { min: string; max: string }> = {
    "1.14": { min: "1.26", max: "1.36" },
};

/** Kubernetes versions EKS offers (standard and extended support) as of November 2026. */
export const eksKubernetesVersions = ["1.31", "1.32", "1.33", "1.34", "1.35", "1.36"];

/** 1.34 leaves EKS standard support in December 2026; 1.35 has it until March 2027. */
export const defaultKubernetesVersion = "1.35";

/** Pinned EKS-optimized AMI releases (amazon-eks-ami and Bottlerocket tags) that ship for 1.33-1.36. */
export const defaultAmiAliases = {
    al2023: "al2023@v20260714",
    bottlerocket: "bottlerocket@v1.64.0",
} as const;

export const karpenterCharts = {
    crds: "oci://public.ecr.aws/karpenter/karpenter-crd",
    controller: "oci://public.ecr.aws/karpenter/karpenter",
} as const;

export const nodeTerminationHandlerChart = {
    chart: "oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler",
    version: "0.27.6",
} as const;

/** The pause image of Karpenter's getting-started `inflate` Deployment; multi-arch, it only holds a CPU request. */
export const smokeTestImage = "public.ecr.aws/eks-distro/kubernetes/pause:3.7";

/** `"1.14.1"` → `"1.14"`. */
export function minorOf(version: string): string {
    return version.split(".").slice(0, 2).join(".");
}

/** Numeric comparison of dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (diff !== 0) {
            return diff;
        }
    }
    return 0;
}
