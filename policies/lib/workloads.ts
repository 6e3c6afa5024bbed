/**
 * Reading a rendered Deployment: its pod template, containers, images and environment, as Helm
 * (helm.sh/v3:Chart, helm.sh/v4:Chart), yaml/v2 or a raw manifest registers it. The props are the
 * Kubernetes object itself (`apiVersion`, `kind`, `metadata`, `spec`).
 */
import { Props, at, isUnknown, list, record, str, unknownValue } from "./values";

/** A container image reference split into repository, tag and digest. */
export interface ImageReference {
    /** `public.ecr.aws/karpenter/controller` */
    repository: string;
    tag?: string;
    digest?: string;
}

/** `repo/path:tag@sha256:…` → parts. A colon before the last slash belongs to a registry port. */
export function parseImage(image: string): ImageReference {
    const [withoutDigest, digest] = image.split("@", 2);
    const lastSlash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.lastIndexOf(":");
    const hasTag = colon > lastSlash;
    return {
        repository: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
        ...(hasTag ? { tag: withoutDigest.slice(colon + 1) } : {}),
        ...(digest !== undefined ? { digest } : {}),
    };
}

/**
 * Karpenter's controller image: `public.ecr.aws/karpenter/controller`, or a mirror that keeps the
 * path (an ECR pull-through cache: `<account>.dkr.ecr.<region>.amazonaws.com/ecr-public/karpenter/controller`).
 */
export function isKarpenterControllerImage(image: string | undefined): boolean {
    return image !== undefined && /(^|\/)karpenter\/controller$/.test(parseImage(image).repository);
}

/** The pod spec of a Deployment's template; unknown or absent gives undefined. */
export function podSpecOf(props: Props): Record<string, unknown> | undefined {
    return record(at(props, "spec", "template", "spec"));
}

/** The pod template's containers (known entries only). */
export function containersOf(props: Props): Record<string, unknown>[] {
    return (list(podSpecOf(props)?.containers) ?? []).map(record).filter((c): c is Record<string, unknown> => c !== undefined);
}

/** The karpenter chart's label on every object it renders: `helm.sh/chart: karpenter-1.14.1` (karpenter-crd's CRDs carry none). */
export function karpenterChartLabel(props: Props): string | undefined {
    const label = str(at(props, "metadata", "labels", "helm.sh/chart"));
    return label !== undefined && /^karpenter-\d/.test(label) ? label : undefined;
}

/**
 * The Karpenter controller container of a Deployment: the one running the controller image, or,
 * in an object the karpenter chart rendered (its image mirrored under another path), the chart's
 * `controller` container. Undefined when the Deployment runs no Karpenter controller.
 */
export function karpenterContainer(props: Props): Record<string, unknown> | undefined {
    const containers = containersOf(props);
    const byImage = containers.find((c) => isKarpenterControllerImage(str(c.image)));
    if (byImage !== undefined || karpenterChartLabel(props) === undefined) {
        return byImage;
    }
    return containers.find((c) => c.name === "controller");
}

/**
 * An environment variable of a container: its value, unknown when the cluster computes it
 * (`valueFrom` a Secret, ConfigMap or field) or the engine does not know it yet, undefined when
 * the container does not set it.
 */
export function envValue(container: Record<string, unknown>, name: string): unknown {
    const env = container.env;
    if (isUnknown(env)) {
        return env;
    }
    const entry = (list(env) ?? []).find((e) => str(at(e, "name")) === name);
    if (entry === undefined) {
        return undefined;
    }
    const value = at(entry, "value");
    return value === undefined && at(entry, "valueFrom") !== undefined ? unknownValue : value;
}
