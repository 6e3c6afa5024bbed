/**
 * Helm chart versions: the controller and its CRDs move together, at exact v1 versions.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { ReleaseView, releaseLabel, releasesOf } from "../lib/helm";
import { commonTags, docsUrl } from "../lib/policy";
import { StackView } from "../lib/resources";
import { isUnknown, str } from "../lib/values";

/** Exact release versions only: `1.14.1`, no `v`, no range, no pre-release or build suffix. */
const exactVersion = /^(\d+)\.(\d+)\.(\d+)$/;

function versionProblem(release: ReleaseView): string | undefined {
    if (isUnknown(release.version)) {
        return undefined;
    }
    const version = str(release.version);
    if (version === undefined || version.trim() === "") {
        return "has no version, so Helm installs whatever is newest";
    }
    const match = exactVersion.exec(version);
    if (!match) {
        return `has version "${version}", which is not an exact release (no ranges, no "v" prefix, no pre-releases)`;
    }
    if (Number(match[1]) < 1) {
        return `has version "${version}", which predates the karpenter.sh/v1 API this stack uses`;
    }
    return undefined;
}

export const karpenterChartVersions: StackValidationPolicy = {
    name: "karpenter-chart-versions",
    description: "Checks that the karpenter and karpenter-crd Helm releases use the same exact Karpenter v1 version.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "helm", "upgrade"],
    url: `${docsUrl}upgrading/upgrade-guide/`,
    remediationSteps:
        "Pin both releases to the same exact version (e.g. 1.14.1) and bump them together. The controller expects the CRD schema " +
        "of its own version; a range or a pre-release lets one drift ahead of the other.",
    validateStack: (args, reportViolation) => {
        const stack = new StackView(args.resources);
        const controllers = releasesOf(stack, "karpenter");
        const crds = releasesOf(stack, "karpenter-crd");
        for (const release of [...controllers, ...crds]) {
            const problem = versionProblem(release);
            if (problem !== undefined) {
                reportViolation(`Helm release "${releaseLabel(release)}" (${release.chart}) ${problem}; it must be pinned to an exact version such as 1.14.1.`, release.resource.urn);
            }
        }
        const known = [...controllers, ...crds].filter((r) => str(r.version) !== undefined && versionProblem(r) === undefined);
        const versions = new Set(known.map((r) => str(r.version)));
        if (controllers.length > 0 && crds.length > 0 && versions.size > 1) {
            const detail = known.map((r) => `"${releaseLabel(r)}" (${r.chart}) at ${str(r.version)}`).join(", ");
            reportViolation(`The karpenter and karpenter-crd releases must use the same version: ${detail}.`, crds[0].resource.urn);
        }
    },
};

export const chartPolicies = [karpenterChartVersions];
