import * as assert from "node:assert/strict";
import { ec2TrustPolicy, fargatePodExecutionTrustPolicy, irsaTrustPolicy, podIdentityTrustPolicy } from "../../components";

const ctx = { partition: "aws", region: "us-east-1", accountId: "111122223333", dnsSuffix: "amazonaws.com" };
const providerArn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123";
const issuerUrl = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC123";

describe("trust policies", () => {
    it("IRSA trusts exactly one service account through the cluster's OIDC provider, issuer without https://", () => {
        assert.deepEqual(irsaTrustPolicy(providerArn, issuerUrl, { namespace: "karpenter", serviceAccount: "controller" }).Statement, [
            {
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        "oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:karpenter:controller",
                        "oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud": "sts.amazonaws.com",
                    },
                },
            },
        ]);
    });

    it("Pod Identity trusts the EKS pods service, scoped by the session tags EKS sets", () => {
        assert.deepEqual(podIdentityTrustPolicy("prod", { namespace: "kube-system", serviceAccount: "karpenter" }).Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-name": "prod",
                        "aws:RequestTag/kubernetes-namespace": "kube-system",
                        "aws:RequestTag/kubernetes-service-account": "karpenter",
                    },
                },
            },
        ]);
    });

    it("nodes trust EC2 of the partition, Fargate pods only this cluster's profiles", () => {
        assert.deepEqual(ec2TrustPolicy({ ...ctx, dnsSuffix: "amazonaws.com.cn" }).Statement[0].Principal, { Service: "ec2.amazonaws.com.cn" });
        assert.deepEqual(fargatePodExecutionTrustPolicy(ctx, "prod").Statement[0].Condition, {
            ArnLike: { "aws:SourceArn": "arn:aws:eks:us-east-1:111122223333:fargateprofile/prod/*" },
        });
    });
});
