import * as assert from "node:assert/strict";
import { expandRemoteComponent } from "../../../plan/remote";
import { Children, devVpcInputs, env, privateVpcInputs, unknown } from "./fixtures";

const type = "awsx:ec2:Vpc";
const expand = (inputs: Record<string, unknown>, options: { firstPreview?: boolean; region?: string } = {}) =>
    new Children(expandRemoteComponent(type, "cluster-vpc", inputs, { ...env, region: options.region ?? env.region }, options.firstPreview ?? false)!);

describe("awsx:ec2:Vpc expansion (awsx 3.9.0)", () => {
    describe("the dev stack's arguments: private and public subnets in three zones, one NAT gateway", () => {
        const vpc = expand(devVpcInputs());

        it("creates the VPC, its gateway, then zone by zone each subnet with its route table, association and route", () => {
            const perSubnet = (name: string) => [
                `aws:ec2/subnet:Subnet::${name}`,
                `aws:ec2/routeTable:RouteTable::${name}`,
                `aws:ec2/routeTableAssociation:RouteTableAssociation::${name}`,
            ];
            assert.deepEqual(vpc.keys(), [
                "aws:ec2/vpc:Vpc::cluster-vpc",
                "aws:ec2/internetGateway:InternetGateway::cluster-vpc",
                ...perSubnet("cluster-vpc-public-1"),
                "aws:ec2/eip:Eip::cluster-vpc-1",
                "aws:ec2/natGateway:NatGateway::cluster-vpc-1",
                "aws:ec2/route:Route::cluster-vpc-public-1",
                ...perSubnet("cluster-vpc-private-1"),
                "aws:ec2/route:Route::cluster-vpc-private-1",
                ...[2, 3].flatMap((zone) => [
                    ...perSubnet(`cluster-vpc-public-${zone}`),
                    `aws:ec2/route:Route::cluster-vpc-public-${zone}`,
                    ...perSubnet(`cluster-vpc-private-${zone}`),
                    `aws:ec2/route:Route::cluster-vpc-private-${zone}`,
                ]),
            ]);
            for (const child of vpc.list) {
                assert.deepEqual(child.provider, { type: "pulumi:providers:aws", name: "default_7_43_0" }, child.name);
            }
        });

        it("names a subnet's route table, association and route after it: only type and name together are unique", () => {
            const keys = vpc.keys();
            assert.equal(new Set(keys).size, keys.length);
            assert.equal(vpc.list.filter((c) => c.name === "cluster-vpc-public-1").length, 4);
        });

        it("splits the /16 into a /18 per zone and a /19 per spec, in spec order", () => {
            const cidrs = vpc.ofType("aws:ec2/subnet:Subnet").map((s) => `${s.name} ${s.inputs.availabilityZone} ${s.inputs.cidrBlock}`);
            assert.deepEqual(cidrs, [
                "cluster-vpc-public-1 us-west-2a 10.20.32.0/19",
                "cluster-vpc-private-1 us-west-2a 10.20.0.0/19",
                "cluster-vpc-public-2 us-west-2b 10.20.96.0/19",
                "cluster-vpc-private-2 us-west-2b 10.20.64.0/19",
                "cluster-vpc-public-3 us-west-2c 10.20.160.0/19",
                "cluster-vpc-private-3 us-west-2c 10.20.128.0/19",
            ]);
        });

        it("tags each subnet with the VPC's tags, its spec's, its own name and its type", () => {
            const subnet = vpc.one("aws:ec2/subnet:Subnet", "cluster-vpc-private-2");
            assert.deepEqual(subnet.inputs.tags, {
                Name: "cluster-vpc-private-2",
                environment: "dev",
                owner: "platform-team",
                "karpenter.sh/discovery": "karpenter-dev",
                "kubernetes.io/role/internal-elb": "1",
                SubnetType: "Private",
            });
            assert.equal(subnet.inputs.mapPublicIpOnLaunch, false);
            assert.deepEqual([subnet.parentType, subnet.parentName], ["aws:ec2/vpc:Vpc", "cluster-vpc"]);
            const routeTable = vpc.one("aws:ec2/routeTable:RouteTable", "cluster-vpc-private-2");
            assert.deepEqual([routeTable.parentType, routeTable.parentName], ["aws:ec2/subnet:Subnet", "cluster-vpc-private-2"]);
        });

        it("routes public subnets to the internet gateway and every private one to the single NAT gateway", () => {
            const igw = vpc.one("aws:ec2/internetGateway:InternetGateway", "cluster-vpc");
            const nat = vpc.one("aws:ec2/natGateway:NatGateway", "cluster-vpc-1");
            const eip = vpc.one("aws:ec2/eip:Eip", "cluster-vpc-1");
            assert.equal(nat.inputs.allocationId, eip.id);
            assert.equal(nat.inputs.subnetId, vpc.one("aws:ec2/subnet:Subnet", "cluster-vpc-public-1").id);
            for (const zone of [1, 2, 3]) {
                assert.equal(vpc.one("aws:ec2/route:Route", `cluster-vpc-public-${zone}`).inputs.gatewayId, igw.id);
                assert.equal(vpc.one("aws:ec2/route:Route", `cluster-vpc-private-${zone}`).inputs.natGatewayId, nat.id);
            }
        });

        it("returns ids and associations that are its children's", () => {
            const { outputs } = vpc.expansion;
            const ids = (prefix: string) => vpc.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith(prefix)).map((s) => s.id);
            assert.equal(outputs.vpcId, vpc.one("aws:ec2/vpc:Vpc", "cluster-vpc").id);
            assert.deepEqual(outputs.privateSubnetIds, ids("cluster-vpc-private"));
            assert.deepEqual(outputs.publicSubnetIds, ids("cluster-vpc-public"));
            assert.deepEqual(outputs.isolatedSubnetIds, []);
            const associations = outputs.routeTableAssociations as { subnetId: string; routeTableId: string }[];
            const privateOne = vpc.one("aws:ec2/routeTableAssociation:RouteTableAssociation", "cluster-vpc-private-1");
            assert.ok(associations.some((a) => a.subnetId === privateOne.inputs.subnetId && a.routeTableId === privateOne.inputs.routeTableId));
            assert.deepEqual(outputs.subnetLayout, [{ type: "Private" }, { type: "Public" }]);
            // The component registers no outputs of its own: it is built by `initialize`.
            assert.deepEqual(vpc.expansion.stateOutputs, {});
        });

        it("says what each input of a child and each output is made from", () => {
            const vpcKey = "aws:ec2/vpc:Vpc::cluster-vpc";
            const subnet = vpc.one("aws:ec2/subnet:Subnet", "cluster-vpc-private-1");
            assert.deepEqual(subnet.propertyDependencies, { vpcId: [vpcKey], tags: ["input:tags", "input:subnetSpecs"] });
            assert.deepEqual(subnet.dependsOn, [vpcKey]);
            const route = vpc.one("aws:ec2/route:Route", "cluster-vpc-private-1");
            assert.deepEqual(route.propertyDependencies, {
                routeTableId: ["aws:ec2/routeTable:RouteTable::cluster-vpc-private-1"],
                natGatewayId: ["aws:ec2/natGateway:NatGateway::cluster-vpc-1"],
            });
            assert.deepEqual(vpc.one("aws:ec2/route:Route", "cluster-vpc-public-1").propertyDependencies.gatewayId, ["aws:ec2/internetGateway:InternetGateway::cluster-vpc"]);
            const deps = vpc.expansion.outputDependencies;
            assert.deepEqual(deps.vpcId, [vpcKey]);
            assert.deepEqual(deps.privateSubnetIds, [1, 2, 3].map((zone) => `aws:ec2/subnet:Subnet::cluster-vpc-private-${zone}`));
        });

        it("gives a subnet no IPv6 block once its VPC exists without one", () => {
            const subnet = vpc.one("aws:ec2/subnet:Subnet", "cluster-vpc-public-1");
            assert.equal("ipv6CidrBlock" in subnet.inputs, false);
            assert.equal(subnet.outputs.ipv6CidrBlock, "");
        });
    });

    describe("NAT gateway strategies", () => {
        it("OnePerAz gives each zone its gateway, and each private subnet its zone's", () => {
            const vpc = expand({ ...devVpcInputs(), natGateways: { strategy: "OnePerAz" } });
            assert.deepEqual(vpc.ofType("aws:ec2/natGateway:NatGateway").map((n) => n.parentName), ["cluster-vpc-public-1", "cluster-vpc-public-2", "cluster-vpc-public-3"]);
            assert.equal(vpc.one("aws:ec2/route:Route", "cluster-vpc-private-2").inputs.natGatewayId, vpc.one("aws:ec2/natGateway:NatGateway", "cluster-vpc-2").id);
        });

        it("an absent strategy is OnePerAz", () => {
            assert.equal(expand({ ...devVpcInputs(), natGateways: null }).ofType("aws:ec2/natGateway:NatGateway").length, 3);
        });

        it("the private stack's None with isolated subnets has no NAT, no EIP and no route, and a /18 per subnet", () => {
            const vpc = expand(privateVpcInputs(), { region: "eu-central-1" });
            assert.deepEqual(vpc.ofType("aws:ec2/natGateway:NatGateway"), []);
            assert.deepEqual(vpc.ofType("aws:ec2/eip:Eip"), []);
            assert.deepEqual(vpc.ofType("aws:ec2/route:Route"), []);
            assert.deepEqual(
                vpc.ofType("aws:ec2/subnet:Subnet").map((s) => `${s.name} ${s.inputs.availabilityZone} ${s.inputs.cidrBlock}`),
                ["cluster-vpc-isolated-1 eu-central-1a 10.40.0.0/18", "cluster-vpc-isolated-2 eu-central-1b 10.40.64.0/18", "cluster-vpc-isolated-3 eu-central-1c 10.40.128.0/18"],
            );
            assert.deepEqual(vpc.expansion.outputs.isolatedSubnetIds, vpc.ofType("aws:ec2/subnet:Subnet").map((s) => s.id));
            assert.deepEqual(vpc.expansion.outputs.privateSubnetIds, []);
            // Created whatever the subnets (vpc.ts: AWS does not charge for it).
            assert.equal(vpc.ofType("aws:ec2/internetGateway:InternetGateway").length, 1);
        });
    });

    describe("the first preview", () => {
        const vpc = expand(devVpcInputs(), { firstPreview: true });

        it("knows the layout and the names, not the ids", () => {
            const { outputs } = vpc.expansion;
            assert.equal(outputs.vpcId, unknown);
            assert.equal(outputs.privateSubnetIds, unknown);
            assert.deepEqual(outputs.subnetLayout, [{ type: "Private" }, { type: "Public" }]);
            const subnet = vpc.one("aws:ec2/subnet:Subnet", "cluster-vpc-private-1");
            assert.deepEqual([subnet.id, subnet.inputs.vpcId, subnet.inputs.cidrBlock], [undefined, unknown, "10.20.0.0/19"]);
            const associations = outputs.routeTableAssociations as Record<string, unknown>[];
            assert.deepEqual(associations.map((a) => a.subnetId), Array(6).fill(unknown));
        });

        it("leaves a subnet's IPv6 block unknown, from its VPC's, which handleIpv6Cidr waits for", () => {
            const subnet = vpc.one("aws:ec2/subnet:Subnet", "cluster-vpc-private-1");
            assert.deepEqual([subnet.inputs.ipv6CidrBlock, subnet.outputs.ipv6CidrBlock], [unknown, unknown]);
            assert.deepEqual(subnet.propertyDependencies.ipv6CidrBlock, ["aws:ec2/vpc:Vpc::cluster-vpc"]);
        });
    });

    describe("inputs awsx 3.9.0 cannot take", () => {
        it("fails on subnetSpecs: null, which validateAndNormalizeSubnetInputs iterates", () => {
            assert.throws(
                () => expand({ ...devVpcInputs(), subnetSpecs: null }),
                (error: Error) => error.message.startsWith('awsx:ec2:Vpc "cluster-vpc": subnetSpecs is null; awsx 3.9.0 iterates it in validateAndNormalizeSubnetInputs'),
            );
        });

        it("fails on a spec without a type, and on region: null", () => {
            assert.throws(() => expand({ ...devVpcInputs(), subnetSpecs: [{ tags: {} }] }), /subnetSpecs\[0\]\.type is missing/);
            assert.throws(() => expand({ ...devVpcInputs(), region: null }), /region is null; .*Vpc\.region must be a plain string/);
        });

        it("fails when the region has fewer zones than asked for", () => {
            assert.throws(() => expand(devVpcInputs(), { region: "us-west-1" }), /numberOfAvailabilityZones 3 in us-west-1: .*does not have at least 3 Availability Zones/);
        });

        it("fails when NAT gateways have no public subnet to stand in", () => {
            assert.throws(() => expand({ ...privateVpcInputs(), natGateways: { strategy: "Single" } }), /public subnets must be declared to host the NAT Gateway/);
        });

        it("refuses the branches it does not follow, naming the argument", () => {
            assert.throws(() => expand({ ...devVpcInputs(), subnetStrategy: "Legacy" }), /subnetStrategy "Legacy" is not emulated/);
            assert.throws(() => expand({ ...devVpcInputs(), subnetSpecs: [{ type: "Private", cidrMask: 20 }] }), /subnetSpecs\[0\]\.cidrMask \(any value\) is not emulated/);
        });
    });
});
