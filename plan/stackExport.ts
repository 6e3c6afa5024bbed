import * as pulumi from "@pulumi/pulumi";
import { CapturedResource } from "./capture";
import { analyzerProperties, unknownValue } from "./analyzer/properties";
import { recordsOutputs, urnName } from "./analyzer/resources";
import { EngineResource, PolicyFinding } from "./policyHarness";

/** A resource of `pulumi stack export` (deployment version 3), as far as policies need it. */
export interface StackExportResource {
    urn: string;
    custom: boolean;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: string;
    /** URNs the resource had before (its `aliases` option). */
    aliases?: string[];
}

export interface StackExport {
    version: 3;
    deployment: { manifest?: Record<string, unknown>; resources: StackExportResource[] };
    /** Added by the offline plan; absent from a real `pulumi stack export`. */
    policyFindings?: PolicyFinding[];
}

const sigKey = pulumi.runtime.specialSigKey;
const secretSig = pulumi.runtime.specialSecretSig;
const resourceSig = pulumi.runtime.specialResourceSig;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isSecretWrapper(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[sigKey] === secretSig;
}

function isResourceReference(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[sigKey] === resourceSig;
}

/**
 * Property values as the SDK sends them → as `pulumi stack export --show-secrets` writes them
 * (pkg/resource/stack/deployment.go `SerializePropertyValue` at pulumi v3.248.0): secrets as
 * `{sig, plaintext}`; resource references with a `packageVersion`, which the Node SDK never sends,
 * and an id the preview does not know as `""`; values a preview does not know as the unknown sentinel.
 */
function exportValue(value: unknown): Json | undefined {
    if (pulumi.isUnknown(value)) {
        return unknownValue;
    }
    if (isSecretWrapper(value)) {
        return { [sigKey]: secretSig, plaintext: JSON.stringify(exportValue(value.value) ?? null) };
    }
    if (isResourceReference(value)) {
        const reference: { [key: string]: Json } = { [sigKey]: resourceSig, urn: value.urn as string, packageVersion: (value.packageVersion as string | undefined) ?? "" };
        if ("id" in value) {
            reference.id = value.id === unknownValue ? "" : (value.id as string);
        }
        return reference;
    }
    if (Array.isArray(value)) {
        return value.map((v) => exportValue(v) ?? null);
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).flatMap(([k, v]) => {
            const exported = exportValue(v);
            return exported === undefined ? [] : [[k, exported] as const];
        });
        return Object.fromEntries(entries);
    }
    return value === undefined || typeof value === "function" ? undefined : (value as Json);
}

export function toStackExport(resources: CapturedResource[], findings: PolicyFinding[]): StackExport {
    return {
        version: 3,
        deployment: {
            manifest: { time: new Date(0).toISOString(), magic: "", version: "karpenter-cluster offline plan" },
            resources: resources.map((r) => ({
                urn: r.urn,
                custom: r.custom,
                type: r.type,
                ...(r.id ? { id: r.id } : {}),
                inputs: exportValue(r.engineInputs ?? r.inputs) as Record<string, unknown>,
                outputs: exportValue(r.outputs) as Record<string, unknown>,
                ...(r.parent ? { parent: r.parent } : {}),
                dependencies: [...r.dependencies],
                propertyDependencies: { ...r.propertyDependencies },
                ...(r.provider ? { provider: r.provider } : {}),
                ...(r.aliases.length > 0 ? { aliases: [...r.aliases] } : {}),
            })),
        },
        policyFindings: findings,
    };
}

/**
 * The resources as the engine hands them to policies, values marshalled like its analyzer calls
 * (plan/analyzer/properties.ts): `inputs` for resource policies, `outputs` for stack policies. A
 * document that records no outputs at all (an old export) stands in each resource's inputs for its
 * outputs, as the very same object, so a test that edits one edits what both kinds of policy see.
 */
export function toEngineResources(doc: StackExport): EngineResource[] {
    const withOutputs = recordsOutputs(doc.deployment.resources);
    return doc.deployment.resources.map((r) => {
        const inputs = analyzerProperties(r.inputs);
        return {
            urn: r.urn,
            type: r.type,
            name: urnName(r.urn),
            custom: r.custom,
            inputs,
            outputs: withOutputs ? analyzerProperties(r.outputs) : inputs,
            parent: r.parent,
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
            provider: r.provider,
            aliases: r.aliases,
        };
    });
}

/** Parses a stack export, or says in one line why the text is not one. */
export function parseStackExport(text: string, source: string): StackExport {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (error) {
        throw new Error(`${source} is not JSON: ${(error as Error).message}`);
    }
    const deployment = (doc as { deployment?: { resources?: unknown } } | null)?.deployment;
    if (!deployment || (deployment.resources !== undefined && !Array.isArray(deployment.resources))) {
        throw new Error(`${source} is not a stack export: expected {"version": 3, "deployment": {"resources": [...]}}`);
    }
    const resources = (deployment.resources ?? []) as unknown[];
    resources.forEach((r, i) => {
        const resource = r as Partial<StackExportResource>;
        if (typeof resource?.urn !== "string" || typeof resource.type !== "string") {
            throw new Error(`${source}: deployment.resources[${i}] has no urn or type`);
        }
    });
    return { ...(doc as StackExport), deployment: { ...deployment, resources: resources as StackExportResource[] } };
}
