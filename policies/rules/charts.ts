/**
 * Karpenter versions: the controller and its CRDs move together, at exact v1 versions, whatever
 * installs them (Helm release or chart, rendered Deployment, raw manifest).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { controllerDeployments } from "../lib/controller";
import { releaseLabel, releasesOf } from "../lib/helm";
import { commonTags, docsUrl, forKarpenterStacks } from "../lib/policy";
import { StackResource, StackView, k8sName } from "../lib/resources";
import { at, isUnknown, str } from "../lib/values";
import { karpenterContainer, parseImage } from "../lib/workloads";

/** Exact release versions only: `1.14.1`, no `v`, no range, no pre-release or build suffix. */
const exactVersion = /^(\d+)\.(\d+)\.(\d+)$/;

/** Where the stack states a Karpenter version. */
interface VersionSource {
    resource: StackResource;
    /** For messages: `Helm release "karpenter" (karpenter)`, `Deployment "kube-system/karpenter" (image tag)`. */
    label: string;
    side: "controller" | "crds";
    version: unknown;
    /** What an unpinned version lets happen, for the message. */
    unpinned: string;
}

function versionProblem(source: VersionSource): string | undefined {
    if (isUnknown(source.version)) {
        return undefined;
    }
    const version = str(source.version);
    if (version === undefined || version.trim() === "") {
        return `has no version, so ${source.unpinned}`;
    }
    const match = exactVersion.exec(version);
    if (!match) {
        return `has version "${version}", which is not an exact release (no ranges, no "v" prefix, no pre-releases or "latest")`;
    }
    if (Number(match[1]) < 1) {
        return `has version "${version}", which predates the karpenter.sh/v1 API`;
    }
    return undefined;
}

/**
 * Versions from Helm installs with readable inputs (a v4 Chart records none), and from each
 * controller Deployment's image tag: the karpenter chart runs `controller.image.tag`, its
 * appVersion by default, so a rendered Deployment shows the version even when its Chart does not.
 */
function versionSources(stack: StackView): VersionSource[] {
    const releases = (chart: "karpenter" | "karpenter-crd", side: VersionSource["side"]) =>
        releasesOf(stack, chart).map((r): VersionSource => ({ resource: r.resource, label: `Helm release "${releaseLabel(r)}" (${chart})`, side, version: r.version, unpinned: "Helm installs whatever is newest" }));
    const images = controllerDeployments(stack).map((d): VersionSource => {
        const image = karpenterContainer(d.props)?.image;
        const version = isUnknown(image) ? image : str(image) === undefined ? undefined : parseImage(str(image) as string).tag;
        const name = `${str(at(d.props, "metadata", "namespace")) ?? ""}/${k8sName(d.props, d.name)}`.replace(/^\//, "");
        return { resource: d, label: `Deployment "${name}" (image ${str(image) ?? "?"})`, side: "controller", version, unpinned: "the node pulls the image's latest tag" };
    });
    return [...releases("karpenter", "controller"), ...images, ...releases("karpenter-crd", "crds")];
}

export const karpenterChartVersions: StackValidationPolicy = {
    name: "karpenter-chart-versions",
    description: "Checks that the Karpenter controller (karpenter chart or controller image) and its CRDs (karpenter-crd chart) use the same exact Karpenter v1 version.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "helm", "upgrade"],
    url: `${docsUrl}upgrading/upgrade-guide/`,
    remediationSteps:
        "Pin the karpenter and karpenter-crd charts (and any controller image you set) to the same exact version (e.g. 1.14.1) and bump " +
        "them together. The controller expects the CRD schema of its own version; a range, a pre-release or latest lets one drift ahead of the other.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const sources = versionSources(stack);
        for (const source of sources) {
            const problem = versionProblem(source);
            if (problem !== undefined) {
                reportViolation(`${source.label} ${problem}; it must be pinned to an exact version such as 1.14.1.`, source.resource.urn);
            }
        }
        const known = sources.filter((s) => str(s.version) !== undefined && versionProblem(s) === undefined);
        const sides = new Set(known.map((s) => s.side));
        const versions = new Set(known.map((s) => str(s.version)));
        if (sides.size === 2 && versions.size > 1) {
            const detail = known.map((s) => `${s.label} at ${str(s.version)}`).join(", ");
            reportViolation(`The Karpenter controller and its CRDs must be at the same version: ${detail}.`, known.find((s) => s.side === "crds")?.resource.urn);
        }
    }),
};

export const chartPolicies = [karpenterChartVersions];
