/**
 * The engine's analyzer requests for the resources of a stack export, field for field as
 * sdk/go/common/resource/plugin/analyzer_plugin.go (Analyze, AnalyzeStack, Remediate,
 * marshalResourceOptions, marshalProvider) sends what pkg/resource/deploy/step_generator.go
 * (analyzeAll, AnalyzeResources) builds, at pulumi v3.248.0.
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { StackExportResource } from "../stackExport";
import { analyzerProperties, MarshalOptions } from "./properties";
import { providerUrnOf, recordsOutputs, urnName, urnType } from "./resources";

/** Builds the requests for one stack; providers are looked up among its resources. */
export class StackRequests {
    private readonly byUrn: Map<string, StackExportResource>;
    private readonly withOutputs: boolean;

    constructor(readonly resources: readonly StackExportResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        this.withOutputs = recordsOutputs(resources);
    }

    /**
     * Analyze (and Remediate) get the resource's inputs; Remediate keeps internal keys
     * (`SkipInternalKeys: false`), Analyze drops them.
     */
    analyzeRequest(resource: StackExportResource, marshal: MarshalOptions = {}): analyzerProto.AnalyzeRequest {
        const request = new analyzerProto.AnalyzeRequest();
        request.setUrn(resource.urn);
        request.setType(resource.type);
        request.setName(urnName(resource.urn));
        request.setProperties(Struct.fromJavaScript(analyzerProperties(resource.inputs, marshal) as never));
        request.setOptions(this.options(resource));
        const provider = this.provider(resource);
        if (provider !== undefined) {
            request.setProvider(provider);
        }
        return request;
    }

    /** AnalyzeStack gets every resource's outputs, with its parent and dependencies. */
    analyzeStackRequest(): analyzerProto.AnalyzeStackRequest {
        const request = new analyzerProto.AnalyzeStackRequest();
        request.setResourcesList(
            this.resources.map((r) => {
                const resource = new analyzerProto.AnalyzerResource();
                resource.setUrn(r.urn);
                resource.setType(r.type);
                resource.setName(urnName(r.urn));
                resource.setProperties(Struct.fromJavaScript(analyzerProperties(this.withOutputs ? r.outputs : r.inputs) as never));
                resource.setOptions(this.options(r));
                const provider = this.provider(r);
                if (provider !== undefined) {
                    resource.setProvider(provider);
                }
                resource.setParent(r.parent ?? "");
                resource.setDependenciesList(r.dependencies ?? []);
                for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
                    // marshalled only for properties that have dependencies
                    if (urns.length > 0) {
                        resource.getPropertydependenciesMap().set(key, new analyzerProto.AnalyzerPropertyDependencies().setUrnsList(urns));
                    }
                }
                return resource;
            }),
        );
        return request;
    }

    /**
     * The options the engine knows from the program's goal. A stack export records neither
     * `protect` nor timeouts for what is being planned, so they are the engine's zero values, as
     * for any resource that does not set them; `deleteBeforeReplace` is left undefined.
     */
    private options(resource: StackExportResource): analyzerProto.AnalyzerResourceOptions {
        const options = new analyzerProto.AnalyzerResourceOptions();
        options.setProtect(false);
        options.setIgnorechangesList([]);
        options.setDeletebeforereplace(false);
        options.setDeletebeforereplacedefined(false);
        options.setAdditionalsecretoutputsList([]);
        options.setAliasesList(resource.aliases ?? []);
        options.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
        options.setParent(resource.parent ?? "");
        return options;
    }

    /** The provider resource with its inputs (the engine passes `providerResource.Inputs`). */
    private provider(resource: StackExportResource): analyzerProto.AnalyzerProviderResource | undefined {
        const urn = providerUrnOf(resource);
        if (urn === undefined) {
            return undefined;
        }
        const provider = new analyzerProto.AnalyzerProviderResource();
        provider.setUrn(urn);
        provider.setType(this.byUrn.get(urn)?.type ?? urnType(urn));
        provider.setName(urnName(urn));
        provider.setProperties(Struct.fromJavaScript(analyzerProperties(this.byUrn.get(urn)?.inputs) as never));
        return provider;
    }
}
