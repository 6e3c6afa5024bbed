/**
 * `awsx:ec2:Vpc` as awsx 3.9.0's provider builds it, for the arguments the component passes.
 * Citations are to awsx/ec2/vpc.ts `Vpc.initialize` at v3.8.0 of pulumi/pulumi-awsx (awsx/ec2 is
 * unchanged from v3.8.0 to the mirror's HEAD, which predates 3.9.0).
 */
import { ChildList, RemoteChild, RemoteEnvironment, RemoteExpansion, childKey, inputDependencies, resourceView } from "./children";
import { PlannedSubnet, defaultAvailabilityZones, planSubnets, shouldCreateNatGateway, validateNatGatewayStrategy } from "./awsxSubnets";
import { awsxValidation, checkAwsxVpcInputs } from "./awsxVpcChecks";
import { compact, computed, containsUnknown, ec2Id, hex, reveal, unknownValue } from "./values";

/**
 * The @pulumi/aws the provider process bundles. awsx's schemagen writes the SDK's dependency as
 * `"^" + ` the provider's own @pulumi/aws (provider/pkg/schemagen/schema.go), and @pulumi/awsx
 * 3.9.0's package.json asks for ^7.43.0; the mirror's HEAD, one release earlier, pins 7.42.0.
 */
export const awsxBundledPackages = { aws: "7.43.0" };

const awsProvider = { type: "pulumi:providers:aws", name: `default_${awsxBundledPackages.aws.replace(/\./g, "_")}` };

interface AwsxContext {
    inputs: Record<string, unknown>;
    env: RemoteEnvironment;
    firstPreview: boolean;
    list: ChildList;
    /** `{ Name: name, ...args.tags }`, on the VPC, gateway, subnets and route tables. */
    sharedTags: Record<string, unknown>;
}

/**
 * An EC2 child: an id given, or made of a prefix (`vpc`, `subnet`...) and hex digits.
 * `propertyDependencies` as in {@link RemoteChild} (`vpcId: vpc.id` depends on the VPC), but for
 * `tags`, which depend on the construct inputs named by `tagsFrom` (`tags` unless told).
 */
type Ec2ChildSpec = {
    type: string;
    name: string;
    arnType?: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
    tagsFrom?: string[];
    dependsOn: RemoteChild[];
} & ({ idPrefix: string } | { id: string });

/** An EC2 resource child of the expansion: its id, ARN, owner and region as EC2 reports them. */
function ec2Child(ctx: AwsxContext, spec: Ec2ChildSpec, parent?: RemoteChild): RemoteChild {
    const { env, firstPreview } = ctx;
    const id = "id" in spec ? spec.id : ec2Id(spec.idPrefix, `${spec.type}-${parent?.name ?? ""}-${spec.name}`);
    const inputs = compact(spec.inputs);
    const tags = reveal(inputs.tags);
    return ctx.list.add(
        {
            type: spec.type,
            name: spec.name,
            custom: true,
            id: firstPreview ? undefined : id,
            inputs,
            outputs: {
                ...inputs,
                region: env.region,
                ...(tags !== undefined ? { tagsAll: tags } : {}),
                ...(spec.arnType ? { arn: computed(firstPreview, `arn:${env.partition}:ec2:${env.region}:${env.accountId}:${spec.arnType}/${id}`), ownerId: computed(firstPreview, env.accountId) } : {}),
                ...spec.outputs,
            },
            provider: awsProvider,
            propertyDependencies: {
                ...spec.propertyDependencies,
                ...(inputs.tags !== undefined ? { tags: inputDependencies(ctx.inputs, spec.tagsFrom ?? ["tags"]) } : {}),
            },
            dependsOn: spec.dependsOn.map(childKey),
        },
        parent,
    );
}

const idOf = (child: RemoteChild) => child.id ?? unknownValue;

export function expandAwsxVpc(name: string, inputs: Record<string, unknown>, env: RemoteEnvironment, firstPreview: boolean): RemoteExpansion {
    const args = checkAwsxVpcInputs(name, inputs);
    const zones = awsxValidation(name, `numberOfAvailabilityZones ${args.numberOfAvailabilityZones} in ${env.region}`, "getDefaultAzs (awsx/ec2/vpc.ts)", () =>
        defaultAvailabilityZones(env.region, args.numberOfAvailabilityZones),
    );
    const subnets = awsxValidation(name, `subnetSpecs in ${args.cidrBlock}`, "allocateSubnetCidrBlocks (awsx/ec2/subnetDistributorNew.ts)", () =>
        planSubnets(name, args.cidrBlock, zones, args.subnetSpecs),
    );
    awsxValidation(name, `natGateways.strategy ${args.natGatewayStrategy}`, "validateNatGatewayStrategy (awsx/ec2/vpc.ts)", () =>
        validateNatGatewayStrategy(args.natGatewayStrategy, args.subnetSpecs.map((spec) => spec.type)),
    );
    const ctx: AwsxContext = {
        inputs,
        env,
        firstPreview,
        list: new ChildList(),
        sharedTags: { Name: name, ...((reveal(inputs.tags) as object | null) ?? {}) },
    };

    // createInnerVpc: the aws.ec2.Vpc takes the VpcArgs it shares a name with.
    const vpc = ec2Child(ctx, {
        type: "aws:ec2/vpc:Vpc",
        name,
        idPrefix: "vpc",
        arnType: "vpc",
        inputs: { cidrBlock: args.cidrBlock, enableDnsHostnames: inputs.enableDnsHostnames, enableDnsSupport: inputs.enableDnsSupport, tags: ctx.sharedTags },
        outputs: vpcDefaults(ctx, name),
        // `{ ...args, cidrBlock, tags: sharedTags }`: each argument as the program passed it.
        propertyDependencies: Object.fromEntries(["cidrBlock", "enableDnsHostnames", "enableDnsSupport"].map((key) => [key, inputDependencies(inputs, [key])])),
        dependsOn: [],
    });
    // Created whatever the subnets, since AWS does not charge for it.
    const igw = ec2Child(
        ctx,
        {
            type: "aws:ec2/internetGateway:InternetGateway",
            name,
            idPrefix: "igw",
            arnType: "internet-gateway",
            inputs: { vpcId: idOf(vpc), tags: ctx.sharedTags },
            propertyDependencies: { vpcId: [childKey(vpc)] },
            dependsOn: [vpc],
        },
        vpc,
    );

    // Zone by zone, public subnets first, as `initialize` loops (see planSubnets).
    const created: Created = { subnets: [], routeTables: [], associations: [], routes: [], natGateways: [], eips: [] };
    for (const planned of subnets) {
        subnetChildren(ctx, { name, natGatewayStrategy: args.natGatewayStrategy, vpc, igw }, planned, created);
    }

    const view = (children: RemoteChild[]) => children.map(resourceView);
    const subnetsOf = (type: string) => created.subnets.filter(([planned]) => planned.type === type).map(([, subnet]) => subnet);
    // An Output of ids none of which is known yet is itself unknown.
    const ids = (children: RemoteChild[]) => (containsUnknown(children.map(idOf)) ? unknownValue : children.map(idOf));
    const outputs = {
        vpc: resourceView(vpc),
        subnets: view(created.subnets.map(([, subnet]) => subnet)),
        publicSubnets: view(subnetsOf("Public")),
        privateSubnets: view(subnetsOf("Private")),
        isolatedSubnets: view(subnetsOf("Isolated")),
        routeTables: view(created.routeTables),
        routes: view(created.routes),
        routeTableAssociations: view(created.associations),
        internetGateway: resourceView(igw),
        natGateways: view(created.natGateways),
        eips: view(created.eips),
        // vpcConverters.ts `toResolvedSubnetSpecOutputs` keeps name, cidr and size, none given here.
        subnetLayout: args.subnetSpecs.map((spec) => ({ type: spec.type })),
        privateSubnetIds: ids(subnetsOf("Private")),
        publicSubnetIds: ids(subnetsOf("Public")),
        isolatedSubnetIds: ids(subnetsOf("Isolated")),
        vpcEndpoints: [],
        vpcId: idOf(vpc),
    };
    // The resources behind each output, as Construct returns them with it.
    const keys = (children: RemoteChild[]) => children.map(childKey);
    const outputDependencies = {
        vpc: keys([vpc]),
        subnets: keys(created.subnets.map(([, subnet]) => subnet)),
        publicSubnets: keys(subnetsOf("Public")),
        privateSubnets: keys(subnetsOf("Private")),
        isolatedSubnets: keys(subnetsOf("Isolated")),
        routeTables: keys(created.routeTables),
        routes: keys(created.routes),
        routeTableAssociations: keys(created.associations),
        internetGateway: keys([igw]),
        natGateways: keys(created.natGateways),
        eips: keys(created.eips),
        subnetLayout: inputDependencies(inputs, ["subnetSpecs"]),
        privateSubnetIds: keys(subnetsOf("Private")),
        publicSubnetIds: keys(subnetsOf("Public")),
        isolatedSubnetIds: keys(subnetsOf("Isolated")),
        vpcId: keys([vpc]),
    };
    // awsx/index.ts `construct` returns these (awsx/utils.ts `resourceToConstructResult`), but the
    // component, built by `initialize`, registers no outputs (ComponentResource `initializeAndRegisterOutputs`).
    return { outputs, stateOutputs: {}, outputDependencies, children: ctx.list.children };
}

/** The children of each planned subnet, in `created`. */
interface Created {
    subnets: [PlannedSubnet, RemoteChild][];
    routeTables: RemoteChild[];
    associations: RemoteChild[];
    routes: RemoteChild[];
    natGateways: RemoteChild[];
    eips: RemoteChild[];
}

/**
 * vpc.ts `initialize`, for one subnet: the subnet, its route table and association (all named
 * after it), the NAT gateway its zone gets when it is public, and its default route: public to
 * the internet gateway, private to the NAT gateway the strategy picks, isolated none.
 */
function subnetChildren(
    ctx: AwsxContext,
    vpcParts: { name: string; natGatewayStrategy: string; vpc: RemoteChild; igw: RemoteChild },
    planned: PlannedSubnet,
    created: Created,
): void {
    const { firstPreview } = ctx;
    const azIndex = planned.azNum - 1;
    const subnet = ec2Child(
        ctx,
        {
            type: "aws:ec2/subnet:Subnet",
            name: planned.resourceName,
            idPrefix: "subnet",
            arnType: "subnet",
            inputs: {
                vpcId: idOf(vpcParts.vpc),
                availabilityZone: planned.azName,
                mapPublicIpOnLaunch: planned.type === "Public",
                cidrBlock: planned.cidrBlock,
                assignIpv6AddressOnCreation: false,
                // handleIpv6Cidr applies to the VPC's ipv6CidrBlock: unknown until the VPC exists,
                // then "" without IPv6, which the apply turns into no input at all.
                ipv6CidrBlock: firstPreview ? unknownValue : undefined,
                tags: { ...ctx.sharedTags, ...((reveal(planned.tags) as object | null) ?? {}), Name: planned.resourceName, SubnetType: planned.type },
            },
            outputs: { ipv6CidrBlock: computed(firstPreview, ""), privateDnsHostnameTypeOnLaunch: "ip-name" },
            propertyDependencies: { vpcId: [childKey(vpcParts.vpc)], ...(firstPreview ? { ipv6CidrBlock: [childKey(vpcParts.vpc)] } : {}) },
            tagsFrom: ["tags", "subnetSpecs"],
            dependsOn: [vpcParts.vpc],
        },
        vpcParts.vpc,
    );
    created.subnets.push([planned, subnet]);
    const routeTable = ec2Child(
        ctx,
        {
            type: "aws:ec2/routeTable:RouteTable",
            name: planned.resourceName,
            idPrefix: "rtb",
            arnType: "route-table",
            inputs: { vpcId: idOf(vpcParts.vpc), tags: { ...ctx.sharedTags, Name: planned.resourceName, SubnetType: planned.type } },
            outputs: { propagatingVgws: [], routes: computed(firstPreview, []) },
            propertyDependencies: { vpcId: [childKey(vpcParts.vpc)] },
            dependsOn: [subnet],
        },
        subnet,
    );
    created.routeTables.push(routeTable);
    created.associations.push(
        ec2Child(
            ctx,
            {
                type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
                name: planned.resourceName,
                idPrefix: "rtbassoc",
                inputs: { routeTableId: idOf(routeTable), subnetId: idOf(subnet) },
                outputs: { gatewayId: "" },
                propertyDependencies: { routeTableId: [childKey(routeTable)], subnetId: [childKey(subnet)] },
                dependsOn: [routeTable],
            },
            routeTable,
        ),
    );
    if (planned.type === "Public" && shouldCreateNatGateway(vpcParts.natGatewayStrategy, created.natGateways.length, azIndex)) {
        created.natGateways.push(natGateway(ctx, vpcParts.name, azIndex, subnet, created.eips));
    }
    const nat = vpcParts.natGatewayStrategy.toLowerCase() === "single" ? created.natGateways[0] : created.natGateways[azIndex];
    const target = planned.type === "Public" ? { key: "gatewayId", via: vpcParts.igw } : planned.type === "Private" && nat ? { key: "natGatewayId", via: nat } : undefined;
    if (target) {
        created.routes.push(
            ec2Child(
                ctx,
                {
                    type: "aws:ec2/route:Route",
                    name: planned.resourceName,
                    // The AWS provider's id: the route table's and the hash of the destination, 1080289494 for 0.0.0.0/0.
                    id: `r-${idOf(routeTable)}1080289494`,
                    inputs: { routeTableId: idOf(routeTable), [target.key]: idOf(target.via), destinationCidrBlock: "0.0.0.0/0" },
                    outputs: { origin: computed(firstPreview, "CreateRoute"), state: computed(firstPreview, "active") },
                    propertyDependencies: { routeTableId: [childKey(routeTable)], [target.key]: [childKey(target.via)] },
                    dependsOn: [routeTable],
                },
                routeTable,
            ),
        );
    }
}

/** The VPC's values AWS fills in: its main route table, default security group and ACL. */
function vpcDefaults(ctx: AwsxContext, name: string): Record<string, unknown> {
    const c = <T>(value: T) => computed(ctx.firstPreview, value);
    const mainRouteTableId = ec2Id("rtb", `${name}-main`);
    return {
        instanceTenancy: "default",
        enableDnsHostnames: reveal(ctx.inputs.enableDnsHostnames) ?? false,
        enableDnsSupport: reveal(ctx.inputs.enableDnsSupport) ?? true,
        enableNetworkAddressUsageMetrics: c(false),
        mainRouteTableId: c(mainRouteTableId),
        defaultRouteTableId: c(mainRouteTableId),
        defaultSecurityGroupId: c(ec2Id("sg", `${name}-default`)),
        defaultNetworkAclId: c(ec2Id("acl", `${name}-default`)),
        dhcpOptionsId: c(ec2Id("dopt", `${name}-default`)),
    };
}

/** An Elastic IP and a NAT gateway `${name}-${azIndex + 1}` in a public subnet. */
function natGateway(ctx: AwsxContext, name: string, azIndex: number, subnet: RemoteChild, eips: RemoteChild[]): RemoteChild {
    const { firstPreview } = ctx;
    const gatewayName = `${name}-${azIndex + 1}`;
    const tags = { ...((reveal(ctx.inputs.tags) as object | null) ?? {}), Name: gatewayName };
    const publicIp = `198.51.100.${parseInt(hex(gatewayName, 2), 16) % 254 + 1}`;
    const eip = ec2Child(
        ctx,
        {
            type: "aws:ec2/eip:Eip",
            name: gatewayName,
            idPrefix: "eipalloc",
            arnType: "elastic-ip",
            inputs: { tags },
            outputs: { domain: "vpc", publicIp: computed(firstPreview, publicIp), networkBorderGroup: ctx.env.region },
            dependsOn: [subnet],
        },
        subnet,
    );
    eip.outputs.allocationId = idOf(eip);
    eips.push(eip);
    return ec2Child(
        ctx,
        {
            type: "aws:ec2/natGateway:NatGateway",
            name: gatewayName,
            idPrefix: "nat",
            inputs: { subnetId: idOf(subnet), allocationId: eip.outputs.allocationId, tags },
            outputs: { connectivityType: "public", publicIp: eip.outputs.publicIp, networkInterfaceId: computed(firstPreview, ec2Id("eni", gatewayName)) },
            propertyDependencies: { subnetId: [childKey(subnet)], allocationId: [childKey(eip)] },
            dependsOn: [subnet],
        },
        subnet,
    );
}
