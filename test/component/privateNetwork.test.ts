import * as assert from "node:assert/strict";
import { registerCluster } from "../support/stack";

describe("KarpenterCluster private networking", () => {
    it("without NAT: isolated subnets, every endpoint, HTTPS from the VPC only, isolatedVPC and the private endpoint wired", async () => {
        const stack = await registerCluster({ clusterName: "private", network: { cidrBlock: "10.40.0.0/16", natGateways: "None" }, endpoint: { publicAccess: false } });
        const vpc = stack.one("awsx:ec2:Vpc");
        assert.deepEqual(vpc.inputs.natGateways, { strategy: "None" });
        assert.deepEqual((vpc.inputs.subnetSpecs as { type: string }[]).map((s) => s.type), ["Isolated"]);

        const endpoints = stack.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
        assert.deepEqual(
            endpoints.map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]).sort(),
            [
                ["com.amazonaws.us-west-2.sts", "Interface"],
                ["com.amazonaws.us-west-2.ec2", "Interface"],
                ["com.amazonaws.us-west-2.ssm", "Interface"],
                ["com.amazonaws.us-west-2.ecr.api", "Interface"],
                ["com.amazonaws.us-west-2.ecr.dkr", "Interface"],
                ["com.amazonaws.us-west-2.eks", "Interface"],
                ["com.amazonaws.us-west-2.sqs", "Interface"],
                ["com.amazonaws.us-west-2.s3", "Gateway"],
            ].sort(),
        );
        const isolatedSubnets = stack.one("eks:index:Cluster").inputs.privateSubnetIds as string[];
        const securityGroup = stack.one("aws:ec2/securityGroup:SecurityGroup");
        for (const endpoint of endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface")) {
            assert.equal(endpoint.inputs.privateDnsEnabled, true, endpoint.name);
            assert.deepEqual(endpoint.inputs.subnetIds, isolatedSubnets, endpoint.name);
            assert.deepEqual(endpoint.inputs.securityGroupIds, [securityGroup.id], endpoint.name);
        }
        assert.deepEqual(securityGroup.inputs.ingress, [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.40.0.0/16"], description: "HTTPS from the VPC" },
        ]);
        assert.deepEqual(securityGroup.inputs.egress, []);
        // The mock VPC gives each isolated subnet its own route table.
        assert.equal((stack.byName("test-endpoint-s3").inputs.routeTableIds as string[]).length, 3);

        const settings = (stack.byName("test-karpenter").inputs.values as Record<string, any>).settings;
        assert.equal(settings.isolatedVPC, true);
        assert.match(settings.clusterEndpoint, /^https:\/\/[0-9A-F]+\.gr7\.us-west-2\.eks\.amazonaws\.com$/);
        // Karpenter cannot create instance profiles without IAM, which has no VPC endpoint.
        const nodeClass = stack.one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass").inputs.spec as Record<string, unknown>;
        assert.deepEqual([nodeClass.instanceProfile, nodeClass.role], ["KarpenterNodeInstanceProfile-private", undefined]);
        assert.equal(stack.one("aws:iam/instanceProfile:InstanceProfile").inputs.role, "KarpenterNodeRole-private");
        assert.ok(stack.dependsOn("test-critical-addons", "test-endpoint-sts"));
        assert.ok(stack.dependsOn("test-critical-addons", "test-endpoint-s3"));
        assert.ok(stack.dependsOn("test-karpenter", "test-endpoint-ecr-dkr"));
    });

    it("in an existing VPC: given route tables, the VPC's own CIDR blocks, EKS Auth with Pod Identity, excluded services left out", async () => {
        const stack = await registerCluster({
            network: {
                vpcId: "vpc-0123456789abcdef0",
                privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
                vpcEndpoints: { enabled: true, exclude: ["ssm"], routeTableIds: ["rtb-0aaaaaaaaaaaaaaa1"], additionalServices: ["logs"] },
            },
            karpenter: { identity: "podIdentity", interruption: "none" },
        });
        const services = stack.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => (e.inputs.serviceName as string).replace("com.amazonaws.us-west-2.", ""));
        assert.deepEqual(services.sort(), ["ec2", "ecr.api", "ecr.dkr", "eks", "eks-auth", "logs", "s3", "sts"]);
        assert.deepEqual(stack.byName("test-endpoint-s3").inputs.routeTableIds, ["rtb-0aaaaaaaaaaaaaaa1"]);
        // The mocked getVpc answers with the VPC's CIDR associations.
        assert.deepEqual((stack.one("aws:ec2/securityGroup:SecurityGroup").inputs.ingress as any[])[0].cidrBlocks, ["10.0.0.0/16"]);
        assert.equal((stack.byName("test-karpenter").inputs.values as Record<string, any>).settings.isolatedVPC, false);
    });

    it("creates no endpoint unless asked", async () => {
        const stack = await registerCluster({});
        assert.deepEqual(stack.ofType("aws:ec2/vpcEndpoint:VpcEndpoint"), []);
        assert.deepEqual(stack.ofType("aws:ec2/securityGroup:SecurityGroup"), []);
    });
});
