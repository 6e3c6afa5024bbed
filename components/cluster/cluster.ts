import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import { BuildContext } from "../buildContext";
import { Network } from "../network/network";
import { discoveryTagKey } from "../nodepools/specs";
import { createEndpointAccess } from "./endpointAccess";
import { kubeconfigCredentials, withProfile } from "./kubeconfigCredentials";

/** The control plane and what the rest of the stack needs from it. */
export interface ClusterParts {
    cluster: eks.Cluster;
    /** The cluster's name, carrying a dependency on the control plane. */
    clusterName: pulumi.Output<string>;
    endpoint: pulumi.Output<string>;
    oidcProviderArn: pulumi.Output<string>;
    oidcProviderUrl: pulumi.Output<string>;
    kubeconfig: pulumi.Output<string>;
    provider: k8s.Provider;
    /** The discovery tag on the cluster's primary security group. */
    discoveryTag: aws.ec2.Tag;
}

const controlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * Access entries granting cluster-admin, keyed by a hash of the principal so reordering renames
 * nothing. The creation gate refuses the identity creating the cluster (see creatorCheckedAdmins
 * and CreationGate), so nothing is created when one is listed.
 */
function adminAccessEntries(ctx: BuildContext): Record<string, eks.types.input.AccessEntryArgs> {
    const policyArn = ctx.aws.apply((aws) => `arn:${aws.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`);
    return Object.fromEntries(
        ctx.args.clusterAdmins.map((principalArn) => [
            `admin-${createHash("sha256").update(principalArn).digest("hex").slice(0, 8)}`,
            { principalArn, accessPolicies: { clusterAdmin: { policyArn, accessScope: { type: "cluster" } } } },
        ]),
    );
}

export function createCluster(ctx: BuildContext, network: Network): ClusterParts {
    const { name, args, parent } = ctx;
    const credentials = kubeconfigCredentials(ctx);
    // EKS would create this group itself with no retention, and leave it behind on destroy.
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-control-plane-logs`,
        { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.controlPlaneLogRetentionDays, tags: args.tags },
        { parent },
    );
    const cluster = new eks.Cluster(
        `${name}-eks`,
        {
            name: args.clusterName,
            version: args.kubernetesVersion,
            vpcId: network.vpcId,
            privateSubnetIds: network.privateSubnetIds,
            // Omitted, never an Output of undefined: the SDK would send null, and pulumi-eks 4.3.0's
            // createCore spreads it ([...publicSubnetIds, ...privateSubnetIds]), a TypeError at preview.
            ...(network.publicSubnetIds !== undefined ? { publicSubnetIds: network.publicSubnetIds } : {}),
            authenticationMode: eks.AuthenticationMode.Api,
            accessEntries: adminAccessEntries(ctx),
            createOidcProvider: true,
            skipDefaultNodeGroup: true,
            // EKS's own primary security group then serves the control plane and every node,
            // which is the one group Karpenter discovers by tag.
            skipDefaultSecurityGroups: true,
            endpointPublicAccess: args.endpoint.publicAccess,
            endpointPrivateAccess: args.endpoint.privateAccess,
            publicAccessCidrs: args.endpoint.publicAccess ? args.endpoint.publicAccessCidrs : undefined,
            enabledClusterLogTypes: controlPlaneLogTypes,
            providerCredentialOpts: credentials,
            tags: args.tags,
        },
        { parent, dependsOn: [logGroup] },
    );
    const kubeconfig = pulumi.secret(cluster.kubeconfigJson);
    // Without the profile, which kubeconfigJson never carries, the charts would be installed as the default credential chain.
    const profileName = credentials?.profileName;
    const providerKubeconfig = profileName ? pulumi.secret(cluster.kubeconfig.apply((config) => JSON.stringify(withProfile(config, profileName)))) : kubeconfig;
    // Every Kubernetes call of the stack goes through this provider: it waits for the deployers' way in.
    const endpointAccess = createEndpointAccess(ctx, cluster.clusterSecurityGroupId);
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: providerKubeconfig, enableServerSideApply: true }, { parent, dependsOn: endpointAccess });
    // Tagging more than one security group makes Karpenter fail with "Multiple tagged security groups found".
    const discoveryTag = new aws.ec2.Tag(
        `${name}-discovery-security-group`,
        { resourceId: cluster.clusterSecurityGroupId, key: discoveryTagKey, value: args.clusterName },
        { parent },
    );
    return {
        cluster,
        clusterName: cluster.eksCluster.name,
        endpoint: cluster.core.endpoint,
        oidcProviderArn: cluster.oidcProviderArn,
        oidcProviderUrl: cluster.oidcProviderUrl,
        kubeconfig,
        provider,
        discoveryTag,
    };
}
