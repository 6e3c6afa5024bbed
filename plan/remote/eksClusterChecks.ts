import { RemoteInputError, notEmulated } from "./children";
import { isUnknown, reveal } from "./values";

export const eksClusterType = "eks:index:Cluster";

/**
 * The construct inputs the expansion follows. Any other argument of pulumi-eks 4.3.0's
 * `ClusterOptions` (nodejs/eks/cluster/cluster.ts) is refused unless absent or null, which the
 * provider's truthiness tests read as absent.
 */
const emulatedArguments = new Set([
    "name",
    "version",
    "vpcId",
    "publicSubnetIds",
    "privateSubnetIds",
    "authenticationMode",
    "accessEntries",
    "createOidcProvider",
    "skipDefaultNodeGroup",
    "skipDefaultSecurityGroups",
    "endpointPublicAccess",
    "endpointPrivateAccess",
    "publicAccessCidrs",
    "enabledClusterLogTypes",
    "tags",
    "clusterTags",
    "providerCredentialOpts",
]);

const authenticationModes = ["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"];

/** A plain-JSON access entry, as `ClusterOptions.accessEntries` holds them. */
export interface AccessEntryInput {
    principalArn?: unknown;
    username?: unknown;
    kubernetesGroups?: unknown;
    tags?: unknown;
    type?: unknown;
    accessPolicies?: Record<string, { policyArn?: unknown; accessScope?: { type?: unknown } | null } | null> | null;
}

/** The arguments the expansion branches on, after the checks. */
export interface EksClusterArgs {
    authenticationMode?: string;
    createOidcProvider: boolean;
    accessEntries: [string, AccessEntryInput][];
    version: string;
}

/**
 * Throws what `pulumi preview` would, for the inputs pulumi-eks 4.3.0 cannot take (in the order
 * its code meets them), and refuses the branches the expansion does not follow.
 */
export function checkEksClusterInputs(name: string, inputs: Record<string, unknown>): EksClusterArgs {
    const fail = (message: string) => new RemoteInputError(eksClusterType, name, message);
    const absent = (key: string) => inputs[key] === undefined || inputs[key] === null;

    for (const [key, value] of Object.entries(inputs)) {
        if (!emulatedArguments.has(key) && value !== null && value !== undefined) {
            throw notEmulated(eksClusterType, name, key, "(any value)");
        }
    }

    // nodejs/eks/cluster/authenticationMode.ts validateAuthenticationMode, first thing createCore does.
    const mode = reveal(inputs.authenticationMode);
    if (isUnknown(mode)) {
        throw notEmulated(eksClusterType, name, "authenticationMode", "unknown at preview");
    }
    if (mode !== undefined && mode !== null && !authenticationModes.includes(mode as string)) {
        throw fail(`Invalid value for authenticationMode: ${String(mode)}. Allowed values are: CONFIG_MAP, API_AND_CONFIG_MAP, API.`);
    }
    // A truthy test: an empty map counts as set.
    if (!absent("accessEntries") && mode !== "API" && mode !== "API_AND_CONFIG_MAP") {
        const state = mode ? `set to '${String(mode)}'` : "not set";
        throw fail(`The 'accessEntries' property is not supported when 'authenticationMode' is ${state}.`);
    }

    // createCore: `if (!args.vpcId)` looks the default VPC up, and without subnet arguments takes its subnets.
    if (absent("vpcId")) {
        throw notEmulated(eksClusterType, name, "vpcId", "absent (pulumi-eks would use the default VPC)");
    }
    if (inputs.publicSubnetIds === undefined && inputs.privateSubnetIds === undefined) {
        throw notEmulated(eksClusterType, name, "publicSubnetIds and privateSubnetIds", "both absent (pulumi-eks would use the default VPC's subnets)");
    }
    for (const key of ["publicSubnetIds", "privateSubnetIds"]) {
        checkSpreadSubnets(name, key, inputs[key]);
    }

    // createCore passes publicAccessCidrs through an apply that throws a ResourceError.
    const publicAccess = reveal(inputs.endpointPublicAccess);
    if (!absent("publicAccessCidrs") && publicAccess === false) {
        throw fail(
            "publicAccessCidrs is set while endpointPublicAccess is false; pulumi-eks 4.3.0's createCore (nodejs/eks/cluster/cluster.ts) " +
                "rejects it: `publicAccessCidrs` can only be set when `endpointPublicAccess` is true.",
        );
    }

    // createCluster creates the default security groups and node group unless told not to.
    for (const key of ["skipDefaultNodeGroup", "skipDefaultSecurityGroups"]) {
        if (reveal(inputs[key]) !== true) {
            throw notEmulated(eksClusterType, name, key, `${JSON.stringify(inputs[key] ?? "absent")} (pulumi-eks would create its default node group or security groups)`);
        }
    }
    const oidc = reveal(inputs.createOidcProvider);
    if (isUnknown(oidc)) {
        throw notEmulated(eksClusterType, name, "createOidcProvider", "unknown at preview");
    }
    const version = reveal(inputs.version);
    if (typeof version !== "string") {
        throw notEmulated(eksClusterType, name, "version", `${JSON.stringify(version ?? "absent")} (EKS would choose the Kubernetes version)`);
    }

    return {
        authenticationMode: (mode ?? undefined) as string | undefined,
        createOidcProvider: oidc === true,
        accessEntries: checkAccessEntries(name, inputs.accessEntries),
        version,
    };
}

/**
 * createCore: `pulumi.all([args.publicSubnetIds || [], args.privateSubnetIds || []]).apply(([publicIds,
 * privateIds]) => [...publicIds, ...privateIds])`. The provider receives an Output the program made
 * as an Output (sdk/nodejs/provider/server.ts `deserializeInputs`), so `|| []` never sees the null inside.
 */
function checkSpreadSubnets(name: string, key: string, value: unknown): void {
    const ids = reveal(value);
    if (ids === undefined || isUnknown(ids)) {
        return;
    }
    if (ids === null) {
        throw new RemoteInputError(
            eksClusterType,
            name,
            `${key} is null; pulumi-eks 4.3.0 spreads it in createCore (nodejs/eks/cluster/cluster.ts), so pulumi preview fails with a TypeError. Omit the key instead.`,
        );
    }
    if (!Array.isArray(ids)) {
        throw new RemoteInputError(
            eksClusterType,
            name,
            `${key} is not a list (${JSON.stringify(ids)}); pulumi-eks 4.3.0 spreads it in createCore (nodejs/eks/cluster/cluster.ts), so pulumi preview fails with a TypeError.`,
        );
    }
    const missing = ids.findIndex((id) => id === null || id === undefined);
    if (missing >= 0) {
        throw new RemoteInputError(
            eksClusterType,
            name,
            `${key}[${missing}] is null; the aws:eks/cluster:Cluster's vpcConfig.subnetIds gets it, which the AWS provider rejects at preview.`,
        );
    }
}

/**
 * nodejs/eks/cluster/authenticationMode.ts createAccessEntries: each entry is read with
 * `accessEntry.username`, its `accessPolicies` become aws.eks.AccessPolicyAssociations, and the
 * AWS resources require a principal, a policy and an access scope type.
 */
function checkAccessEntries(name: string, value: unknown): [string, AccessEntryInput][] {
    const entries = reveal(value);
    if (entries === undefined || entries === null) {
        return [];
    }
    if (isUnknown(entries) || typeof entries !== "object" || Array.isArray(entries)) {
        throw notEmulated(eksClusterType, name, "accessEntries", "that is not a map known at preview");
    }
    const fail = (message: string) => new RemoteInputError(eksClusterType, name, message);
    return Object.entries(entries as Record<string, unknown>).map(([key, raw]) => {
        const entry = reveal(raw) as AccessEntryInput | null;
        if (entry === null || typeof entry !== "object") {
            throw fail(`accessEntries.${key} is ${JSON.stringify(entry)}; pulumi-eks 4.3.0 reads accessEntry.username in createAccessEntries (nodejs/eks/cluster/authenticationMode.ts), so pulumi preview fails with a TypeError.`);
        }
        if (entry.principalArn === undefined || entry.principalArn === null) {
            throw fail(`accessEntries.${key}.principalArn is missing; the aws:eks/accessEntry:AccessEntry pulumi-eks 4.3.0 creates requires it, so pulumi preview fails.`);
        }
        for (const [policy, association] of Object.entries(entry.accessPolicies ?? {})) {
            const where = `accessEntries.${key}.accessPolicies.${policy}`;
            if (association === null || association.policyArn === undefined || association.policyArn === null) {
                throw fail(`${where}.policyArn is missing; the aws:eks/accessPolicyAssociation:AccessPolicyAssociation pulumi-eks 4.3.0 creates requires it, so pulumi preview fails.`);
            }
            const scopeType = (reveal(association.accessScope) as { type?: unknown } | null | undefined)?.type;
            if (scopeType === undefined || scopeType === null) {
                throw fail(`${where}.accessScope.type is missing; the aws:eks/accessPolicyAssociation:AccessPolicyAssociation pulumi-eks 4.3.0 creates requires it, so pulumi preview fails.`);
            }
        }
        return [key, entry];
    });
}
