/**
 * `eks:index:Cluster` as pulumi-eks 4.3.0's provider builds it, for the arguments the component
 * passes. Each part cites the upstream function it follows, at tag v4.3.0 of pulumi/pulumi-eks.
 */
import { createHash } from "crypto";
import { partitionOfRegion } from "../../components/iam/partition";
import { ChildList, ProviderRef, RemoteChild, RemoteEnvironment, RemoteExpansion, childKey, inputDependencies, reference, resourceView } from "./children";
import { EksClusterArgs, checkEksClusterInputs } from "./eksClusterChecks";
import { accessEntryChildren, awsAuthConfigMap, kubeProxyAddon, oidcProvider, vpcCniAddon } from "./eksClusterAddons";
import { autoName, compact, computed, containsUnknown, createdAt, derive, hex, reveal, unknownValue, uuid } from "./values";

/**
 * The packages the provider process bundles: nodejs/eks/package.json at v4.3.0 pins @pulumi/aws
 * 7.25.0 and @pulumi/kubernetes 4.19.0, and nodejs/eks/yarn.lock resolves them so. The engine
 * names a package's default provider by the version its SDK asks for.
 */
export const eksBundledPackages = { aws: "7.25.0", kubernetes: "4.19.0" };

/** The context every part of the expansion shares. */
export interface EksContext {
    name: string;
    inputs: Record<string, unknown>;
    args: EksClusterArgs;
    env: RemoteEnvironment;
    dnsSuffix: string;
    firstPreview: boolean;
    list: ChildList;
    awsProvider: ProviderRef;
}

export function expandEksCluster(name: string, inputs: Record<string, unknown>, env: RemoteEnvironment, firstPreview: boolean): RemoteExpansion {
    const args = checkEksClusterInputs(name, inputs);
    const ctx: EksContext = {
        name,
        inputs,
        args,
        env,
        dnsSuffix: partitionOfRegion(env.region).dnsSuffix,
        firstPreview,
        list: new ChildList(),
        awsProvider: { type: "pulumi:providers:aws", name: `default_${eksBundledPackages.aws.replace(/\./g, "_")}` },
    };
    // createCore, in its order: service role, cluster, kube-proxy, Kubernetes provider, aws-auth,
    // access entries, VPC CNI, OIDC provider. skipDefaultNodeGroup and skipDefaultSecurityGroups
    // (checked) leave out the security groups, instance role and node group; with no node group and
    // no Fargate, createCore skips the coredns add-on too.
    const role = clusterServiceRole(ctx);
    const cluster = eksClusterResource(ctx, role);
    kubeProxyAddon(ctx, cluster);
    const provider = kubernetesProvider(ctx, cluster);
    const configMap = args.authenticationMode === "API" ? undefined : awsAuthConfigMap(ctx, provider);
    const entries = accessEntryChildren(ctx, cluster);
    const vpcCni = vpcCniAddon(ctx, cluster, [...entries, ...(configMap ? [configMap] : [])]);
    const oidc = args.createOidcProvider ? oidcProvider(ctx, cluster) : undefined;
    const parts = { role: role.role, cluster, provider, configMap, vpcCni, oidc };
    return {
        outputs: clusterOutputs(ctx, parts, resourceView),
        stateOutputs: clusterOutputs(ctx, parts, reference),
        outputDependencies: clusterOutputDependencies(ctx, parts),
        children: ctx.list.children,
    };
}

/** nodejs/eks/servicerole.ts: attachments are named by a hash of the policy, so reordering renames nothing. */
function sha1hash(s: string): string {
    return createHash("sha1").update(s).digest("hex").substring(0, 8);
}

/** createCore's `${name}-eksRole`, a ServiceRole (nodejs/eks/servicerole.ts `ServiceRole`) for eks.amazonaws.com. */
function clusterServiceRole(ctx: EksContext): { role: RemoteChild; attachments: RemoteChild[] } {
    const { name, inputs, env, firstPreview, list } = ctx;
    const componentName = `${name}-eksRole`;
    const component = list.add({ type: "eks:index:ServiceRole", name: componentName, custom: false, inputs: {}, outputs: {}, propertyDependencies: {}, dependsOn: [] });
    const roleName = autoName(`${componentName}-role`);
    const roleInputs = compact({
        description: "Allows EKS to manage clusters on your behalf.",
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            // createCore passes assumeRoleActions for EKS Auto Mode, whatever the mode.
            Statement: [{ Action: ["sts:AssumeRole", "sts:TagSession"], Effect: "Allow", Principal: { Service: ["eks.amazonaws.com"] } }],
        }),
        tags: inputs.tags,
    });
    const role = list.add(
        {
            type: "aws:iam/role:Role",
            name: `${componentName}-role`,
            custom: true,
            id: firstPreview ? undefined : roleName,
            inputs: roleInputs,
            outputs: {
                ...roleInputs,
                name: roleName,
                path: "/",
                maxSessionDuration: 3600,
                forceDetachPolicies: false,
                tagsAll: reveal(inputs.tags) ?? {},
                arn: computed(firstPreview, `arn:${env.partition}:iam::${env.accountId}:role/${roleName}`),
                uniqueId: computed(firstPreview, `AROA${hex(roleName, 17).toUpperCase()}`),
                createDate: computed(firstPreview, createdAt),
            },
            provider: ctx.awsProvider,
            propertyDependencies: { tags: inputDependencies(inputs, ["tags"]) },
            dependsOn: [],
        },
        component,
    );
    // The ids, not the names, go into `arn:aws:iam::aws:policy/...`: the child names stay the same in every partition.
    // The role goes in as the resource itself (`role: role`): the engine keeps the reference among
    // the inputs, and the AWS provider, which takes no references, gets and answers its id.
    const attachments = ["AmazonEKSClusterPolicy"].map((policy) => {
        const policyArn = `arn:${env.partition}:iam::aws:policy/${policy}`;
        return list.add(
            {
                type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                name: `${componentName}-${sha1hash(`arn:aws:iam::aws:policy/${policy}`)}`,
                custom: true,
                id: firstPreview ? undefined : `${roleName}-${hex(`${roleName}-${policy}`, 20)}`,
                inputs: { policyArn, role: reference(role) },
                outputs: { policyArn, role: role.id ?? unknownValue },
                provider: ctx.awsProvider,
                propertyDependencies: { role: [childKey(role)] },
                dependsOn: [],
            },
            component,
        );
    });
    component.outputs = { resolvedRole: reference(role), directRole: reference(role) };
    return { role, attachments };
}

/** createCore's `${name}-eksCluster` (aws.eks.Cluster), which depends on the role and its attachments. */
function eksClusterResource(ctx: EksContext, serviceRole: { role: RemoteChild; attachments: RemoteChild[] }): RemoteChild {
    const { name, inputs, args, env, dnsSuffix, firstPreview, list } = ctx;
    const publicIds = inputs.publicSubnetIds ?? [];
    const privateIds = inputs.privateSubnetIds ?? [];
    const clusterInputs = compact({
        name: inputs.name ?? undefined,
        roleArn: serviceRole.role.outputs.arn,
        bootstrapSelfManagedAddons: true,
        vpcConfig: {
            subnetIds: derive([publicIds, privateIds], (p, q) => [...(p as string[]), ...(q as string[])]),
            endpointPrivateAccess: inputs.endpointPrivateAccess ?? undefined,
            endpointPublicAccess: inputs.endpointPublicAccess ?? undefined,
            publicAccessCidrs: inputs.publicAccessCidrs ?? undefined,
        },
        version: inputs.version,
        enabledClusterLogTypes: inputs.enabledClusterLogTypes ?? undefined,
        tags: derive([inputs.tags, inputs.clusterTags], (tags, clusterTags) => ({
            Name: `${name}-eksCluster`,
            ...(clusterTags as object),
            ...(tags as object),
        })),
        accessConfig: args.authenticationMode ? { authenticationMode: args.authenticationMode, bootstrapClusterCreatorAdminPermissions: true } : undefined,
    });
    // Without `name`, the AWS provider names the cluster as it names any resource.
    const clusterName = (reveal(clusterInputs.name) as string | undefined) ?? autoName(`${name}-eksCluster`);
    // The OIDC issuer and the API endpoint share the cluster's 32-hex-digit id.
    const clusterId = hex(`oidc-${clusterName}`, 32).toUpperCase();
    const vpcConfig = clusterInputs.vpcConfig as Record<string, unknown>;
    const c = <T>(value: T) => computed(firstPreview, value);
    const outputs = {
        ...clusterInputs,
        name: clusterName,
        region: env.region,
        tagsAll: clusterInputs.tags,
        accessConfig: clusterInputs.accessConfig ?? c({ authenticationMode: "CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: true }),
        vpcConfig: {
            ...vpcConfig,
            endpointPrivateAccess: vpcConfig.endpointPrivateAccess ?? false,
            endpointPublicAccess: vpcConfig.endpointPublicAccess ?? true,
            publicAccessCidrs: vpcConfig.publicAccessCidrs ?? c(["0.0.0.0/0"]),
            securityGroupIds: [],
            clusterSecurityGroupId: c(`sg-${hex(`cluster-sg-${clusterName}`, 17)}`),
            vpcId: c(reveal(inputs.vpcId)),
        },
        arn: c(`arn:${env.partition}:eks:${env.region}:${env.accountId}:cluster/${clusterName}`),
        endpoint: c(`https://${clusterId}.gr7.${env.region}.eks.${dnsSuffix}`),
        certificateAuthority: c({ data: Buffer.from(`-----BEGIN CERTIFICATE-----\n${hex(`ca-${clusterName}`, 64)}\n-----END CERTIFICATE-----\n`).toString("base64") }),
        identities: c([{ oidcs: [{ issuer: `https://oidc.eks.${env.region}.${dnsSuffix}/id/${clusterId}` }] }]),
        kubernetesNetworkConfig: c({ elasticLoadBalancing: { enabled: false }, ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16", serviceIpv6Cidr: "" }),
        platformVersion: c("eks.1"),
        status: c("ACTIVE"),
        createdAt: c(createdAt),
        upgradePolicy: c({ supportType: "EXTENDED" }),
    };
    return list.add({
        type: "aws:eks/cluster:Cluster",
        name: `${name}-eksCluster`,
        custom: true,
        id: firstPreview ? undefined : clusterName,
        inputs: clusterInputs,
        outputs,
        provider: ctx.awsProvider,
        propertyDependencies: {
            name: inputDependencies(inputs, ["name"]),
            roleArn: [childKey(serviceRole.role)],
            vpcConfig: inputDependencies(inputs, ["publicSubnetIds", "privateSubnetIds", "endpointPrivateAccess", "endpointPublicAccess", "publicAccessCidrs"]),
            version: inputDependencies(inputs, ["version"]),
            enabledClusterLogTypes: inputDependencies(inputs, ["enabledClusterLogTypes"]),
            tags: inputDependencies(inputs, ["tags", "clusterTags"]),
            accessConfig: inputDependencies(inputs, ["authenticationMode"]),
        },
        // `dependsOn: [eksServiceRole.resolvedRole]`, an Output of the role once its policies are attached.
        dependsOn: [childKey(serviceRole.role), ...serviceRole.attachments.map(childKey)],
    });
}

/**
 * generateKubeconfig (nodejs/eks/cluster/cluster.ts), called by createCore's genKubeconfig with
 * the cluster's name, endpoint, CA and the region of its ARN; the profile only with `includeProfile`.
 */
function kubeconfig(ctx: EksContext, cluster: RemoteChild, includeProfile: boolean): unknown {
    const { outputs } = cluster;
    return derive(
        [outputs.name, outputs.endpoint, outputs.certificateAuthority, outputs.arn, ctx.inputs.providerCredentialOpts ?? null],
        (clusterName, endpoint, ca, arn, credentials) => {
            const opts = credentials as { roleArn?: string; profileName?: string } | null;
            const args = [
                "--region",
                (arn as string).split(":")[3],
                "eks",
                "get-token",
                "--cluster-name",
                clusterName,
                "--output",
                "json",
                ...(opts?.roleArn ? ["--role", opts.roleArn] : []),
                ...(includeProfile && opts?.profileName ? ["--profile", opts.profileName] : []),
            ];
            return {
                apiVersion: "v1",
                clusters: [{ cluster: { server: endpoint, "certificate-authority-data": (ca as { data: string }).data }, name: "kubernetes" }],
                contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
                "current-context": "aws",
                kind: "Config",
                users: [
                    {
                        name: "aws",
                        user: {
                            exec: {
                                apiVersion: "client.authentication.k8s.io/v1beta1",
                                command: "aws",
                                args,
                                env: [{ name: "KUBERNETES_EXEC_INFO", value: `{"apiVersion": "client.authentication.k8s.io/v1beta1"}` }],
                            },
                        },
                    },
                ],
            };
        },
    );
}

/**
 * createCore's `${name}-eks-k8s`, with the profile-carrying kubeconfig. The engine adds the
 * version the SDK registers it with to its inputs (plan/engineState.ts).
 */
function kubernetesProvider(ctx: EksContext, cluster: RemoteChild): RemoteChild {
    const config = kubeconfig(ctx, cluster, true);
    const providerInputs = { kubeconfig: derive([config], (c) => JSON.stringify(c)) };
    return ctx.list.add({
        type: "pulumi:providers:kubernetes",
        name: `${ctx.name}-eks-k8s`,
        custom: true,
        id: ctx.firstPreview ? unknownValue : uuid(`${ctx.name}-eks-k8s`),
        inputs: providerInputs,
        outputs: providerInputs,
        version: eksBundledPackages.kubernetes,
        propertyDependencies: { kubeconfig: [childKey(cluster), ...inputDependencies(ctx.inputs, ["providerCredentialOpts"])] },
        dependsOn: [],
    });
}

interface ClusterParts {
    role: RemoteChild;
    cluster: RemoteChild;
    provider: RemoteChild;
    configMap?: RemoteChild;
    vpcCni: RemoteChild;
    oidc?: RemoteChild;
}

/**
 * What `Cluster` passes registerOutputs and nodejs/eks/cmd/provider/cluster.ts returns, built by
 * createCluster from createCore's `CoreData`, with each resource in them as `view` gives it.
 * Outputs holding an unknown are wholly unknown, as an Output is; outputs that are undefined (the
 * default security groups and node group) are absent.
 */
function clusterOutputs(ctx: EksContext, parts: ClusterParts, view: (child: RemoteChild) => unknown): Record<string, unknown> {
    const { inputs, args } = ctx;
    const { cluster } = parts;
    const whole = (value: unknown) => (containsUnknown(value) ? unknownValue : value);
    const config = kubeconfig(ctx, cluster, false);
    const vpcConfig = cluster.outputs.vpcConfig as Record<string, unknown>;
    const issuer = derive([cluster.outputs.identities], (identities) => (identities as { oidcs: { issuer: string }[] }[])[0]?.oidcs[0]?.issuer ?? "");
    const coreData = {
        vpcId: inputs.vpcId,
        subnetIds: vpcConfig.subnetIds,
        publicSubnetIds: inputs.publicSubnetIds ?? undefined,
        privateSubnetIds: inputs.privateSubnetIds ?? undefined,
        endpoint: cluster.outputs.endpoint,
        kubeconfig: config,
        tags: inputs.tags ?? undefined,
        accessEntries: args.accessEntries.map(([, entry]) => entry),
    };
    const core = containsUnknown(coreData)
        ? unknownValue
        : compact({
              ...coreData,
              cluster: view(cluster),
              nodeGroupOptions: { version: args.version },
              provider: view(parts.provider),
              vpcCni: view(parts.vpcCni),
              instanceRoles: [],
              eksNodeAccess: parts.configMap ? view(parts.configMap) : undefined,
              storageClasses: {},
              oidcProvider: parts.oidc ? view(parts.oidc) : undefined,
              clusterIamRole: view(parts.role),
              autoModeNodeRoleName: "",
          });
    // Without default security groups, both ids are the group EKS creates for the cluster.
    const clusterSecurityGroupId = whole(vpcConfig.clusterSecurityGroupId);
    return {
        kubeconfig: whole(config),
        kubeconfigJson: derive([config], (c) => JSON.stringify(c)),
        instanceRoles: [],
        eksCluster: view(cluster),
        core,
        clusterSecurityGroupId,
        nodeSecurityGroupId: clusterSecurityGroupId,
        clusterIngressRuleId: "",
        defaultNodeGroupAsgName: "",
        fargateProfileId: "",
        fargateProfileStatus: "",
        oidcProviderArn: parts.oidc ? whole(parts.oidc.outputs.arn) : "",
        oidcProviderUrl: issuer,
        oidcIssuer: derive([issuer], (url) => (url as string).replace("https://", "")),
        autoModeNodeRoleName: "",
    };
}

/**
 * The resources each output of {@link clusterOutputs} is made from, which Construct returns with
 * it: the provider's SDK collects them while serializing each output (sdk/nodejs/runtime/rpc.ts
 * `serializeProperty`), a resource in it counting as well as the resources behind its Outputs.
 */
function clusterOutputDependencies(ctx: EksContext, parts: ClusterParts): Record<string, string[]> {
    const cluster = [childKey(parts.cluster)];
    const kubeconfig = [...cluster, ...inputDependencies(ctx.inputs, ["providerCredentialOpts"])];
    const inCore = [parts.role, parts.cluster, parts.provider, parts.vpcCni, parts.configMap, parts.oidc].filter((c): c is RemoteChild => c !== undefined);
    return {
        kubeconfig,
        kubeconfigJson: kubeconfig,
        eksCluster: cluster,
        core: [
            ...inCore.map(childKey),
            ...inputDependencies(ctx.inputs, ["vpcId", "publicSubnetIds", "privateSubnetIds", "tags", "accessEntries", "version", "providerCredentialOpts"]),
        ],
        clusterSecurityGroupId: cluster,
        nodeSecurityGroupId: cluster,
        oidcProviderArn: parts.oidc ? [childKey(parts.oidc)] : [],
        oidcProviderUrl: cluster,
        oidcIssuer: cluster,
    };
}
