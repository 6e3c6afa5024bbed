import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import { planStack } from "../plan/planStack";
import { karpenterChartKeys } from "../test/fixtures/karpenterChartKeys";
import { parseVerifyUpstreamArgs } from "./verifyUpstreamArgs";
import { celViolations, kubernetesFunctionNames, loadCrdCel } from "./crdCel";
import { Admission, checkTableCases, ec2NodeClassType, fixtureViolations, nodePoolType } from "./tableCases";

/**
 * Development check against upstream Karpenter's own files (not part of the project or of
 * `npm test`): every Helm value the stacks generate is a key of the chart's values.yaml, and
 * every NodePool and EC2NodeClass they generate satisfies the CRD's OpenAPI schema and every
 * create-time CEL rule (`x-kubernetes-validations` without `oldSelf`), evaluated with
 * @bufbuild/cel as the API server's admission evaluates them (scripts/crdCel.ts). The same
 * admission runs on the objects of every row of the validation table (scripts/tableCases.ts): an
 * accepted row must pass it, and test/fixtures/karpenterCrdRules.ts, the restatement `npm test`
 * uses, must reach its verdict on every object.
 *
 *   npm run verify:upstream -- [REFERENCE_DIR] [--nth-values FILE]    (in either order)
 *
 * REFERENCE_DIR holds chart/values.yaml and crds/ of one Karpenter release
 * (default ../shared/reference/karpenter-1.14.1). A CEL rule the evaluator cannot run fails the
 * check (exit 2); none is skipped.
 */

type Obj = Record<string, any>;
const projectDir = path.resolve(__dirname, "..");

/** Maps whose keys are the user's, not the chart's. */
const freeFormMaps = new Set(["nodeSelector", "serviceAccount.annotations", "podAnnotations", "podLabels", "additionalLabels", "controller.resources"]);

function isMap(value: unknown): value is Obj {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Paths in `generated` the chart defaults in `chart` do not have. */
function unknownKeys(generated: Obj, chart: Obj, prefix = ""): string[] {
    return Object.entries(generated).flatMap(([key, value]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        if (!(key in chart)) {
            return [path];
        }
        if (freeFormMaps.has(path) || !isMap(value) || !isMap(chart[key]) || Object.keys(chart[key]).length === 0) {
            return [];
        }
        return unknownKeys(value, chart[key], path);
    });
}

function hasPath(node: unknown, segments: string[]): boolean {
    const [head, ...rest] = segments;
    return isMap(node) && head in node && (rest.length === 0 || hasPath(node[head], rest));
}

function loadYaml(file: string): Obj {
    return yaml.load(fs.readFileSync(file, "utf8")) as Obj;
}

/**
 * The CRD's OpenAPI schema as JSON Schema: Kubernetes extensions dropped, and unknown fields
 * rejected, since the API server would silently prune them (a field that does nothing).
 */
function jsonSchema(node: unknown): unknown {
    if (Array.isArray(node)) {
        return node.map(jsonSchema);
    }
    if (!isMap(node)) {
        return node;
    }
    const schema: Obj = {};
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith("x-kubernetes-")) {
            continue;
        }
        schema[key] = key === "properties" ? Object.fromEntries(Object.entries(value as Obj).map(([k, v]) => [k, jsonSchema(v)])) : jsonSchema(value);
    }
    if (schema.properties && !("additionalProperties" in schema) && !node["x-kubernetes-preserve-unknown-fields"]) {
        schema.additionalProperties = false;
    }
    return schema;
}

function crdValidator(ajv: Ajv, referenceDir: string, file: string) {
    const crd = loadYaml(path.join(referenceDir, "crds", file));
    const version = (crd.spec.versions as Obj[]).find((v) => v.name === "v1")!;
    return ajv.compile(jsonSchema(version.schema.openAPIV3Schema) as Obj);
}

async function main(): Promise<number> {
    const { referenceDir, nthValuesFile } = parseVerifyUpstreamArgs(process.argv.slice(2), path.join(projectDir, "../shared/reference/karpenter-1.14.1"));
    const failures: string[] = [];
    const chartValues = loadYaml(path.join(referenceDir, "chart/values.yaml"));
    const { leaves, maps, lists, objects: passThrough } = karpenterChartKeys;
    for (const key of [...leaves, ...maps, ...lists, ...passThrough]) {
        if (!hasPath(chartValues, key.split("."))) {
            failures.push(`test fixture key "${key}" is not in the chart's values.yaml`);
        }
    }

    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validators = {
        "kubernetes:karpenter.sh/v1:NodePool": crdValidator(ajv, referenceDir, "karpenter.sh_nodepools.yaml"),
        "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass": crdValidator(ajv, referenceDir, "karpenter.k8s.aws_ec2nodeclasses.yaml"),
    };
    const cel = {
        [nodePoolType]: loadCrdCel(path.join(referenceDir, "crds", "karpenter.sh_nodepools.yaml")),
        [ec2NodeClassType]: loadCrdCel(path.join(referenceDir, "crds", "karpenter.k8s.aws_ec2nodeclasses.yaml")),
    };
    const admission: Admission = (type, object) => {
        const validate = validators[type as keyof typeof validators];
        const schemaErrors = validate(object) ? [] : [`schema: ${ajv.errorsText(validate.errors)}`];
        const crd = cel[type as keyof typeof cel];
        return [...schemaErrors, ...celViolations(object, crd.schema, crd.rules)];
    };
    const nthValues = nthValuesFile ? loadYaml(nthValuesFile) : undefined;
    const stacks = [
        ...["dev", "private"].map((stack) => ({ dir: projectDir, stack })),
        ...fs
            .readdirSync(path.join(projectDir, "examples"))
            // The TypeScript examples; examples/python and examples/yaml have no stack to plan offline.
            .filter((example) => fs.existsSync(path.join(projectDir, "examples", example, "Pulumi.example.yaml")))
            .map((example) => ({ dir: path.join(projectDir, "examples", example), stack: "example" })),
    ];
    let checkedObjects = 0;
    for (const { dir, stack } of stacks) {
        const label = `${path.relative(projectDir, dir) || "."} (${stack})`;
        const plan = await planStack({ projectDir: dir, stack });
        failures.push(...plan.problems.map((p) => `${label}: ${p}`));
        for (const resource of plan.resources) {
            if (resource.type in validators) {
                checkedObjects++;
                failures.push(...admission(resource.type, resource.inputs).map((violation) => `${label}: ${resource.name} fails the CRD: ${violation}`));
                failures.push(...fixtureViolations(resource.type, resource.inputs).map((v) => `${label}: ${resource.name} fails test/fixtures/karpenterCrdRules.ts at ${v}`));
            }
            const chart = String(resource.inputs.chart ?? "");
            if (resource.type === "kubernetes:helm.sh/v3:Release" && chart.endsWith("/karpenter")) {
                failures.push(...unknownKeys(resource.inputs.values as Obj, chartValues).map((key) => `${label}: ${resource.name} sets "${key}", which the Karpenter chart does not have`));
            }
            if (resource.type === "kubernetes:helm.sh/v3:Release" && chart.endsWith("/aws-node-termination-handler") && nthValues) {
                failures.push(...unknownKeys(resource.inputs.values as Obj, nthValues).map((key) => `${label}: ${resource.name} sets "${key}", which the NTH chart does not have`));
            }
        }
    }
    const table = checkTableCases(projectDir, admission);
    failures.push(...table.failures);
    const rules = Object.values(cel).reduce((sum, crd) => sum + crd.rules.length, 0);
    const transitions = Object.values(cel).reduce((sum, crd) => sum + crd.transitionRules, 0);
    process.stdout.write(`Checked ${stacks.length} stacks and ${checkedObjects} Karpenter objects against ${referenceDir}${nthValues ? ` and ${nthValuesFile}` : ""}.\n`);
    process.stdout.write(
        `Evaluated ${rules} create-time CEL rules (${transitions} transition rules need oldSelf; Kubernetes functions implemented here: ${kubernetesFunctionNames.join(", ")}) on them and on the ${table.objects} objects of ${table.rows - table.unbuildable} of ${table.rows} validation table rows (the others are too malformed to build).\n`,
    );
    process.stdout.write(failures.length === 0 ? "All generated values and objects match upstream.\n" : `${failures.map((f) => `  - ${f}`).join("\n")}\n`);
    return failures.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
});
