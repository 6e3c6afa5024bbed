import * as pulumi from "@pulumi/pulumi";

/** One invalid value: where it is (`karpenter.nodePools[1].limits.cpu`) and what it must be. */
export interface Problem {
    path: string;
    message: string;
}

/** C0 and C1 control characters, DEL and the Unicode line and paragraph separators: whatever a terminal may break a line at. */
const lineBreaking = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeLineBreaking(text: string): string {
    return text.replace(lineBreaking, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `value` in double quotes, escaped so a newline or control character in it cannot start a line of its own. */
export function quote(value: string): string {
    return escapeLineBreaking(JSON.stringify(value));
}

/**
 * One problem on one line. Rules quote the values they show, and this escapes whatever a map key
 * in a path or an unquoted value still carries, so user input can never forge a problem line.
 */
export function formatProblem(problem: Problem): string {
    const text = problem.path ? `${problem.path}: ${problem.message}` : problem.message;
    return escapeLineBreaking(text);
}

/**
 * Every problem found, reported at once. A `RunError`, so Pulumi prints the message without a
 * stack trace.
 */
export class ValidationError extends pulumi.RunError {
    constructor(public readonly problems: Problem[]) {
        super(`invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
        this.name = "ValidationError";
    }

    static isInstance(error: unknown): error is ValidationError {
        return error instanceof Error && error.name === "ValidationError" && Array.isArray((error as ValidationError).problems);
    }
}

export function throwIfProblems(problems: Problem[]): void {
    if (problems.length > 0) {
        throw new ValidationError(problems);
    }
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** The known key closest to `key`, when it is close enough to be a typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
    for (const candidate of known) {
        const distance = editDistance(key, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
    const suggestion = closestKey(key, known);
    return suggestion
        ? `unknown key; did you mean "${suggestion}"?`
        : `unknown key; allowed keys are ${known.map((k) => `"${k}"`).join(", ")}`;
}
