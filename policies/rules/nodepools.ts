/**
 * NodePool policies: bounded growth, no surprise instance families, deliberate disruption, and
 * spot capacity the account can launch.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { parseQuantity } from "../lib/nodePoolLaunch";
import { commonTags, configWithDefaults, docsUrl, forKarpenterStacks, forTypes } from "../lib/policy";
import { k8sName, types } from "../lib/resources";
import { Props, at, isUnknown, list, num, str } from "../lib/values";

export interface LimitsConfig {
    /** Largest spec.limits.cpu (vCPUs) a NodePool may set; unset: any. */
    maxCpu?: number;
}

export const nodePoolLimitsRequired: ResourceValidationPolicy = {
    name: "nodepool-limits-required",
    description: "Checks that every Karpenter NodePool caps the total CPU and memory it may provision, at most at maxCpu vCPUs when configured.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "nodepool", "cost"],
    url: `${docsUrl}concepts/nodepools/#speclimits`,
    remediationSteps:
        "Set spec.limits.cpu and spec.limits.memory on the NodePool (for example cpu: \"100\", memory: 400Gi). " +
        "Without limits a scheduling bug, a runaway HPA or an unschedulable pod spec can make Karpenter launch instances without bound. " +
        "Set maxCpu in this policy's config to cap how large any NodePool's limit may be.",
    configSchema: {
        properties: {
            maxCpu: { type: "number", exclusiveMinimum: 0, description: "Largest spec.limits.cpu, in vCPUs, a NodePool may set; unset: any." },
        },
    },
    validateResource: forTypes([types.nodePool], (props, args, reportViolation) => {
        const { maxCpu } = configWithDefaults<LimitsConfig>(args, {});
        const limits = at(props, "spec", "limits");
        if (isUnknown(limits)) {
            return;
        }
        const name = k8sName(props, args.name);
        const missing = ["cpu", "memory"].filter((resource) => {
            const value = at(limits, resource);
            return value === undefined || value === null || value === "";
        });
        if (missing.length > 0) {
            reportViolation(`NodePool "${name}" must set spec.limits.${missing.join(" and spec.limits.")} so Karpenter cannot provision without bound.`);
        }
        const cpu = parseQuantity(at(limits, "cpu"));
        if (maxCpu !== undefined && cpu !== undefined && cpu > maxCpu) {
            reportViolation(`NodePool "${name}" must set spec.limits.cpu to at most ${maxCpu} (maxCpu), not ${str(at(limits, "cpu")) ?? cpu}.`);
        }
    }),
};

export interface ExoticInstancesConfig {
    /** Instance families (e.g. "u-6tb1", "c7i") a NodePool may select even though they are metal or high-memory. */
    allowedFamilies: string[];
    /** Allow bare-metal sizes everywhere. */
    allowMetal: boolean;
    /** Allow u-* high-memory families everywhere. */
    allowHighMemory: boolean;
}

/** 3 TiB in MiB: the smallest u-* high-memory instance; a memory ceiling below it excludes the family. */
const highMemoryFloorMiB = 3 * 1024 * 1024;

interface Requirement {
    key: string;
    operator: string;
    values: string[];
}

/** Known requirements; undefined when any is unknown. */
function requirementsOf(props: Props): Requirement[] | undefined {
    const raw = at(props, "spec", "template", "spec", "requirements");
    if (isUnknown(raw)) {
        return undefined;
    }
    const out: Requirement[] = [];
    for (const item of list(raw) ?? []) {
        const key = str(at(item, "key"));
        const operator = str(at(item, "operator"));
        const values = (list(at(item, "values")) ?? []).map(str);
        if (key === undefined || operator === undefined || values.some((v) => v === undefined)) {
            return undefined;
        }
        out.push({ key, operator, values: values as string[] });
    }
    return out;
}

const familyOf = (instanceType: string) => instanceType.split(".")[0];

function excludesMetal(reqs: Requirement[], allowed: string[]): boolean {
    return reqs.some((r) => {
        const isIn = r.operator === "In";
        switch (r.key) {
            case "karpenter.k8s.aws/instance-size":
                return isIn ? r.values.every((v) => !v.startsWith("metal")) : r.operator === "NotIn" && r.values.includes("metal");
            case "karpenter.k8s.aws/instance-hypervisor":
                // Metal instances report no hypervisor; requiring "nitro" (or xen) rules them out.
                return isIn && r.values.every((v) => v !== "");
            case "node.kubernetes.io/instance-type":
                return isIn && r.values.every((v) => !v.includes("metal") || allowed.includes(familyOf(v)));
            case "karpenter.k8s.aws/instance-family":
                return isIn && r.values.every((v) => allowed.includes(v));
            default:
                return false;
        }
    });
}

function excludesHighMemory(reqs: Requirement[], allowed: string[]): boolean {
    const allowedOrNotHighMemory = (family: string) => !family.startsWith("u-") || allowed.includes(family);
    return reqs.some((r) => {
        const isIn = r.operator === "In";
        switch (r.key) {
            case "karpenter.k8s.aws/instance-family":
                return isIn && r.values.every(allowedOrNotHighMemory);
            case "karpenter.k8s.aws/instance-category":
                return isIn ? !r.values.includes("u") : r.operator === "NotIn" && r.values.includes("u");
            case "node.kubernetes.io/instance-type":
                return isIn && r.values.every((v) => allowedOrNotHighMemory(familyOf(v)));
            case "karpenter.k8s.aws/instance-memory": {
                const bound = num(r.values[0]);
                return r.operator === "Lt" && bound !== undefined && bound <= highMemoryFloorMiB;
            }
            default:
                return false;
        }
    });
}

export const nodePoolExoticInstances: ResourceValidationPolicy = {
    name: "nodepool-exotic-instances",
    description: "Checks whether a NodePool can launch bare-metal or u-* high-memory instances without that being explicitly allowed.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "nodepool", "cost"],
    url: `${docsUrl}concepts/scheduling/#instance-types`,
    remediationSteps:
        "Add requirements that exclude them, e.g. karpenter.k8s.aws/instance-hypervisor In [nitro] (no metal) and " +
        "karpenter.k8s.aws/instance-category NotIn [u] (no high-memory), or list the families in instance-family In [...]. " +
        "If a workload needs them, set allowMetal, allowHighMemory or allowedFamilies in this policy's config.",
    configSchema: {
        properties: {
            allowedFamilies: { type: "array", items: { type: "string" }, default: [], description: "Families allowed even if metal or high-memory." },
            allowMetal: { type: "boolean", default: false, description: "Allow bare-metal sizes." },
            allowHighMemory: { type: "boolean", default: false, description: "Allow u-* high-memory families." },
        },
    },
    validateResource: forTypes([types.nodePool], (props, args, reportViolation) => {
        const config = configWithDefaults<ExoticInstancesConfig>(args, { allowedFamilies: [], allowMetal: false, allowHighMemory: false });
        const reqs = requirementsOf(props);
        if (reqs === undefined) {
            return;
        }
        const name = k8sName(props, args.name);
        if (!config.allowMetal && !excludesMetal(reqs, config.allowedFamilies)) {
            reportViolation(
                `NodePool "${name}" must exclude bare-metal instances (add karpenter.k8s.aws/instance-hypervisor In [nitro] or instance-size NotIn [metal]), or allow them with allowMetal/allowedFamilies.`,
            );
        }
        if (!config.allowHighMemory && !excludesHighMemory(reqs, config.allowedFamilies)) {
            reportViolation(
                `NodePool "${name}" must exclude u-* high-memory instances (add karpenter.k8s.aws/instance-category NotIn [u] or restrict instance-family), or allow them with allowHighMemory/allowedFamilies.`,
            );
        }
    }),
};

/** `0s`, `0m`, `0h0m0s`: Go durations that are zero. */
function isZeroDuration(value: string): boolean {
    return /^(0+(ns|us|µs|ms|s|m|h))+$/.test(value.trim());
}

export const nodePoolDisruption: ResourceValidationPolicy = {
    name: "nodepool-disruption",
    description: "Checks that a NodePool waits before consolidating and declares explicit disruption budgets.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "nodepool", "availability"],
    url: `${docsUrl}concepts/disruption/`,
    remediationSteps:
        "Set spec.disruption.consolidateAfter to a non-zero duration (e.g. 1m) or Never, and list spec.disruption.budgets " +
        "(e.g. [{ nodes: \"10%\" }] plus a schedule that blocks disruption in business hours). consolidateAfter 0s (the CRD default) " +
        "churns nodes on every pod change.",
    validateResource: forTypes([types.nodePool], (props, args, reportViolation) => {
        const name = k8sName(props, args.name);
        const disruption = at(props, "spec", "disruption");
        if (isUnknown(disruption)) {
            return;
        }
        const consolidateAfter = at(disruption, "consolidateAfter");
        if (consolidateAfter === undefined || (str(consolidateAfter) !== undefined && isZeroDuration(str(consolidateAfter) as string))) {
            const shown = consolidateAfter === undefined ? "unset (defaults to 0s)" : `"${consolidateAfter}"`;
            reportViolation(`NodePool "${name}" must set spec.disruption.consolidateAfter to a non-zero duration or Never; it is ${shown}.`);
        }
        const budgets = at(disruption, "budgets");
        if (!isUnknown(budgets) && (list(budgets) ?? []).length === 0) {
            reportViolation(`NodePool "${name}" must declare explicit spec.disruption.budgets (for example nodes: "10%"), not rely on the implicit default.`);
        }
    }),
};

/** Karpenter v1's capacity types (karpenter.sh/capacity-type values). */
export const capacityTypes = ["on-demand", "spot", "reserved"] as const;

/**
 * The capacity types a NodePool may launch; undefined while its requirements are unknown. Without
 * the requirement a NodePool is compatible with every capacity type, and Karpenter prefers spot:
 * Requirements.Get answers Exists for a missing key (kubernetes-sigs/karpenter v1.14.1
 * pkg/scheduling/requirements.go) and getCapacityType tries reserved, then spot
 * (aws/karpenter-provider-aws v1.14.1 pkg/providers/instance/instance.go).
 */
export function nodePoolCapacityTypes(props: Props): string[] | undefined {
    const reqs = requirementsOf(props);
    if (reqs === undefined) {
        return undefined;
    }
    const admits = (type: string) =>
        reqs
            .filter((r) => r.key === "karpenter.sh/capacity-type")
            .every((r) => (r.operator === "In" ? r.values.includes(type) : r.operator === "NotIn" ? !r.values.includes(type) : r.operator === "Exists"));
    return capacityTypes.filter(admits);
}

/** Whether a NodePool may launch spot capacity; undefined while its requirements are unknown. */
export function nodePoolAllowsSpot(props: Props): boolean | undefined {
    return nodePoolCapacityTypes(props)?.includes("spot");
}

export interface CapacityTypesConfig {
    /** Capacity types NodePools may launch. */
    allowedCapacityTypes: string[];
}

export const nodePoolCapacityTypesAllowed: ResourceValidationPolicy = {
    name: "nodepool-capacity-types",
    description: "Checks that every NodePool can launch only the capacity types (on-demand, spot, reserved) the organization allows.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: [...commonTags, "nodepool", "cost", "spot"],
    url: `${docsUrl}concepts/nodepools/#capacity-type`,
    remediationSteps:
        "Add a requirement karpenter.sh/capacity-type In [...] that lists only allowed types. Without that requirement a NodePool may launch " +
        "every capacity type, and Karpenter prefers spot. Set allowedCapacityTypes in this policy's config (all three by default).",
    configSchema: {
        properties: {
            allowedCapacityTypes: {
                type: "array",
                items: { type: "string", enum: [...capacityTypes] },
                default: [...capacityTypes],
                description: "Capacity types NodePools may launch.",
            },
        },
    },
    validateResource: forTypes([types.nodePool], (props, args, reportViolation) => {
        const { allowedCapacityTypes } = configWithDefaults<CapacityTypesConfig>(args, { allowedCapacityTypes: [...capacityTypes] });
        const launched = nodePoolCapacityTypes(props);
        const forbidden = (launched ?? []).filter((t) => !allowedCapacityTypes.includes(t));
        if (forbidden.length > 0) {
            const why = launched?.length === capacityTypes.length ? " (it has no karpenter.sh/capacity-type requirement that excludes them)" : "";
            reportViolation(
                `NodePool "${k8sName(props, args.name)}" can launch ${forbidden.join(" and ")} capacity${why}; it must require karpenter.sh/capacity-type In [${allowedCapacityTypes.join(", ")}] or a subset.`,
            );
        }
    }),
};

/** Whether an `aws:iam/serviceLinkedRole:ServiceLinkedRole` is the spot role; undefined while its service is unknown. */
function isSpotServiceLinkedRole(props: Props): boolean | undefined {
    const service = at(props, "awsServiceName");
    return isUnknown(service) ? undefined : str(service) === "spot.amazonaws.com";
}

export const spotServiceLinkedRole: StackValidationPolicy = {
    name: "spot-service-linked-role",
    description: "Checks whether a stack with a NodePool that allows spot also creates the account's EC2 Spot service-linked role.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "nodepool", "spot", "iam"],
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-prerequisites.html#service-linked-roles-spot-instances",
    remediationSteps:
        "In an account that never launched spot, AWSServiceRoleForEC2Spot does not exist and the controller may not create it, so every " +
        "spot launch fails with AuthFailure.ServiceLinkedRoleCreationNotPermitted. Create it once per account: set spotServiceLinkedRole: true " +
        "on one KarpenterCluster stack of the account, or run aws iam create-service-linked-role --aws-service-name spot.amazonaws.com. " +
        "An account holds one such role, so disable this policy for stacks in accounts that have it.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        // A role whose service is still unknown may be the spot role: judge nothing then.
        if (stack.ofType(types.serviceLinkedRole).some((role) => isSpotServiceLinkedRole(role.props) !== false)) {
            return;
        }
        for (const nodePool of stack.ofType(types.nodePool)) {
            if (nodePoolAllowsSpot(nodePool.props) === true) {
                reportViolation(
                    `NodePool "${k8sName(nodePool.props, nodePool.name)}" allows spot capacity, but the stack creates no service-linked role for spot.amazonaws.com; ` +
                        "in an account that never used spot its launches fail with AuthFailure.ServiceLinkedRoleCreationNotPermitted. The account must have the role: " +
                        "set spotServiceLinkedRole: true on the KarpenterCluster, or run aws iam create-service-linked-role --aws-service-name spot.amazonaws.com once per account.",
                    nodePool.urn,
                );
            }
        }
    }),
};

export const nodePoolPolicies = [nodePoolLimitsRequired, nodePoolExoticInstances, nodePoolDisruption, spotServiceLinkedRole, nodePoolCapacityTypesAllowed];
