/**
 * Walking the served schema from the component's inputs, and building arguments that set one
 * property deep inside them, for tests that hold each schema property against the component's
 * validation.
 */
type Schema = Record<string, any>;
type Property = Record<string, any>;

export const resourceType = "karpenter-cluster:index:KarpenterCluster";

/** One input property, reached from the component: its path as validation names it and its schema. */
export interface InputPath {
    /** `karpenter.nodePools[0].capacityTypes[0]`: lists are entered at their first item. */
    path: string;
    segments: (string | number)[];
    property: Property;
}

function typeOf(schema: Schema, property: Property): Schema | undefined {
    return property.$ref?.startsWith("#/types/") ? schema.types[property.$ref.slice("#/types/".length)] : undefined;
}

function render(segments: (string | number)[]): string {
    return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** Every input property of the component and, inside objects and lists, of the types they use; map values are not entered. */
export function inputPaths(schema: Schema): InputPath[] {
    const paths: InputPath[] = [];
    const visit = (property: Property, segments: (string | number)[]) => {
        paths.push({ path: render(segments), segments, property });
        if (property.type === "array") {
            visit(property.items, [...segments, 0]);
        }
        const type = typeOf(schema, property);
        for (const [key, inner] of Object.entries<Property>(type?.properties ?? {})) {
            visit(inner, [...segments, key]);
        }
    };
    for (const [key, property] of Object.entries<Property>(schema.resources[resourceType].inputProperties)) {
        visit(property, [key]);
    }
    return paths;
}

/** Values for required properties on the way to the one being set, by property name. */
const requiredSamples: Record<string, unknown> = { name: "default", key: "team", nodes: "10%", namespaces: ["apps"] };

function sample(schema: Schema, name: string, property: Property): unknown {
    const type = typeOf(schema, property);
    if (type?.enum) {
        return type.enum[0].value;
    }
    if (type) {
        return withRequired(schema, type, {});
    }
    if (!(name in requiredSamples)) {
        throw new Error(`no sample for the required property ${name}`);
    }
    return requiredSamples[name];
}

function withRequired(schema: Schema, type: Schema, value: Record<string, unknown>): Record<string, unknown> {
    const filled = { ...value };
    for (const name of type.required ?? []) {
        filled[name] ??= sample(schema, name, type.properties[name]);
    }
    return filled;
}

/** Component arguments with `value` at `segments`, and every required property on the way filled in. */
export function argsWith(schema: Schema, segments: (string | number)[], value: unknown): Record<string, unknown> {
    const build = (properties: Record<string, Property>, required: string[], rest: (string | number)[]): Record<string, unknown> => {
        const [key, ...deeper] = rest as [string, ...(string | number)[]];
        return withRequired(schema, { properties, required }, { [key]: inner(properties[key], deeper) });
    };
    const inner = (property: Property, rest: (string | number)[]): unknown => {
        if (rest.length === 0) {
            return value;
        }
        if (typeof rest[0] === "number") {
            return [inner(property.items, rest.slice(1))];
        }
        const type = typeOf(schema, property)!;
        return build(type.properties, type.required ?? [], rest);
    };
    const component = schema.resources[resourceType];
    return build(component.inputProperties, component.requiredInputs, segments);
}
