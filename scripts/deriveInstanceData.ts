import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * Derives the policy pack's instance-type and price tables from two files of one Karpenter
 * release, so the pack can say offline what a NodePool can launch and what it can cost:
 *
 *   npm run derive:instances -- [REFERENCE_DIR]
 *
 * REFERENCE_DIR (default ../shared/reference/karpenter-1.14.1) holds `instance-types.md`, the
 * reference Karpenter generates with hack/docs/instancetypes_gen (every type with its labels),
 * and `pricing/zz_generated.pricing_aws.go`, the on-demand prices Karpenter falls back to when it
 * cannot reach the pricing API. Writes policies/lib/data/instanceTypes.ts and onDemandPrices.ts.
 *
 * Only what requirements can select is kept. Category, family, generation, size and
 * capability-flex are not stored: the pack derives them from the name the way Karpenter does
 * (computeRequirements), and this script fails if that derivation disagrees with a label.
 */

const karpenterVersion = "1.14.1";
const projectDir = path.resolve(__dirname, "..");
const referenceDir = path.resolve(process.argv[2] ?? path.join(projectDir, "../shared/reference/karpenter-1.14.1"));
const outDir = path.join(projectDir, "policies/lib/data");
const label = (name: string) => `karpenter.k8s.aws/instance-${name}`;

interface ReferenceType {
    name: string;
    labels: Record<string, string>;
}

/** `### \`c5.large\`` opens a type; ` |key|value|` rows under `#### Labels` are its labels. */
function parseReference(markdown: string): ReferenceType[] {
    const types: ReferenceType[] = [];
    let inLabels = false;
    for (const line of markdown.split("\n")) {
        const heading = /^### `([^`]+)`$/.exec(line);
        if (heading) {
            types.push({ name: heading[1], labels: {} });
            inLabels = false;
        } else if (line.startsWith("#### ")) {
            inLabels = line === "#### Labels";
        } else if (inLabels && types.length > 0) {
            const row = /^ \|([^|]+)\|([^|]*)\|$/.exec(line);
            if (row && row[1] !== "--" && row[1] !== " Label ") {
                types[types.length - 1].labels[row[1]] = row[2];
            }
        }
    }
    return types;
}

/** karpenter-provider-aws pkg/providers/instancetype/types.go, instanceTypeScheme and computeRequirements. */
function checkNameDerivation(type: ReferenceType): void {
    const scheme = /(^[a-z]+)(-[0-9]+tb)?([0-9]+).*\./.exec(type.name);
    const [family, size] = type.name.split(".");
    const derived: Record<string, string | undefined> = {
        category: scheme?.[1],
        generation: scheme?.[3],
        family,
        size,
        "capability-flex": String(family.includes("-flex")),
    };
    for (const [name, value] of Object.entries(derived)) {
        if (type.labels[label(name)] !== value) {
            throw new Error(`${type.name}: ${label(name)} is "${type.labels[label(name)]}", the name gives "${value}"`);
        }
    }
}

const optionalNumber = (value: string | undefined) => (value === undefined ? "null" : String(Number(value)));

/** Facts every size of a family shares; the script fails if one does not. */
const familyKeys = ["arch", "cpu-manufacturer", "encryption-in-transit-supported", "gpu-name", "gpu-manufacturer", "accelerator-name", "accelerator-manufacturer"] as const;

function familyFacts(types: ReferenceType[]): string {
    const value = (t: ReferenceType, key: (typeof familyKeys)[number]) => (key === "arch" ? t.labels["kubernetes.io/arch"] : t.labels[label(key)]);
    for (const key of familyKeys) {
        const values = new Set(types.map((t) => value(t, key)));
        if (values.size > 1) {
            throw new Error(`family ${types[0].name.split(".")[0]}: ${key} differs between sizes (${[...values].join(", ")})`);
        }
    }
    const first = types[0];
    const facts = [`arch: "${value(first, "arch")}"`, `cpuManufacturer: "${value(first, "cpu-manufacturer")}"`, `encryptionInTransit: ${value(first, "encryption-in-transit-supported")}`];
    for (const [key, field] of [
        ["gpu-name", "gpuName"],
        ["gpu-manufacturer", "gpuManufacturer"],
        ["accelerator-name", "acceleratorName"],
        ["accelerator-manufacturer", "acceleratorManufacturer"],
    ] as const) {
        if (value(first, key) !== undefined) {
            facts.push(`${field}: "${value(first, key)}"`);
        }
    }
    return facts.join(", ");
}

/** One size as the tuple InstanceSizeRow declares. */
function sizeRow(type: ReferenceType): string {
    const l = (name: string) => type.labels[label(name)];
    const cells = [
        `"${l("size")}"`,
        String(Number(l("cpu"))),
        String(Number(l("memory"))),
        `"${l("hypervisor")}"`,
        optionalNumber(l("cpu-sustained-clock-speed-mhz")),
        optionalNumber(l("ebs-bandwidth")),
        optionalNumber(l("network-bandwidth")),
        optionalNumber(l("local-nvme")),
        optionalNumber(l("gpu-count")),
        optionalNumber(l("gpu-memory")),
        optionalNumber(l("accelerator-count")),
    ];
    return `[${cells.join(", ")}]`;
}

function sha256(file: string): string {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function header(source: string, sourceFile: string, generated: string, today: string, what: string): string {
    return [
        "/**",
        ` * ${what}`,
        " *",
        ` * Derived by scripts/deriveInstanceData.ts (npm run derive:instances) on ${today} from Karpenter ${karpenterVersion}'s`,
        ` * ${source}, sha256 ${sha256(sourceFile).slice(0, 16)}…, ${generated}. Do not edit by hand: run the script.`,
        " */",
        "",
    ].join("\n");
}

function main(): void {
    const referenceFile = path.join(referenceDir, "instance-types.md");
    const pricingFile = path.join(referenceDir, "pricing/zz_generated.pricing_aws.go");
    const today = new Date().toISOString().slice(0, 10);
    const types = parseReference(fs.readFileSync(referenceFile, "utf8"));
    if (types.length === 0) {
        throw new Error(`${referenceFile} lists no instance types`);
    }
    types.forEach(checkNameDerivation);
    const families = new Map<string, ReferenceType[]>();
    for (const type of types) {
        const family = type.name.split(".")[0];
        families.set(family, [...(families.get(family) ?? []), type]);
    }
    const familyLines = [...families.entries()].map(
        ([family, sizes]) => `    "${family}": { ${familyFacts(sizes)}, sizes: [\n${sizes.map((t) => `        ${sizeRow(t)},`).join("\n")}\n    ] },`,
    );
    fs.writeFileSync(
        path.join(outDir, "instanceTypes.ts"),
        header(
            "generated instance-type reference (instance-types.md, hack/docs/instancetypes_gen: the union of us-east-1, us-east-2 and us-west-2, labels as with amiFamily AL2023)",
            referenceFile,
            "which carries no generation date",
            today,
            `Every instance type of Karpenter's reference (${types.length} in ${families.size} families), by family, with the label values requirements select on.`,
        ) +
            [
                'import type { InstanceFamilyRow } from "./instanceTypeRows";',
                "",
                `export const instanceTypeReference = { karpenterVersion: "${karpenterVersion}", file: "instance-types.md", derived: "${today}" } as const;`,
                "",
                "export const instanceFamilies: Readonly<Record<string, InstanceFamilyRow>> = {",
                ...familyLines,
                "};",
                "",
            ].join("\n"),
    );

    const pricing = fs.readFileSync(pricingFile, "utf8");
    const stamp = /generated at (\S+) for (\S+)/.exec(pricing);
    if (!stamp) {
        throw new Error(`${pricingFile} has no "generated at ... for REGION" line`);
    }
    const [, generatedAt, region] = stamp;
    const known = new Set(types.map((t) => t.name));
    const prices = [...pricing.matchAll(/"([a-z0-9-]+\.[a-z0-9-]+)": ([0-9.]+)/g)].filter(([, name]) => known.has(name)).map(([, name, price]) => [name, Number(price)] as const);
    const byFamily = new Map<string, string[]>();
    for (const [name, price] of prices.sort(([a], [b]) => a.localeCompare(b))) {
        const family = name.split(".")[0];
        byFamily.set(family, [...(byFamily.get(family) ?? []), `"${name}": ${price}`]);
    }
    fs.writeFileSync(
        path.join(outDir, "onDemandPrices.ts"),
        header(
            `fallback on-demand price table (pkg/providers/pricing/zz_generated.pricing_aws.go)`,
            pricingFile,
            `generated at ${generatedAt} for ${region}`,
            today,
            `On-demand Linux prices in USD per hour in ${region}, for the ${prices.length} types of the instance-type reference that the table prices; ${types.length - prices.length} it does not price are absent.`,
        ) +
            [
                `export const onDemandPriceSource = { karpenterVersion: "${karpenterVersion}", region: "${region}", generatedAt: "${generatedAt}", derived: "${today}" } as const;`,
                "",
                "export const onDemandPrices: Readonly<Record<string, number>> = {",
                ...[...byFamily.values()].map((entries) => `    ${entries.join(", ")},`),
                "};",
                "",
            ].join("\n"),
    );
    process.stdout.write(`${types.length} instance types in ${families.size} families, ${prices.length} priced (${region}, generated ${generatedAt}) → ${path.relative(projectDir, outDir)}\n`);
}

main();
