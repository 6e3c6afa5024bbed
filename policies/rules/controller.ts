/**
 * Where the Karpenter controller runs. The flagship policy: the controller must never run on a
 * node Karpenter manages (it would consolidate or interrupt its own host), and it must fit on
 * some capacity Karpenter does not manage (otherwise nothing ever starts it: a deadlock).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { Controller, controllersIn } from "../lib/controller";
import { LandingZone, fargateAdmits, landingZones, nodePoolNodeModel, untaintedNodePoolNodeModel } from "../lib/nodes";
import { commonTags, configWithDefaults, docsUrl, forKarpenterStacks } from "../lib/policy";
import { StackView, clusterTypes, types } from "../lib/resources";
import { Fit, FitResult, NodeModel, PodPlacement, and3, podFitsNode } from "../lib/scheduling";
import { str } from "../lib/values";

interface ZoneFit {
    zone: LandingZone;
    fit: Fit;
    reasons: string[];
    /** For Fargate profiles: whether a selector admits the controller's pods. */
    admitted?: Fit;
}

/**
 * Where the controller's pods can go. A Fargate profile that admits the pods takes them all (the
 * EKS webhook hands them to the Fargate scheduler), so then only those profiles count.
 */
export function controllerZoneFits(controller: Controller, pod: PodPlacement, zones: LandingZone[]): { fits: ZoneFit[]; onFargate: boolean } {
    const podLabels = controller.podLabels;
    const fits = zones.map((zone): ZoneFit => {
        const placement: FitResult = podFitsNode(pod, zone.node);
        if (zone.kind !== "fargate") {
            return { zone, ...placement };
        }
        const admitted = fargateAdmits(zone, controller.namespace, podLabels);
        const reasons = admitted === "no" ? [`no selector admits namespace "${controller.namespace}" with the controller's pod labels`] : placement.reasons;
        return { zone, fit: and3(admitted, placement.fit), reasons, admitted };
    });
    const admittedByFargate = fits.filter((f) => f.admitted === "yes");
    return admittedByFargate.length > 0 ? { fits: admittedByFargate, onFargate: true } : { fits, onFargate: false };
}

/**
 * The nodes the stack's NodePools launch; with none in the stack, any untainted NodePool's, so a
 * controller with no placement rules at all is caught wherever its NodePools live.
 */
function karpenterNodes(stack: StackView): NodeModel[] {
    const nodePools = stack.ofType(types.nodePool);
    if (nodePools.length === 0) {
        return [untaintedNodePoolNodeModel()];
    }
    return nodePools.map(nodePoolNodeModel).filter((m): m is NodeModel => m !== undefined);
}

export const karpenterControllerOffKarpenterNodes: StackValidationPolicy = {
    name: "karpenter-controller-off-karpenter-nodes",
    description:
        "Checks that the Karpenter controller's effective scheduling (its rendered Deployment, or the chart defaults merged with the release values) keeps it off every node a NodePool can launch, and that it still fits on a node group or Fargate profile.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: [...commonTags, "controller", "scheduling", "availability"],
    url: `${docsUrl}getting-started/getting-started-with-karpenter/`,
    remediationSteps:
        "Run the controller on capacity Karpenter does not manage: keep the chart's required node affinity " +
        "\"karpenter.sh/nodepool DoesNotExist\" in every term, add a nodeSelector for the critical-addons node group's label " +
        "(e.g. critical-addons: \"true\") and tolerate its taint (CriticalAddonsOnly), or admit the controller's namespace in a " +
        "Fargate profile. Never give a NodePool the label the controller selects.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const zones = landingZones(stack);
        const clusterInStack = stack.ofType(...clusterTypes).length > 0;
        for (const controller of controllersIn(stack)) {
            const pod = controller.placement;
            if (pod === undefined) {
                continue;
            }
            const label = controller.label;
            const { fits, onFargate } = controllerZoneFits(controller, pod, zones);
            if (!onFargate) {
                for (const model of karpenterNodes(stack)) {
                    if (podFitsNode(pod, model).fit === "yes") {
                        reportViolation(
                            `Karpenter controller (${label}) can be scheduled on nodes of ${model.description}; its affinity, nodeSelector and tolerations must exclude Karpenter-managed nodes (keep "karpenter.sh/nodepool DoesNotExist" in every required node affinity term), or it can disrupt its own node.`,
                            controller.resource.urn,
                        );
                    }
                }
            }
            if (zones.length === 0 && !clusterInStack) {
                // The cluster and its capacity live in another stack: nothing to prove here.
                continue;
            }
            if (fits.every((f) => f.fit === "no")) {
                const why = fits.length === 0 ? "the stack has no node group or Fargate profile" : fits.map((f) => `${f.zone.node.description}: ${f.reasons.join("; ")}`).join(" | ");
                reportViolation(
                    `Karpenter controller (${label}) fits on no node group or Fargate profile (${why}); its nodeSelector, affinity and tolerations must match the critical-addons node group or a Fargate profile, otherwise it deadlocks: nothing can start the controller that would create its nodes.`,
                    controller.resource.urn,
                );
            }
        }
    }),
};

/** Distinct subnets across zones: "unknown" while a list or an element is unknown and the known ones are too few. */
function subnetSpread(zones: LandingZone[]): number | "unknown" {
    const known = new Set<string>();
    let unknownSeen = false;
    for (const zone of zones) {
        if (zone.subnetIds === undefined) {
            unknownSeen = true;
            continue;
        }
        for (const id of zone.subnetIds) {
            const s = str(id);
            if (s === undefined) {
                unknownSeen = true;
            } else {
                known.add(s);
            }
        }
    }
    return known.size < 2 && unknownSeen ? "unknown" : known.size;
}

export interface ControllerHaConfig {
    /** Fewest controller replicas. */
    minReplicas: number;
}

/** The chart's default, and what leader election needs to survive losing a node. */
const defaultMinReplicas = 2;

export const karpenterControllerHa: StackValidationPolicy = {
    name: "karpenter-controller-ha",
    description: "Checks that the Karpenter controller runs at least 2 replicas (minReplicas) on capacity that guarantees a node per replica across at least 2 subnets.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "controller", "availability"],
    url: `${docsUrl}reference/settings/`,
    remediationSteps:
        "Set replicas: 2 (or more) on the karpenter release, and give the node group it runs on scalingConfig.minSize >= replicas " +
        "with subnetIds in at least 2 availability zones. The chart's hostname anti-affinity and zone spread need one node per replica. " +
        "Set minReplicas in this policy's config to require more.",
    configSchema: {
        properties: {
            minReplicas: { type: "integer", minimum: 1, default: defaultMinReplicas, description: "Fewest controller replicas (the chart's default is 2)." },
        },
    },
    validateStack: forKarpenterStacks((stack, args, reportViolation) => {
        const { minReplicas } = configWithDefaults<ControllerHaConfig>(args, { minReplicas: defaultMinReplicas });
        const zones = landingZones(stack);
        for (const controller of controllersIn(stack)) {
            const label = controller.label;
            const replicas = controller.replicas;
            if (replicas !== undefined && replicas < minReplicas) {
                reportViolation(`Karpenter controller (${label}) must run at least ${minReplicas} replicas, not ${replicas}, so provisioning survives a node or zone failure.`, controller.resource.urn);
            }
            const pod = controller.placement;
            if (pod === undefined) {
                continue;
            }
            const { fits, onFargate } = controllerZoneFits(controller, pod, zones);
            const hosts = fits.filter((f) => f.fit === "yes").map((f) => f.zone);
            if (hosts.length === 0 || fits.some((f) => f.fit === "unknown")) {
                continue;
            }
            const names = hosts.map((z) => z.node.description).join(", ");
            const needed = Math.max(replicas ?? minReplicas, 2);
            if (!onFargate && hosts.every((z) => z.minSize !== undefined)) {
                const guaranteed = hosts.reduce((sum, z) => sum + (z.minSize ?? 0), 0);
                if (guaranteed < needed) {
                    reportViolation(`The capacity the Karpenter controller (${label}) runs on (${names}) must keep at least ${needed} nodes (scalingConfig.minSize >= replicas); it guarantees ${guaranteed}.`, controller.resource.urn);
                }
            }
            const spread = subnetSpread(hosts);
            if (spread !== "unknown" && spread < 2) {
                reportViolation(`The capacity the Karpenter controller (${label}) runs on (${names}) must span at least 2 subnets in different availability zones; it uses ${spread}.`, controller.resource.urn);
            }
        }
    }),
};

/** Why the controller's placement cannot be proven from this stack; undefined when it can. */
function unverifiableBecause(stack: StackView, controller: Controller, zones: LandingZone[]): string | undefined {
    const pod = controller.placement;
    if (pod === undefined) {
        return controller.release !== undefined && controller.resource === controller.release.resource ? "its release values are not known yet" : "its pod template is not known yet";
    }
    // With a cluster and no capacity at all, karpenter-controller-off-karpenter-nodes reports the deadlock.
    if (zones.length === 0 && stack.ofType(...clusterTypes).length === 0) {
        return "the stack has no node group, Fargate profile or EKS cluster (they live in another stack)";
    }
    const { fits } = controllerZoneFits(controller, pod, zones);
    if (!fits.some((f) => f.fit === "yes") && fits.some((f) => f.fit === "unknown")) {
        return `whether it fits ${fits.filter((f) => f.fit === "unknown").map((f) => f.zone.node.description).join(", ")} cannot be told from the stack (values not known yet, or node labels set in user data)`;
    }
    return undefined;
}

export const karpenterControllerPlacementVerifiable: StackValidationPolicy = {
    name: "karpenter-controller-placement-verifiable",
    description:
        "Checks whether the stack holds what proves where the Karpenter controller runs (its release values and the node groups or Fargate profiles it must fit on), so that the placement and HA policies did not pass for lack of facts.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: [...commonTags, "controller", "scheduling"],
    url: `${docsUrl}getting-started/getting-started-with-karpenter/`,
    remediationSteps:
        "Evaluate the pack on the stack that holds both the Karpenter release and the capacity it runs on (managed node group or Fargate " +
        "profile), or rerun once the values are known (pulumi up, then pulumi preview). Until then, check by hand that the controller " +
        "keeps karpenter.sh/nodepool DoesNotExist and selects the critical-addons node group.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const zones = landingZones(stack);
        for (const controller of controllersIn(stack)) {
            const reason = unverifiableBecause(stack, controller, zones);
            if (reason !== undefined) {
                reportViolation(
                    `cannot verify where the Karpenter controller (${controller.label}) runs: ${reason}; karpenter-controller-off-karpenter-nodes and karpenter-controller-ha could not check it.`,
                    controller.resource.urn,
                );
            }
        }
    }),
};

export const controllerPolicies = [karpenterControllerOffKarpenterNodes, karpenterControllerHa, karpenterControllerPlacementVerifiable];
