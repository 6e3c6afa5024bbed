/**
 * Karpenter v1 node selector requirements as sets, ported from kubernetes-sigs/karpenter
 * pkg/scheduling/requirement.go and requirements.go (v1.14.1), so that "which instance types does
 * this NodePool allow" is answered with the controller's own rules: Gt/Lt become inclusive bounds,
 * NotIn and Exists are complements, and an undefined key on one side is no constraint.
 */

export type Operator = "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" | "Gte" | "Lte";

const operators: ReadonlySet<string> = new Set(["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Lte"]);

export function isOperator(value: string): value is Operator {
    return operators.has(value);
}

/** One key's allowed values: `values` when not a complement, everything but `values` when it is, within [gte, lte]. */
export interface Requirement {
    key: string;
    complement: boolean;
    values: ReadonlySet<string>;
    gte?: number;
    lte?: number;
    minValues?: number;
}

/** Karpenter's NormalizedLabels: the deprecated spellings it reads as the stable keys. */
const normalizedLabels: Readonly<Record<string, string>> = {
    "failure-domain.beta.kubernetes.io/zone": "topology.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/region": "topology.kubernetes.io/region",
    "beta.kubernetes.io/arch": "kubernetes.io/arch",
    "beta.kubernetes.io/os": "kubernetes.io/os",
    "beta.kubernetes.io/instance-type": "node.kubernetes.io/instance-type",
};

/** `strconv.Atoi`: an optional sign and decimal digits, nothing else. */
function atoi(value: string): number | undefined {
    return /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/** NewRequirementWithFlexibility. `Gt N` becomes `>= N+1` and `Lt N` becomes `<= N-1`; a non-numeric bound matches nothing (the CRD rejects it). */
export function requirement(key: string, operator: Operator, values: readonly string[] = [], minValues?: number): Requirement {
    const normalizedKey = normalizedLabels[key] ?? key;
    const base = { key: normalizedKey, ...(minValues !== undefined ? { minValues } : {}) };
    switch (operator) {
        case "In":
            return { ...base, complement: false, values: new Set(values) };
        case "DoesNotExist":
            return { ...base, complement: false, values: new Set() };
        case "NotIn":
            return { ...base, complement: true, values: new Set(values) };
        case "Exists":
            return { ...base, complement: true, values: new Set() };
        default: {
            const bound = atoi(values[0] ?? "");
            if (bound === undefined) {
                return { ...base, complement: false, values: new Set() };
            }
            const edge = operator === "Gt" ? { gte: bound + 1 } : operator === "Lt" ? { lte: bound - 1 } : operator === "Gte" ? { gte: bound } : { lte: bound };
            return { ...base, complement: true, values: new Set(), ...edge };
        }
    }
}

function withinBounds(value: string, gte: number | undefined, lte: number | undefined): boolean {
    if (gte === undefined && lte === undefined) {
        return true;
    }
    const n = atoi(value);
    return n !== undefined && (gte === undefined || n >= gte) && (lte === undefined || n <= lte);
}

const maxOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** Requirement.Intersection: what both allow. */
export function intersection(a: Requirement, b: Requirement): Requirement {
    const complement = a.complement && b.complement;
    const gte = maxOf(a.gte, b.gte);
    const lte = minOf(a.lte, b.lte);
    const minValues = maxOf(a.minValues, b.minValues);
    const withMin = minValues !== undefined ? { minValues } : {};
    if (gte !== undefined && lte !== undefined && gte > lte) {
        return { key: a.key, complement: false, values: new Set(), ...withMin };
    }
    let values: string[];
    if (a.complement && b.complement) {
        values = [...new Set([...a.values, ...b.values])];
    } else if (a.complement) {
        values = [...b.values].filter((v) => !a.values.has(v));
    } else if (b.complement) {
        values = [...a.values].filter((v) => !b.values.has(v));
    } else {
        values = [...a.values].filter((v) => b.values.has(v));
    }
    values = values.filter((v) => withinBounds(v, gte, lte));
    // Concrete sets drop their bounds, as Karpenter does.
    return { key: a.key, complement, values: new Set(values), ...(complement ? { gte, lte } : {}), ...withMin };
}

/** Requirement.Operator: the operator the set reads as (bounds read as Exists). */
export function operatorOf(r: Requirement): "In" | "NotIn" | "Exists" | "DoesNotExist" {
    if (r.complement) {
        return r.values.size > 0 ? "NotIn" : "Exists";
    }
    return r.values.size > 0 ? "In" : "DoesNotExist";
}

/** Requirement.Has: whether the set admits `value`. */
export function admits(r: Requirement, value: string): boolean {
    return (r.complement ? !r.values.has(value) : r.values.has(value)) && withinBounds(value, r.gte, r.lte);
}

/** NotIn and DoesNotExist only exclude: two of them never conflict. */
function isNegative(r: Requirement): boolean {
    const op = operatorOf(r);
    return op === "NotIn" || op === "DoesNotExist";
}

/**
 * Requirements.Intersects for one key an instance type defines, as `values` (`[]`: the label does
 * not exist, `[v]` or several: In). A set with no values meets only a negative requirement, since
 * HasIntersection is false and both sides are then negative; otherwise one value must be admitted.
 */
export function meets(values: readonly string[], r: Requirement): boolean {
    return values.length === 0 ? isNegative(r) : values.some((v) => admits(r, v));
}

/** A set of requirements by key; adding a second requirement on a key intersects the two (Requirements.Add). */
export class Requirements {
    private readonly byKey = new Map<string, Requirement>();

    constructor(requirements: Iterable<Requirement> = []) {
        for (const r of requirements) {
            this.add(r);
        }
    }

    add(r: Requirement): void {
        const existing = this.byKey.get(r.key);
        this.byKey.set(r.key, existing === undefined ? r : intersection(r, existing));
    }

    keys(): string[] {
        return [...this.byKey.keys()];
    }

    values(): Requirement[] {
        return [...this.byKey.values()];
    }
}
