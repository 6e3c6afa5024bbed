import * as assert from "node:assert/strict";
import { EngineResource, evaluatePolicies } from "../../plan/policyHarness";
import { resource, unknownValue, urnOf, validStack, validStackWith } from "./fixtures";
import { expectGrpcViolation, expectNoGrpcViolation, toExportResources, usePolicyPack } from "./grpc/host";
import { expectFindings, expectNoFindings } from "./helpers";

const policy = "eks-private-endpoint";

/**
 * The valid stack as a real stack holds a pulumi-eks cluster: the `eks:index:Cluster` component
 * with no inputs (its provider predates 3.202) and its outputs, and the `aws:eks/cluster:Cluster`
 * child with the endpoint settings under `vpcConfig`.
 */
function withPulumiEksCluster(vpcConfig: Record<string, unknown>): EngineResource[] {
    const resources = validStack().filter((r) => r.name !== "cluster");
    const component = resource("eks:index:Cluster", "cluster", {}, { custom: false, outputs: { kubeconfig: "{}", eksCluster: { name: "demo" } } });
    const child = resource("aws:eks/cluster:Cluster", "cluster-eksCluster", { name: "demo", version: "1.35", vpcConfig }, { parent: component.urn });
    child.urn = "urn:pulumi:dev::karpenter::eks:index:Cluster$aws:eks/cluster:Cluster::cluster-eksCluster";
    return [...resources, component, child];
}

describe("eks-private-endpoint", () => {
    it("reports an aws:eks/cluster:Cluster with a public endpoint open to the world (advisory)", async () => {
        await expectFindings(validStackWith("cluster", (props) => (props.vpcConfig.endpointPublicAccess = true)), [
            { policy, level: "advisory", message: 'EKS cluster "demo" exposes its API endpoint publicly to 0.0.0.0/0', urn: urnOf("aws:eks/cluster:Cluster", "cluster") },
        ]);
    });

    it("treats an omitted endpointPublicAccess as the EKS default (public)", async () => {
        await expectFindings(validStackWith("cluster", (props) => delete props.vpcConfig.endpointPublicAccess), [{ policy, level: "advisory", message: "must disable endpointPublicAccess or restrict publicAccessCidrs" }]);
    });

    it("accepts a public endpoint restricted to CIDRs", async () => {
        await expectNoFindings(
            validStackWith("cluster", (props) => {
                props.vpcConfig.endpointPublicAccess = true;
                props.vpcConfig.publicAccessCidrs = ["203.0.113.0/24"];
            }),
        );
    });

    it("skips unknown endpoint settings", async () => {
        await expectNoFindings(validStackWith("cluster", (props) => (props.vpcConfig = unknownValue)));
        await expectNoFindings(validStackWith("cluster", (props) => (props.vpcConfig.publicAccessCidrs = [unknownValue])));
    });

    it("judges a pulumi-eks cluster by its aws:eks/cluster:Cluster child, never by the component's empty inputs", async () => {
        await expectNoFindings(withPulumiEksCluster({ endpointPublicAccess: false, endpointPrivateAccess: true }));
        await expectNoFindings(withPulumiEksCluster({ endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ["198.51.100.7/32"] }));
        await expectFindings(withPulumiEksCluster({ endpointPublicAccess: true, endpointPrivateAccess: true }), [
            { policy, level: "advisory", message: 'EKS cluster "demo"', urn: "urn:pulumi:dev::karpenter::eks:index:Cluster$aws:eks/cluster:Cluster::cluster-eksCluster" },
        ]);
    });

    it("judges only stacks that run Karpenter: the same public cluster without Karpenter is not its business", async () => {
        const withoutKarpenter = validStackWith("cluster", (props) => (props.vpcConfig.endpointPublicAccess = true)).filter((r) => r.type.startsWith("aws:"));
        const { findings, notApplicable } = await evaluatePolicies(withoutKarpenter);
        assert.deepEqual(findings, []);
        assert.ok(notApplicable.some((n) => n.policy === policy && /the stack runs no Karpenter/.test(n.reason ?? "")));
    });

    describe("through the engine's gRPC protocol", () => {
        const host = usePolicyPack();

        it("fires on a public endpoint open to the world, on the aws:eks/cluster:Cluster child", async () => {
            await expectGrpcViolation(host(), { resources: toExportResources(withPulumiEksCluster({ endpointPublicAccess: true })) }, {
                policy,
                level: "advisory",
                urn: "urn:pulumi:dev::karpenter::eks:index:Cluster$aws:eks/cluster:Cluster::cluster-eksCluster",
            });
        });

        it("stays silent on a private cluster and on one restricted by CIDR", async () => {
            await expectNoGrpcViolation(host(), { resources: toExportResources(withPulumiEksCluster({ endpointPublicAccess: false, endpointPrivateAccess: true })) }, policy);
            await expectNoGrpcViolation(host(), { resources: toExportResources(withPulumiEksCluster({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] })) }, policy);
        });
    });
});
