import { RemoteInputError, notEmulated } from "./children";
import { SubnetType } from "./awsxSubnets";
import { containsUnknown, reveal } from "./values";

export const awsxVpcType = "awsx:ec2:Vpc";

/**
 * The construct inputs the expansion follows. Any other argument of awsx's `VpcArgs` is refused
 * unless absent or null, which awsx's `??` defaults read as absent; `region` is checked below.
 */
const emulatedArguments = new Set(["cidrBlock", "numberOfAvailabilityZones", "natGateways", "enableDnsHostnames", "enableDnsSupport", "subnetStrategy", "subnetSpecs", "tags", "region"]);
const subnetTypes: SubnetType[] = ["Public", "Private", "Isolated"];
const natStrategies = ["none", "single", "oneperaz"];

/** The arguments the expansion branches on, after the checks. */
export interface AwsxVpcArgs {
    cidrBlock: string;
    numberOfAvailabilityZones: number;
    natGatewayStrategy: string;
    subnetSpecs: { type: SubnetType; tags?: unknown }[];
}

/**
 * Throws what `pulumi preview` would for the inputs awsx 3.9.0 cannot take, in the order
 * awsx/ec2/vpc.ts `Vpc.initialize` meets them (at v3.8.0, unchanged since), and refuses the
 * branches the expansion does not follow.
 */
export function checkAwsxVpcInputs(name: string, inputs: Record<string, unknown>): AwsxVpcArgs {
    const fail = (message: string) => new RemoteInputError(awsxVpcType, name, message);
    for (const [key, value] of Object.entries(inputs)) {
        if (!emulatedArguments.has(key) && value !== null && value !== undefined) {
            throw notEmulated(awsxVpcType, name, key, "(any value)");
        }
        if (containsUnknown(value)) {
            throw notEmulated(awsxVpcType, name, key, "unknown at preview");
        }
    }

    // `resolvePromptRegionForAzLookup` lets only undefined or a string through.
    if (inputs.region === null) {
        throw fail(
            "region is null; awsx 3.9.0's resolvePromptRegionForAzLookup (awsx/ec2/vpc.ts) throws \"Vpc.region must be a plain string when availabilityZoneNames is not set\", so pulumi preview fails. Omit the key instead.",
        );
    }
    if (inputs.region !== undefined) {
        throw notEmulated(awsxVpcType, name, "region", JSON.stringify(inputs.region));
    }

    const nat = reveal(inputs.natGateways) as { strategy?: unknown; elasticIpAllocationIds?: unknown[] | null } | null | undefined;
    if ((nat?.elasticIpAllocationIds ?? []).length > 0) {
        throw notEmulated(awsxVpcType, name, "natGateways.elasticIpAllocationIds", JSON.stringify(nat?.elasticIpAllocationIds));
    }
    const natGatewayStrategy = String(reveal(nat?.strategy) ?? "OnePerAz");
    // `validateEips` switches on the lower-cased strategy.
    if (!natStrategies.includes(natGatewayStrategy.toLowerCase())) {
        throw fail(`natGateways.strategy ${JSON.stringify(natGatewayStrategy)}: awsx 3.9.0's validateEips (awsx/ec2/vpc.ts) throws "Unknown NatGatewayStrategy '${natGatewayStrategy}'", so pulumi preview fails.`);
    }

    const subnetStrategy = reveal(inputs.subnetStrategy) ?? "Legacy";
    if (subnetStrategy !== "Auto") {
        throw notEmulated(awsxVpcType, name, "subnetStrategy", JSON.stringify(subnetStrategy));
    }
    const cidrBlock = reveal(inputs.cidrBlock);
    if (cidrBlock === null || (cidrBlock !== undefined && typeof cidrBlock !== "string")) {
        throw notEmulated(awsxVpcType, name, "cidrBlock", JSON.stringify(cidrBlock));
    }
    const zones = reveal(inputs.numberOfAvailabilityZones) ?? 3;
    if (typeof zones !== "number") {
        throw notEmulated(awsxVpcType, name, "numberOfAvailabilityZones", JSON.stringify(zones));
    }
    return {
        // decideCidrBlockVpcInput: "Historically this default was used when left unspecified."
        cidrBlock: cidrBlock ?? "10.0.0.0/16",
        numberOfAvailabilityZones: zones,
        natGatewayStrategy,
        subnetSpecs: checkSubnetSpecs(name, reveal(inputs.subnetSpecs)),
    };
}

/** subnetDistributorNew.ts `validateAndNormalizeSubnetInputs`, which iterates the specs and lower-cases each type. */
function checkSubnetSpecs(name: string, specs: unknown): { type: SubnetType; tags?: unknown }[] {
    const fail = (message: string) => new RemoteInputError(awsxVpcType, name, message);
    if (specs === undefined) {
        throw notEmulated(awsxVpcType, name, "subnetSpecs", "absent (awsx's default layout)");
    }
    if (specs === null || !Array.isArray(specs)) {
        throw fail(
            `subnetSpecs is ${JSON.stringify(specs)}; awsx 3.9.0 iterates it in validateAndNormalizeSubnetInputs (awsx/ec2/subnetDistributorNew.ts), so pulumi preview fails with a TypeError. Omit the key instead.`,
        );
    }
    const checked = specs.map((raw, i) => {
        const spec = reveal(raw) as Record<string, unknown> | null;
        if (spec === null || typeof spec !== "object" || typeof spec.type !== "string") {
            throw fail(
                `subnetSpecs[${i}].type is missing; awsx 3.9.0 calls spec.type.toLowerCase() in validateAndNormalizeSubnetInputs (awsx/ec2/subnetDistributorNew.ts), so pulumi preview fails with a TypeError.`,
            );
        }
        for (const [key, value] of Object.entries(spec)) {
            if (key !== "type" && key !== "tags" && value !== null && value !== undefined) {
                throw notEmulated(awsxVpcType, name, `subnetSpecs[${i}].${key}`, "(any value)");
            }
        }
        if (!subnetTypes.includes(spec.type as SubnetType)) {
            throw notEmulated(awsxVpcType, name, `subnetSpecs[${i}].type`, JSON.stringify(spec.type));
        }
        return { type: spec.type as SubnetType, tags: spec.tags ?? undefined };
    });
    const duplicated = subnetTypes.find((type) => checked.filter((spec) => spec.type === type).length > 1);
    if (duplicated !== undefined) {
        throw fail(
            `subnetSpecs has two unnamed "${duplicated}" specs; awsx 3.9.0's validateAndNormalizeSubnetInputs throws "Multiple subnet specs of type "${duplicated.toLowerCase()}" require unique names", so pulumi preview fails.`,
        );
    }
    return checked;
}

/** Runs an awsx validation and reports its error against the argument it is about. */
export function awsxValidation<T>(name: string, argument: string, source: string, check: () => T): T {
    try {
        return check();
    } catch (error) {
        throw new RemoteInputError(awsxVpcType, name, `${argument}: awsx 3.9.0's ${source} throws, so pulumi preview fails: ${(error as Error).message}`);
    }
}
