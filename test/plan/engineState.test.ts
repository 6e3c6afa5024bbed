import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, engineUrn } from "../../plan/capture";
import { EngineStateOptions, toEngineState } from "../../plan/engineState";
import { defaultMockEnvironment } from "../../plan/mocks";
import { toEngineResources, toStackExport } from "../../plan/stackExport";
import { devClusterInputs, unknown } from "./remote/fixtures";

const sig = pulumi.runtime.specialSigKey;
const resourceSig = pulumi.runtime.specialResourceSig;
const secretSig = pulumi.runtime.specialSecretSig;

const stack = "dev";
const project = "karpenter-cluster";
const stackUrn = engineUrn(stack, project, undefined, "pulumi:pulumi:Stack", "karpenter-cluster-dev");
const urn = (type: string, name: string, parent = stackUrn) => engineUrn(stack, project, parent, type, name);
const vpcUrn = urn("awsx:ec2:Vpc", "cluster-vpc");
const eksUrn = urn("eks:index:Cluster", "cluster-eks");
const clusterUrn = urn("aws:eks/cluster:Cluster", "cluster-eks-eksCluster", eksUrn);
const serviceRoleUrn = urn("eks:index:ServiceRole", "cluster-eks-eksRole", eksUrn);
const roleUrn = urn("aws:iam/role:Role", "cluster-eks-eksRole-role", serviceRoleUrn);

/** What capture.ts records for the dev stack's eks.Cluster, a queue and the program's Kubernetes provider. */
function registrations(): CapturedResource[] {
    const base = { custom: true, remote: false, parent: stackUrn, dependencies: [], propertyDependencies: {}, aliases: [] };
    return [
        {
            ...base,
            urn: eksUrn,
            type: "eks:index:Cluster",
            name: "cluster-eks",
            custom: false,
            remote: true,
            dependencies: [vpcUrn],
            propertyDependencies: { privateSubnetIds: [vpcUrn], publicSubnetIds: [vpcUrn] },
            inputs: devClusterInputs(),
            outputs: {},
            version: "4.3.0",
        },
        { ...base, urn: urn("aws:sqs/queue:Queue", "queue"), type: "aws:sqs/queue:Queue", name: "queue", id: "q", inputs: { name: "q" }, outputs: { name: "q", arn: "arn" }, version: "7.48.0" },
        { ...base, urn: urn("pulumi:providers:kubernetes", "k8s"), type: "pulumi:providers:kubernetes", name: "k8s", id: "6f1c", inputs: { kubeconfig: "{}" }, outputs: { kubeconfig: "{}" }, version: "4.34.2" },
    ];
}

const options: EngineStateOptions = {
    stack,
    project,
    config: { "aws:region": "us-west-2", "aws:secretKey": "s3cr3t", "karpenter-cluster:clusterName": "karpenter-dev" },
    secretKeys: ["aws:secretKey"],
    env: defaultMockEnvironment,
    firstPreview: false,
};

describe("the engine's state of a planned stack", () => {
    const state = toEngineState(registrations(), options);
    const byUrn = (u: string) => state.find((r) => r.urn === u)!;
    const byName = (type: string, name: string) => state.find((r) => r.type === type && r.name === name)!;

    it("holds the resources in a remote component's registered outputs as references to its children", () => {
        const outputs = byUrn(eksUrn).outputs as Record<string, any>;
        assert.deepEqual(outputs.eksCluster, { [sig]: resourceSig, urn: clusterUrn, id: "karpenter-dev" });
        assert.deepEqual(outputs.core.vpcCni, { [sig]: resourceSig, urn: urn("eks:index:VpcCniAddon", "cluster-eks-vpc-cni", eksUrn) }, "a component has no id");
        assert.deepEqual(byUrn(serviceRoleUrn).outputs.directRole, { [sig]: resourceSig, urn: roleUrn, id: byUrn(roleUrn).id });
    });

    it("exports references as `pulumi stack export` writes them, and hands them to policies as ids and URNs", () => {
        const doc = toStackExport(state, []);
        const exported = doc.deployment.resources.find((r) => r.urn === eksUrn)!.outputs as Record<string, any>;
        assert.deepEqual(exported.eksCluster, { [sig]: resourceSig, urn: clusterUrn, id: "karpenter-dev", packageVersion: "" });
        const analyzed = toEngineResources(doc).find((r) => r.urn === eksUrn)!.outputs as Record<string, any>;
        assert.equal(analyzed.eksCluster, "karpenter-dev");
        assert.equal(analyzed.core.vpcCni, urn("eks:index:VpcCniAddon", "cluster-eks-vpc-cni", eksUrn));
    });

    it("creates the default provider of a remote component's package before it, which the component's own state does not name", () => {
        const index = state.findIndex((r) => r.urn === eksUrn);
        const provider = state[index - 1];
        assert.equal(provider.urn, "urn:pulumi:dev::karpenter-cluster::pulumi:providers:eks::default_4_3_0");
        assert.deepEqual([provider.inputs, provider.outputs], [{ __internal: {}, version: "4.3.0" }, { version: "4.3.0" }]);
        assert.equal(byUrn(eksUrn).provider, undefined);
    });

    it("records what each input of a child depends on, by URN, and their union as its dependencies", () => {
        const cluster = byUrn(clusterUrn);
        assert.deepEqual(Object.keys(cluster.propertyDependencies), Object.keys(cluster.inputs));
        assert.deepEqual(cluster.propertyDependencies.roleArn, [roleUrn]);
        assert.deepEqual(cluster.propertyDependencies.vpcConfig, [vpcUrn]);
        assert.deepEqual(cluster.propertyDependencies.tags, []);
        assert.deepEqual(cluster.dependencies, [roleUrn, urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cluster-eks-eksRole-4b490823", serviceRoleUrn), vpcUrn]);
        assert.deepEqual(byName("aws:eks/addon:Addon", "cluster-eks-kube-proxy").propertyDependencies.clusterName, [clusterUrn]);
        const attachment = byName("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cluster-eks-eksRole-4b490823");
        assert.deepEqual(attachment.inputs.role, { [sig]: resourceSig, urn: roleUrn, id: byUrn(roleUrn).id });
    });

    it("gives every provider the inputs the engine records: __internal and the version, secure config as a secret", () => {
        const aws = byName("pulumi:providers:aws", "default_7_48_0");
        assert.deepEqual(aws.inputs, { region: "us-west-2", secretKey: { [sig]: secretSig, value: "s3cr3t" }, __internal: {}, version: "7.48.0" });
        assert.deepEqual(aws.outputs, { region: "us-west-2", secretKey: { [sig]: secretSig, value: "s3cr3t" }, version: "7.48.0" });
        const own = byName("pulumi:providers:kubernetes", "k8s");
        assert.deepEqual([own.inputs, own.outputs], [{ kubeconfig: "{}", __internal: {}, version: "4.34.2" }, { kubeconfig: "{}", version: "4.34.2" }]);
        const child = byName("pulumi:providers:kubernetes", "cluster-eks-eks-k8s");
        assert.deepEqual([child.inputs.version, child.inputs.__internal, child.outputs.__internal], ["4.19.0", {}, undefined]);
        assert.deepEqual(Object.keys(child.propertyDependencies), ["kubeconfig"], "the engine's own keys have no dependencies the SDK reported");
    });

    it("in a first preview, gives the providers it creates the unknown id, and references to its children an unknown id", () => {
        const preview = toEngineState(registrations(), { ...options, firstPreview: true });
        const providers = preview.filter((r) => r.type.startsWith("pulumi:providers:") && r.name.startsWith("default"));
        assert.deepEqual(
            providers.map((r) => r.id),
            providers.map(() => unknown),
        );
        assert.equal(preview.find((r) => r.name === "queue")!.provider, `urn:pulumi:dev::karpenter-cluster::pulumi:providers:aws::default_7_48_0::${unknown}`);
        const exported = toStackExport(preview, []).deployment.resources.find((r) => r.urn === eksUrn)!.outputs as Record<string, any>;
        assert.deepEqual(exported.eksCluster, { [sig]: resourceSig, urn: clusterUrn, id: "", packageVersion: "" });
        assert.equal((toEngineResources(toStackExport(preview, [])).find((r) => r.urn === eksUrn)!.outputs as Record<string, any>).eksCluster, unknown);
    });
});
