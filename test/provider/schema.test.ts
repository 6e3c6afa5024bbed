import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { argsSchema } from "../../components/config/schemaArgs";
import { documentSchema } from "../../provider/documentation";
import { projectDir } from "../plan/support";
import { getSchema, LaunchedProvider, launchProvider, pluginVersion } from "./pluginHost";
import { argsWith, inputPaths, resourceType } from "./schemaWalk";

type Schema = Record<string, any>;

/**
 * The metaschema is a verbatim copy of pulumi/pulumi v3.248.0 pkg/codegen/schema/pulumi.json
 * (Apache-2.0): 42 KB, which no installed package ships, so it is kept with the tests rather
 * than read from a checkout of pulumi at test time.
 */
function metaschemaValidator() {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat("regex", (text: string) => {
        try {
            new RegExp(text, "u");
            return true;
        } catch {
            return false;
        }
    });
    // A URI reference is a URI or a relative one; either resolves against a base.
    ajv.addFormat("uri-reference", (text: string) => URL.canParse(text, "https://example.com/"));
    return ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/pulumiPackageMetaschema.json"), "utf8")));
}

/** The property at a docs/configuration.md key path such as `karpenter.nodeClasses[].name`, and the `required` list it is in. */
function propertyAt(schema: Schema, keyPath: string): { property: Schema; required: string[] } | undefined {
    const component = schema.resources[resourceType];
    let properties: Record<string, Schema> = component.inputProperties;
    let required: string[] = component.requiredInputs;
    let found: { property: Schema; required: string[] } | undefined;
    for (const key of keyPath.replace(/\[(i)?\]/g, "").split(".")) {
        const property = properties?.[key];
        if (property === undefined) {
            return undefined;
        }
        found = { property, required };
        const itemOrSelf = property.type === "array" ? property.items : property;
        const type = itemOrSelf.$ref ? schema.types[itemOrSelf.$ref.slice("#/types/".length)] : undefined;
        properties = type?.properties;
        required = type?.required ?? [];
    }
    return found;
}

/** A default in the description, or on the fields of the object the property holds (`disruption`). */
function hasDefault(schema: Schema, property: Schema): boolean {
    const type = property.$ref ? schema.types[property.$ref.slice("#/types/".length)] : undefined;
    return /\n\nDefault: /.test(property.description ?? "") || Object.values<Schema>(type?.properties ?? {}).some((p) => hasDefault(schema, p));
}

interface ReadmeRow {
    keyPath: string;
    default: string;
}

/**
 * The rows of the stack config reference in docs/configuration.md: one per key, `a` / `b` and `a`, `b` cells
 * expanded with the first key's parent, sub-tables under their "`prefix`:" heading line.
 */
function readmeArguments(): ReadmeRow[] {
    const reference = fs.readFileSync(path.join(projectDir, "docs/configuration.md"), "utf8");
    const section = reference.slice(reference.indexOf("## Stack config reference"));
    const rows: ReadmeRow[] = [];
    let prefix = "";
    for (const line of section.split("\n")) {
        const heading = line.match(/^`([\w.[\]]+)`.*:$/);
        if (heading) {
            prefix = `${heading[1]}.`;
        }
        const cells = line.split("|").map((c) => c.trim());
        if (cells.length < 4 || cells[1] === "key" || cells[1].startsWith("---")) {
            continue;
        }
        const keys = [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
        const parent = keys[0].includes(".") ? keys[0].slice(0, keys[0].lastIndexOf(".") + 1) : "";
        for (const [i, key] of keys.entries()) {
            if (!key.includes(":")) {
                rows.push({ keyPath: prefix + (i === 0 ? key : parent + key), default: cells[2] });
            }
        }
    }
    return rows;
}

/** The outputs docs/configuration.md lists for a stack, which are the component's. */
function readmeOutputs(): string[] {
    const reference = fs.readFileSync(path.join(projectDir, "docs/configuration.md"), "utf8");
    const table = reference.slice(reference.indexOf("| output | meaning |"), reference.indexOf("## Stack config reference"));
    return table.split("\n").slice(2).flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

describe("provider: the schema GetSchema serves", () => {
    let provider: LaunchedProvider;
    let schema: Schema;

    before(async () => {
        provider = await launchProvider(path.join(projectDir, "examples/python"));
        schema = await getSchema(provider);
    });
    after(() => provider?.stop());

    it("validates against Pulumi's package metaschema", () => {
        const validate = metaschemaValidator();
        assert.equal(validate(schema), true, JSON.stringify(validate.errors, null, 2));
        const broken = structuredClone(schema);
        broken.resources[resourceType].inputProperties.network.type = 42;
        assert.equal(validate(broken), false);
    });

    it("is the component library's package at its version, depending on the installed eks and kubernetes packages", async () => {
        const library = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8"));
        const installed = (name: string) => JSON.parse(fs.readFileSync(path.join(projectDir, "node_modules/@pulumi", name, "package.json"), "utf8")).version;
        assert.equal(schema.name, "karpenter-cluster");
        assert.equal(schema.version, library.version);
        assert.equal(await pluginVersion(provider), library.version);
        assert.deepEqual(
            [...schema.dependencies].sort((a: Schema, b: Schema) => a.name.localeCompare(b.name)),
            [{ name: "eks", version: installed("eks") }, { name: "kubernetes", version: installed("kubernetes") }],
        );
        assert.equal(schema.resources[resourceType].isComponent, true);
    });

    it("has every argument docs/configuration.md documents, described, with its default, and required where it says so", () => {
        const rows = readmeArguments();
        assert.ok(rows.length > 90, `only ${rows.length} rows read from docs/configuration.md`);
        for (const row of rows) {
            const found = propertyAt(schema, row.keyPath);
            assert.ok(found, `${row.keyPath} is not in the schema`);
            assert.ok(found.property.description, `${row.keyPath} has no description`);
            const name = row.keyPath.replace(/\[(i)?\]/g, "").split(".").pop()!;
            if (row.default === "required") {
                assert.ok(found.required.includes(name), `${row.keyPath} is not required`);
            } else if (row.default !== "-") {
                assert.ok(hasDefault(schema, found.property), `${row.keyPath}: docs/configuration.md gives the default ${row.default}, the schema none`);
            }
        }
        assert.match(propertyAt(schema, "network.natGateways")!.property.description, /\n\nDefault: "OnePerAz"$/);
    });

    it("describes every input, output and type, and has every output docs/configuration.md lists", () => {
        const undocumented = inputPaths(schema).filter((p) => !/\[0\]$/.test(p.path) && !p.property.description).map((p) => p.path);
        assert.deepEqual(undocumented, []);
        const outputs = schema.resources[resourceType].properties;
        assert.deepEqual(Object.entries<Schema>(outputs).filter(([, p]) => !p.description).map(([name]) => name), []);
        assert.deepEqual(readmeOutputs().filter((name) => !(name in outputs)), []);
        assert.deepEqual(Object.entries<Schema>(schema.types).filter(([, t]) => !t.description).map(([token]) => token), []);
        assert.ok(schema.resources[resourceType].description.startsWith("An Amazon EKS cluster ready for Karpenter v1"));
    });

    it("has enums with the component's values, each accepted by its validation and nothing else", () => {
        const natGateways = schema.types["karpenter-cluster:index:NatGateways"];
        assert.deepEqual(natGateways.enum.map((e: Schema) => e.value), ["OnePerAz", "Single", "None"]);
        assert.ok(natGateways.enum.every((e: Schema) => e.description));
        const enumPaths = inputPaths(schema).filter((p) => schema.types[p.property.$ref?.slice("#/types/".length)]?.enum);
        assert.ok(enumPaths.length >= 15, enumPaths.map((p) => p.path).join());
        for (const { path: at, segments, property } of enumPaths) {
            const problemsAt = (value: unknown) => argsSchema(argsWith(schema, segments, value), "").filter((p) => p.path === at);
            for (const { value } of schema.types[property.$ref.slice("#/types/".length)].enum) {
                assert.deepEqual(problemsAt(value), [], `${at}: ${value}`);
            }
            assert.equal(problemsAt("Unlisted").length, 1, `${at} accepts a value outside the enum`);
        }
    });

    it("has every number as an integer, which validation requires", () => {
        const numbers = inputPaths(schema).filter((p) => p.property.type === "number" || p.property.type === "integer");
        assert.ok(numbers.length >= 14);
        for (const { path: at, segments, property } of numbers) {
            assert.equal(property.type, "integer", at);
            const problems = argsSchema(argsWith(schema, segments, 2.5), "").filter((p) => p.path === at);
            assert.equal(problems.length, 1, `${at} accepts 2.5`);
        }
    });

    it("takes Outputs where the TypeScript arguments take an Input, plain values elsewhere", () => {
        const network = schema.types["karpenter-cluster:index:Network"].properties;
        assert.equal(network.vpcId.plain, undefined);
        assert.deepEqual(network.privateSubnetIds.items, { type: "string" });
        assert.equal(network.cidrBlock.plain, true);
        assert.equal(schema.resources[resourceType].inputProperties.network.plain, true);
    });

    it("gives other languages what they need for the cluster: a Kubernetes provider, the kubeconfig as a secret, the pulumi-eks cluster", () => {
        const outputs = schema.resources[resourceType].properties;
        assert.deepEqual(outputs.provider.$ref, "/kubernetes/v4.34.2/schema.json#/provider");
        assert.equal(outputs.kubeconfig.type, "string");
        assert.equal(outputs.kubeconfig.secret, true);
        assert.equal(outputs.cluster.$ref, "/eks/v4.3.0/schema.json#/resources/eks:index:Cluster");
        assert.deepEqual(schema.resources[resourceType].required.includes("interruptionQueueName"), false);
        assert.equal(schema.types["karpenter-cluster:index:Toleration"].properties.operator.$ref, "#/types/karpenter-cluster:index:TolerationOperator");
    });

    it("fails to document a schema that differs from the component's types, at the path where it differs", () => {
        const sources = {
            resourceType,
            outputsFile: path.join(projectDir, "components/karpenterCluster.ts"),
            outputsInterface: "KarpenterClusterOutputs",
            argsFile: path.join(projectDir, "components/config/args.ts"),
            argsInterface: "KarpenterClusterArgs",
            mirrorFiles: [path.join(projectDir, "provider/args.ts"), path.join(projectDir, "provider/enums.ts")],
        };
        assert.doesNotThrow(() => documentSchema(schema as never, sources));
        const missingKey = structuredClone(schema);
        delete missingKey.types["karpenter-cluster:index:VpcEndpoints"].properties.allowedCidrs;
        assert.throws(() => documentSchema(missingKey as never, sources), /^Error: network\.vpcEndpoints: the schema has the keys/);
        const extraValue = structuredClone(schema);
        extraValue.types["karpenter-cluster:index:CapacityType"].enum.push({ name: "Reserved", value: "reserved" });
        assert.throws(() => documentSchema(extraValue as never, sources), /karpenter\.nodePools\[\]\.capacityTypes\[\]: the schema's CapacityType has the values/);
    });
});
