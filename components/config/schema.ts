import { Problem, unknownKeyMessage } from "./problems";

/**
 * A tiny validation schema: each check returns the problems of one value at one path, so a whole
 * argument tree is checked in one pass and every problem is reported with its full path.
 */
export type Check = (value: unknown, path: string) => Problem[];

const ok: Problem[] = [];

export function problem(path: string, message: string): Problem[] {
    return [{ path, message }];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string matching `pattern`; `form` says what is expected, e.g. `a DNS-1123 label such as "team-a"`. */
export function text(form: string, pattern?: RegExp, maxLength?: number): Check {
    return (value, path) => {
        if (typeof value !== "string") {
            return problem(path, `must be ${form}, got ${describe(value)}`);
        }
        if (maxLength !== undefined && value.length > maxLength) {
            return problem(path, `must be at most ${maxLength} characters (got ${value.length}): ${form}`);
        }
        if (pattern && !pattern.test(value)) {
            return problem(path, `must be ${form}, got "${value}"`);
        }
        return ok;
    };
}

export function integer(min: number, max: number, why = ""): Check {
    return (value, path) => {
        if (typeof value !== "number" || !Number.isInteger(value)) {
            return problem(path, `must be a whole number from ${min} to ${max}, got ${describe(value)}`);
        }
        if (value < min || value > max) {
            return problem(path, `must be from ${min} to ${max}${why}, got ${value}`);
        }
        return ok;
    };
}

export const boolean: Check = (value, path) =>
    typeof value === "boolean" ? ok : problem(path, `must be true or false, got ${describe(value)}`);

export function oneOf(allowed: readonly string[]): Check {
    return (value, path) =>
        typeof value === "string" && allowed.includes(value)
            ? ok
            : problem(path, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${describe(value)}`);
}

export function arrayOf(item: Check, opts: { minItems?: number; unique?: boolean } = {}): Check {
    return (value, path) => {
        if (!Array.isArray(value)) {
            return problem(path, `must be a list, got ${describe(value)}`);
        }
        if (opts.minItems !== undefined && value.length < opts.minItems) {
            return problem(path, `must have at least ${opts.minItems} item${opts.minItems === 1 ? "" : "s"}, got ${value.length}`);
        }
        const problems = value.flatMap((v, i) => item(v, `${path}[${i}]`));
        if (opts.unique) {
            value.forEach((v, i) => {
                if (value.indexOf(v) !== i) {
                    problems.push({ path: `${path}[${i}]`, message: `duplicates ${JSON.stringify(v)}` });
                }
            });
        }
        return problems;
    };
}

/** A map with free keys, e.g. labels or tags. */
export function mapOf(key: Check, entry: Check): Check {
    return (value, path) => {
        if (!isPlainObject(value)) {
            return problem(path, `must be a map, got ${describe(value)}`);
        }
        return Object.entries(value).flatMap(([k, v]) => [...key(k, `${path}.${k}`), ...entry(v, `${path}.${k}`)]);
    };
}

/**
 * An object with exactly the fields of `T`: the `fields` type forces one check per field, so the
 * schema cannot drift from the TypeScript interface. Unset optional fields are not checked.
 */
export function object<T>(fields: { [K in keyof Required<T>]: Check }, required: (keyof T & string)[] = []): Check {
    const known = Object.keys(fields);
    return (value, path) => {
        if (!isPlainObject(value)) {
            return problem(path, `must be an object, got ${describe(value)}`);
        }
        const problems: Problem[] = [];
        for (const key of Object.keys(value)) {
            if (!known.includes(key)) {
                problems.push({ path: join(path, key), message: unknownKeyMessage(key, known) });
            }
        }
        for (const key of required) {
            if (value[key] === undefined) {
                problems.push({ path: join(path, key), message: "is required" });
            }
        }
        for (const [key, check] of Object.entries(fields) as [string, Check][]) {
            if (value[key] !== undefined) {
                problems.push(...check(value[key], join(path, key)));
            }
        }
        return problems;
    };
}

/** One value or a non-empty list of them, as IAM's `Action` and `Resource`; a bad single value gets the item's message. */
export function oneOrList(item: Check): Check {
    const list = arrayOf(item, { minItems: 1 });
    return (value, path) => (Array.isArray(value) ? list(value, path) : item(value, path));
}

/** Either check may pass; the problems of the last are reported. */
export function either(first: Check, second: Check): Check {
    return (value, path) => (first(value, path).length === 0 ? ok : second(value, path));
}

/** Accepts anything: for values whose shape belongs to a third party (extra Helm values). */
export const anything: Check = () => ok;

export function join(path: string, key: string): string {
    return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "string") {
        return `"${value}"`;
    }
    return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
