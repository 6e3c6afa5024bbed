import * as assert from "node:assert/strict";
import { awsNameLimits } from "../../components";
import { policyOf, registerCluster } from "../support/stack";

const account = "123456789012";

describe("KarpenterCluster options", () => {
    it("tags the subnets of an existing VPC with aws.ec2.Tag and creates no VPC", async () => {
        const stack = await registerCluster({
            clusterName: "byo",
            network: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"] },
        });
        assert.deepEqual(stack.ofType("awsx:ec2:Vpc"), []);
        const subnetTags = stack.ofType("aws:ec2/tag:Tag").filter((t) => (t.inputs.resourceId as string).startsWith("subnet-"));
        assert.deepEqual(
            subnetTags.map((t) => [t.name, t.inputs.resourceId, t.inputs.key, t.inputs.value]),
            [
                ["test-discovery-subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa1", "karpenter.sh/discovery", "byo"],
                ["test-discovery-subnet-0bbbbbbbbbbbbbbb2", "subnet-0bbbbbbbbbbbbbbb2", "karpenter.sh/discovery", "byo"],
            ],
        );
        const cluster = stack.one("eks:index:Cluster");
        assert.equal(cluster.inputs.vpcId, "vpc-0123456789abcdef0");
        assert.deepEqual(cluster.inputs.privateSubnetIds, ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]);
    });

    it("makes a private-only endpoint possible, with a way in for the deployer", async () => {
        const stack = await registerCluster({ endpoint: { publicAccess: false, privateAccessSecurityGroupIds: ["sg-0123456789abcdef0"] } });
        const cluster = stack.one("eks:index:Cluster");
        assert.deepEqual([cluster.inputs.endpointPublicAccess, cluster.inputs.endpointPrivateAccess, cluster.inputs.publicAccessCidrs], [false, true, undefined]);
        assert.equal(stack.one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs.referencedSecurityGroupId, "sg-0123456789abcdef0");
    });

    it("uses EKS Pod Identity: agent add-on, association, pods.eks trust, no IRSA annotation", async () => {
        const stack = await registerCluster({ clusterName: "pid", karpenter: { identity: "podIdentity", serviceAccount: "karpenter-controller" } });
        const association = stack.one("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.deepEqual([association.inputs.namespace, association.inputs.serviceAccount, association.inputs.roleArn], ["kube-system", "karpenter-controller", `arn:aws:iam::${account}:role/KarpenterController-pid`]);
        assert.equal(stack.one("aws:eks/addon:Addon").inputs.addonName, "eks-pod-identity-agent");
        const trust = policyOf(stack.byName("test-controller-role"), "assumeRolePolicy").Statement[0];
        assert.deepEqual(trust.Principal, { Service: "pods.eks.amazonaws.com" });
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], "karpenter-controller");
        const values = stack.byName("test-karpenter").inputs.values as Record<string, any>;
        assert.deepEqual(values.serviceAccount, { create: true, name: "karpenter-controller", annotations: {} });
        assert.ok(stack.dependsOn("test-karpenter", "test-controller-pod-identity"));
        assert.ok(stack.dependsOn("test-karpenter", "test-pod-identity-agent"));
    });

    it("runs the controller on a Fargate profile that selects only its pods", async () => {
        const stack = await registerCluster({ karpenter: { placement: "fargate", namespace: "karpenter" } });
        const profile = stack.one("aws:eks/fargateProfile:FargateProfile");
        assert.deepEqual(profile.inputs.selectors, [{ namespace: "karpenter", labels: { "app.kubernetes.io/name": "karpenter" } }]);
        assert.equal(stack.one("kubernetes:core/v1:Namespace").inputs.metadata && (stack.one("kubernetes:core/v1:Namespace").inputs.metadata as any).name, "karpenter");
        const values = stack.byName("test-karpenter").inputs.values as Record<string, any>;
        assert.deepEqual(values.nodeSelector, { "kubernetes.io/os": "linux" });
        assert.ok(stack.dependsOn("test-karpenter", "test-karpenter-fargate"));
        const trust = policyOf(stack.byName("test-controller-role"), "assumeRolePolicy").Statement[0];
        assert.equal(Object.values(trust.Condition.StringEquals)[0], "system:serviceaccount:karpenter:karpenter");
    });

    it("hands the queue to the Node Termination Handler and turns Karpenter's own handling off", async () => {
        const stack = await registerCluster({ clusterName: "nth", karpenter: { interruption: "nodeTerminationHandler" } });
        const karpenterValues = stack.byName("test-karpenter").inputs.values as Record<string, any>;
        assert.equal(karpenterValues.settings.interruptionQueue, "");
        assert.equal(stack.has("test-controller-Interruption-policy"), false);
        const nth = stack.byName("test-nth");
        assert.deepEqual([nth.inputs.chart, nth.inputs.version], ["oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler", "0.27.6"]);
        const values = nth.inputs.values as Record<string, any>;
        assert.equal(values.enableSqsTerminationDraining, true);
        assert.equal(values.queueURL, `https://sqs.us-west-2.amazonaws.com/${account}/nth`);
        const trust = policyOf(stack.byName("test-nth-role"), "assumeRolePolicy").Statement[0];
        assert.equal(Object.values(trust.Condition.StringEquals)[0], "system:serviceaccount:kube-system:aws-node-termination-handler");
        assert.equal(policyOf(stack.byName("test-nth-policy"), "policy").Statement[0].Resource, `arn:aws:sqs:us-west-2:${account}:nth`);
        const nodeClass = stack.one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass");
        assert.equal((nodeClass.inputs.spec as any).tags["aws-node-termination-handler/managed"], "true");
        assert.equal(stack.ofType("aws:cloudwatch/eventRule:EventRule").length, 5);
    });

    it("creates no queue and no rules without interruption handling", async () => {
        const stack = await registerCluster({ karpenter: { interruption: "none" } });
        assert.deepEqual(stack.ofType("aws:sqs/queue:Queue"), []);
        assert.deepEqual(stack.ofType("aws:cloudwatch/eventRule:EventRule"), []);
        assert.equal((stack.byName("test-karpenter").inputs.values as any).settings.interruptionQueue, "");
    });

    it("creates the instance profile a node class names, with exactly that name", async () => {
        const stack = await registerCluster({ karpenter: { nodeClasses: [{ name: "default", instanceProfile: "eks-node-role-dev" }] } });
        const profile = stack.one("aws:iam/instanceProfile:InstanceProfile");
        assert.equal(profile.inputs.name, "eks-node-role-dev");
        assert.equal(profile.inputs.role, "KarpenterNodeRole-test");
        const spec = stack.one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass").inputs.spec as any;
        assert.deepEqual([spec.instanceProfile, spec.role], ["eks-node-role-dev", undefined]);
    });

    it("lets a node class use an existing role: the controller may pass it and its nodes may join", async () => {
        const stack = await registerCluster({
            karpenter: { nodeClasses: [{ name: "default" }, { name: "gpu", role: "gpu-nodes" }], nodePools: [{ name: "default" }, { name: "gpu", nodeClass: "gpu" }] },
        });
        const passRole = policyOf(stack.byName("test-controller-IAMIntegration-policy"), "policy").Statement[0];
        assert.deepEqual(passRole.Resource, [`arn:aws:iam::${account}:role/KarpenterNodeRole-test`, `arn:aws:iam::${account}:role/gpu-nodes`]);
        assert.equal(stack.byName("test-node-access-gpu-nodes").inputs.principalArn, `arn:aws:iam::${account}:role/gpu-nodes`);
        assert.ok(stack.dependsOn("test-nodepool-gpu", "test-nodeclass-gpu"));
    });

    it("adds extra controller statements, extra node policies and the spot service-linked role on request", async () => {
        const stack = await registerCluster({
            spotServiceLinkedRole: true,
            nodeRole: { additionalPolicies: { cloudwatch: "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", ssm: "arn:aws:iam::111122223333:policy/custom-ssm" } },
            karpenter: { extraPolicyStatements: [{ Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" }] },
        });
        assert.equal(stack.one("aws:iam/serviceLinkedRole:ServiceLinkedRole").inputs.awsServiceName, "spot.amazonaws.com");
        assert.equal(stack.byName("test-node-extra-cloudwatch-attachment").inputs.policyArn, "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");
        // A user key that matches a generated one adds a policy and never replaces the required one.
        assert.equal(stack.byName("test-node-ssm-attachment").inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assert.equal(stack.byName("test-node-extra-ssm-attachment").inputs.policyArn, "arn:aws:iam::111122223333:policy/custom-ssm");
        assert.deepEqual(policyOf(stack.byName("test-controller-Extra-policy"), "policy").Statement, [{ Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" }]);
    });

    it("grants cluster-admin to the listed principals and keeps control-plane logs for the set retention", async () => {
        const stack = await registerCluster({ clusterName: "prod", clusterAdmins: ["arn:aws:iam::123456789012:role/ci"], controlPlaneLogRetentionDays: 30 });
        const entries = Object.values(stack.one("eks:index:Cluster").inputs.accessEntries as Record<string, any>);
        assert.deepEqual(entries, [
            {
                principalArn: "arn:aws:iam::123456789012:role/ci",
                accessPolicies: { clusterAdmin: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } } },
            },
        ]);
        const logs = stack.one("aws:cloudwatch/logGroup:LogGroup");
        assert.deepEqual([logs.inputs.name, logs.inputs.retentionInDays], ["/aws/eks/prod/cluster", 30]);
        assert.ok(stack.dependsOn("test-eks", "test-control-plane-logs"));
    });

    it("keeps every derived AWS name within its limit for a 100-character cluster name", async () => {
        const clusterName = `a${"b".repeat(99)}`;
        const stack = await registerCluster({ clusterName });
        const limits: Record<string, number> = {
            "aws:iam/role:Role": awsNameLimits.iamRole,
            "aws:iam/policy:Policy": awsNameLimits.iamPolicy,
            "aws:sqs/queue:Queue": awsNameLimits.sqsQueue,
            "aws:cloudwatch/eventRule:EventRule": awsNameLimits.eventBridgeRule,
            "aws:eks/nodeGroup:NodeGroup": awsNameLimits.eksNodeGroup,
        };
        for (const [type, limit] of Object.entries(limits)) {
            const resources = stack.ofType(type);
            assert.ok(resources.length > 0, type);
            for (const resource of resources) {
                const name = (resource.inputs.name ?? resource.inputs.nodeGroupName) as string;
                assert.ok(name.length <= limit, `${type} ${name} is ${name.length} characters`);
            }
        }
        assert.equal(stack.one("eks:index:Cluster").inputs.name, clusterName);
    });

    it("registers nothing at all when an argument is invalid", async () => {
        const stack = await registerCluster({ nodeGroup: { minSize: 1 }, karpenter: { nodePools: [{ name: "Team_A" }] } });
        assert.deepEqual(stack.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
        assert.equal(stack.errors.length, 1);
        assert.match(stack.errors[0].message, /nodeGroup\.minSize: must be from 2 to 100/);
        assert.match(stack.errors[0].message, /karpenter\.nodePools\[0\]\.name: must be a DNS-1123 label/);
    });

    it("fails before creating the node pools when a late zone belongs to another region", async () => {
        const stack = await registerCluster({ karpenter: { nodePools: [{ name: "default", zones: ["eu-west-1a"] }] } });
        assert.equal(stack.has("test-nodepool-default"), false);
        assert.match(stack.errors.map((e) => e.message).join("\n"), /karpenter\.nodePools\[0\]\.zones\[0\]: must be a zone of region us-west-2 such as "us-west-2a", got "eu-west-1a"/);
    });
});
