/**
 * Pinned versions and the compatibility facts validation checks against. Bump them together:
 * the controller IAM policy and the Helm values follow the Karpenter release they name.
 */

export const defaultKarpenterVersion = "1.14.1";

/** Karpenter minor lines this package's IAM policy and Helm values are written for, with the Kubernetes range each supports. */
export const karpenterKubernetesSupport: Record<string, { min: string; max: string }> = {
    "1.14": { min: "1.26", max: "1.36" },
};

/** The days (`YYYY-MM-DD`, UTC) that bound one Kubernetes minor version's life on EKS. */
export interface EksVersionDates {
    /** The day Amazon EKS released it; absent where the calendar read did not list it. */
    released?: string;
    /** The first day of extended support: EKS bills it from the start of this day. */
    endOfStandardSupport: string;
    /** The first day EKS no longer supports it: no new cluster, existing control planes upgraded. */
    endOfExtendedSupport: string;
}

/**
 * The "Amazon EKS Kubernetes release calendar"
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar),
 * read on 2026-11-30 from the page's source, awsdocs/amazon-eks-user-guide
 * latest/ug/versioning/kubernetes-versions.adoc at 013856044148, for 1.29-1.34. That copy lists no
 * 1.35 or 1.36: their support dates are those endoflife.date takes from the same table
 * (endoflife-date/endoflife.date products/amazon-eks.md at a70eca337600), and their EKS release
 * days are left out rather than guessed. The allowed versions derive from this table; the policy
 * pack keeps a copy (policies/lib/eksCalendar.ts) that a test holds equal to it.
 */
export const eksVersionCalendar: Readonly<Record<string, EksVersionDates>> = {
    "1.29": { released: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
    "1.30": { released: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
    "1.31": { released: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
    "1.32": { released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
    "1.33": { released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
    "1.34": { released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
    "1.35": { endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
    "1.36": { endOfStandardSupport: "2027-08-02", endOfExtendedSupport: "2028-08-02" },
};

export type EksSupportPhase = "standard" | "extended" | "ended";

/** `date` as the calendar writes days: `YYYY-MM-DD` in UTC, the zone EKS bills in. */
export function utcDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/** Where `version` stands on `today`; undefined for a version the calendar does not list. */
export function eksSupportPhase(version: string, today: Date): EksSupportPhase | undefined {
    const dates = eksVersionCalendar[version];
    if (dates === undefined) {
        return undefined;
    }
    const day = utcDay(today);
    return day >= dates.endOfExtendedSupport ? "ended" : day >= dates.endOfStandardSupport ? "extended" : "standard";
}

/** The versions EKS creates clusters on, on `today`: standard and extended support, oldest first. */
export function eksVersionsOffered(today: Date): string[] {
    return Object.keys(eksVersionCalendar)
        .filter((version) => eksSupportPhase(version, today) !== "ended")
        .sort(compareVersions);
}

/** 1.34 leaves EKS standard support on 2026-12-02; 1.35 has it until 2027-03-27. */
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
