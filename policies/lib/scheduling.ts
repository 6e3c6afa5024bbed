/**
 * Kubernetes scheduling math: can a pod with this nodeSelector, required node affinity and these
 * tolerations be placed on a node with these labels and taints?
 *
 * Answers are three-valued because previews carry unknown values: "unknown" never produces a
 * violation on its own. Nodes are described by what their source COULD give them: a NodePool lets
 * Karpenter choose any allowed value for a label (a zone, an instance type), so "could the pod
 * land there" is existential over those choices, which is exactly how Karpenter provisions for a
 * pending pod.
 */

import { at, isUnknown, list, str, stringMap } from "./values";

export type Fit = "yes" | "no" | "unknown";

/** The values a node's label can take. Absent from the map means the node does not carry the label. */
export type LabelDomain =
    | { kind: "exact"; value: string }
    | { kind: "oneOf"; values: string[] }
    | { kind: "anyExcept"; excluded: string[] }
    | { kind: "unknown" };

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
    key: string;
    value?: string;
    effect: TaintEffect;
}

/** A kind of node: every node a node group, Fargate profile or NodePool can create. */
export interface NodeModel {
    /** For messages: `node group "critical"`, `NodePool "default"`. */
    description: string;
    labels: Map<string, LabelDomain>;
    /** True when the label map itself is unknown: a label missing from `labels` might still exist. */
    labelsOpen: boolean;
    /** Taints that affect scheduling; "unknown" while the taint list is unknown. */
    taints: Taint[] | "unknown";
}

export interface NodeSelectorRequirement {
    key: string;
    operator: string;
    values?: string[];
}

export interface Toleration {
    key?: string;
    operator?: string;
    value?: string;
    effect?: string;
}

/** Pod scheduling constraints; `requiredTerms` undefined means no required node affinity. */
export interface PodPlacement {
    nodeSelector: Record<string, string>;
    requiredTerms?: NodeSelectorRequirement[][];
    tolerations: Toleration[];
}

export interface FitResult {
    fit: Fit;
    /** Why the pod does not (or may not) fit, for messages. */
    reasons: string[];
}

export function and3(...values: Fit[]): Fit {
    return values.includes("no") ? "no" : values.includes("unknown") ? "unknown" : "yes";
}

export function or3(...values: Fit[]): Fit {
    return values.includes("yes") ? "yes" : values.includes("unknown") ? "unknown" : "no";
}

const fromBool = (b: boolean): Fit => (b ? "yes" : "no");

/** Whether some node of this model can satisfy one requirement. */
export function matchRequirement(req: NodeSelectorRequirement, node: NodeModel): Fit {
    const domain = node.labels.get(req.key);
    const values = req.values ?? [];
    if (domain === undefined) {
        if (node.labelsOpen) {
            return "unknown";
        }
        return fromBool(req.operator === "NotIn" || req.operator === "DoesNotExist");
    }
    if (domain.kind === "unknown") {
        return req.operator === "Exists" ? "yes" : req.operator === "DoesNotExist" ? "no" : "unknown";
    }
    if (domain.kind === "anyExcept") {
        // The source may pick any value but the excluded ones: only an In naming nothing else fails.
        return fromBool(req.operator !== "DoesNotExist" && (req.operator !== "In" || values.some((v) => !domain.excluded.includes(v))));
    }
    const possible = domain.kind === "exact" ? [domain.value] : domain.values;
    switch (req.operator) {
        case "Exists":
            return "yes";
        case "DoesNotExist":
            return "no";
        case "In":
            return fromBool(possible.some((v) => values.includes(v)));
        case "NotIn":
            return fromBool(possible.some((v) => !values.includes(v)));
        case "Gt":
        case "Lt": {
            const bound = Number(values[0]);
            const passes = (v: string) => Number.isInteger(Number(v)) && (req.operator === "Gt" ? Number(v) > bound : Number(v) < bound);
            return fromBool(Number.isFinite(bound) && possible.some(passes));
        }
        default:
            return "unknown";
    }
}

/** Whether the toleration tolerates the taint (Kubernetes v1 semantics). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
    if (toleration.effect !== undefined && toleration.effect !== "" && toleration.effect !== taint.effect) {
        return false;
    }
    const operator = toleration.operator ?? "Equal";
    if (toleration.key === undefined || toleration.key === "") {
        // An empty key with Exists tolerates every taint.
        return operator === "Exists";
    }
    if (toleration.key !== taint.key) {
        return false;
    }
    return operator === "Exists" || (toleration.value ?? "") === (taint.value ?? "");
}

export function describeTaint(taint: Taint): string {
    return `${taint.key}${taint.value ? `=${taint.value}` : ""}:${taint.effect}`;
}

export function describeRequirement(req: NodeSelectorRequirement): string {
    const values = req.values && req.values.length > 0 ? ` [${req.values.join(", ")}]` : "";
    return `${req.key} ${req.operator}${values}`;
}

/** Can the pod be placed on some node of this model? */
export function podFitsNode(pod: PodPlacement, node: NodeModel): FitResult {
    const reasons: string[] = [];
    const selectorFits = Object.entries(pod.nodeSelector).map(([key, value]) => {
        const fit = matchRequirement({ key, operator: "In", values: [value] }, node);
        if (fit === "no") {
            reasons.push(`nodeSelector ${key}=${value} does not match`);
        }
        return fit;
    });

    let affinityFit: Fit = "yes";
    if (pod.requiredTerms !== undefined) {
        // Terms are ORed, expressions inside a term ANDed; an empty term matches nothing.
        const termFits = pod.requiredTerms.map((term) =>
            term.length === 0 ? "no" : and3(...term.map((req) => matchRequirement(req, node))),
        );
        affinityFit = or3(...termFits);
        if (affinityFit === "no") {
            const failed = pod.requiredTerms.map((term) => term.filter((req) => matchRequirement(req, node) === "no").map(describeRequirement).join(" and ") || "empty term");
            reasons.push(`required node affinity does not match (${failed.join("; ")})`);
        }
    }

    let taintFit: Fit = "yes";
    if (node.taints === "unknown") {
        taintFit = pod.tolerations.some((t) => (t.key ?? "") === "" && t.operator === "Exists" && !t.effect) ? "yes" : "unknown";
    } else {
        const blocking = node.taints.filter((t) => t.effect !== "PreferNoSchedule" && !pod.tolerations.some((tol) => tolerates(tol, t)));
        if (blocking.length > 0) {
            taintFit = "no";
            reasons.push(`taint ${blocking.map(describeTaint).join(", ")} is not tolerated`);
        }
    }
    return { fit: and3(...selectorFits, affinityFit, taintFit), reasons };
}

/**
 * The controller's scheduling constraints from merged chart values; undefined when any part is
 * unknown (a preview with computed affinity), so no verdict is drawn from a guess.
 */
export function podPlacementFromValues(values: Record<string, unknown>): PodPlacement | undefined {
    const nodeSelectorRaw = values.nodeSelector;
    const nodeSelector = nodeSelectorRaw === undefined || nodeSelectorRaw === null ? {} : stringMap(nodeSelectorRaw);
    const tolerationsRaw = values.tolerations;
    const tolerations = tolerationsRaw === undefined || tolerationsRaw === null ? [] : list(tolerationsRaw);
    const termsRaw = at(values, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
    if (nodeSelector === undefined || tolerations === undefined || isUnknown(termsRaw)) {
        return undefined;
    }
    const parsedTolerations = tolerations.map((t) => ({ key: at(t, "key"), operator: at(t, "operator"), value: at(t, "value"), effect: at(t, "effect") }));
    if (parsedTolerations.some((t) => Object.values(t).some(isUnknown))) {
        return undefined;
    }
    let requiredTerms: PodPlacement["requiredTerms"];
    if (termsRaw !== undefined && termsRaw !== null) {
        const terms = list(termsRaw);
        if (terms === undefined) {
            return undefined;
        }
        requiredTerms = [];
        for (const term of terms) {
            const expressions = list(at(term, "matchExpressions") ?? []);
            if (expressions === undefined || (list(at(term, "matchFields")) ?? []).length > 0) {
                return undefined;
            }
            const parsed = expressions.map((e) => ({ key: str(at(e, "key")), operator: str(at(e, "operator")), values: (list(at(e, "values")) ?? []).map(str) }));
            if (parsed.some((e) => e.key === undefined || e.operator === undefined || e.values.some((v) => v === undefined))) {
                return undefined;
            }
            requiredTerms.push(parsed as { key: string; operator: string; values: string[] }[]);
        }
    }
    return {
        nodeSelector,
        requiredTerms,
        tolerations: parsedTolerations.map((t) => ({ key: str(t.key), operator: str(t.operator), value: str(t.value) ?? (typeof t.value === "boolean" ? String(t.value) : undefined), effect: str(t.effect) })),
    };
}
