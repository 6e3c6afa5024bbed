import * as assert from "node:assert/strict";
import { expandRemoteComponent } from "../../../plan/remote";
import { ChildReference } from "../../../plan/remote/children";
import { Children, adminArn, adminPolicyArn, devClusterInputs, env, privateClusterInputs, privateSubnets, publicSubnets, secretSig, unknown } from "./fixtures";

const type = "eks:index:Cluster";
const expand = (inputs: Record<string, unknown>, firstPreview = false) => new Children(expandRemoteComponent(type, "cluster-eks", inputs, env, firstPreview)!);
const awsDefault = { type: "pulumi:providers:aws", name: "default_7_25_0" };

describe("eks:index:Cluster expansion (pulumi-eks 4.3.0)", () => {
    describe("the dev stack's arguments", () => {
        const eks = expand(devClusterInputs());
        const cluster = eks.one("aws:eks/cluster:Cluster", "cluster-eks-eksCluster");

        it("registers createCore's children, named as pulumi-eks names them, in its order", () => {
            assert.deepEqual(eks.keys(), [
                "eks:index:ServiceRole::cluster-eks-eksRole",
                "aws:iam/role:Role::cluster-eks-eksRole-role",
                // sha1("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"), first 8 hex digits.
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-eks-eksRole-4b490823",
                "aws:eks/cluster:Cluster::cluster-eks-eksCluster",
                "aws:eks/addon:Addon::cluster-eks-kube-proxy",
                "pulumi:providers:kubernetes::cluster-eks-eks-k8s",
                "eks:index:VpcCniAddon::cluster-eks-vpc-cni",
                "aws:eks/addon:Addon::cluster-eks-vpc-cni",
                "aws:iam/openIdConnectProvider:OpenIdConnectProvider::cluster-eks-oidcProvider",
            ]);
        });

        it("gives the cluster every subnet, public first, its role, the endpoint flags and the Name tag", () => {
            const role = eks.one("aws:iam/role:Role", "cluster-eks-eksRole-role");
            assert.deepEqual(cluster.inputs, {
                name: "karpenter-dev",
                roleArn: role.outputs.arn,
                bootstrapSelfManagedAddons: true,
                vpcConfig: { subnetIds: [...publicSubnets, ...privateSubnets], endpointPrivateAccess: true, endpointPublicAccess: true },
                version: "1.35",
                enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
                tags: { Name: "cluster-eks-eksCluster", environment: "dev", owner: "platform-team" },
                accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
            });
            assert.match(role.outputs.arn as string, /^arn:aws:iam::123456789012:role\/cluster-eks-eksRole-role-[0-9a-f]{7}$/);
            assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string).Statement, [
                { Action: ["sts:AssumeRole", "sts:TagSession"], Effect: "Allow", Principal: { Service: ["eks.amazonaws.com"] } },
            ]);
            assert.deepEqual(cluster.dependsOn, ["aws:iam/role:Role::cluster-eks-eksRole-role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-eks-eksRole-4b490823"]);
        });

        it("parents each child as pulumi-eks does, and uses the aws 7.25.0 default provider but for its own Kubernetes provider", () => {
            assert.deepEqual(
                eks.list.map((c) => [c.name, c.parentName ?? "component"]),
                [
                    ["cluster-eks-eksRole", "component"],
                    ["cluster-eks-eksRole-role", "cluster-eks-eksRole"],
                    ["cluster-eks-eksRole-4b490823", "cluster-eks-eksRole"],
                    ["cluster-eks-eksCluster", "component"],
                    ["cluster-eks-kube-proxy", "component"],
                    ["cluster-eks-eks-k8s", "component"],
                    ["cluster-eks-vpc-cni", "component"],
                    ["cluster-eks-vpc-cni", "cluster-eks-vpc-cni"],
                    ["cluster-eks-oidcProvider", "component"],
                ],
            );
            for (const child of eks.list.filter((c) => c.custom && c.type !== "pulumi:providers:kubernetes")) {
                assert.deepEqual(child.provider, awsDefault, child.name);
            }
            assert.equal(eks.one("pulumi:providers:kubernetes", "cluster-eks-eks-k8s").version, "4.19.0");
        });

        it("configures the add-ons as createCore and VpcCniAddon do", () => {
            const kubeProxy = eks.one("aws:eks/addon:Addon", "cluster-eks-kube-proxy");
            assert.deepEqual(
                [kubeProxy.inputs.clusterName, kubeProxy.inputs.addonName, kubeProxy.inputs.preserve, kubeProxy.inputs.resolveConflictsOnUpdate],
                ["karpenter-dev", "kube-proxy", true, "OVERWRITE"],
            );
            const cni = eks.list.find((c) => c.type === "aws:eks/addon:Addon" && c.parentType === "eks:index:VpcCniAddon")!;
            const config = JSON.parse(cni.inputs.configurationValues as string);
            assert.equal(config.env.WARM_ENI_TARGET, "1");
            assert.deepEqual(config.init, { env: { DISABLE_TCP_EARLY_DEMUX: "false" } });
            // stringifyReplacer sorts every object's keys.
            assert.deepEqual(Object.keys(config.env), [...Object.keys(config.env)].sort());
            assert.equal(eks.ofType("aws:eks/addon:Addon").some((a) => a.inputs.addonName === "coredns"), false, "no coredns without a node group");
        });

        it("registers outputs that agree with its children", () => {
            const { outputs } = eks.expansion;
            const oidc = eks.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-eks-oidcProvider");
            const vpcConfig = cluster.outputs.vpcConfig as Record<string, unknown>;
            assert.match(outputs.clusterSecurityGroupId as string, /^sg-[0-9a-f]{17}$/);
            assert.equal(outputs.clusterSecurityGroupId, vpcConfig.clusterSecurityGroupId);
            assert.equal(outputs.nodeSecurityGroupId, vpcConfig.clusterSecurityGroupId);
            assert.equal(outputs.oidcProviderArn, oidc.outputs.arn);
            assert.equal(outputs.oidcProviderUrl, oidc.inputs.url);
            assert.equal(`https://${outputs.oidcIssuer}`, outputs.oidcProviderUrl);
            assert.equal((outputs.eksCluster as Record<string, unknown>).name, "karpenter-dev");
            assert.equal((outputs.core as Record<string, unknown>).endpoint, cluster.outputs.endpoint);
            assert.deepEqual(JSON.parse(outputs.kubeconfigJson as string), outputs.kubeconfig);
        });

        it("says what each input of a child is made from: its siblings, or the construct inputs", () => {
            const role = "aws:iam/role:Role::cluster-eks-eksRole-role";
            assert.deepEqual(cluster.propertyDependencies, {
                name: ["input:name"],
                roleArn: [role],
                vpcConfig: ["input:publicSubnetIds", "input:privateSubnetIds", "input:endpointPrivateAccess", "input:endpointPublicAccess"],
                version: ["input:version"],
                enabledClusterLogTypes: ["input:enabledClusterLogTypes"],
                tags: ["input:tags"],
                accessConfig: ["input:authenticationMode"],
            });
            const clusterKey = "aws:eks/cluster:Cluster::cluster-eks-eksCluster";
            assert.deepEqual(eks.one("aws:eks/addon:Addon", "cluster-eks-kube-proxy").propertyDependencies.clusterName, [clusterKey]);
            assert.deepEqual(eks.one("pulumi:providers:kubernetes", "cluster-eks-eks-k8s").propertyDependencies, { kubeconfig: [clusterKey] });
            assert.deepEqual(eks.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-eks-oidcProvider").propertyDependencies, { url: [clusterKey] });
        });

        it("passes the role to its policy attachment as the resource, whose id the AWS provider answers", () => {
            const role = eks.one("aws:iam/role:Role", "cluster-eks-eksRole-role");
            const attachment = eks.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cluster-eks-eksRole-4b490823");
            assert.ok(attachment.inputs.role instanceof ChildReference);
            assert.equal((attachment.inputs.role as ChildReference).child, role);
            assert.equal(attachment.outputs.role, role.id);
            assert.deepEqual(attachment.propertyDependencies, { role: ["aws:iam/role:Role::cluster-eks-eksRole-role"] });
        });

        it("registers references to its children, which the program reads as their state", () => {
            const state = eks.expansion.stateOutputs;
            assert.ok(state.eksCluster instanceof ChildReference && state.eksCluster.child === cluster);
            const core = state.core as Record<string, unknown>;
            assert.equal((core.vpcCni as ChildReference).child, eks.one("eks:index:VpcCniAddon", "cluster-eks-vpc-cni"));
            assert.equal((core.clusterIamRole as ChildReference).child, eks.one("aws:iam/role:Role", "cluster-eks-eksRole-role"));
            assert.equal(state.clusterSecurityGroupId, eks.expansion.outputs.clusterSecurityGroupId);
            assert.deepEqual(eks.expansion.outputs.eksCluster, { ...cluster.outputs, id: "karpenter-dev" });
            const cni = (eks.expansion.outputs.core as Record<string, any>).vpcCni;
            assert.equal(cni.addon.addonName, "vpc-cni", "a component reads as its outputs, the resources in them as their state");
            const serviceRole = eks.one("eks:index:ServiceRole", "cluster-eks-eksRole");
            assert.ok(serviceRole.outputs.directRole instanceof ChildReference);
        });

        it("returns with each output the children it is made from, as Construct does", () => {
            const clusterKey = "aws:eks/cluster:Cluster::cluster-eks-eksCluster";
            const deps = eks.expansion.outputDependencies;
            assert.deepEqual([deps.clusterSecurityGroupId, deps.eksCluster, deps.kubeconfig, deps.oidcIssuer], [[clusterKey], [clusterKey], [clusterKey], [clusterKey]]);
            assert.deepEqual(deps.oidcProviderArn, ["aws:iam/openIdConnectProvider:OpenIdConnectProvider::cluster-eks-oidcProvider"]);
            assert.ok(deps.core.includes("eks:index:VpcCniAddon::cluster-eks-vpc-cni"));
            assert.ok(deps.core.includes("pulumi:providers:kubernetes::cluster-eks-eks-k8s"));
            assert.ok(deps.core.includes("input:vpcId"));
            assert.equal(deps.instanceRoles, undefined, "an empty list made from nothing");
        });

        it("builds generateKubeconfig's kubeconfig: region flag, KUBERNETES_EXEC_INFO, the cluster's endpoint and CA", () => {
            const config = eks.expansion.outputs.kubeconfig as any;
            assert.deepEqual(config.users[0].user.exec.args, ["--region", "us-west-2", "eks", "get-token", "--cluster-name", "karpenter-dev", "--output", "json"]);
            assert.deepEqual(config.users[0].user.exec.env, [{ name: "KUBERNETES_EXEC_INFO", value: `{"apiVersion": "client.authentication.k8s.io/v1beta1"}` }]);
            assert.equal(config.clusters[0].cluster.server, cluster.outputs.endpoint);
            assert.equal(config.clusters[0].cluster["certificate-authority-data"], (cluster.outputs.certificateAuthority as { data: string }).data);
            assert.deepEqual(JSON.parse(eks.one("pulumi:providers:kubernetes", "cluster-eks-eks-k8s").inputs.kubeconfig as string), config);
        });
    });

    describe("the private stack's arguments", () => {
        const eks = expand(privateClusterInputs());

        it("gives the cluster only the private subnets and a private endpoint", () => {
            const cluster = eks.one("aws:eks/cluster:Cluster", "cluster-eks-eksCluster");
            const vpcConfig = cluster.inputs.vpcConfig as Record<string, unknown>;
            assert.deepEqual(vpcConfig, { subnetIds: privateSubnets, endpointPrivateAccess: true, endpointPublicAccess: false });
            assert.equal("publicSubnetIds" in (eks.expansion.outputs.core as object), false);
        });

        it("creates the admin's access entry and its policy association under it, after the cluster", () => {
            const entry = eks.one("aws:eks/accessEntry:AccessEntry", "cluster-eks-admin-5f1d2c3b");
            assert.deepEqual(entry.inputs, { principalArn: adminArn, clusterName: "karpenter-private" });
            assert.ok(entry.dependsOn.includes("aws:eks/cluster:Cluster::cluster-eks-eksCluster"));
            const association = eks.one("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "cluster-eks-admin-5f1d2c3b-clusterAdmin");
            assert.deepEqual([association.parentType, association.parentName], ["aws:eks/accessEntry:AccessEntry", "cluster-eks-admin-5f1d2c3b"]);
            assert.deepEqual(association.inputs, { accessScope: { type: "cluster" }, principalArn: adminArn, policyArn: adminPolicyArn, clusterName: "karpenter-private" });
            // Its own `dependsOn: [entry]` replaces the entry's; the cluster comes in through clusterName.
            assert.deepEqual(association.dependsOn, ["aws:eks/accessEntry:AccessEntry::cluster-eks-admin-5f1d2c3b"]);
            assert.deepEqual(association.propertyDependencies, {
                accessScope: ["input:accessEntries"],
                principalArn: ["input:accessEntries"],
                policyArn: ["input:accessEntries"],
                clusterName: ["aws:eks/cluster:Cluster::cluster-eks-eksCluster"],
            });
            // The VPC CNI waits for the access entries (createCore's authDependencies).
            assert.deepEqual(eks.one("eks:index:VpcCniAddon", "cluster-eks-vpc-cni").dependsOn, ["aws:eks/accessEntry:AccessEntry::cluster-eks-admin-5f1d2c3b"]);
        });
    });

    describe("inputs pulumi-eks 4.3.0 cannot take", () => {
        for (const key of ["publicSubnetIds", "privateSubnetIds"]) {
            it(`fails like the preview on ${key}: null, which createCore spreads`, () => {
                assert.throws(
                    () => expand({ ...devClusterInputs(), [key]: null }),
                    (error: Error) =>
                        error.message.split("\n")[0] ===
                        `eks:index:Cluster "cluster-eks": ${key} is null; pulumi-eks 4.3.0 spreads it in createCore (nodejs/eks/cluster/cluster.ts), so pulumi preview fails with a TypeError. Omit the key instead.`,
                );
            });
        }

        it("sees through a secret to the null inside", () => {
            assert.throws(() => expand({ ...devClusterInputs(), publicSubnetIds: { ...secretSig, value: null } }), /publicSubnetIds is null/);
        });

        it("rejects publicAccessCidrs with a private-only endpoint, as createCore's apply does", () => {
            assert.throws(() => expand({ ...privateClusterInputs(), publicAccessCidrs: ["203.0.113.0/24"] }), /publicAccessCidrs is set while endpointPublicAccess is false/);
        });

        it("rejects accessEntries unless authenticationMode supports them, even an empty map", () => {
            assert.throws(() => expand({ ...devClusterInputs(), authenticationMode: "CONFIG_MAP" }), /The 'accessEntries' property is not supported when 'authenticationMode' is set to 'CONFIG_MAP'\./);
        });

        it("rejects an access policy without a scope type, which the AWS resource requires", () => {
            const inputs = privateClusterInputs();
            inputs.accessEntries = { admin: { principalArn: adminArn, accessPolicies: { clusterAdmin: { policyArn: adminPolicyArn, accessScope: {} } } } };
            assert.throws(() => expand(inputs), /accessEntries\.admin\.accessPolicies\.clusterAdmin\.accessScope\.type is missing/);
        });

        it("refuses the branches it does not follow, naming the argument", () => {
            assert.throws(() => expand({ ...devClusterInputs(), skipDefaultNodeGroup: false }), /skipDefaultNodeGroup false .*is not emulated/);
            assert.throws(() => expand({ ...devClusterInputs(), fargate: true }), /fargate \(any value\) is not emulated/);
            assert.doesNotThrow(() => expand({ ...devClusterInputs(), fargate: null }));
        });
    });

    describe("the first preview", () => {
        const first = { ...devClusterInputs(), vpcId: unknown, privateSubnetIds: unknown, publicSubnetIds: unknown };
        const eks = expand(first, true);
        const { outputs } = eks.expansion;

        it("knows what comes from inputs, and nothing AWS computes", () => {
            assert.equal((outputs.eksCluster as Record<string, unknown>).name, "karpenter-dev");
            for (const key of ["kubeconfig", "kubeconfigJson", "core", "clusterSecurityGroupId", "oidcProviderArn", "oidcProviderUrl", "oidcIssuer"]) {
                assert.equal(outputs[key], unknown, key);
            }
            assert.deepEqual(outputs.instanceRoles, []);
            const cluster = eks.one("aws:eks/cluster:Cluster", "cluster-eks-eksCluster");
            assert.equal(cluster.id, undefined);
            assert.equal((cluster.inputs.vpcConfig as Record<string, unknown>).subnetIds, unknown);
            assert.equal(eks.one("pulumi:providers:kubernetes", "cluster-eks-eks-k8s").id, unknown);
        });
    });

    describe("options the component and examples take", () => {
        it("without an OIDC provider, reports an empty ARN as createCluster does", () => {
            const eks = expand({ ...devClusterInputs(), createOidcProvider: false });
            assert.equal(eks.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
            assert.equal(eks.expansion.outputs.oidcProviderArn, "");
        });

        it("puts the profile only in its own provider's kubeconfig, the role in both", () => {
            const eks = expand({ ...devClusterInputs(), providerCredentialOpts: { profileName: "ops", roleArn: adminArn } });
            const own = JSON.parse(eks.one("pulumi:providers:kubernetes", "cluster-eks-eks-k8s").inputs.kubeconfig as string);
            assert.deepEqual(own.users[0].user.exec.args.slice(8), ["--role", adminArn, "--profile", "ops"]);
            assert.deepEqual((eks.expansion.outputs.kubeconfig as any).users[0].user.exec.args.slice(8), ["--role", adminArn]);
        });

        it("with API_AND_CONFIG_MAP, also writes aws-auth through its own Kubernetes provider", () => {
            const eks = expand({ ...devClusterInputs(), authenticationMode: "API_AND_CONFIG_MAP" });
            const configMap = eks.one("kubernetes:core/v1:ConfigMap", "cluster-eks-nodeAccess");
            assert.deepEqual(configMap.provider, { type: "pulumi:providers:kubernetes", name: "cluster-eks-eks-k8s" });
            assert.deepEqual(configMap.inputs.data, { mapRoles: "[]\n" });
        });

        it("merges clusterTags under tags on the cluster only", () => {
            const eks = expand({ ...devClusterInputs(), clusterTags: { team: "a", environment: "ignored" } });
            assert.deepEqual(eks.one("aws:eks/cluster:Cluster", "cluster-eks-eksCluster").inputs.tags, {
                Name: "cluster-eks-eksCluster",
                team: "a",
                environment: "dev",
                owner: "platform-team",
            });
            assert.deepEqual(eks.one("aws:eks/addon:Addon", "cluster-eks-kube-proxy").inputs.tags, { environment: "dev", owner: "platform-team" });
        });
    });
});
