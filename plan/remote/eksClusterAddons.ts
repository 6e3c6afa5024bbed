/**
 * The children pulumi-eks 4.3.0's createCore adds around the cluster: add-ons, access, aws-auth
 * and the OIDC provider. Citations are to tag v4.3.0 of pulumi/pulumi-eks.
 */
import { RemoteChild, childKey, inputDependencies, inputDependency, reference } from "./children";
import type { EksContext } from "./eksCluster";
import { compact, computed, createdAt, derive, hex, reveal, uuid } from "./values";

/**
 * What `aws.eks.getAddonVersion` with `mostRecent` answers: the plan cannot ask EKS, so these
 * have the answer's shape, kube-proxy's following the cluster's minor version.
 */
const vpcCniVersion = "v1.20.4-eksbuild.1";
const kubeProxyVersion = (kubernetesVersion: string) => `v${kubernetesVersion}.0-eksbuild.1`;

/**
 * The thumbprint getIssuerCAThumbprint (nodejs/eks/cluster/cert-thumprint.ts) reads from
 * `https://oidc.eks.<region>.<dnsSuffix>` over TLS at preview; this is the value AWS documents
 * for it, which the plan cannot fetch.
 */
const oidcThumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

/**
 * An aws:eks/addon:Addon of `cluster` with the outputs EKS adds. Its name and its version, which
 * `getAddonVersionOutput` looks up for the cluster's Kubernetes version, come from the cluster.
 */
function addon(ctx: EksContext, name: string, cluster: RemoteChild, inputs: Record<string, unknown>, parent?: RemoteChild): RemoteChild {
    const { env, firstPreview } = ctx;
    const clusterName = reveal(inputs.clusterName) as string;
    const addonName = inputs.addonName as string;
    return ctx.list.add(
        {
            type: "aws:eks/addon:Addon",
            name,
            custom: true,
            id: firstPreview ? undefined : `${clusterName}:${addonName}`,
            inputs,
            outputs: {
                ...inputs,
                region: env.region,
                tagsAll: reveal(inputs.tags) ?? {},
                arn: computed(firstPreview, `arn:${env.partition}:eks:${env.region}:${env.accountId}:addon/${clusterName}/${addonName}/${uuid(`${clusterName}-${addonName}`)}`),
                createdAt: computed(firstPreview, createdAt),
                modifiedAt: computed(firstPreview, createdAt),
            },
            provider: ctx.awsProvider,
            propertyDependencies: { clusterName: [childKey(cluster)], addonVersion: [childKey(cluster)], tags: inputDependencies(ctx.inputs, ["tags"]) },
            dependsOn: [],
        },
        parent,
    );
}

/** createCore's `${name}-kube-proxy`: on unless `kubeProxyAddonOptions.enabled` is false or Auto Mode is on. */
export function kubeProxyAddon(ctx: EksContext, cluster: RemoteChild): RemoteChild {
    const inputs = compact({
        clusterName: cluster.outputs.name,
        addonName: "kube-proxy",
        preserve: true,
        tags: ctx.inputs.tags ?? undefined,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        addonVersion: kubeProxyVersion(ctx.args.version),
    });
    return addon(ctx, `${ctx.name}-kube-proxy`, cluster, inputs);
}

/** JSON with every object's keys sorted: addon.ts `stringifyAddonConfiguration` and its `stringifyReplacer`. */
function sortedJson(value: unknown): string {
    return JSON.stringify(value, (_key, v) =>
        v instanceof Object && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
    );
}

/**
 * createCore's `${name}-vpc-cni`, a VpcCniAddon component (addons/cni-addon.ts) holding an addon
 * of the same name. With no `vpcCniOptions`, `computeEnv` gives these defaults and
 * `mergeConfigurationValues` nests them as `env` and `init.env`.
 */
export function vpcCniAddon(ctx: EksContext, cluster: RemoteChild, authDependencies: RemoteChild[]): RemoteChild {
    const name = `${ctx.name}-vpc-cni`;
    const component = ctx.list.add({ type: "eks:index:VpcCniAddon", name, custom: false, inputs: {}, outputs: {}, propertyDependencies: {}, dependsOn: authDependencies.map(childKey) });
    const configurationValues = {
        env: {
            WARM_ENI_TARGET: "1",
            AWS_VPC_K8S_CNI_LOGLEVEL: "DEBUG",
            AWS_VPC_K8S_CNI_LOG_FILE: "/host/var/log/aws-routed-eni/ipamd.log",
            AWS_VPC_K8S_CNI_VETHPREFIX: "eni",
            AWS_VPC_ENI_MTU: "9001",
            AWS_VPC_K8S_PLUGIN_LOG_LEVEL: "DEBUG",
            AWS_VPC_K8S_PLUGIN_LOG_FILE: "/var/log/aws-routed-eni/plugin.log",
            ENABLE_POD_ENI: "false",
            AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "false",
            AWS_VPC_K8S_CNI_EXTERNALSNAT: "false",
        },
        init: { env: { DISABLE_TCP_EARLY_DEMUX: "false" } },
    };
    const inputs = compact({
        clusterName: cluster.outputs.name,
        addonVersion: vpcCniVersion,
        addonName: "vpc-cni",
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        preserve: true,
        configurationValues: sortedJson(configurationValues),
        tags: ctx.inputs.tags ?? undefined,
    });
    const child = addon(ctx, name, cluster, inputs, component);
    component.outputs = { addon: reference(child) };
    return component;
}

/**
 * createCore's `${name}-nodeAccess` aws-auth ConfigMap, for the modes that keep CONFIG_MAP
 * (authenticationMode.ts `supportsConfigMap`). With no instance role and no mappings,
 * `createAwsAuthData` dumps an empty role list.
 */
export function awsAuthConfigMap(ctx: EksContext, provider: RemoteChild): RemoteChild {
    const inputs = {
        apiVersion: "v1",
        kind: "ConfigMap",
        immutable: false,
        metadata: { name: "aws-auth", namespace: "kube-system", annotations: { "pulumi.com/patchForce": "true" } },
        data: { mapRoles: "[]\n" },
    };
    return ctx.list.add({
        type: "kubernetes:core/v1:ConfigMap",
        name: `${ctx.name}-nodeAccess`,
        custom: true,
        id: ctx.firstPreview ? undefined : "kube-system/aws-auth",
        inputs,
        outputs: { ...inputs, metadata: { ...inputs.metadata, uid: computed(ctx.firstPreview, uuid(`${ctx.name}-nodeAccess`)) } },
        provider: { type: provider.type, name: provider.name },
        propertyDependencies: {},
        dependsOn: [],
    });
}

/** The user name EKS gives a STANDARD entry: a role's assumed-role session, else the principal itself. */
function defaultUserName(principalArn: string): string {
    const role = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
    return role ? `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/{{SessionName}}` : principalArn;
}

/**
 * authenticationMode.ts `createAccessEntries`: `${name}-${key}` per entry, depending on the cluster,
 * and `${name}-${key}-${policy}` per access policy, a child of its entry.
 */
export function accessEntryChildren(ctx: EksContext, cluster: RemoteChild): RemoteChild[] {
    const { env, firstPreview } = ctx;
    const clusterName = cluster.outputs.name;
    // Every value but the cluster's name comes from the accessEntries input.
    const fromEntries = [inputDependency("accessEntries")];
    return ctx.args.accessEntries.map(([key, entry]) => {
        const inputs = compact({
            principalArn: entry.principalArn,
            kubernetesGroups: entry.kubernetesGroups ?? undefined,
            tags: entry.tags ?? undefined,
            type: entry.type ?? undefined,
            clusterName,
            userName: entry.username ?? undefined,
        });
        const principalArn = reveal(entry.principalArn) as string;
        const child = ctx.list.add({
            type: "aws:eks/accessEntry:AccessEntry",
            name: `${ctx.name}-${key}`,
            custom: true,
            id: firstPreview ? undefined : `${String(clusterName)}:${principalArn}`,
            inputs,
            outputs: {
                ...inputs,
                region: env.region,
                type: inputs.type ?? "STANDARD",
                kubernetesGroups: inputs.kubernetesGroups ?? computed(firstPreview, []),
                userName: inputs.userName ?? derive([entry.principalArn], (arn) => computed(firstPreview, defaultUserName(arn as string))),
                tagsAll: reveal(inputs.tags) ?? {},
                accessEntryArn: computed(firstPreview, `arn:${env.partition}:eks:${env.region}:${env.accountId}:access-entry/${String(clusterName)}/${hex(principalArn, 8)}/${uuid(principalArn)}`),
                createdAt: computed(firstPreview, createdAt),
                modifiedAt: computed(firstPreview, createdAt),
            },
            provider: ctx.awsProvider,
            propertyDependencies: { ...Object.fromEntries(Object.keys(inputs).map((key) => [key, fromEntries])), clusterName: [childKey(cluster)] },
            dependsOn: [childKey(cluster)],
        });
        for (const [policy, association] of Object.entries(entry.accessPolicies ?? {})) {
            const associationInputs = { accessScope: association!.accessScope, principalArn: entry.principalArn, policyArn: association!.policyArn, clusterName };
            ctx.list.add(
                {
                    type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                    name: `${ctx.name}-${key}-${policy}`,
                    custom: true,
                    id: firstPreview ? undefined : `${String(clusterName)}#${principalArn}#${String(reveal(association!.policyArn))}`,
                    inputs: associationInputs,
                    outputs: { ...associationInputs, region: env.region, associatedAt: computed(firstPreview, createdAt), modifiedAt: computed(firstPreview, createdAt) },
                    provider: ctx.awsProvider,
                    propertyDependencies: { accessScope: fromEntries, principalArn: fromEntries, policyArn: fromEntries, clusterName: [childKey(cluster)] },
                    // `{ ...opts, parent: entry, dependsOn: [entry] }`: its own dependsOn replaces the cluster.
                    dependsOn: [childKey(child)],
                },
                child,
            );
        }
        return child;
    });
}

/** createCore's `${name}-oidcProvider`, for the issuer of the cluster's first identity. */
export function oidcProvider(ctx: EksContext, cluster: RemoteChild): RemoteChild {
    const { env, firstPreview } = ctx;
    const url = derive([cluster.outputs.identities], (identities) => (identities as { oidcs: { issuer: string }[] }[])[0].oidcs[0].issuer);
    const inputs = { clientIdLists: ["sts.amazonaws.com"], url, thumbprintLists: [oidcThumbprint] };
    const arn = derive([url], (issuer) => `arn:${env.partition}:iam::${env.accountId}:oidc-provider/${(issuer as string).replace("https://", "")}`);
    return ctx.list.add({
        type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        name: `${ctx.name}-oidcProvider`,
        custom: true,
        id: firstPreview ? undefined : (arn as string),
        inputs,
        outputs: { ...inputs, arn, tagsAll: {} },
        provider: ctx.awsProvider,
        // The thumbprint is read from the region's issuer host, not from the cluster.
        propertyDependencies: { url: [childKey(cluster)] },
        dependsOn: [],
    });
}
