/**
 * How the engine names and links the resources it hands an analyzer: URN parts, provider
 * references, and which property bag each call gets. Shared by the gRPC host and the in-process
 * harness so both read the stack export the same way.
 */
import type { StackExportResource } from "../stackExport";

/** URN.Name(): everything after the third `::`, so names may themselves contain `::` (sdk/go/common/resource/urn/urn.go). */
export function urnName(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** URN.Type(): the last `$`-separated part of the qualified type. */
export function urnType(urn: string): string {
    return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

/** A provider reference `urn::id` → its URN (sdk/go/common/providers/reference.go ParseReference). */
export function referenceUrn(reference: string): string {
    const i = reference.lastIndexOf("::");
    return i > 0 ? reference.slice(0, i) : reference;
}

/**
 * The URN of the provider the engine passes with a resource (step_generator.go getProviderResource):
 * its reference, or, for a custom resource registered without one, its package's default provider,
 * which the engine always fills in. An export from the offline plan may lack default providers; the
 * engine names them `default_<version>`, or `default` when no version was requested
 * (pkg/resource/deploy/providers/provider.go DefaultName), and the version is not in the export.
 */
export function providerUrnOf(resource: Pick<StackExportResource, "urn" | "type" | "custom" | "provider">): string | undefined {
    if (resource.provider !== undefined && resource.provider !== "") {
        return referenceUrn(resource.provider);
    }
    if (!resource.custom || resource.type.startsWith("pulumi:providers:")) {
        return undefined;
    }
    const [prefix, project] = resource.urn.split("::");
    const stack = prefix.split(":").pop() ?? "";
    return `urn:pulumi:${stack}::${project}::pulumi:providers:${resource.type.split(":")[0]}::default`;
}

/**
 * Whether a document records outputs at all. AnalyzeStack gets each resource's outputs
 * (step_generator.go AnalyzeResources: `Properties: v.Outputs`); an export that records none (an
 * old export, or the offline plan before it fills them) can only stand in its inputs. In a document
 * that does record outputs, a resource without the key has none (ResourceV3 omits empty outputs).
 */
export function recordsOutputs(resources: readonly StackExportResource[]): boolean {
    return resources.some((r) => r.outputs !== undefined);
}
