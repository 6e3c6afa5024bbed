/**
 * The instance types Karpenter can launch for a NodePool, decided offline from the derived tables
 * (data/instanceTypes.ts, data/onDemandPrices.ts) with the AWS provider's own rules
 * (karpenter-provider-aws v1.14.1):
 *
 * - each type carries the requirements computeRequirements gives it (pkg/providers/instancetype/types.go),
 *   and the NodePool's requirements must intersect them (core scheduling/nodeclaim.go `compatible`);
 * - the EC2NodeClass's AMIs must include one compatible with the type (amifamily.MapToInstanceTypes:
 *   without one the launch fails "no instance types satisfy requirements of amis");
 * - its capacity must fit under the pool's limits (scheduler.go filterByRemainingResources).
 *
 * What the offline model cannot know is left unconstrained and named: zones and zone IDs (they come
 * from the subnets Karpenter discovers), the region, placement groups.
 */
import { instanceFamilies } from "./data/instanceTypes";
import { onDemandPriceSource, onDemandPrices } from "./data/onDemandPrices";
import { Requirement, Requirements, meets, operatorOf, requirement } from "./requirements";

export { onDemandPriceSource };
export { instanceTypeReference } from "./data/instanceTypes";

const k = (name: string) => `karpenter.k8s.aws/${name}`;

const labels = {
    arch: "kubernetes.io/arch",
    os: "kubernetes.io/os",
    instanceType: "node.kubernetes.io/instance-type",
    windowsBuild: "node.kubernetes.io/windows-build",
    capacityType: "karpenter.sh/capacity-type",
    gpuCount: k("instance-gpu-count"),
    acceleratorCount: k("instance-accelerator-count"),
    reservationId: k("capacity-reservation-id"),
    reservationType: k("capacity-reservation-type"),
    reservationInterruptible: k("capacity-reservation-interruptible"),
    tenancy: k("instance-tenancy"),
} as const;

/** Keys whose values come from the subnets, the region or placement, which a plan cannot see. */
const offlineUnknownKeys: ReadonlySet<string> = new Set([
    "topology.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "topology.k8s.aws/zone-id",
    k("placement-group-id"),
    k("placement-group-partition"),
]);

/** Karpenter's vmMemoryOverheadPercent default (chart settings.vmMemoryOverheadPercent: 0.075). */
const vmMemoryOverheadPercent = 0.075;

export interface InstanceType {
    name: string;
    family: string;
    size: string;
    arch: "amd64" | "arm64";
    /** vCPUs: what Karpenter counts against limits.cpu. */
    cpu: number;
    /** The instance's memory, as the `instance-memory` label gives it. */
    memoryMiB: number;
    /** What Karpenter counts against limits.memory: memory less 64 MiB on Graviton, less the VM overhead (types.go `memory`). */
    capacityMemoryMiB: number;
    /** A `metal` size: no hypervisor label value. */
    bareMetal: boolean;
    /** Well-known label values; undefined where Karpenter leaves the label off (DoesNotExist). */
    labels: Readonly<Record<string, string | undefined>>;
    /** On-demand USD per hour in {@link onDemandPriceSource}'s region; undefined when the table has no price. */
    onDemandHourly?: number;
}

/** instanceTypeScheme in types.go: category and generation come from the name, not from EC2. */
const instanceTypeScheme = /(^[a-z]+)(-[0-9]+tb)?([0-9]+).*\./;

function buildCatalogue(): InstanceType[] {
    const out: InstanceType[] = [];
    const opt = (value: number | null | undefined) => (value === null || value === undefined ? undefined : String(value));
    for (const [family, row] of Object.entries(instanceFamilies)) {
        for (const [size, cpu, memoryMiB, hypervisor, clock, ebs, network, nvme, gpus, gpuMemory, accelerators] of row.sizes) {
            const name = `${family}.${size}`;
            const scheme = instanceTypeScheme.exec(name);
            const graviton = row.arch === "arm64" ? memoryMiB - 64 : memoryMiB;
            out.push({
                name,
                family,
                size,
                arch: row.arch,
                cpu,
                memoryMiB,
                capacityMemoryMiB: graviton - Math.ceil(graviton * vmMemoryOverheadPercent),
                bareMetal: size.startsWith("metal"),
                labels: {
                    [labels.instanceType]: name,
                    [labels.arch]: row.arch,
                    [k("instance-category")]: scheme?.[1],
                    [k("instance-generation")]: scheme?.[3],
                    [k("instance-family")]: family,
                    [k("instance-size")]: size,
                    [k("instance-capability-flex")]: String(family.includes("-flex")),
                    [k("instance-cpu")]: String(cpu),
                    [k("instance-memory")]: String(memoryMiB),
                    [k("instance-hypervisor")]: hypervisor,
                    [k("instance-encryption-in-transit-supported")]: String(row.encryptionInTransit),
                    [k("instance-cpu-manufacturer")]: row.cpuManufacturer,
                    [k("instance-cpu-sustained-clock-speed-mhz")]: opt(clock),
                    [k("instance-ebs-bandwidth")]: opt(ebs),
                    [k("instance-network-bandwidth")]: opt(network),
                    [k("instance-local-nvme")]: opt(nvme),
                    [k("instance-gpu-name")]: row.gpuName,
                    [k("instance-gpu-manufacturer")]: row.gpuManufacturer,
                    [labels.gpuCount]: opt(gpus),
                    [k("instance-gpu-memory")]: opt(gpuMemory),
                    [k("instance-accelerator-name")]: row.acceleratorName,
                    [k("instance-accelerator-manufacturer")]: row.acceleratorManufacturer,
                    [labels.acceleratorCount]: opt(accelerators),
                },
                onDemandHourly: onDemandPrices[name],
            });
        }
    }
    return out;
}

/** Every type of the reference, in the table's order (by family, then size). */
export const instanceTypeCatalogue: readonly InstanceType[] = buildCatalogue();

/** What the EC2NodeClass decides about every instance type: its OS labels, its AMIs, reserved capacity. */
export interface NodeClassImages {
    /** For messages: "al2023 alias", "custom AMIs (architecture not known offline)". */
    description: string;
    /** Windows AMI families label nodes with a build; every other family is Linux. */
    windowsBuild?: string;
    /** Each AMI's requirements; undefined when the AMIs are custom and their architecture unknown offline. */
    amis?: Requirement[][];
    /** capacityReservationSelectorTerms are set: the reserved capacity type and reservation labels exist. */
    reservations: boolean;
}

type Variant = "standard" | "nvidia" | "neuron";

/** amifamily Variant.Requirements (pkg/providers/amifamily/types.go). */
function variantRequirements(variant: Variant): Requirement[] {
    switch (variant) {
        case "standard":
            return [requirement(labels.acceleratorCount, "DoesNotExist"), requirement(labels.gpuCount, "DoesNotExist")];
        case "nvidia":
            return [requirement(labels.gpuCount, "Exists")];
        case "neuron":
            return [requirement(labels.acceleratorCount, "Exists")];
    }
}

/**
 * The AMIs an alias resolves to, by architecture and the variants each serves: the SSM
 * parameters each family's DescribeImageQuery reads (al2023.go, al2.go, bottlerocket.go). A
 * parameter AWS has not published for the Kubernetes version is skipped by Karpenter; offline every
 * one is assumed published.
 */
const aliasImages: Readonly<Record<string, readonly [arch: "amd64" | "arm64", variants: readonly Variant[]][]>> = {
    al2023: [
        ["amd64", ["standard"]],
        ["amd64", ["nvidia"]],
        ["amd64", ["neuron"]],
        ["arm64", ["standard"]],
        ["arm64", ["nvidia"]],
    ],
    al2: [
        ["amd64", ["standard"]],
        ["arm64", ["standard"]],
        ["amd64", ["neuron", "nvidia"]],
    ],
    bottlerocket: [
        ["amd64", ["standard", "neuron"]],
        ["arm64", ["standard"]],
        ["amd64", ["nvidia"]],
        ["arm64", ["nvidia"]],
    ],
};

/** Windows AMI builds (pkg/apis/v1/labels.go Windows20xxBuild); their one AMI is x86_64. */
const windowsBuilds: Readonly<Record<string, string>> = { windows2019: "10.0.17763", windows2022: "10.0.20348", windows2025: "10.0.26100" };

/**
 * From an EC2NodeClass's `amiSelectorTerms`: the alias term decides the family (EC2NodeClass.Alias);
 * terms by id, name or tags select custom AMIs whose architecture only EC2 knows.
 */
export function nodeClassImages(alias: string | undefined, reservations: boolean): NodeClassImages {
    const family = alias?.split("@")[0];
    const arch = (a: "amd64" | "arm64") => requirement(labels.arch, "In", [a]);
    if (family !== undefined && windowsBuilds[family] !== undefined) {
        return { description: `${family} alias`, windowsBuild: windowsBuilds[family], amis: [[arch("amd64")]], reservations };
    }
    const images = family !== undefined ? aliasImages[family] : undefined;
    if (images === undefined) {
        return { description: "custom AMIs (their architecture is not known offline)", reservations };
    }
    // One image may serve several variants (AL2's GPU AMI, Bottlerocket's x86_64 AMI): any of them will do.
    const amis = images.flatMap(([a, variants]) => variants.map((v) => [arch(a), ...variantRequirements(v)]));
    return { description: `${family} alias`, amis, reservations };
}

/**
 * The values computeRequirements gives `type` for `key` under a node class: `[]` where the label
 * does not exist, undefined where the type defines no requirement or the value is not known offline.
 */
function definedValues(type: InstanceType, images: NodeClassImages, key: string): readonly string[] | undefined {
    if (key in type.labels) {
        const value = type.labels[key];
        return value === undefined ? [] : [value];
    }
    const windows = images.windowsBuild !== undefined;
    switch (key) {
        case labels.os:
            // Windows AMIs only run on amd64: an arm64 type has no OS at all under them (getOS).
            return windows ? (type.arch === "amd64" ? ["windows"] : []) : ["linux"];
        case labels.windowsBuild:
            return windows ? [images.windowsBuild as string] : [];
        case labels.capacityType:
            // Spot is assumed offered for every type: the reference does not list SupportedUsageClasses.
            return images.reservations ? ["on-demand", "spot", "reserved"] : ["on-demand", "spot"];
        case labels.tenancy:
            return ["default", "dedicated"];
        case labels.reservationId:
        case labels.reservationType:
        case labels.reservationInterruptible:
            // With reservations their values are the account's; without, the labels do not exist.
            return images.reservations ? undefined : [];
        default:
            return undefined;
    }
}

/** Requirements.Intersects between the type's requirements and `requirements`: every key the type defines must meet. */
function satisfies(type: InstanceType, images: NodeClassImages, requirements: readonly Requirement[]): boolean {
    return requirements.every((r) => {
        const values = definedValues(type, images, r.key);
        return values === undefined || meets(values, r);
    });
}

/** A NodePool's limits in the units instance types are measured in; absent: no limit on that resource. */
export interface LaunchLimits {
    /** vCPUs (limits.cpu). */
    cpu?: number;
    /** MiB of capacity memory (limits.memory). */
    memoryMiB?: number;
    /** Nodes (limits.nodes, or a static pool's replicas). */
    nodes?: number;
}

/** What a NodePool allows, how each rule narrowed it, and which keys the offline model did not judge. */
export interface AllowedInstanceTypes {
    types: InstanceType[];
    /** Types left after the requirements, after the AMIs, after the limits (before minValues). */
    counts: { requirements: number; amis: number; limits: number };
    /** Requirements that on their own allow no type of the catalogue, as text; filled only when nothing is allowed. */
    emptyingRequirements: string[];
    /** Requirement keys left unjudged (zone, region, placement): the real set may be smaller. */
    unjudgedKeys: string[];
    /** Requirements whose minValues the allowed types do not reach: Karpenter (minValuesPolicy Strict) launches nothing. */
    minValuesShortfalls: { key: string; minValues: number; available: number }[];
}

/**
 * The types of the catalogue a NodePool with `poolRequirements` can launch on `images`, within
 * `limits` on an empty cluster (one node must fit on its own).
 */
export function allowedInstanceTypes(poolRequirements: Requirements, images: NodeClassImages, limits: LaunchLimits = {}): AllowedInstanceTypes {
    const judged = poolRequirements.values().filter((r) => !offlineUnknownKeys.has(r.key));
    const byRequirements = instanceTypeCatalogue.filter((t) => satisfies(t, images, judged));
    // Every key an AMI requires (arch, GPU and accelerator counts) is one every type defines, so
    // MapToInstanceTypes's strict Compatible reduces to the same intersection.
    const byAmis = byRequirements.filter((t) => images.amis === undefined || images.amis.some((ami) => satisfies(t, images, ami)));
    const fits = (t: InstanceType) => limits.nodes !== 0 && (limits.cpu === undefined || t.cpu <= limits.cpu) && (limits.memoryMiB === undefined || t.capacityMemoryMiB <= limits.memoryMiB);
    const types = byAmis.filter(fits);
    const minValuesShortfalls = judged
        .filter((r) => r.minValues !== undefined)
        .map((r) => ({ key: r.key, minValues: r.minValues as number, available: new Set(types.map((t) => t.labels[r.key]).filter((v) => v !== undefined)).size }))
        .filter((s) => s.available < s.minValues);
    const emptyingRequirements =
        byRequirements.length > 0
            ? []
            : judged
                  .filter((r) => !instanceTypeCatalogue.some((t) => satisfies(t, images, [r])))
                  .map(describeRequirement);
    return {
        types: minValuesShortfalls.length > 0 ? [] : types,
        counts: { requirements: byRequirements.length, amis: byAmis.length, limits: types.length },
        emptyingRequirements,
        unjudgedKeys: poolRequirements.keys().filter((key) => offlineUnknownKeys.has(key)),
        minValuesShortfalls,
    };
}

/** `key In [a, b]`, `key Exists >= 5`: a requirement as Karpenter prints it (Requirement.String). */
function describeRequirement(r: Requirement): string {
    const op = operatorOf(r);
    const values = op === "In" || op === "NotIn" ? ` [${[...r.values].join(", ")}]` : "";
    const bounds = `${r.gte !== undefined ? ` >=${r.gte}` : ""}${r.lte !== undefined ? ` <=${r.lte}` : ""}`;
    return `${r.key} ${op}${values}${bounds}`;
}
