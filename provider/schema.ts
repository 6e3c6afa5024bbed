/**
 * The parts of a Pulumi package schema (pulumi/pulumi pkg/codegen/schema/pulumi.json) the provider
 * reads and corrects after the analyzer.
 */

export interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
    description?: string;
    plain?: boolean;
    secret?: boolean;
}

export interface SchemaEnumValue {
    name?: string;
    value: string | number;
    description?: string;
}

export interface SchemaType {
    type: string;
    description?: string;
    properties?: Record<string, SchemaProperty>;
    required?: string[];
    enum?: SchemaEnumValue[];
}

export interface SchemaResource {
    isComponent?: boolean;
    description?: string;
    inputProperties: Record<string, SchemaProperty>;
    requiredInputs: string[];
    properties: Record<string, SchemaProperty>;
    required: string[];
}

export interface PackageSchema {
    name: string;
    version: string;
    description?: string;
    resources: Record<string, SchemaResource>;
    types: Record<string, SchemaType>;
    [key: string]: unknown;
}

/** Every property of the schema: of each resource's inputs and outputs and each object type, nested ones included. */
function* allProperties(schema: PackageSchema): Generator<SchemaProperty> {
    function* nested(property: SchemaProperty): Generator<SchemaProperty> {
        yield property;
        for (const inner of [property.items, property.additionalProperties]) {
            if (inner) {
                yield* nested(inner);
            }
        }
    }
    const maps = [
        ...Object.values(schema.resources).flatMap((r) => [r.inputProperties, r.properties]),
        ...Object.values(schema.types).map((t) => t.properties ?? {}),
    ];
    for (const properties of maps) {
        for (const property of Object.values(properties)) {
            yield* nested(property);
        }
    }
}

/**
 * `schema` with references to another package's provider written as schemas write them. The
 * analyzer refers to a resource class by its `__pulumiType`, which for a provider class is the bare
 * package name (`kubernetes`), so a `k8s.Provider` becomes
 * `/kubernetes/v4.34.2/schema.json#/resources/kubernetes`, a resource no schema has; a package's
 * provider is `#/provider`, as pulumi-eks 4.3.0 refers to it (`/kubernetes/v4.19.0/schema.json#/provider`).
 */
export function referToProviders(schema: PackageSchema): PackageSchema {
    const corrected: PackageSchema = structuredClone(schema);
    for (const property of allProperties(corrected)) {
        const match = property.$ref?.match(/^(\/[^/]+\/v[^/]+\/schema\.json#)\/resources\/([^:/%]+)$/);
        if (match) {
            property.$ref = `${match[1]}/provider`;
        }
    }
    return corrected;
}

/** `schema` with the outputs `names` of `resourceType` marked secret, as the component makes their values. */
export function markSecretOutputs(schema: PackageSchema, resourceType: string, names: readonly string[]): PackageSchema {
    const marked: PackageSchema = structuredClone(schema);
    for (const name of names) {
        const property = marked.resources[resourceType].properties[name];
        if (property === undefined) {
            throw new Error(`${resourceType} has no output ${name}`);
        }
        property.secret = true;
    }
    return marked;
}

/**
 * `schema` with every number an integer. TypeScript has one number type, so the analyzer writes
 * `number`, which Go and .NET take as `float64` and `double`; every number the component takes is
 * a count, a size or a limit its validation requires to be whole (test/provider/schema.test.ts
 * checks each), so `integer` gives them `int`.
 */
export function wholeNumbers(schema: PackageSchema): PackageSchema {
    const corrected: PackageSchema = structuredClone(schema);
    for (const property of allProperties(corrected)) {
        if (property.type === "number") {
            property.type = "integer";
        }
    }
    return corrected;
}
