export type Values = Record<string, unknown>;

function isMap(value: unknown): value is Values {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Helm's merge of user values over defaults: maps merge key by key, arrays and scalars replace,
 * and `null` deletes the key.
 */
export function helmMerge(base: Values, overrides: Values): Values {
    const merged: Values = { ...base };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === null) {
            delete merged[key];
        } else if (isMap(value) && isMap(merged[key])) {
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
