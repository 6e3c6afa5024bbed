import { AwsContext, arn, servicePrincipal } from "./partition";
import { PolicyDocument, policyDocument } from "./policyDocument";

/** Trust for instances: the Karpenter node role and the critical-addons node role. */
export function ec2TrustPolicy(ctx: AwsContext): PolicyDocument {
    return policyDocument([
        { Effect: "Allow", Principal: { Service: servicePrincipal(ctx, "ec2") }, Action: "sts:AssumeRole" },
    ]);
}

/** The identity of one Kubernetes service account. */
export interface ServiceAccountRef {
    namespace: string;
    serviceAccount: string;
}

/** `https://oidc.eks...` → `oidc.eks...`: IAM condition keys use the issuer without its scheme. */
export function issuerHost(oidcProviderUrl: string): string {
    return oidcProviderUrl.replace(/^https:\/\//, "");
}

export function serviceAccountSubject(ref: ServiceAccountRef): string {
    return `system:serviceaccount:${ref.namespace}:${ref.serviceAccount}`;
}

/**
 * IRSA trust: only the given service account, through the cluster's own OIDC provider, with the
 * STS audience. StringEquals, not StringLike, so no other namespace or account can match.
 */
export function irsaTrustPolicy(oidcProviderArn: string, oidcProviderUrl: string, ref: ServiceAccountRef): PolicyDocument {
    const issuer = issuerHost(oidcProviderUrl);
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Federated: oidcProviderArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    [`${issuer}:sub`]: serviceAccountSubject(ref),
                    [`${issuer}:aud`]: "sts.amazonaws.com",
                },
            },
        },
    ]);
}

/**
 * EKS Pod Identity trust. Pod Identity passes the cluster, namespace and service account as session
 * tags, so the same subject scoping as IRSA is expressed on them (the EKS user guide's pattern).
 */
export function podIdentityTrustPolicy(clusterName: string, ref: ServiceAccountRef): PolicyDocument {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
                StringEquals: {
                    "aws:RequestTag/eks-cluster-name": clusterName,
                    "aws:RequestTag/kubernetes-namespace": ref.namespace,
                    "aws:RequestTag/kubernetes-service-account": ref.serviceAccount,
                },
            },
        },
    ]);
}

/** Fargate pod execution trust, limited to this cluster's Fargate profiles (confused-deputy guard). */
export function fargatePodExecutionTrustPolicy(ctx: AwsContext, clusterName: string): PolicyDocument {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Service: "eks-fargate-pods.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { ArnLike: { "aws:SourceArn": arn(ctx, "eks", `fargateprofile/${clusterName}/*`) } },
        },
    ]);
}
