import { Problem } from "./problems";
import { Check, isPlainObject, keyPath } from "./schema";

/**
 * Which inputs of the cross-field rules are well-formed, after the shape checks. Cross-field rules
 * run on {@link WellFormed.args}, the arguments with every malformed value removed (so defaults
 * stand in and nothing crashes), and each rule first asks {@link WellFormed.ok} about the inputs
 * it reads: a rule is skipped only when one of them is malformed, so a bad label value no longer
 * hides an unsupported Kubernetes version, and a bad cluster name no longer hides replicas above
 * the node group's minimum.
 */
export interface WellFormed {
    /** The arguments without their malformed values. */
    args: unknown;
    /**
     * Whether none of `paths` holds, contains or lies inside a malformed value. A path is written
     * as problems name it (`karpenter.nodePools[1].zones`); `[]` stands for every index
     * (`karpenter.nodePools[].name`).
     */
    ok(...paths: string[]): boolean;
}

/** Nothing malformed: for callers that validated the shapes already. */
export function allWellFormed(args: unknown): WellFormed {
    return { args, ok: () => true };
}

/**
 * `args` without the values `shapeProblems` name. Removing a value can leave its object without a
 * required field; `schema` finds those, and their objects go too, until what is left passes it,
 * so the defaults and the rules always work on arguments of the declared shape.
 */
export function wellFormed(args: unknown, shapeProblems: Problem[], schema: Check): WellFormed {
    if (shapeProblems.length === 0) {
        return allWellFormed(args);
    }
    const malformed = new Set(shapeProblems.map((p) => p.path));
    let kept = withoutMalformed(args, "", malformed, true);
    // Each round drops a whole object or list; a tree this deep needs at most a few.
    for (let round = 0, left = schema(kept, ""); left.length > 0; round++, left = schema(kept, "")) {
        const parents = left.map((p) => parentPath(p.path));
        parents.forEach((parent) => malformed.add(parent));
        kept = parents.includes("") || round > 8 ? {} : withoutMalformed(kept, "", new Set(parents), false);
    }
    return {
        args: kept,
        ok: (...paths) => paths.every((input) => [...malformed].every((path) => !overlaps(input, path))),
    };
}

/** `a.b[2].c` → `a.b[2]`; `a["x y"]` → `a`; `a` → `` (the whole arguments). */
function parentPath(path: string): string {
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    return cut > 0 ? path.slice(0, cut) : "";
}

/** True when one path is the other or lies inside it. */
function overlaps(input: string, problemPath: string): boolean {
    const actual = input.includes("[]") ? problemPath.replace(/\[\d+\]/g, "[]") : problemPath;
    return within(actual, input) || within(input, actual);
}

function within(path: string, ancestor: string): boolean {
    return path === ancestor || ancestor === "" || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/**
 * A copy of `value` without the values at `malformed` paths. A malformed list item takes its list
 * with it when the items are plain values, or when `emptyObjects` is off; otherwise an item of a
 * list of objects becomes `{}`, so the indexes of the other items (and the paths the rules
 * report) stay as the user wrote them.
 */
function withoutMalformed(value: unknown, path: string, malformed: Set<string>, emptyObjects: boolean): unknown {
    if (Array.isArray(value)) {
        const items = value.map((item, i) => {
            const itemPath = `${path}[${i}]`;
            if (malformed.has(itemPath)) {
                return emptyObjects && value.some(isPlainObject) ? {} : dropped;
            }
            return withoutMalformed(item, itemPath, malformed, emptyObjects);
        });
        return items.includes(dropped) ? dropped : items;
    }
    if (!isPlainObject(value)) {
        return value;
    }
    const kept: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
        const childPath = keyPath(path, key);
        const cleaned = malformed.has(childPath) ? dropped : withoutMalformed(child, childPath, malformed, emptyObjects);
        if (cleaned !== dropped) {
            kept[key] = cleaned;
        }
    }
    return kept;
}

const dropped = Symbol("dropped");
