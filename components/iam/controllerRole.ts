import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { controllerPolicyDocuments } from "./controllerPolicies";
import { irsaTrustPolicy, podIdentityTrustPolicy } from "./trustPolicies";
import { policyDocument, renderPolicy } from "./policyDocument";
import { createRole, extraPolicies } from "./roles";

export interface ControllerIdentityInputs {
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

export function createControllerIdentity(ctx: BuildContext, inputs: ControllerIdentityInputs): ControllerIdentity {
    const { args, names } = ctx;
    const karpenter = args.karpenter;
    const opts = { parent: ctx.parent };
    const serviceAccount = { namespace: karpenter.namespace, serviceAccount: karpenter.serviceAccount };
    const trust =
        karpenter.identity === "irsa"
            ? pulumi.all([inputs.oidcProviderArn, inputs.oidcProviderUrl]).apply(([providerArn, url]) => irsaTrustPolicy(providerArn, url, serviceAccount))
            : podIdentityTrustPolicy(args.clusterName, serviceAccount);

    const documents = pulumi
        .all([ctx.aws, inputs.passableRoleArns, inputs.interruptionQueueArn])
        .apply(([aws, nodeRoleArns, interruptionQueueArn]) => controllerPolicyDocuments({ ctx: aws, clusterName: args.clusterName, nodeRoleArns, interruptionQueueArn }));
    const purposes = controllerPolicyPurposes.filter((p) => p !== "Interruption" || inputs.interruptionQueueArn !== undefined);
    const policy = (purpose: string, document: pulumi.Input<string>) =>
        new aws.iam.Policy(
            `${ctx.name}-controller-${purpose}-policy`,
            {
                name: names.controllerPolicy(purpose),
                description: `Karpenter controller ${purpose} permissions for EKS cluster ${args.clusterName}`,
                policy: document,
                tags: args.tags,
            },
            opts,
        ).arn;
    const policyArns: Record<string, pulumi.Input<string>> = Object.fromEntries(
        purposes.map((purpose) => [purpose, policy(purpose, documents.apply((docs) => renderPolicy(docs[purpose])))]),
    );
    if (karpenter.extraPolicyStatements.length > 0) {
        policyArns.Extra = policy("Extra", renderPolicy(policyDocument(karpenter.extraPolicyStatements)));
    }
    const { role, attachments } = createRole(ctx, "controller", names.controllerRole, trust, { ...policyArns, ...extraPolicies(karpenter.additionalPolicies) });
    const ready: pulumi.Resource[] = [...attachments];

    if (karpenter.identity === "podIdentity") {
        const agent = new aws.eks.Addon(
            `${ctx.name}-pod-identity-agent`,
            { clusterName: inputs.clusterName, addonName: "eks-pod-identity-agent", resolveConflictsOnCreate: "OVERWRITE", tags: args.tags },
            opts,
        );
        const association = new aws.eks.PodIdentityAssociation(
            `${ctx.name}-controller-pod-identity`,
            { clusterName: inputs.clusterName, namespace: karpenter.namespace, serviceAccount: karpenter.serviceAccount, roleArn: role.arn, tags: args.tags },
            opts,
        );
        ready.push(agent, association);
    }
    return { role, ready };
}
