/**
 * The Amazon EKS Kubernetes release calendar, for judging a cluster's version. The pack runs with
 * its own small node_modules and cannot import the component, so this is a copy of
 * `eksVersionCalendar` in components/versions.ts (its source and reading date are there);
 * test/policies/eksVersionSupport.test.ts fails when the two differ.
 */

/** The days (`YYYY-MM-DD`, UTC) that bound one Kubernetes minor version's life on EKS. */
export interface EksVersionDates {
    /** The day Amazon EKS released it; absent where the calendar read did not list it. */
    released?: string;
    /** The first day of extended support: EKS bills it from the start of this day. */
    endOfStandardSupport: string;
    /** The first day EKS no longer supports it: no new cluster, existing control planes upgraded. */
    endOfExtendedSupport: string;
}

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

/** Where `version` stands on `day` (`YYYY-MM-DD`, UTC); undefined for a version the calendar does not list. */
export function eksSupportPhase(version: string, day: string): EksSupportPhase | undefined {
    const dates = eksVersionCalendar[version];
    if (dates === undefined) {
        return undefined;
    }
    return day >= dates.endOfExtendedSupport ? "ended" : day >= dates.endOfStandardSupport ? "extended" : "standard";
}

/** The versions in standard support on `day`, in the calendar's order (oldest first). */
export function eksStandardVersions(day: string): string[] {
    return Object.keys(eksVersionCalendar).filter((version) => eksSupportPhase(version, day) === "standard");
}
