import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import type { ConstructResult } from "@pulumi/pulumi/provider";
import { ValidationError } from "../components/config/problems";
import { documentSchema } from "./documentation";
import { markSecretOutputs, PackageSchema, referToProviders, wholeNumbers } from "./schema";

const packageName = "karpenter-cluster";
const resourceType = `${packageName}:index:KarpenterCluster`;

/** Outputs whose values the component makes secret: the kubeconfig, as pulumi-eks's `kubeconfigJson`. */
const secretOutputs = ["kubeconfig"];

/**
 * A `ValidationError` as the provider protocol reports bad inputs: one property error per problem,
 * with the problem's key path, which the engine prints one a line under the resource
 * (pkg/resource/deploy/source_eval.go `errorToMessage`, pulumi v3.248.0). The paths are the
 * TypeScript ones, which are the schema's property names in every language.
 */
function inputPropertiesError(error: ValidationError): pulumi.InputPropertiesError {
    return new pulumi.InputPropertiesError({
        message: error.message.split("\n")[0].replace(/:$/, ""),
        errors: error.problems.map((p) => ({ propertyPath: p.path, reason: p.message })),
    });
}

/**
 * The component provider of `KarpenterCluster`: Pulumi's ComponentProvider (the analyzer's schema,
 * `Construct` by building the class), with the schema completed where the analyzer leaves gaps
 * and validation errors reported per property.
 */
export class KarpenterClusterProvider extends ComponentProvider {
    private completedSchema?: Promise<string>;

    /**
     * @param component the class to construct: the component's own, so every language builds
     * exactly what TypeScript programs build
     * @param dirname the plugin's folder (PulumiPlugin.yaml, package.json, tsconfig.json)
     * @param version the package version, the component library's own
     */
    constructor(
        component: ComponentResourceConstructor,
        dirname: string,
        version: string,
    ) {
        super({ components: [component], name: packageName, dirname, version });
    }

    getSchema(): Promise<string> {
        this.completedSchema ??= super.getSchema().then((analyzed) => JSON.stringify(completeSchema(JSON.parse(analyzed), this.options.dirname!)));
        return this.completedSchema;
    }

    async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<ConstructResult> {
        try {
            return await super.construct(name, type, inputs, options);
        } catch (error) {
            throw ValidationError.isInstance(error) ? inputPropertiesError(error) : error;
        }
    }
}

/**
 * The analyzer's schema made complete for other languages: documented from the component's TSDoc
 * (documentation.ts), provider references that resolve, whole numbers as integers, secret outputs
 * marked.
 */
function completeSchema(analyzed: PackageSchema, pluginDir: string): PackageSchema {
    const components = path.join(pluginDir, "..", "components");
    const documented = documentSchema(analyzed, {
        resourceType,
        outputsFile: path.join(components, "karpenterCluster.ts"),
        outputsInterface: "KarpenterClusterOutputs",
        argsFile: path.join(components, "config", "args.ts"),
        argsInterface: "KarpenterClusterArgs",
        mirrorFiles: [path.join(pluginDir, "args.ts"), path.join(pluginDir, "enums.ts")],
    });
    return markSecretOutputs(wholeNumbers(referToProviders(documented)), resourceType, secretOutputs);
}
