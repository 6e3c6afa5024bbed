/**
 * The subnet layout awsx 3.9.0 plans with `subnetStrategy: "Auto"` and subnet specs that give
 * only a type and tags. awsx has no v3.9.0 tag; awsx/ec2 is unchanged from v3.8.0 to the mirror's
 * HEAD, which predates 3.9.0, so citations are to awsx/ec2 at v3.8.0 of pulumi/pulumi-awsx.
 */

export type SubnetType = "Public" | "Private" | "Isolated";

/** One subnet to create, with the names awsx gives it and its route table, association and route. */
export interface PlannedSubnet {
    type: SubnetType;
    azName: string;
    /** 1-based, as awsx numbers zones in names. */
    azNum: number;
    cidrBlock: string;
    /** `${vpcName}-${type}-${azNum}`: subnetNaming.ts `subnetNames`, Legacy name tags. */
    resourceName: string;
    tags?: unknown;
}

/**
 * Zones DescribeAvailabilityZones lists for an account, where they are not the usual `a`-`c`.
 * Letters map to zones per account, so only the count and the region prefix are facts; us-west-1
 * offers new accounts two zones.
 */
const zoneLetters: Record<string, string> = {
    "us-east-1": "abcdef",
    "us-west-1": "bc",
    "us-west-2": "abcd",
    "ca-central-1": "abd",
    "ap-northeast-1": "acd",
    "ap-northeast-2": "abcd",
    "cn-north-1": "abd",
};

/**
 * vpc.ts `getDefaultAzs`: the first `count` zones `aws.getAvailabilityZones` names, or the error
 * awsx throws when the region has fewer.
 */
export function defaultAvailabilityZones(region: string, count: number): string[] {
    const zones = [...(zoneLetters[region] ?? "abc")].map((letter) => `${region}${letter}`);
    if (zones.length < count) {
        throw new Error(
            `The configured region for this provider does not have at least ${count} Availability Zones. Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least ${count} AZs.`,
        );
    }
    return zones.slice(0, count);
}

interface Block {
    /** The network address as an unsigned 32-bit number. */
    base: number;
    bits: number;
}

function parseCidr(cidr: string): Block {
    const [address, bits] = cidr.split("/");
    const base = address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
    return aligned(base, Number(bits));
}

const sizeOf = (bits: number) => 2 ** (32 - bits);

/** The block of `bits` holding `address`, as `new Netmask(address, bits)` gives it. */
function aligned(address: number, bits: number): Block {
    return { base: address - (address % sizeOf(bits)), bits };
}

const next = (block: Block): Block => ({ base: block.base + sizeOf(block.bits), bits: block.bits });

/** subnetDistributorNew.ts `nextNetmask`: from the previous block's last host address, which netmask's `last` is. */
function nextBlock(previous: Block, bits: number): Block {
    const size = sizeOf(previous.bits);
    const lastHost = previous.base + (size > 2 ? size - 2 : size - 1);
    return next(aligned(lastHost, bits));
}

function cidrOf(block: Block): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${block.bits}`;
}

/** subnetDistributorNew.ts `newBits`. */
const newBits = (count: number) => (count === 0 ? 0 : Math.ceil(Math.log2(count)));

/** vpc.ts `compareSubnetSpecs`: public first, so a private route finds its NAT gateway made. */
const creationOrder: Record<SubnetType, number> = { Public: 0, Private: 1, Isolated: 2 };

/**
 * subnetDistributorNew.ts `getSubnetSpecs` and `allocateSubnetCidrBlocks`: the VPC splits into
 * one block per zone, each zone's block into one equal block per spec, in spec order. Returned in
 * the order vpc.ts creates them: zone by zone, public, private, then isolated.
 */
export function planSubnets(vpcName: string, vpcCidr: string, azNames: string[], specs: { type: SubnetType; tags?: unknown }[]): PlannedSubnet[] {
    if (specs.length === 0) {
        throw new Error("No subnets specified");
    }
    const vpc = parseCidr(vpcCidr);
    const azBits = vpc.bits + newBits(azNames.length);
    const subnetBits = azBits + newBits(specs.length);
    const azSize = sizeOf(azBits);
    const totalSubnetSize = specs.length * sizeOf(subnetBits);
    if (totalSubnetSize > azSize) {
        throw new Error(`Subnets are too large for VPC. VPC has ${azSize} addresses, but subnets require ${totalSubnetSize} addresses.`);
    }
    const planned: PlannedSubnet[] = [];
    let azBlock = aligned(vpc.base, azBits);
    azNames.forEach((azName, azIndex) => {
        let block: Block | undefined;
        const zone = specs.map((spec) => {
            block = block === undefined ? aligned(azBlock.base, subnetBits) : nextBlock(block, subnetBits);
            const azNum = azIndex + 1;
            return { type: spec.type, azName, azNum, cidrBlock: cidrOf(block), resourceName: `${vpcName}-${spec.type.toLowerCase()}-${azNum}`, tags: spec.tags };
        });
        planned.push(...zone.sort((a, b) => creationOrder[a.type] - creationOrder[b.type]));
        azBlock = next(azBlock);
    });
    return planned;
}

/**
 * vpc.ts `validateNatGatewayStrategy`: NAT gateways need a public subnet to stand in and a private
 * or isolated one to serve.
 */
export function validateNatGatewayStrategy(strategy: string, types: SubnetType[]): void {
    if (strategy.toLowerCase() === "none") {
        return;
    }
    if (!(types.includes("Public") && (types.includes("Private") || types.includes("Isolated")))) {
        throw new Error(
            "If NAT Gateway strategy is 'OnePerAz' or 'Single', public subnets must be declared to host the NAT Gateway resource, along with private or isolated subnets to route through it.",
        );
    }
}

/** vpc.ts `shouldCreateNatGateway`. */
export function shouldCreateNatGateway(strategy: string, gateways: number, azIndex: number): boolean {
    switch (strategy.toLowerCase()) {
        case "single":
            return gateways < 1;
        case "oneperaz":
            return gateways < azIndex + 1;
        default:
            return false;
    }
}
