/**
 * The nodes a stack can produce, as scheduling models: what a NodePool would launch, and the
 * non-Karpenter capacity (managed and self-managed node groups, Fargate profiles) the controller
 * has to run on.
 */
import { StackResource, StackView, types } from "./resources";
import { LabelDomain, NodeModel, Taint, TaintEffect } from "./scheduling";
import { at, isUnknown, list, num, str, stringMap } from "./values";

/** Labels every Linux node carries whose value the node's source picks (zone, instance type, ...). */
const wellKnownChosenLabels = ["kubernetes.io/arch", "kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region", "node.kubernetes.io/instance-type"];

/** Labels Karpenter's AWS provider puts on every node it launches, from the chosen instance type. */
const karpenterInstanceLabels = [
    "karpenter.k8s.aws/instance-category",
    "karpenter.k8s.aws/instance-family",
    "karpenter.k8s.aws/instance-generation",
    "karpenter.k8s.aws/instance-size",
    "karpenter.k8s.aws/instance-cpu",
    "karpenter.k8s.aws/instance-memory",
    "karpenter.k8s.aws/instance-hypervisor",
];

const anyValue: LabelDomain = { kind: "anyExcept", excluded: [] };

/** A known, non-empty string or an unknown label value. */
function exactOrUnknown(value: unknown): LabelDomain {
    const s = str(value);
    return s !== undefined && s !== "" ? { kind: "exact", value: s } : { kind: "unknown" };
}

/** Every node a NodePool can launch; undefined while its template is unknown. */
export function nodePoolNodeModel(nodePool: StackResource): NodeModel | undefined {
    const name = str(at(nodePool.props, "metadata", "name")) ?? nodePool.name;
    const template = at(nodePool.props, "spec", "template");
    const requirements = at(template, "spec", "requirements");
    const templateLabels = at(template, "metadata", "labels");
    const taintsRaw = at(template, "spec", "taints");
    if (isUnknown(template) || isUnknown(requirements) || isUnknown(templateLabels)) {
        return undefined;
    }
    const labels = new Map<string, LabelDomain>();
    for (const key of [...wellKnownChosenLabels, ...karpenterInstanceLabels]) {
        labels.set(key, anyValue);
    }
    labels.set("kubernetes.io/os", { kind: "exact", value: "linux" });
    // Without a capacity-type requirement any capacity type matches (Karpenter 1.14.1
    // pkg/scheduling/requirements.go `Requirements.Get`), and the AWS provider tries reserved, then spot.
    labels.set("karpenter.sh/capacity-type", { kind: "oneOf", values: ["reserved", "spot", "on-demand"] });
    const nodeClass = at(template, "spec", "nodeClassRef", "name");
    labels.set("karpenter.k8s.aws/ec2nodeclass", exactOrUnknown(nodeClass));

    for (const raw of list(requirements) ?? []) {
        const key = str(at(raw, "key"));
        const operator = str(at(raw, "operator"));
        const values = (list(at(raw, "values")) ?? []).map(str);
        if (key === undefined || operator === undefined || values.some((v) => v === undefined)) {
            if (key !== undefined) {
                labels.set(key, { kind: "unknown" });
            }
            continue;
        }
        const known = values as string[];
        const wellKnown = labels.has(key);
        if (operator === "In") {
            labels.set(key, known.length === 1 ? { kind: "exact", value: known[0] } : { kind: "oneOf", values: known });
        } else if (operator === "NotIn") {
            if (wellKnown) {
                labels.set(key, { kind: "anyExcept", excluded: known });
            }
        } else if (operator === "Exists" || operator === "Gt" || operator === "Lt") {
            labels.set(key, anyValue);
        } else if (operator === "DoesNotExist") {
            labels.delete(key);
        }
    }
    const templateLabelMap = stringMap(templateLabels) ?? {};
    for (const [key, value] of Object.entries(templateLabelMap)) {
        labels.set(key, { kind: "exact", value });
    }
    // Karpenter always stamps the owning NodePool, whatever the template says.
    labels.set("karpenter.sh/nodepool", { kind: "exact", value: name });
    return { description: `NodePool "${name}"`, labels, labelsOpen: templateLabels !== undefined && stringMap(templateLabels) === undefined, taints: parseTaints(taintsRaw) };
}

/**
 * The nodes of a NodePool the stack does not show (NodePools kept in another stack, or created
 * later): any labels, Karpenter's own among them, and no taints, as a NodePool has by default.
 */
export function untaintedNodePoolNodeModel(): NodeModel {
    const labels = new Map<string, LabelDomain>([...wellKnownChosenLabels, ...karpenterInstanceLabels, "karpenter.sh/nodepool", "karpenter.sh/capacity-type", "karpenter.k8s.aws/ec2nodeclass"].map((key) => [key, anyValue]));
    labels.set("kubernetes.io/os", { kind: "exact", value: "linux" });
    return { description: "any NodePool without taints (the stack defines none)", labels, labelsOpen: true, taints: [] };
}

/** Taints in Kubernetes or EKS API spelling; "unknown" when any part is unknown. */
export function parseTaints(raw: unknown): Taint[] | "unknown" {
    if (raw === undefined || raw === null) {
        return [];
    }
    const items = list(raw);
    if (items === undefined) {
        return "unknown";
    }
    const taints: Taint[] = [];
    for (const item of items) {
        const key = str(at(item, "key"));
        const effect = taintEffect(at(item, "effect"));
        const value = at(item, "value");
        if (key === undefined || effect === undefined || isUnknown(value)) {
            return "unknown";
        }
        taints.push({ key, value: str(value), effect });
    }
    return taints;
}

function taintEffect(raw: unknown): TaintEffect | undefined {
    const s = str(raw);
    const spelled: Record<string, TaintEffect> = {
        NO_SCHEDULE: "NoSchedule",
        NO_EXECUTE: "NoExecute",
        PREFER_NO_SCHEDULE: "PreferNoSchedule",
        NoSchedule: "NoSchedule",
        NoExecute: "NoExecute",
        PreferNoSchedule: "PreferNoSchedule",
    };
    return s !== undefined ? spelled[s] : undefined;
}

/** Non-Karpenter capacity the controller may run on. */
export interface LandingZone {
    kind: "nodeGroup" | "fargate";
    resource: StackResource;
    node: NodeModel;
    /** Guaranteed nodes (node groups only); undefined while unknown. */
    minSize?: number;
    /** Subnet IDs; undefined while unknown. Elements may be unknown. */
    subnetIds?: unknown[];
    /** Fargate selectors: pods they admit run on Fargate. */
    selectors?: unknown[];
}

/**
 * Node groups and Fargate profiles, read from the resources that carry their facts in a real
 * stack. pulumi-eks's `eks:index:Cluster` and `eks:index:ManagedNodeGroup` are remote components
 * whose providers record no inputs (their SDKs predate 3.202) and register the real
 * `aws:eks/nodeGroup:NodeGroup`, `aws:eks/fargateProfile:FargateProfile` and self-managed node
 * groups as children, so the components themselves are never read.
 */
export function landingZones(stack: StackView): LandingZone[] {
    const zones: LandingZone[] = [];
    for (const group of stack.ofType(types.eksNodeGroup)) {
        zones.push(nodeGroupZone(group));
    }
    for (const profile of stack.ofType(types.fargateProfile)) {
        zones.push(fargateZone(profile, profile.props.selectors, str(profile.props.fargateProfileName), profile.props.subnetIds));
    }
    // Components before raw groups, so an Auto Scaling group inside a known node group is not counted twice.
    for (const group of [...stack.ofType(types.eksSelfManagedNodeGroup, types.eksSelfManagedNodeGroupV2), ...stack.ofType(types.autoScalingGroup)]) {
        if (!zones.some((z) => stack.isDescendantOf(group, z.resource.urn))) {
            zones.push(selfManagedZone(group));
        }
    }
    return zones;
}

/**
 * Self-managed capacity (pulumi-eks NodeGroup/NodeGroupV2, raw Auto Scaling groups) is "might
 * fit": it prevents a false deadlock but proves nothing. Kubelet labels and taints live in user
 * data the pack cannot read, and pulumi-eks's node group components are remote: a real stack
 * records no inputs for them, and their registered outputs hold only the Auto Scaling group and
 * security groups (pulumi-eks v4.3.0 nodejs/eks/nodes/nodegroup.ts).
 */
function selfManagedZone(group: StackResource): LandingZone {
    const labels = new Map<string, LabelDomain>(wellKnownChosenLabels.map((k) => [k, anyValue]));
    labels.set("kubernetes.io/os", { kind: "exact", value: "linux" });
    return {
        kind: "nodeGroup",
        resource: group,
        node: { description: `self-managed node group "${group.name}"`, labels, labelsOpen: true, taints: "unknown" },
    };
}

function nodeGroupZone(group: StackResource): LandingZone {
    const p = group.props;
    const name = str(p.nodeGroupName);
    const labels = new Map<string, LabelDomain>();
    for (const key of wellKnownChosenLabels) {
        labels.set(key, anyValue);
    }
    labels.set("kubernetes.io/os", { kind: "exact", value: "linux" });
    labels.set("eks.amazonaws.com/nodegroup", exactOrUnknown(p.nodeGroupName));
    labels.set("eks.amazonaws.com/capacityType", p.capacityType === undefined ? { kind: "exact", value: "ON_DEMAND" } : exactOrUnknown(p.capacityType));
    const instanceTypes = list(p.instanceTypes)?.map(str);
    if (instanceTypes !== undefined && instanceTypes.length > 0 && instanceTypes.every((t) => t !== undefined)) {
        labels.set("node.kubernetes.io/instance-type", { kind: "oneOf", values: instanceTypes as string[] });
    }
    const own = p.labels === undefined || p.labels === null ? {} : stringMap(p.labels);
    for (const [key, value] of Object.entries(own ?? {})) {
        labels.set(key, { kind: "exact", value });
    }
    const minSize = num(at(p.scalingConfig, "minSize"));
    return {
        kind: "nodeGroup",
        resource: group,
        node: { description: `node group "${name ?? group.name}"`, labels, labelsOpen: own === undefined, taints: parseTaints(p.taints) },
        minSize,
        subnetIds: list(p.subnetIds),
    };
}

function fargateZone(resource: StackResource, selectors: unknown, profileName: string | undefined, subnetIds: unknown): LandingZone {
    const labels = new Map<string, LabelDomain>([
        ["eks.amazonaws.com/compute-type", { kind: "exact", value: "fargate" }],
        ["eks.amazonaws.com/fargate-profile", exactOrUnknown(profileName)],
        ["kubernetes.io/os", { kind: "exact", value: "linux" }],
        ["kubernetes.io/arch", { kind: "exact", value: "amd64" }],
        ["kubernetes.io/hostname", anyValue],
        ["topology.kubernetes.io/zone", anyValue],
        ["topology.kubernetes.io/region", anyValue],
    ]);
    return {
        kind: "fargate",
        resource,
        node: { description: `Fargate profile "${profileName ?? resource.name}"`, labels, labelsOpen: false, taints: [] },
        subnetIds: list(subnetIds),
        selectors: isUnknown(selectors) ? undefined : (list(selectors) ?? []),
    };
}

/** Shell-style glob (`*`, `?`) as Fargate selectors allow. */
function globMatch(pattern: string, value: string): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    return re.test(value);
}

/** Whether a Fargate profile admits pods of this namespace and labels: "unknown" while either is unknown. */
export function fargateAdmits(zone: LandingZone, namespace: string | undefined, podLabels: Record<string, string> | undefined): "yes" | "no" | "unknown" {
    if (zone.selectors === undefined) {
        return "unknown";
    }
    let unknownSeen = false;
    for (const selector of zone.selectors) {
        const ns = str(at(selector, "namespace"));
        const wanted = at(selector, "labels");
        const wantedLabels = wanted === undefined || wanted === null ? {} : stringMap(wanted);
        if (ns === undefined || wantedLabels === undefined || namespace === undefined || (Object.keys(wantedLabels).length > 0 && podLabels === undefined)) {
            unknownSeen = true;
            continue;
        }
        const labelsMatch = Object.entries(wantedLabels).every(([k, v]) => podLabels?.[k] !== undefined && globMatch(v, podLabels[k]));
        if (globMatch(ns, namespace) && labelsMatch) {
            return "yes";
        }
    }
    return unknownSeen ? "unknown" : "no";
}
