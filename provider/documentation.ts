/**
 * The schema's documentation, taken from the component's own TypeScript types.
 *
 * The analyzer keeps only the first part of a TSDoc comment (its `comment`, not its tags), so
 * every `@default` would be lost, and it reads the provider's mirror types (args.ts), which carry
 * no documentation of their own. This walks the schema's component alongside the component's
 * types (components/config/args.ts for the inputs, `KarpenterClusterOutputs` for the outputs),
 * property by property, and writes each description from the TSDoc there, its `@default` as a
 * last paragraph. The walk also proves the two agree at run time: the same keys at every level,
 * the same enum values, or it throws and GetSchema fails.
 *
 * The sources are parsed, not type-checked: a type name resolves to the declaration in its own
 * file or, through that file's imports, in another of the component's files, which is all the
 * component's arguments and outputs use.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PackageSchema, SchemaProperty } from "./schema";

/** Where the TypeScript that documents the schema lives. */
export interface DocumentationSources {
    /** The component resource's type token in the schema, e.g. `karpenter-cluster:index:KarpenterCluster`. */
    resourceType: string;
    /** The component's outputs interface: the file and its name. */
    outputsFile: string;
    outputsInterface: string;
    /** The component's arguments interface: the file and its name. */
    argsFile: string;
    argsInterface: string;
    /** The provider's mirror types and enums, for what the component's types leave undocumented. */
    mirrorFiles: string[];
}

type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

type Shape =
    | { kind: "object"; doc?: string; members: Map<string, ts.TypeElement> }
    | { kind: "array"; element: ts.TypeNode }
    | { kind: "map"; value: ts.TypeNode }
    | { kind: "enum"; values: string[] }
    | { kind: "value" };

/** TSDoc of a node: its text, `{@link X}` shown as `X`, and its `@default`, if any. */
interface Doc {
    text: string;
    default?: string;
}

function docOf(node: ts.Node): Doc {
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").filter((t) => t !== "").join("\n\n");
    const defaults = docs.flatMap((d) => d.tags ?? []).filter((tag) => tag.tagName.text === "default");
    const render = (s: string) => s.replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, "`$1`").trim();
    const rendered = defaults.map((tag) => render(ts.getTextOfJSDocComment(tag.comment) ?? ""));
    return { text: render(text), ...(rendered.length > 0 ? { default: rendered.join(" ") } : {}) };
}

/** A description: the component's text, else the provider's (what the analyzer found), then the default. */
function description(doc: Doc, fallback: string | undefined): string | undefined {
    const text = doc.text || fallback?.trim() || "";
    const parts = [text, doc.default !== undefined ? `Default: ${doc.default}` : ""].filter((p) => p !== "");
    return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/** The component's sources, parsed as they are needed; names resolve through each file's imports. */
class ComponentTypes {
    private readonly sources = new Map<string, ts.SourceFile>();

    source(file: string): ts.SourceFile {
        let source = this.sources.get(file);
        if (source === undefined) {
            source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
            this.sources.set(file, source);
        }
        return source;
    }

    /** The interface or type alias `name` as `file` sees it: declared there, or imported from a relative module. */
    typeDeclaration(name: string, file: string): TypeDeclaration {
        const source = this.source(file);
        const local = source.statements.filter((s): s is TypeDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
        if (local.length === 1) {
            return local[0];
        }
        for (const statement of source.statements) {
            if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith(".")) {
                continue;
            }
            const bindings = statement.importClause?.namedBindings;
            const element = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => e.name.text === name) : undefined;
            if (element) {
                const module = path.resolve(path.dirname(file), statement.moduleSpecifier.text);
                const target = fs.existsSync(`${module}.ts`) ? `${module}.ts` : path.join(module, "index.ts");
                return this.typeDeclaration(element.propertyName?.text ?? name, target);
            }
        }
        throw new Error(`cannot find the type ${name} from ${file}`);
    }

    shapeOf(node: ts.TypeNode): Shape {
        if (ts.isParenthesizedTypeNode(node)) {
            return this.shapeOf(node.type);
        }
        if (ts.isArrayTypeNode(node)) {
            return { kind: "array", element: node.elementType };
        }
        if (ts.isTypeLiteralNode(node)) {
            return objectShape(node.members);
        }
        if (ts.isUnionTypeNode(node)) {
            const defined = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
            if (defined.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
                return { kind: "enum", values: defined.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
            }
            if (defined.length === 1) {
                return this.shapeOf(defined[0]);
            }
        } else if (ts.isTypeReferenceNode(node)) {
            return this.referenceShape(node);
        } else if ([ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.UnknownKeyword].includes(node.kind)) {
            return { kind: "value" };
        }
        throw new Error(`cannot document the type ${node.getText()} (${node.getSourceFile().fileName})`);
    }

    private referenceShape(node: ts.TypeReferenceNode): Shape {
        const name = node.typeName.getText();
        const typeArguments = node.typeArguments ?? [];
        if (name === "pulumi.Input" || name === "pulumi.Output") {
            return this.shapeOf(typeArguments[0]);
        }
        if (name === "Record") {
            return { kind: "map", value: typeArguments[1] };
        }
        if (name === "Array") {
            return { kind: "array", element: typeArguments[0] };
        }
        if (ts.isQualifiedName(node.typeName)) {
            // A class of another package, such as `k8s.Provider`: a resource reference in the schema.
            return { kind: "value" };
        }
        return this.namedShape(name, node.getSourceFile().fileName);
    }

    /** The shape of the interface or type alias `name` as `file` sees it. */
    namedShape(name: string, file: string): Shape {
        const declaration = this.typeDeclaration(name, file);
        if (ts.isTypeAliasDeclaration(declaration)) {
            return this.shapeOf(declaration.type);
        }
        if (declaration.heritageClauses) {
            throw new Error(`cannot document ${name}: interfaces that extend others are not read`);
        }
        return { ...objectShape(declaration.members), doc: docOf(declaration).text || undefined };
    }
}

function objectShape(members: ts.NodeArray<ts.TypeElement>): Shape & { kind: "object" } {
    const properties = members.filter(ts.isPropertySignature).map((m) => [m.name.getText(), m] as const);
    return { kind: "object", members: new Map(properties) };
}

/** Writes the documentation of the component's schema; throws where the schema and the types disagree. */
class SchemaDocumenter {
    private readonly visited = new Set<string>();

    constructor(
        private readonly schema: PackageSchema,
        private readonly component: ComponentTypes,
        private readonly mirror: ts.SourceFile[],
    ) {}

    object(properties: Record<string, SchemaProperty>, shape: Shape, where: string, write: boolean): void {
        if (shape.kind !== "object") {
            throw new Error(`${where}: the schema has an object, the component's type a ${shape.kind}`);
        }
        const schemaKeys = Object.keys(properties).sort();
        const typeKeys = [...shape.members.keys()].sort();
        if (schemaKeys.join() !== typeKeys.join()) {
            throw new Error(`${where}: the schema has the keys ${schemaKeys.join(", ")}, the component's type ${typeKeys.join(", ")}`);
        }
        for (const [key, member] of shape.members) {
            const property = properties[key];
            if (write) {
                const text = description(docOf(member), property.description);
                if (text !== undefined) {
                    property.description = text;
                }
            }
            this.value(property, this.component.shapeOf((member as ts.PropertySignature).type!), where ? `${where}.${key}` : key, write);
        }
    }

    private value(property: SchemaProperty, shape: Shape, where: string, write: boolean): void {
        const ref = property.$ref;
        if (ref?.startsWith("#/types/")) {
            this.namedType(ref.slice("#/types/".length), shape, where, write);
        } else if (property.type === "array" && property.items) {
            this.expect(shape, "array", where);
            this.value(property.items, this.component.shapeOf((shape as Shape & { kind: "array" }).element), `${where}[]`, write);
        } else if (property.type === "object" && property.additionalProperties) {
            this.expect(shape, "map", where);
            this.value(property.additionalProperties, this.component.shapeOf((shape as Shape & { kind: "map" }).value), `${where}.*`, write);
        }
    }

    private namedType(token: string, shape: Shape, where: string, write: boolean): void {
        const type = this.schema.types[token];
        const name = token.split(":").pop()!;
        const mirrorDoc = () => mirrorDocOf(this.mirror, name);
        if (type.enum) {
            this.expect(shape, "enum", where);
            const values = type.enum.map((member) => String(member.value)).sort();
            const expected = [...(shape as Shape & { kind: "enum" }).values].sort();
            if (values.join() !== expected.join()) {
                throw new Error(`${where}: the schema's ${name} has the values ${values.join(", ")}, the component's type ${expected.join(", ")}`);
            }
            type.description ??= mirrorDoc();
            return;
        }
        const first = !this.visited.has(token);
        this.visited.add(token);
        if (first && shape.kind === "object") {
            type.description ??= shape.doc ?? mirrorDoc();
        }
        // A type reached again (ResourceQuantities from four places) keeps its first documentation; its keys are checked each time.
        this.object(type.properties ?? {}, shape, where, write && first);
    }

    private expect(shape: Shape, kind: Shape["kind"], where: string): void {
        if (shape.kind !== kind) {
            throw new Error(`${where}: the schema has a ${kind}, the component's type a ${shape.kind}`);
        }
    }
}

/**
 * `schema` with the descriptions of the component's inputs and outputs and of every type they use
 * taken from the component's TSDoc. Throws if the schema's keys or enum values differ from
 * the component's types anywhere.
 */
export function documentSchema(schema: PackageSchema, sources: DocumentationSources): PackageSchema {
    const documented: PackageSchema = structuredClone(schema);
    const component = new ComponentTypes();
    const documenter = new SchemaDocumenter(documented, component, sources.mirrorFiles.map((file) => component.source(file)));
    const resource = documented.resources[sources.resourceType];
    documenter.object(resource.inputProperties, component.namedShape(sources.argsInterface, sources.argsFile), "", true);
    documenter.object(resource.properties, component.namedShape(sources.outputsInterface, sources.outputsFile), "", true);
    return documented;
}

/** The TSDoc of the mirror's interface or `as const` enum `name`. */
function mirrorDocOf(mirror: ts.SourceFile[], name: string): string | undefined {
    const statement = mirror
        .flatMap((source) => [...source.statements])
        .find(
            (s) =>
                (ts.isInterfaceDeclaration(s) && s.name.text === name) ||
                (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)),
        );
    return statement ? docOf(statement).text || undefined : undefined;
}
