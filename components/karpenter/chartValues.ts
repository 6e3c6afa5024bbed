import * as pulumi from "@pulumi/pulumi";
import { NodeSelectorRequirement } from "../nodepools/crdTypes";

/**
 * The keys of the Karpenter 1.14 chart's values.yaml this package sets, with the chart's own
 * names and nesting. A key missing from the chart would be silently ignored by Helm, so nothing
 * outside this interface is generated. Values only known once the cluster exists are outputs at
 * the leaves, so everything else stays known, and checkable, during a preview.
 */
export interface KarpenterChartValues {
    replicas: number;
    podDisruptionBudget: { name: string; maxUnavailable: number };
    priorityClassName: string;
    nodeSelector: Record<string, string>;
    affinity: {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: NodeSelectorRequirement[] }[] };
        };
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { topologyKey: string }[] };
    };
    topologySpreadConstraints: { maxSkew: number; topologyKey: string; whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway" }[];
    tolerations: Toleration[];
    serviceAccount: { create: boolean; name: string; annotations: Record<string, pulumi.Input<string>> };
    controller: {
        /** Only the repository: the chart's tag and digest stay, so the image is the release's own. */
        image?: { repository: pulumi.Input<string> };
        resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
        env: { name: string; value: pulumi.Input<string> }[];
    };
    logLevel: string;
    settings: { clusterName: string; clusterEndpoint: pulumi.Input<string>; interruptionQueue: string; isolatedVPC: boolean };
}

export interface Toleration {
    key?: string;
    operator: "Exists" | "Equal";
    value?: string;
    effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}
