import * as pulumi from "@pulumi/pulumi";
import { ControllerPlacement } from "../config/args";
import { ResolvedKarpenter } from "../config/resolved";
import { criticalAddonsTaint } from "../config/defaults";
import { criticalAddonsScheduling } from "../cluster/criticalAddonsScheduling";
import { KarpenterChartValues, Toleration } from "./chartValues";
import { Values, helmMerge, leafPaths } from "./helmMerge";

/** What the values need from the rest of the stack; outputs stay at the leaves they fill. */
export interface ControllerValuesInputs {
    clusterName: string;
    clusterEndpoint: pulumi.Input<string>;
    region: pulumi.Input<string>;
    /** IRSA role; undefined with Pod Identity, where the association carries the role. */
    controllerRoleArn?: pulumi.Input<string>;
    /** The queue NAME (Karpenter resolves the URL itself); undefined unless interruption is native. */
    interruptionQueueName?: string;
    /** Labels of the critical-addons node group. */
    nodeGroupLabels: Record<string, string>;
    /** The controller image's repository, e.g. through a pull-through cache; undefined keeps the chart's. */
    controllerImageRepository?: pulumi.Input<string>;
}

export const nodePoolLabel = "karpenter.sh/nodepool";
const irsaAnnotation = "eks.amazonaws.com/role-arn";

/**
 * Values the merge of `extraValues` may not touch, each with the argument that sets it: they are
 * tied to the IAM trust policy, the interruption queue, the cluster or the node group size.
 */
export const protectedValuePaths: Record<string, string> = {
    "settings.clusterName": "clusterName",
    "settings.interruptionQueue": "karpenter.interruption",
    "settings.isolatedVPC": "karpenter.isolatedVpc",
    "serviceAccount.create": "karpenter.serviceAccount",
    "serviceAccount.name": "karpenter.serviceAccount",
    [`serviceAccount.annotations.${irsaAnnotation}`]: "karpenter.identity",
    replicas: "karpenter.replicas",
};

/**
 * The Karpenter chart values for this cluster, with `extraValues` merged the way Helm would.
 * Plain data with outputs only at the leaves that need them: a preview sees the rest.
 */
export function karpenterValues(karpenter: ResolvedKarpenter, inputs: ControllerValuesInputs): Values {
    const generated = generatedValues(karpenter, inputs);
    return helmMerge(generated as unknown as Values, karpenter.extraValues);
}

function generatedValues(karpenter: ResolvedKarpenter, inputs: ControllerValuesInputs): KarpenterChartValues {
    const onNodeGroup = karpenter.placement === "nodeGroup";
    const scheduling = criticalAddonsScheduling(inputs.nodeGroupLabels);
    const nodeGroupExpressions = Object.entries(inputs.nodeGroupLabels).map(([key, value]) => ({
        key,
        operator: "In" as const,
        values: [value],
    }));
    return {
        replicas: karpenter.replicas,
        podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
        priorityClassName: "system-cluster-critical",
        nodeSelector: { "kubernetes.io/os": "linux", ...(onNodeGroup ? scheduling.nodeSelector : {}) },
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [
                        {
                            matchExpressions: [
                                { key: nodePoolLabel, operator: "DoesNotExist" },
                                ...(onNodeGroup ? nodeGroupExpressions : []),
                            ],
                        },
                    ],
                },
            },
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] },
        },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }],
        tolerations: scheduling.tolerations,
        serviceAccount: {
            create: true,
            name: karpenter.serviceAccount,
            annotations: inputs.controllerRoleArn !== undefined ? { [irsaAnnotation]: inputs.controllerRoleArn } : {},
        },
        controller: {
            ...(inputs.controllerImageRepository !== undefined ? { image: { repository: inputs.controllerImageRepository } } : {}),
            resources: {
                requests: { ...karpenter.controllerResources.requests },
                limits: { ...karpenter.controllerResources.limits },
            },
            // Fargate has no instance metadata to discover the region from.
            env: [{ name: "AWS_REGION", value: inputs.region }],
        },
        logLevel: karpenter.logLevel,
        settings: {
            clusterName: inputs.clusterName,
            clusterEndpoint: inputs.clusterEndpoint,
            interruptionQueue: inputs.interruptionQueueName ?? "",
            isolatedVPC: karpenter.isolatedVpc,
        },
    };
}

/** True when the merge of `extraValues` reaches `path` (sets it, replaces a parent, or sets below it). */
function touches(leaf: string, path: string): boolean {
    return leaf === path || path.startsWith(`${leaf}.`) || leaf.startsWith(`${path}.`);
}

/**
 * Problems with `extraValues`, each as [key path under extraValues, message]. Checked on the merged
 * values so that overriding affinity, nodeSelector or tolerations is allowed as long as the
 * controller still stays off Karpenter nodes and still fits on its own nodes.
 */
export function extraValuesProblems(
    karpenter: ResolvedKarpenter,
    nodeGroupLabels: Record<string, string>,
): [string, string][] {
    const problems: [string, string][] = [];
    const leaves = leafPaths(karpenter.extraValues);
    for (const leaf of leaves) {
        // One problem per key set, naming the first protected value it reaches.
        const reached = Object.entries(protectedValuePaths).find(([path]) => touches(leaf, path));
        if (reached) {
            problems.push([leaf, `must not be set: the component sets "${reached[0]}" from ${reached[1]}; set that instead`]);
        }
    }
    const merged = karpenterValues(karpenter, {
        clusterName: "",
        clusterEndpoint: "",
        region: "",
        nodeGroupLabels,
    }) as unknown as Partial<KarpenterChartValues>;
    problems.push(...requiredValueProblems(merged, karpenter.placement, nodeGroupLabels));
    return problems;
}

function requiredValueProblems(
    values: Partial<KarpenterChartValues>,
    placement: ControllerPlacement,
    nodeGroupLabels: Record<string, string>,
): [string, string][] {
    const problems: [string, string][] = [];
    if (!(values.controller?.env ?? []).some((variable) => variable?.name === "AWS_REGION")) {
        problems.push(["controller.env", "must keep AWS_REGION: on Fargate, and with IMDS hop limit 1, the controller has no other way to find its region"]);
    }
    const terms = values.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const everyTermExcludesNodePools =
        terms.length > 0 &&
        terms.every((term) => (term.matchExpressions ?? []).some((e) => e.key === nodePoolLabel && e.operator === "DoesNotExist"));
    if (!everyTermExcludesNodePools) {
        problems.push([
            "affinity.nodeAffinity",
            `must keep "${nodePoolLabel} DoesNotExist" in every required node selector term, or the controller can be scheduled on a node it manages and deadlock when that node is consolidated`,
        ]);
    }
    if (placement !== "nodeGroup") {
        return problems;
    }
    for (const [key, value] of Object.entries(nodeGroupLabels)) {
        if (values.nodeSelector?.[key] !== value) {
            problems.push([`nodeSelector.${key}`, `must stay "${value}" so the controller runs on the critical-addons node group`]);
        }
    }
    if (!(values.tolerations ?? []).some(toleratesCriticalAddons)) {
        problems.push([
            "tolerations",
            `must tolerate the taint ${criticalAddonsTaint.key}=${criticalAddonsTaint.value}:${criticalAddonsTaint.effect}, or the controller fits on no node`,
        ]);
    }
    return problems;
}

function toleratesCriticalAddons(toleration: Toleration): boolean {
    const keyMatches = toleration.key === undefined || toleration.key === "" ? toleration.operator === "Exists" : toleration.key === criticalAddonsTaint.key;
    const valueMatches = toleration.operator === "Exists" || toleration.value === criticalAddonsTaint.value;
    const effectMatches = toleration.effect === undefined || toleration.effect === criticalAddonsTaint.effect;
    return keyMatches && valueMatches && effectMatches;
}
