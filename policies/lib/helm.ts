/**
 * What a Helm release of Karpenter (or NTH) will actually run with: the chart's defaults merged
 * with the release's values the way Helm merges them.
 */
import { ChartKind, StackResource, StackView, chartKind, helmReleaseTypes, types } from "./resources";
import { at, bool, isUnknown, list, num, record, str } from "./values";

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

/** A Helm release (v3 Release or v4 Chart) of a chart the pack knows. */
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
        releaseName: str(props.name) ?? (resource.type === types.helmChartV4 && props.name === undefined ? resource.name : undefined),
        namespace: releaseNamespace(resource),
        version: props.version,
        values: record(rawValues) ?? {},
        valuesVisible: valueFiles.length === 0 && !isUnknown(rawValues),
    };
}

/** The release namespace: explicit, else the provider's default namespace, else `default`. */
function releaseNamespace(resource: StackResource): string | undefined {
    const explicit = resource.props.namespace;
    if (explicit !== undefined && explicit !== null && explicit !== "") {
        return str(explicit);
    }
    const providerNamespace = resource.source.provider?.props?.namespace;
    return typeof providerNamespace === "string" && providerNamespace !== "" ? str(providerNamespace) : "default";
}

export function releasesOf(stack: StackView, chart: ChartKind): ReleaseView[] {
    return stack
        .ofType(...helmReleaseTypes)
        .map(releaseView)
        .filter((r): r is ReleaseView => r !== undefined && r.chart === chart);
}

/** The Karpenter controller as deployed: release plus merged values. */
export interface ControllerView extends ReleaseView {
    merged: Record<string, unknown>;
}

export function controllersIn(stack: StackView): ControllerView[] {
    return releasesOf(stack, "karpenter").map((release) => ({
        ...release,
        merged: (record(helmMerge(karpenterChartDefaults, release.values)) ?? {}) as Record<string, unknown>,
    }));
}

/** Display name of a release in messages. */
export function releaseLabel(release: ReleaseView): string {
    return release.releaseName ?? release.resource.name;
}

/** The chart's `karpenter.fullname` template; undefined while the release name is unknown. */
export function karpenterFullname(controller: ControllerView): string | undefined {
    const override = str(controller.merged.fullnameOverride);
    if (override) {
        return trimName(override);
    }
    if (controller.releaseName === undefined) {
        return undefined;
    }
    const chartName = str(controller.merged.nameOverride) || "karpenter";
    const name = controller.releaseName.includes(chartName) ? controller.releaseName : `${controller.releaseName}-${chartName}`;
    return trimName(name);
}

function trimName(name: string): string {
    return name.slice(0, 63).replace(/-+$/, "");
}

/** The chart's `karpenter.serviceAccountName` template; undefined while unknown. */
export function controllerServiceAccount(controller: ControllerView): string | undefined {
    const configured = at(controller.merged, "serviceAccount", "name");
    if (isUnknown(configured)) {
        return undefined;
    }
    const name = typeof configured === "string" ? configured : "";
    if (name !== "") {
        return name;
    }
    const create = bool(at(controller.merged, "serviceAccount", "create"));
    return create === false ? "default" : karpenterFullname(controller);
}

/** Labels on the controller pods (selector labels plus podLabels); undefined while unknown. */
export function controllerPodLabels(controller: ControllerView): Record<string, string> | undefined {
    if (controller.releaseName === undefined) {
        return undefined;
    }
    const extra = record(controller.merged.podLabels) ?? {};
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(extra)) {
        const s = str(v);
        if (s === undefined) {
            return undefined;
        }
        labels[k] = s;
    }
    labels["app.kubernetes.io/name"] = str(controller.merged.nameOverride) || "karpenter";
    labels["app.kubernetes.io/instance"] = controller.releaseName;
    return labels;
}

/** Number of controller replicas, undefined while unknown. */
export function controllerReplicas(controller: ControllerView): number | undefined {
    return num(controller.merged.replicas);
}

/** Whether the release sets an interruption queue: true, false, or undefined while unknown. */
export function controllerUsesQueue(controller: ControllerView): boolean | undefined {
    const queue = at(controller.merged, "settings", "interruptionQueue");
    if (isUnknown(queue)) {
        // An unknown value is a queue name computed from a resource: it will be set.
        return true;
    }
    return typeof queue === "string" && queue.trim() !== "";
}

/** NTH in queue-processor mode (it then drains on the same EventBridge events as Karpenter). */
export function nthQueueMode(release: ReleaseView): boolean | undefined {
    const value = release.values.enableSqsTerminationDraining;
    return isUnknown(value) ? undefined : bool(value) === true;
}

