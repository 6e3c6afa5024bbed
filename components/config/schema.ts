import * as pulumi from "@pulumi/pulumi";
import { Problem, quote, unknownKeyMessage } from "./problems";

/**
 * A tiny validation schema: each check returns the problems of one value at one path, so a whole
 * argument tree is checked in one pass and every problem is reported with its full path.
 */
export type Check = (value: unknown, path: string) => Problem[];

const ok: Problem[] = [];

export function problem(path: string, message: string): Problem[] {
    return [{ path, message }];
}

/**
 * An object literal (or `Object.create(null)`): what YAML config and JSON give. A `Map`, a `Date`,
 * an Output or another class instance is not one: reading its own keys would silently drop what
 * it holds.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return false;
    }
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

/** A Pulumi Output or a promise: a value known only during deployment. */
export function isOutputOrPromise(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
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
            return problem(path, `must be ${form}, got ${quote(value)}`);
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

/** Bounds of a list or map; `limit` names whose limit `max` is, e.g. "EKS's limit per cluster". */
export interface SizeOptions {
    max?: number;
    limit?: string;
}

function tooMany(path: string, count: number, noun: string, opts: SizeOptions): Problem[] {
    return opts.max !== undefined && count > opts.max
        ? problem(path, `must have at most ${opts.max} ${noun}${opts.limit ? ` (${opts.limit})` : ""}, got ${count}`)
        : ok;
}

export function arrayOf(item: Check, opts: { minItems?: number; unique?: boolean } & SizeOptions = {}): Check {
    return (value, path) => {
        if (!Array.isArray(value)) {
            return problem(path, `must be a list, got ${describe(value)}`);
        }
        if (opts.minItems !== undefined && value.length < opts.minItems) {
            return problem(path, `must have at least ${opts.minItems} item${opts.minItems === 1 ? "" : "s"}, got ${value.length}`);
        }
        // By index rather than flatMap, so a hole in a sparse list is checked (as undefined), not skipped.
        const problems = [...tooMany(path, value.length, "items", opts), ...Array.from({ length: value.length }, (_, i) => item(value[i], `${path}[${i}]`)).flat()];
        if (opts.unique) {
            value.forEach((v, i) => {
                if (value.indexOf(v) !== i) {
                    problems.push({ path: `${path}[${i}]`, message: `duplicates ${shown(v)}` });
                }
            });
        }
        return problems;
    };
}

/** A map with free keys, e.g. labels or tags. */
export function mapOf(key: Check, entry: Check, opts: SizeOptions = {}): Check {
    return (value, path) => {
        if (!isPlainObject(value)) {
            return problem(path, `must be a map, got ${describe(value)}`);
        }
        const entries = Object.entries(value);
        return [...tooMany(path, entries.length, "entries", opts), ...entries.flatMap(([k, v]) => [...key(k, keyPath(path, k)), ...entry(v, keyPath(path, k))])];
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
                problems.push({ path: keyPath(path, key), message: unknownKeyMessage(key, known) });
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

/**
 * The path of a map entry: `tags.team`, `labels.example.com/team`, or `tags["a\nb"]` when the key
 * is empty or holds a control or line-breaking character, so the path stays on one line.
 */
export function keyPath(path: string, key: string): string {
    return key !== "" && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(key) ? join(path, key) : `${path}[${quote(key)}]`;
}

/** A value as a message shows it: numbers and booleans as written, anything else as {@link describe} does. */
export function shown(value: unknown): string {
    return typeof value === "number" || typeof value === "boolean" ? String(value) : describe(value);
}

/** What a wrong value is, for "must be …, got …" messages. */
export function describe(value: unknown): string {
    if (value === null || value === undefined) {
        return String(value);
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "string") {
        return quote(value);
    }
    if (isOutputOrPromise(value)) {
        return `${pulumi.Output.isInstance(value) ? "an Output" : "a promise"}; this key takes a plain value, known before deployment`;
    }
    if (typeof value === "function") {
        return "a function";
    }
    if (typeof value !== "object") {
        return `${typeof value} ${String(value)}`;
    }
    if (isPlainObject(value)) {
        return "an object";
    }
    if (value instanceof Map || value instanceof Set) {
        return `a ${value.constructor.name}; use a plain object or list`;
    }
    const className = (value as { constructor?: { name?: string } }).constructor?.name;
    return className ? `a ${className}, not a plain object` : "an object without a prototype";
}
