/**
 * Remote components expanded as their providers build them. Under mocks a remote component
 * creates nothing; in a real `pulumi preview` its provider registers children, which the plan and
 * the policy pack must see, and rejects inputs its code cannot take, which the plan must reject too.
 */
import { RemoteEnvironment, RemoteExpansion } from "./children";
import { awsxVpcType } from "./awsxVpcChecks";
import { expandAwsxVpc } from "./awsxVpc";
import { eksClusterType } from "./eksClusterChecks";
import { expandEksCluster } from "./eksCluster";
import { plainInputs } from "./values";

export { RemoteChild, RemoteEnvironment, RemoteExpansion, ProviderRef, RemoteInputError, childKey } from "./children";
export { eksBundledPackages } from "./eksCluster";
export { awsxBundledPackages } from "./awsxVpc";

type Expander = (name: string, inputs: Record<string, unknown>, env: RemoteEnvironment, firstPreview: boolean) => RemoteExpansion;

const expanders: Record<string, Expander> = {
    [eksClusterType]: expandEksCluster,
    [awsxVpcType]: expandAwsxVpc,
};

/** Whether the plan expands remote component `type`; the registration of any other fails (plan/capture.ts). */
export function isExpandedRemoteType(type: string): boolean {
    return type in expanders;
}

/** The provider release each expansion follows; another installed release needs its source read again. */
export const remoteComponentPins: Record<string, { npmPackage: string; version: string }> = {
    [eksClusterType]: { npmPackage: "@pulumi/eks", version: "4.3.0" },
    [awsxVpcType]: { npmPackage: "@pulumi/awsx", version: "3.9.0" },
};

/**
 * The outputs and children of remote component `type` named `name`, for its construct inputs as
 * the provider receives them (plain JSON, `null` for an Output that held undefined, the unknown
 * sentinel or the SDK's unknown marker, secret wrappers). Undefined for a type not expanded.
 * Throws, as `pulumi preview` would fail, for inputs the provider's code cannot take.
 */
export function expandRemoteComponent(
    type: string,
    name: string,
    constructInputs: Record<string, unknown>,
    env: RemoteEnvironment,
    firstPreview: boolean,
): RemoteExpansion | undefined {
    const expand = expanders[type];
    return expand?.(name, plainInputs(constructInputs) as Record<string, unknown>, env, firstPreview);
}
