import { CapturedResource } from "../capture";
import { compareText } from "../../policies/lib/text";
import { PolicyFinding } from "../policyHarness";

/** `pulumi preview`-style tree: type and name, children indented under their parent. */
export function renderTree(resources: CapturedResource[]): string {
    const children = new Map<string | undefined, CapturedResource[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const resource of resources) {
        const parent = resource.parent && urns.has(resource.parent) ? resource.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const rows: [string, string][] = [];
    const walk = (parent: string | undefined, depth: number) => {
        for (const resource of children.get(parent) ?? []) {
            rows.push([`${"   ".repeat(depth)}${resource.type}`, resource.name]);
            walk(resource.urn, depth + 1);
        }
    };
    walk(undefined, 0);
    const width = Math.max(...rows.map(([type]) => type.length));
    return rows.map(([type, name]) => ` + ${type.padEnd(width)}  ${name}`).join("\n");
}

export function renderCounts(resources: CapturedResource[]): string {
    const counts = new Map<string, number>();
    for (const resource of resources) {
        counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
    }
    const rows = [...counts.entries()].sort(([a], [b]) => compareText(a, b));
    const width = Math.max(...rows.map(([type]) => type.length));
    return [...rows.map(([type, count]) => `    ${type.padEnd(width)}  ${count}`), `    ${"total".padEnd(width)}  ${resources.length}`].join("\n");
}

export function renderFindings(findings: PolicyFinding[]): string {
    if (findings.length === 0) {
        return "    none";
    }
    return findings
        .map((f) => `    [${f.enforcementLevel}] ${f.policy}${f.urn ? `  (${f.urn.split("::").pop()})` : ""}\n        ${f.message.split("\n").join("\n        ")}`)
        .join("\n");
}

export function mandatoryCount(findings: PolicyFinding[]): number {
    return findings.filter((f) => f.enforcementLevel === "mandatory").length;
}
