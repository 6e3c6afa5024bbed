/**
 * IAM policy documents as they appear in resource props: JSON strings or objects, a Statement
 * object or array, Action/Resource as a string or array, with IAM's wildcards.
 */
import { at, containsUnknown, list, parseJsonLike, record, str } from "./values";

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    /** Undefined when the statement uses NotAction (see notActions). */
    actions?: string[];
    notActions?: string[];
    /** Undefined when the statement uses NotResource. */
    resources?: string[];
    notResources?: string[];
    principal: unknown;
    /** Operator → condition key → value(s). Empty when the statement has no condition. */
    condition: Record<string, Record<string, unknown>>;
}

/** Statements of a policy document; undefined when the document (or a part a check needs) is unknown. */
export function parseStatements(document: unknown): Statement[] | undefined {
    const doc = parseJsonLike(document);
    if (doc === undefined || containsUnknown(doc)) {
        return undefined;
    }
    const raw = at(doc, "Statement");
    const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const statements: Statement[] = [];
    for (const item of items) {
        const effect = str(at(item, "Effect"));
        if (effect !== "Allow" && effect !== "Deny") {
            continue;
        }
        const condition: Record<string, Record<string, unknown>> = {};
        for (const [operator, block] of Object.entries(record(at(item, "Condition")) ?? {})) {
            condition[operator] = record(block) ?? {};
        }
        statements.push({
            sid: str(at(item, "Sid")),
            effect,
            actions: stringsOf(at(item, "Action")),
            notActions: stringsOf(at(item, "NotAction")),
            resources: stringsOf(at(item, "Resource")),
            notResources: stringsOf(at(item, "NotResource")),
            principal: at(item, "Principal"),
            condition,
        });
    }
    return statements;
}

function stringsOf(value: unknown): string[] | undefined {
    if (value === undefined) {
        return undefined;
    }
    const items = Array.isArray(value) ? value : [value];
    return items.map((v) => str(v) ?? String(v));
}

/** IAM wildcard match: `*` any run, `?` one character; case-insensitive (IAM actions are). */
export function wildcardMatch(pattern: string, value: string): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return re.test(value);
}

/** Whether the statement covers the action (Action patterns, or everything NotAction leaves out). */
export function statementCoversAction(statement: Statement, action: string): boolean {
    if (statement.actions !== undefined) {
        return statement.actions.some((pattern) => wildcardMatch(pattern, action));
    }
    if (statement.notActions !== undefined) {
        return !statement.notActions.some((pattern) => wildcardMatch(pattern, action));
    }
    return false;
}

/** Whether the statement applies to every resource (`*`, or a NotResource that leaves almost everything in). */
export function statementCoversAllResources(statement: Statement): boolean {
    if (statement.notResources !== undefined) {
        return true;
    }
    return (statement.resources ?? []).some((r) => r === "*");
}

export function hasConditions(statement: Statement): boolean {
    return Object.values(statement.condition).some((block) => Object.keys(block).length > 0);
}

/** All values of condition keys ending in `suffix` (e.g. `:sub`) under the given operators. */
export function conditionValues(statement: Statement, operators: readonly string[], keySuffix: string): string[] {
    const values: string[] = [];
    for (const operator of operators) {
        for (const [key, value] of Object.entries(statement.condition[operator] ?? {})) {
            if (key.toLowerCase().endsWith(keySuffix.toLowerCase())) {
                for (const v of list(value) ?? [value]) {
                    const s = str(v);
                    if (s !== undefined) {
                        values.push(s);
                    }
                }
            }
        }
    }
    return values;
}

/** Whether a principal element names the given service (`pods.eks.amazonaws.com`). */
export function principalHasService(principal: unknown, service: string): boolean {
    const services = at(principal, "Service");
    return (list(services) ?? [services]).some((s) => str(s) === service);
}

