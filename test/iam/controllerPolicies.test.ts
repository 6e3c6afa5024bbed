import * as assert from "node:assert/strict";
import { controllerPolicyDocuments, managedPolicyMaxChars, renderPolicy, AwsContext, PolicyStatement } from "../../components";

const ctx: AwsContext = { partition: "aws", region: "eu-west-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const nodeRoleArn = "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod";
const queueArn = "arn:aws:sqs:eu-west-1:111122223333:prod";

function documents(clusterName = "prod", extra: Partial<Parameters<typeof controllerPolicyDocuments>[0]> = {}) {
    return controllerPolicyDocuments({ ctx, clusterName, nodeRoleArns: [nodeRoleArn], interruptionQueueArn: queueArn, ...extra });
}

function statement(purpose: string, sid: string, docs = documents()): PolicyStatement {
    const found = docs[purpose].Statement.find((s) => s.Sid === sid);
    assert.ok(found, `${purpose} has no statement ${sid}`);
    return found;
}

describe("Karpenter controller policy documents", () => {
    it("split into upstream's policies with upstream's statements", () => {
        const sids = Object.fromEntries(Object.entries(documents()).map(([purpose, doc]) => [purpose, doc.Statement.map((s) => s.Sid)]));
        assert.deepEqual(sids, {
            NodeLifecycle: [
                "AllowScopedEC2InstanceAccessActions",
                "AllowScopedEC2LaunchTemplateAccessActions",
                "AllowScopedEC2InstanceActionsWithTags",
                "AllowScopedResourceCreationTagging",
                "AllowScopedResourceTagging",
                "AllowScopedDeletion",
            ],
            IAMIntegration: [
                "AllowPassingInstanceRole",
                "AllowScopedInstanceProfileCreationActions",
                "AllowScopedInstanceProfileTagActions",
                "AllowScopedInstanceProfileActions",
            ],
            EKSIntegration: ["AllowAPIServerEndpointDiscovery"],
            ResourceDiscovery: [
                "AllowRegionalReadActions",
                "AllowSSMReadActions",
                "AllowPricingReadActions",
                "AllowUnscopedInstanceProfileListAction",
                "AllowInstanceProfileReadActions",
            ],
            ZonalShift: ["AllowZonalShiftStatusReadOnly"],
            Interruption: ["AllowInterruptionQueueActions"],
        });
    });

    it("let the controller pass only the node roles, and only to EC2", () => {
        const passRole = statement("IAMIntegration", "AllowPassingInstanceRole");
        assert.deepEqual(passRole, {
            Sid: "AllowPassingInstanceRole",
            Effect: "Allow",
            Resource: nodeRoleArn,
            Action: "iam:PassRole",
            Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
        });
        const twoRoles = documents("prod", { nodeRoleArns: [nodeRoleArn, "arn:aws:iam::111122223333:role/team-a-nodes"] });
        assert.deepEqual(statement("IAMIntegration", "AllowPassingInstanceRole", twoRoles).Resource, [nodeRoleArn, "arn:aws:iam::111122223333:role/team-a-nodes"]);
    });

    it("terminate and delete only instances and launch templates tagged for this cluster", () => {
        assert.deepEqual(statement("NodeLifecycle", "AllowScopedDeletion"), {
            Sid: "AllowScopedDeletion",
            Effect: "Allow",
            Resource: ["arn:aws:ec2:eu-west-1:*:instance/*", "arn:aws:ec2:eu-west-1:*:launch-template/*"],
            Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
            Condition: {
                StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/prod": "owned" },
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
            },
        });
    });

    it("launch and tag only with this cluster's request tags", () => {
        const launch = statement("NodeLifecycle", "AllowScopedEC2InstanceActionsWithTags");
        assert.deepEqual(launch.Action, ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"]);
        assert.deepEqual(launch.Condition, {
            StringEquals: { "aws:RequestTag/kubernetes.io/cluster/prod": "owned", "aws:RequestTag/eks:eks-cluster-name": "prod" },
            StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        });
        const tagging = statement("NodeLifecycle", "AllowScopedResourceCreationTagging");
        assert.deepEqual(tagging.Condition?.StringEquals["ec2:CreateAction"], ["RunInstances", "CreateFleet", "CreateLaunchTemplate"]);
        const retag = statement("NodeLifecycle", "AllowScopedResourceTagging");
        assert.deepEqual(retag.Condition?.["ForAllValues:StringEquals"], { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] });
    });

    it("read the queue only, describe only this cluster, and describe EC2 only in this region", () => {
        assert.deepEqual(statement("Interruption", "AllowInterruptionQueueActions"), {
            Sid: "AllowInterruptionQueueActions",
            Effect: "Allow",
            Resource: queueArn,
            Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
        });
        assert.equal(statement("EKSIntegration", "AllowAPIServerEndpointDiscovery").Resource, "arn:aws:eks:eu-west-1:111122223333:cluster/prod");
        assert.deepEqual(statement("ResourceDiscovery", "AllowRegionalReadActions").Condition, { StringEquals: { "aws:RequestedRegion": "eu-west-1" } });
        assert.equal(statement("ResourceDiscovery", "AllowSSMReadActions").Resource, "arn:aws:ssm:eu-west-1::parameter/aws/service/*");
    });

    it("have no interruption policy when Karpenter does not read the queue", () => {
        assert.equal(documents("prod", { interruptionQueueArn: undefined }).Interruption, undefined);
    });

    it("never allow TerminateInstances or PassRole on * without a condition", () => {
        for (const doc of Object.values(documents())) {
            for (const s of doc.Statement) {
                const actions = ([] as string[]).concat(s.Action);
                const dangerous = actions.some((a) => a === "ec2:TerminateInstances" || a === "iam:PassRole");
                if (dangerous) {
                    assert.ok(s.Resource !== "*" || s.Condition, `${s.Sid} is unscoped`);
                }
            }
        }
    });

    it("stay under IAM's 6,144-character limit with a 100-character cluster name and several node roles", () => {
        const longName = "c".repeat(100);
        const roles = Array.from({ length: 4 }, (_, i) => `arn:aws:iam::111122223333:role/${"r".repeat(60)}${i}`);
        const docs = documents(longName, { nodeRoleArns: roles, interruptionQueueArn: `arn:aws:sqs:eu-west-1:111122223333:${"q".repeat(80)}` });
        for (const [purpose, doc] of Object.entries(docs)) {
            const size = renderPolicy(doc).length;
            assert.ok(size <= managedPolicyMaxChars, `${purpose} is ${size} characters`);
        }
        assert.ok(renderPolicy(docs.NodeLifecycle).includes(`kubernetes.io/cluster/${longName}`));
    });

    it("use the partition of the China regions", () => {
        const docs = controllerPolicyDocuments({
            ctx: { partition: "aws-cn", region: "cn-north-1", accountId: "111122223333", dnsSuffix: "amazonaws.com.cn" },
            clusterName: "prod",
            nodeRoleArns: ["arn:aws-cn:iam::111122223333:role/n"],
        });
        assert.equal(docs.EKSIntegration.Statement[0].Resource, "arn:aws-cn:eks:cn-north-1:111122223333:cluster/prod");
        assert.deepEqual((docs.NodeLifecycle.Statement[0].Resource as string[]).slice(0, 2), ["arn:aws-cn:ec2:cn-north-1::image/*", "arn:aws-cn:ec2:cn-north-1::snapshot/*"]);
    });
});
