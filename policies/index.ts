/**
 * The pack's entry point for `pulumi preview --policy-pack policies`. Constructing a PolicyPack
 * starts the analyzer's gRPC server, so this file does nothing else and nothing imports it.
 */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, policyPackName } from "./rules";

new PolicyPack(policyPackName, {
    policies: allPolicies,
    description: "Karpenter v1 guardrails for EKS: controller placement, NodePool bounds, node security, interruption handling and controller IAM.",
    displayName: "Karpenter guardrails",
    provider: "aws",
    tags: ["karpenter", "eks", "kubernetes"],
});
