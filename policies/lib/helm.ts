/**
 * What a Helm release of Karpenter (or NTH) will actually run with: the chart's defaults merged
 * with the release's values the way Helm merges them, and the names the chart's templates derive
 * from them (karpenter-provider-aws v1.14.1 charts/karpenter/templates/_helpers.tpl).
 */
import { ChartKind, StackResource, StackView, chartKind, helmReleaseTypes, types } from "./resources";
import { at, bool, isUnknown, list, record, str } from "./values";

/**
 * The Karpenter 1.14.1 chart defaults the policies reason about (chart/values.yaml). Only these
 * keys: the rest of values.yaml does not change scheduling, identity or interruption handling.
 */
export const karpenterChartDefaults: Readonly<Record<string, unknown>> = Object.freeze({
    nameOverride: "",
    fullnameOverride: "",
    replicas: 2,
    serviceAccount: { create: true, name: "", annotations: {} },
    podLabels: {},
    nodeSelector: { "kubernetes.io/os": "linux" },
    affinity: {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] }],
            },
        },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] },
    },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }],
    tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
    settings: { clusterName: "", interruptionQueue: "" },
});

/**
 * Helm's coalescing: maps merge key by key, arrays and scalars replace, and `null` deletes the
 * chart default. An unknown value replaces whatever it overrides and stays unknown.
 */
export function helmMerge(defaults: unknown, overrides: unknown): unknown {
    const base = record(defaults);
    const over = record(overrides);
    if (base === undefined || over === undefined) {
        return overrides === undefined ? defaults : overrides;
    }
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
        if (value === null) {
            delete merged[key];
        } else if (value !== undefined) {
            merged[key] = key in merged ? helmMerge(merged[key], value) : value;
        }
    }
    return merged;
}

/** A Helm install (v3 Release, v3 Chart or v4 Chart) of a chart the pack knows, read from its inputs. */
export interface ReleaseView {
    resource: StackResource;
    chart: ChartKind;
    /** Helm release name; undefined while unknown (Pulumi auto-names v3 releases). */
    releaseName: string | undefined;
    /** Namespace the release installs into; undefined while unknown. */
    namespace: string | undefined;
    version: unknown;
    /** The release's own values (not merged). */
    values: Record<string, unknown>;
    /** False when values also come from files the policy cannot read, or the values are unknown. */
    valuesVisible: boolean;
}

/**
 * The Helm release name each type uses: a Release's `name` (auto-named while unset); a v4 Chart's
 * `name`, else the resource name (helm/v4/chart.go `Construct`); a v3 Chart's resource name, which
 * already carries its `resourcePrefix` (@pulumi/kubernetes 4.34.2 helm/v3/helm.js `Chart`).
 */
function releaseNameOf(resource: StackResource): string | undefined {
    const given = str(resource.props.name);
    switch (resource.type) {
        case types.helmChartV3:
            return resource.name;
        case types.helmChartV4:
            return given ?? (resource.props.name === undefined ? resource.name : undefined);
        default:
            return given;
    }
}

export function releaseView(resource: StackResource): ReleaseView | undefined {
    const chart = chartKind(resource.props);
    if (chart === undefined || !helmReleaseTypes.includes(resource.type)) {
        return undefined;
    }
    const props = resource.props;
    const valueFiles = list(props.valueYamlFiles) ?? [];
    const rawValues = props.values;
    return {
        resource,
        chart,
        releaseName: releaseNameOf(resource),
        namespace: releaseNamespace(resource),
        version: props.version,
        values: record(rawValues) ?? {},
        valuesVisible: valueFiles.length === 0 && !isUnknown(rawValues),
    };
}

/** The release namespace: explicit, else the provider's default namespace, else `default`. */
export function releaseNamespace(resource: StackResource): string | undefined {
    const explicit = resource.props.namespace;
    if (explicit !== undefined && explicit !== null && explicit !== "") {
        return str(explicit);
    }
    return providerNamespace(resource);
}

/** The namespace a provider puts namespaced objects in when they name none. */
export function providerNamespace(resource: StackResource): string {
    const namespace = resource.source.provider?.props?.namespace;
    return typeof namespace === "string" && namespace !== "" && !isUnknown(namespace) ? namespace : "default";
}

export function releasesOf(stack: StackView, chart: ChartKind): ReleaseView[] {
    return stack
        .ofType(...helmReleaseTypes)
        .map(releaseView)
        .filter((r): r is ReleaseView => r !== undefined && r.chart === chart);
}

/** Display name of a release in messages. */
export function releaseLabel(release: ReleaseView): string {
    return release.releaseName ?? release.resource.name;
}

/** The chart defaults merged with a karpenter release's values, the way Helm coalesces them. */
export function mergedKarpenterValues(release: ReleaseView): Record<string, unknown> {
    return (record(helmMerge(karpenterChartDefaults, release.values)) ?? {}) as Record<string, unknown>;
}

/** The chart's `karpenter.fullname` template; undefined while the release name is unknown. */
export function karpenterFullname(releaseName: string | undefined, merged: Record<string, unknown>): string | undefined {
    const override = str(merged.fullnameOverride);
    if (override) {
        return trimName(override);
    }
    if (releaseName === undefined) {
        return undefined;
    }
    const chartName = str(merged.nameOverride) || "karpenter";
    const name = releaseName.includes(chartName) ? releaseName : `${releaseName}-${chartName}`;
    return trimName(name);
}

function trimName(name: string): string {
    return name.slice(0, 63).replace(/-+$/, "");
}

/** The chart's `karpenter.serviceAccountName` template; undefined while unknown. */
export function karpenterServiceAccount(releaseName: string | undefined, merged: Record<string, unknown>): string | undefined {
    const configured = at(merged, "serviceAccount", "name");
    if (isUnknown(configured)) {
        return undefined;
    }
    const name = typeof configured === "string" ? configured : "";
    if (name !== "") {
        return name;
    }
    const create = bool(at(merged, "serviceAccount", "create"));
    return create === false ? "default" : karpenterFullname(releaseName, merged);
}

/** Labels on the controller pods (selector labels plus podLabels); undefined while unknown. */
export function karpenterPodLabels(releaseName: string | undefined, merged: Record<string, unknown>): Record<string, string> | undefined {
    if (releaseName === undefined) {
        return undefined;
    }
    const extra = record(merged.podLabels) ?? {};
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(extra)) {
        const s = str(v);
        if (s === undefined) {
            return undefined;
        }
        labels[k] = s;
    }
    labels["app.kubernetes.io/name"] = str(merged.nameOverride) || "karpenter";
    labels["app.kubernetes.io/instance"] = releaseName;
    return labels;
}

/** NTH in queue-processor mode (it then drains on the same EventBridge events as Karpenter). */
export function nthQueueMode(release: ReleaseView): boolean | undefined {
    const value = release.values.enableSqsTerminationDraining;
    return isUnknown(value) ? undefined : bool(value) === true;
}
