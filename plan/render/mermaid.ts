import { CapturedResource } from "../capture";

function nodeId(index: number): string {
    return `r${index}`;
}

function label(resource: CapturedResource): string {
    const type = resource.type.replace(/"/g, "'");
    return `"${resource.name.replace(/"/g, "'")}<br/><small>${type}</small>"`;
}

/**
 * A Mermaid flowchart of the stack: components as subgraphs holding their children, and a dashed
 * arrow from each resource to what it depends on.
 */
export function renderMermaid(resources: CapturedResource[]): string {
    const ids = new Map(resources.map((r, i) => [r.urn, nodeId(i)]));
    const parents = new Set(resources.flatMap((r) => (r.parent ? [r.parent] : [])));
    const children = new Map<string | undefined, CapturedResource[]>();
    for (const resource of resources) {
        const parent = resource.parent && ids.has(resource.parent) ? resource.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines = ["flowchart LR"];
    const walk = (parent: string | undefined, depth: number) => {
        const indent = "    ".repeat(depth + 1);
        for (const resource of children.get(parent) ?? []) {
            if (parents.has(resource.urn)) {
                lines.push(`${indent}subgraph ${ids.get(resource.urn)}[${label(resource)}]`);
                walk(resource.urn, depth + 1);
                lines.push(`${indent}end`);
            } else {
                lines.push(`${indent}${ids.get(resource.urn)}[${label(resource)}]`);
            }
        }
    };
    walk(undefined, 0);
    for (const resource of resources) {
        const dependencies = new Set([...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()]);
        for (const dependency of dependencies) {
            if (ids.has(dependency) && dependency !== resource.parent) {
                lines.push(`    ${ids.get(resource.urn)} -.-> ${ids.get(dependency)}`);
            }
        }
    }
    return `${lines.join("\n")}\n`;
}
