import * as pulumi from "@pulumi/pulumi";

export type Values = Record<string, unknown>;

/** A map of values; outputs are single values whose content is not known yet. */
function isMap(value: unknown): value is Values {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !pulumi.Output.isInstance(value);
}

/**
 * Merges user values over generated ones the way Helm merges values over a chart's defaults:
 * maps merge key by key, arrays and scalars replace. `null` is kept, because Helm itself reads it
 * as "delete this key from the chart's defaults".
 */
export function helmMerge(base: Values, overrides: Values): Values {
    const merged: Values = { ...base };
    for (const [key, value] of Object.entries(overrides)) {
        if (isMap(value) && isMap(merged[key])) {
            merged[key] = helmMerge(merged[key] as Values, value);
        } else {
            merged[key] = value;
        }
    }
    return merged;
}

/** The dotted paths of every leaf (scalar or array) in `values`. */
export function leafPaths(values: Values, prefix = ""): string[] {
    return Object.entries(values).flatMap(([key, value]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return isMap(value) && Object.keys(value).length > 0 ? leafPaths(value, path) : [path];
    });
}
