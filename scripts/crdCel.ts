import * as fs from "fs";
import * as yaml from "js-yaml";
import { CelScalar, celEnv, celMethod, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";

/**
 * The create-time CEL rules (`x-kubernetes-validations` without `oldSelf`) of a CRD's schema,
 * evaluated the way the API server's admission does: each rule where its schema node has a value,
 * with `self` typed by the schema, an error counting as a rejection.
 */

type Obj = Record<string, any>;

function isMap(value: unknown): value is Obj {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Kubernetes' CEL environment is the standard library plus extension libraries. The rules of the
 * Karpenter CRDs use, beyond the standard library, `split` of the strings extension (Kubernetes
 * enables ext.Strings, version 2) and `find` of Kubernetes' regex library. `find` is implemented
 * here as k8s.io/apiserver/pkg/cel/library/regex.go defines it: the first match of the pattern, or
 * "" when there is none. Go's RE2 and JavaScript agree on the leftmost-first match of the patterns
 * these CRDs use (`^([^/]+)`, `^[^@]+`), which have no construct the two engines read differently.
 */
const kubernetesFunctions = [
    celMethod("find", CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, pattern: string) {
        return new RegExp(pattern, "u").exec(this)?.[0] ?? "";
    }),
];

/** The names the Kubernetes-specific functions above add, for the report. */
export const kubernetesFunctionNames = kubernetesFunctions.map((f) => f.name);

const env = celEnv({ funcs: [...strings, ...kubernetesFunctions] });

/**
 * Call names the planner evaluates itself rather than through functions: indexing, the
 * conditional, the logical operators and the macros' loop condition (Planner.planCall in
 * @bufbuild/cel). Macros (`has`, `all`, `exists`, `filter`) are expanded by the parser.
 */
const builtIns = new Set(["_[_]", "_[?_]", "_?._", "_?_:_", "_&&_", "_||_", "@not_strictly_false", "__not_strictly_false__"]);

export interface CrdRule {
    /** Where the rule sits, as `spec.template.spec.requirements[]`. */
    path: string;
    rule: string;
    message: string;
    evaluate(self: unknown): unknown;
}

export interface CrdRules {
    rules: CrdRule[];
    /** Rules with `oldSelf`, which only an update evaluates. */
    transitionRules: number;
}

/** Every call the expression makes, by name, so an unknown function fails before any object is checked. */
function callNames(node: unknown, names: Set<string> = new Set()): Set<string> {
    if (Array.isArray(node)) {
        node.forEach((child) => callNames(child, names));
    } else if (isMap(node)) {
        if (node.case === "callExpr" && isMap(node.value) && typeof node.value.function === "string") {
            names.add(node.value.function);
        }
        Object.values(node).forEach((child) => callNames(child, names));
    }
    return names;
}

function compile(rule: string): (self: unknown) => unknown {
    const parsed = parse(rule);
    // The expression only: the source info also records the macro calls as the user wrote them.
    const unknown = [...callNames(parsed.expr)].filter((name) => !builtIns.has(name) && env.funcs.find(name) === undefined);
    if (unknown.length > 0) {
        throw new Error(`cannot evaluate the CEL rule ${JSON.stringify(rule)}: no implementation of ${unknown.join(", ")}`);
    }
    const program = plan(env, parsed);
    return (self) => program({ self: self as never });
}

/** Compiles every rule of `schema` (an OpenAPI v3 schema of one CRD version); throws on a rule it cannot evaluate. */
export function crdRules(schema: Obj): CrdRules {
    const rules: CrdRule[] = [];
    let transitionRules = 0;
    const visit = (node: unknown, path: string) => {
        if (!isMap(node)) {
            return;
        }
        for (const validation of (node["x-kubernetes-validations"] ?? []) as { rule: string; message?: string }[]) {
            if (/\boldSelf\b/.test(validation.rule)) {
                transitionRules++;
                continue;
            }
            rules.push({ path, rule: validation.rule, message: validation.message ?? validation.rule, evaluate: compile(validation.rule) });
        }
        for (const [key, child] of Object.entries((node.properties ?? {}) as Obj)) {
            visit(child, path ? `${path}.${key}` : key);
        }
        visit(node.items, `${path}[]`);
        visit(node.additionalProperties, `${path}[*]`);
    };
    visit(schema, "");
    return { rules, transitionRules };
}

/** `value` as the API server hands it to CEL: `integer` fields (and int-or-string numbers) as int, other numbers as double. */
function celValue(value: unknown, schema: Obj): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => celValue(item, schema.items ?? {}));
    }
    if (isMap(value)) {
        const fieldSchema = (key: string) => schema.properties?.[key] ?? (isMap(schema.additionalProperties) ? schema.additionalProperties : {});
        return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, celValue(child, fieldSchema(key))]));
    }
    if (typeof value === "number" && Number.isInteger(value) && (schema.type === "integer" || schema["x-kubernetes-int-or-string"])) {
        return BigInt(value);
    }
    return value;
}

/** The messages of the rules `object` breaks, each with where it broke them. */
export function celViolations(object: unknown, schema: Obj, rules: CrdRule[]): string[] {
    const byPath = new Map<string, CrdRule[]>();
    for (const rule of rules) {
        byPath.set(rule.path, [...(byPath.get(rule.path) ?? []), rule]);
    }
    const violations: string[] = [];
    const visit = (value: unknown, node: unknown, path: string, at: string) => {
        if (value === undefined || !isMap(node)) {
            return;
        }
        for (const rule of byPath.get(path) ?? []) {
            const result = rule.evaluate(celValue(value, node));
            if (isCelError(result)) {
                violations.push(`${at || "."}: ${rule.message} (the rule fails to evaluate: ${result.message})`);
            } else if (result !== true) {
                violations.push(`${at || "."}: ${rule.message}`);
            }
        }
        if (Array.isArray(value)) {
            value.forEach((item, i) => visit(item, node.items, `${path}[]`, `${at}[${i}]`));
        } else if (isMap(value)) {
            for (const [key, child] of Object.entries(value)) {
                if (isMap(node.properties) && key in node.properties) {
                    visit(child, node.properties[key], path ? `${path}.${key}` : key, at ? `${at}.${key}` : key);
                } else if (isMap(node.additionalProperties)) {
                    visit(child, node.additionalProperties, `${path}[*]`, `${at}[${JSON.stringify(key)}]`);
                }
            }
        }
    };
    visit(object, schema, "", "");
    return violations;
}

export interface CrdCel extends CrdRules {
    /** The CRD's `v1` OpenAPI schema, which types `self`. */
    schema: Obj;
}

/** The CEL rules of the `v1` version of the CRD in `file`. */
export function loadCrdCel(file: string): CrdCel {
    const crd = yaml.load(fs.readFileSync(file, "utf8")) as Obj;
    const schema = (crd.spec.versions as Obj[]).find((v) => v.name === "v1")!.schema.openAPIV3Schema as Obj;
    return { schema, ...crdRules(schema) };
}
