import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { KarpenterClusterArgs } from "../../components";
import { policyOf, registerCluster } from "../support/stack";

const privateOnly: KarpenterClusterArgs = {
    clusterName: "private",
    network: { cidrBlock: "10.40.0.0/16", natGateways: "None" },
    endpoint: { publicAccess: false, privateAccessCidrs: ["10.99.0.0/24"] },
};
/** The mocked account's registry in the mocked region. */
const registry = "123456789012.dkr.ecr.us-west-2.amazonaws.com";

describe("KarpenterCluster private networking", () => {
    it("without NAT: isolated subnets, every endpoint, HTTPS from the VPC only, isolatedVPC and the private endpoint wired", async () => {
        const stack = await registerCluster(privateOnly);
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

    it("creates no endpoint, no cache and no endpoint access rule unless asked", async () => {
        const stack = await registerCluster({});
        assert.deepEqual(stack.ofType("aws:ec2/vpcEndpoint:VpcEndpoint"), []);
        assert.deepEqual(stack.ofType("aws:ec2/securityGroup:SecurityGroup"), []);
        assert.deepEqual(stack.ofType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule"), []);
        assert.deepEqual(stack.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
        const values = stack.byName("test-karpenter").inputs.values as Record<string, any>;
        assert.equal(values.controller.image, undefined);
    });
});

describe("KarpenterCluster private endpoint access", () => {
    it("admits each CIDR and security group on 443 to the cluster security group, before any Kubernetes call", async () => {
        const stack = await registerCluster({
            ...privateOnly,
            endpoint: { publicAccess: false, privateAccessCidrs: ["10.99.0.0/24"], privateAccessSecurityGroupIds: ["sg-0123456789abcdef0", pulumi.output("sg-0fedcba9876543210")] },
        });
        const clusterSecurityGroup = stack.one("eks:index:Cluster").outputs.clusterSecurityGroupId;
        assert.match(String(clusterSecurityGroup), /^sg-[0-9a-f]{17}$/);
        const rules = stack.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.deepEqual(
            rules.map((r) => [r.name, r.inputs.securityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4, r.inputs.referencedSecurityGroupId]),
            [
                ["test-endpoint-access-10-99-0-0-24", clusterSecurityGroup, "tcp", 443, 443, "10.99.0.0/24", undefined],
                ["test-endpoint-access-sg-0123456789abcdef0", clusterSecurityGroup, "tcp", 443, 443, undefined, "sg-0123456789abcdef0"],
                ["test-endpoint-access-security-group-1", clusterSecurityGroup, "tcp", 443, 443, undefined, "sg-0fedcba9876543210"],
            ],
        );
        // The Helm releases and every object go through this provider.
        for (const rule of rules) {
            assert.ok(stack.dependsOn("test-k8s", rule.name), rule.name);
        }
    });
});

describe("KarpenterCluster ECR pull-through cache", () => {
    it("in an isolated VPC: a rule for ECR Public, the controller and smoke-test images through it, import allowed on its repositories only", async () => {
        const stack = await registerCluster({ ...privateOnly, smokeTest: { enabled: true } });
        const rule = stack.one("aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
        assert.deepEqual(rule.inputs, { ecrRepositoryPrefix: "ecr-public-private", upstreamRegistryUrl: "public.ecr.aws" });

        const values = stack.byName("test-karpenter").inputs.values as Record<string, any>;
        // Only the repository: the chart's tag and digest stay those of the pinned release.
        assert.deepEqual(values.controller.image, { repository: `${registry}/ecr-public-private/karpenter/controller` });
        const inflate = stack.one("kubernetes:apps/v1:Deployment").inputs.spec as Record<string, any>;
        assert.equal(inflate.template.spec.containers[0].image, `${registry}/ecr-public-private/eks-distro/kubernetes/pause:3.7`);

        const policies = stack.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.endsWith("-pull-through-cache"));
        assert.deepEqual(policies.map((p) => [p.name, p.inputs.role]).sort(), [
            ["test-critical-addons-node-pull-through-cache", "private-critical-addons-node"],
            ["test-node-pull-through-cache", "KarpenterNodeRole-private"],
        ]);
        for (const policy of policies) {
            assert.deepEqual(policyOf(policy, "policy").Statement, [
                {
                    Sid: "ImportThroughPullThroughCache",
                    Effect: "Allow",
                    Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                    Resource: "arn:aws:ecr:us-west-2:123456789012:repository/ecr-public-private/*",
                },
            ]);
        }
        // The critical-addons role is named, not referenced: its policy waits for the role, and not
        // for the node group, so it adds nothing to the path to the controller release.
        assert.ok(stack.dependsOn("test-critical-addons-node-pull-through-cache", "test-critical-addons-node-role"));
        assert.ok(!stack.dependsOn("test-critical-addons-node-pull-through-cache", "test-critical-addons"));
        for (const consumer of ["test-karpenter", "test-smoke-test"]) {
            for (const dependency of ["test-ecr-public-cache", ...policies.map((p) => p.name)]) {
                assert.ok(stack.dependsOn(consumer, dependency), `${consumer} -> ${dependency}`);
            }
        }
    });

    it("pulls NTH's image through it too, and lets the Fargate pod execution role import when the controller runs there", async () => {
        const stack = await registerCluster({ ...privateOnly, karpenter: { interruption: "nodeTerminationHandler", placement: "fargate" } });
        const nth = stack.byName("test-nth").inputs.values as Record<string, any>;
        assert.deepEqual(nth.image, { repository: `${registry}/ecr-public-private/aws-ec2/aws-node-termination-handler` });
        const fargate = stack.byName("test-fargate-pull-through-cache");
        assert.equal(fargate.inputs.role, "private-karpenter-fargate");
        assert.ok(stack.dependsOn("test-fargate-pull-through-cache", "test-karpenter-fargate"));
        assert.ok(stack.dependsOn("test-karpenter", "test-fargate-pull-through-cache"));
    });

    it("leaves images alone with the cache off, and an image from another registry alone with it on", async () => {
        const off = await registerCluster({ ...privateOnly, network: { ...privateOnly.network, pullThroughCache: { enabled: false } }, karpenter: { extraValues: { controller: { image: { repository: "registry.example.com/karpenter/controller" } } } } });
        assert.deepEqual(off.ofType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule"), []);
        assert.deepEqual((off.byName("test-karpenter").inputs.values as Record<string, any>).controller.image, { repository: "registry.example.com/karpenter/controller" });

        const elsewhere = await registerCluster({ ...privateOnly, smokeTest: { enabled: true, image: "registry.example.com/pause:3.9" } });
        const inflate = elsewhere.one("kubernetes:apps/v1:Deployment").inputs.spec as Record<string, any>;
        assert.equal(inflate.template.spec.containers[0].image, "registry.example.com/pause:3.9");
    });

    it("can be asked for with NAT too, under a prefix of the user's", async () => {
        const stack = await registerCluster({ network: { pullThroughCache: { enabled: true, repositoryPrefix: "mirror/ecr-public" } } });
        assert.equal(stack.one("aws:ecr/pullThroughCacheRule:PullThroughCacheRule").inputs.ecrRepositoryPrefix, "mirror/ecr-public");
        const values = stack.byName("test-karpenter").inputs.values as Record<string, any>;
        assert.deepEqual(values.controller.image, { repository: `${registry}/mirror/ecr-public/karpenter/controller` });
    });
});
