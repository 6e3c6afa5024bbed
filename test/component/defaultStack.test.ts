import * as assert from "node:assert/strict";
import { RegisteredStack, policyOf, registerCluster } from "../support/stack";
import { ec2NodeClassViolations, nodePoolViolations } from "../fixtures/karpenterCrdRules";

const account = "123456789012";

describe("KarpenterCluster with default arguments", function () {
    let stack: RegisteredStack;

    before(async () => {
        stack = await registerCluster({ clusterName: "prod" });
        assert.deepEqual(stack.errors, []);
    });

    it("creates an EKS cluster with access entries, an OIDC provider and no default node group", () => {
        const cluster = stack.one("eks:index:Cluster");
        assert.equal(cluster.remote, true);
        assert.equal(cluster.inputs.name, "prod");
        assert.equal(cluster.inputs.version, "1.35");
        assert.equal(cluster.inputs.authenticationMode, "API");
        assert.equal(cluster.inputs.createOidcProvider, true);
        assert.equal(cluster.inputs.skipDefaultNodeGroup, true);
        assert.equal(cluster.inputs.skipDefaultSecurityGroups, true);
        assert.equal(cluster.inputs.endpointPrivateAccess, true);
        assert.equal(cluster.inputs.endpointPublicAccess, true);
    });

    it("creates a VPC over three AZs whose private subnets carry the discovery tag", () => {
        const vpc = stack.one("awsx:ec2:Vpc");
        assert.equal(vpc.inputs.numberOfAvailabilityZones, 3);
        assert.deepEqual(vpc.inputs.natGateways, { strategy: "OnePerAz" });
        const specs = vpc.inputs.subnetSpecs as { type: string; tags: Record<string, string> }[];
        assert.equal(specs.find((s) => s.type === "Private")?.tags["karpenter.sh/discovery"], "prod");
        assert.equal(specs.find((s) => s.type === "Public")?.tags["karpenter.sh/discovery"], undefined);
    });

    it("tags exactly one security group, the cluster's primary one", () => {
        const tags = stack.ofType("aws:ec2/tag:Tag").filter((t) => t.inputs.key === "karpenter.sh/discovery");
        assert.equal(tags.length, 1);
        assert.match(tags[0].inputs.resourceId as string, /^sg-[0-9a-f]{17}$/);
        assert.equal(tags[0].inputs.value, "prod");
    });

    it("runs a tainted, labelled, on-demand critical-addons node group over every private subnet", () => {
        const group = stack.one("aws:eks/nodeGroup:NodeGroup");
        assert.deepEqual(group.inputs.labels, { "critical-addons": "true" });
        assert.deepEqual(group.inputs.taints, [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        assert.equal(group.inputs.capacityType, "ON_DEMAND");
        assert.deepEqual(group.inputs.scalingConfig, { minSize: 2, desiredSize: 2, maxSize: 4 });
        assert.equal((group.inputs.subnetIds as string[]).length, 3);
        assert.equal(group.inputs.clusterName, "prod");
        const template = stack.one("aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepEqual(template.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
        assert.equal((template.inputs.blockDeviceMappings as any[])[0].ebs.encrypted, "true");
    });

    it("gives Karpenter's nodes a role with the four node policies and an EC2_LINUX access entry", () => {
        const role = stack.byName("test-node-role");
        assert.equal(role.inputs.name, "KarpenterNodeRole-prod");
        assert.deepEqual(policyOf(role, "assumeRolePolicy").Statement[0].Principal, { Service: "ec2.amazonaws.com" });
        const attached = stack
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.inputs.role === "KarpenterNodeRole-prod")
            .map((a) => a.inputs.policyArn)
            .sort();
        assert.deepEqual(attached, [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
        const entry = stack.byName("test-node-access");
        assert.equal(entry.inputs.type, "EC2_LINUX");
        assert.equal(entry.inputs.principalArn, `arn:aws:iam::${account}:role/KarpenterNodeRole-prod`);
    });

    it("trusts only the Karpenter service account through IRSA and scopes PassRole to the node role", () => {
        const trust = policyOf(stack.byName("test-controller-role"), "assumeRolePolicy").Statement[0];
        const issuer = Object.keys(trust.Condition.StringEquals)[0].replace(/:sub$/, "");
        assert.match(issuer, /^oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.deepEqual(trust.Condition.StringEquals, { [`${issuer}:sub`]: "system:serviceaccount:kube-system:karpenter", [`${issuer}:aud`]: "sts.amazonaws.com" });
        assert.equal(trust.Principal.Federated, `arn:aws:iam::${account}:oidc-provider/${issuer}`);
        const passRole = policyOf(stack.byName("test-controller-IAMIntegration-policy"), "policy").Statement[0];
        assert.equal(passRole.Resource, `arn:aws:iam::${account}:role/KarpenterNodeRole-prod`);
        const policyNames = stack.ofType("aws:iam/policy:Policy").map((p) => p.inputs.name).sort();
        assert.deepEqual(policyNames, [
            "KarpenterControllerEKSIntegrationPolicy-prod",
            "KarpenterControllerIAMIntegrationPolicy-prod",
            "KarpenterControllerInterruptionPolicy-prod",
            "KarpenterControllerNodeLifecyclePolicy-prod",
            "KarpenterControllerResourceDiscoveryPolicy-prod",
            "KarpenterControllerZonalShiftPolicy-prod",
        ]);
        const interruption = policyOf(stack.byName("test-controller-Interruption-policy"), "policy").Statement[0];
        assert.equal(interruption.Resource, `arn:aws:sqs:us-west-2:${account}:prod`);
    });

    it("creates an encrypted, TLS-only interruption queue fed by five EventBridge rules", () => {
        const queue = stack.one("aws:sqs/queue:Queue");
        assert.deepEqual([queue.inputs.name, queue.inputs.messageRetentionSeconds, queue.inputs.sqsManagedSseEnabled], ["prod", 300, true]);
        const statements = policyOf(stack.one("aws:sqs/queuePolicy:QueuePolicy"), "policy").Statement;
        assert.deepEqual(statements.map((s) => [s.Effect, s.Action, s.Condition]), [
            ["Allow", "sqs:SendMessage", undefined],
            ["Deny", "sqs:*", { Bool: { "aws:SecureTransport": "false" } }],
        ]);
        const patterns = stack.ofType("aws:cloudwatch/eventRule:EventRule").map((r) => JSON.parse(r.inputs.eventPattern as string)["detail-type"][0]);
        assert.deepEqual(patterns, [
            "AWS Health Event",
            "EC2 Spot Instance Interruption Warning",
            "EC2 Instance Rebalance Recommendation",
            "EC2 Instance State-change Notification",
            "EC2 Capacity Reservation Instance Interruption Warning",
        ]);
        for (const target of stack.ofType("aws:cloudwatch/eventTarget:EventTarget")) {
            assert.equal(target.inputs.arn, `arn:aws:sqs:us-west-2:${account}:prod`);
        }
    });

    it("installs the CRD chart and the controller chart at one pinned version through the cluster's provider", () => {
        const provider = stack.one("pulumi:providers:kubernetes");
        const crds = stack.byName("test-karpenter-crd");
        const controller = stack.byName("test-karpenter");
        assert.deepEqual([crds.inputs.chart, crds.inputs.version, crds.inputs.namespace], ["oci://public.ecr.aws/karpenter/karpenter-crd", "1.14.1", "kube-system"]);
        assert.deepEqual([controller.inputs.chart, controller.inputs.version, controller.inputs.skipCrds], ["oci://public.ecr.aws/karpenter/karpenter", "1.14.1", true]);
        for (const release of [crds, controller]) {
            assert.equal(release.provider?.split("::").slice(0, -1).join("::"), provider.urn);
        }
        const values = controller.inputs.values as Record<string, any>;
        assert.equal(values.settings.interruptionQueue, "prod");
        assert.match(values.settings.clusterEndpoint, /^https:\/\/[0-9A-F]+\.gr7\.us-west-2\.eks\.amazonaws\.com$/);
        assert.equal(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], `arn:aws:iam::${account}:role/KarpenterController-prod`);
    });

    it("creates a valid default NodePool and EC2NodeClass through the cluster's provider", () => {
        const nodePool = stack.one("kubernetes:karpenter.sh/v1:NodePool");
        const nodeClass = stack.one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass");
        assert.deepEqual(nodePoolViolations(nodePool.inputs), []);
        assert.deepEqual(ec2NodeClassViolations(nodeClass.inputs), []);
        assert.equal((nodeClass.inputs.spec as any).role, "KarpenterNodeRole-prod");
        assert.ok(nodePool.provider && nodeClass.provider);
    });

    it("orders the controller after its CRDs, nodes, IAM and queue, and NodePools after the controller", () => {
        for (const dependency of ["test-karpenter-crd", "test-critical-addons", "test-controller-role", "test-controller-NodeLifecycle-attachment", "test-interruption-queue"]) {
            assert.ok(stack.dependsOn("test-karpenter", dependency), `controller release does not depend on ${dependency}`);
        }
        assert.ok(stack.dependsOn("test-nodepool-default", "test-karpenter"));
        assert.ok(stack.dependsOn("test-nodepool-default", "test-nodeclass-default"));
        assert.ok(stack.dependsOn("test-nodeclass-default", "test-karpenter"));
        assert.ok(stack.dependsOn("test-nodeclass-default", "test-node-access"));
    });

    it("parents every resource to the component", () => {
        const component = stack.one("karpenter-cluster:index:KarpenterCluster");
        const children = stack.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && r !== component);
        assert.deepEqual(children.filter((r) => r.parent !== component.urn).map((r) => r.name), []);
    });
});
