import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedArgs } from "../config/resolved";
import { AwsNames } from "../naming";
import { AwsContext } from "./partition";
import { controllerPolicyDocuments } from "./controllerPolicies";
import { irsaTrustPolicy, podIdentityTrustPolicy } from "./trustPolicies";
import { PolicyDocument, policyDocument, renderPolicy } from "./policyDocument";
import { attachPolicies } from "./attachments";

export interface ControllerIdentityInputs {
    context: pulumi.Output<AwsContext>;
    clusterName: pulumi.Output<string>;
    oidcProviderArn: pulumi.Output<string>;
    oidcProviderUrl: pulumi.Output<string>;
    passableRoleArns: pulumi.Output<string[]>;
    /** Set when Karpenter reads the interruption queue itself. */
    interruptionQueueArn?: pulumi.Output<string>;
}

export interface ControllerIdentity {
    role: aws.iam.Role;
    /** Everything that must exist before the controller starts: attachments, association, agent. */
    ready: pulumi.Resource[];
}

/** The purposes of the controller's managed policies, in a fixed order: they name resources. */
export const controllerPolicyPurposes = ["NodeLifecycle", "IAMIntegration", "EKSIntegration", "Interruption", "ResourceDiscovery", "ZonalShift"];

export function createControllerIdentity(
    name: string,
    args: ResolvedArgs,
    names: AwsNames,
    inputs: ControllerIdentityInputs,
    parent: pulumi.Resource,
): ControllerIdentity {
    const karpenter = args.karpenter;
    const serviceAccount = { namespace: karpenter.namespace, serviceAccount: karpenter.serviceAccount };
    const trust =
        karpenter.identity === "irsa"
            ? pulumi.all([inputs.oidcProviderArn, inputs.oidcProviderUrl]).apply(([providerArn, url]) => irsaTrustPolicy(providerArn, url, serviceAccount))
            : pulumi.output(podIdentityTrustPolicy(args.clusterName, serviceAccount));
    const role = new aws.iam.Role(
        `${name}-controller-role`,
        { name: names.controllerRole, assumeRolePolicy: trust.apply(renderPolicy), tags: args.tags },
        { parent },
    );

    const documents = pulumi
        .all([inputs.context, inputs.passableRoleArns, inputs.interruptionQueueArn])
        .apply(([ctx, nodeRoleArns, interruptionQueueArn]) =>
            controllerPolicyDocuments({ ctx, clusterName: args.clusterName, nodeRoleArns, interruptionQueueArn }),
        );
    const purposes = controllerPolicyPurposes.filter((p) => p !== "Interruption" || inputs.interruptionQueueArn !== undefined);
    const policyArns: Record<string, pulumi.Input<string>> = {};
    for (const purpose of purposes) {
        const policy = new aws.iam.Policy(
            `${name}-controller-${purpose}-policy`,
            {
                name: names.controllerPolicy(purpose),
                description: `Karpenter controller ${purpose} permissions for EKS cluster ${args.clusterName}`,
                policy: documents.apply((docs) => renderPolicy(docs[purpose])),
                tags: args.tags,
            },
            { parent },
        );
        policyArns[purpose] = policy.arn;
    }
    if (karpenter.extraPolicyStatements.length > 0) {
        const extra: PolicyDocument = policyDocument(karpenter.extraPolicyStatements);
        policyArns.Extra = new aws.iam.Policy(
            `${name}-controller-Extra-policy`,
            { name: names.controllerPolicy("Extra"), policy: renderPolicy(extra), tags: args.tags },
            { parent },
        ).arn;
    }
    const ready: pulumi.Resource[] = attachPolicies(`${name}-controller`, role, { ...policyArns, ...karpenter.additionalPolicies }, parent);

    if (karpenter.identity === "podIdentity") {
        const agent = new aws.eks.Addon(
            `${name}-pod-identity-agent`,
            { clusterName: inputs.clusterName, addonName: "eks-pod-identity-agent", resolveConflictsOnCreate: "OVERWRITE", tags: args.tags },
            { parent },
        );
        const association = new aws.eks.PodIdentityAssociation(
            `${name}-controller-pod-identity`,
            { clusterName: inputs.clusterName, namespace: karpenter.namespace, serviceAccount: karpenter.serviceAccount, roleArn: role.arn, tags: args.tags },
            { parent },
        );
        ready.push(agent, association);
    }
    return { role, ready };
}
