import * as assert from "node:assert/strict";
import { eksPrivateEndpoint } from "../../policies/rules/cluster";
import { EngineResource } from "../../plan/policyHarness";
import { resource, unknownValue, urnOf, validStack, validStackWith } from "./fixtures";
import { callResourcePolicy, expectFindings, expectNoFindings } from "./helpers";

const policy = "eks-private-endpoint";

/** The valid stack with the aws:eks/cluster:Cluster replaced by an eks:index:Cluster component's inputs. */
function withComponentCluster(props: Record<string, unknown>): EngineResource[] {
    const resources = validStack().filter((r) => r.name !== "cluster");
    resources.push(resource("eks:index:Cluster", "cluster", { name: "demo", skipDefaultNodeGroup: true, ...props }, { custom: false }));
    return resources;
}

describe("eks-private-endpoint", () => {
    it("reports an aws:eks/cluster:Cluster with a public endpoint open to the world (advisory)", async () => {
        await expectFindings(validStackWith("cluster", (props) => (props.vpcConfig.endpointPublicAccess = true)), [
            { policy, level: "advisory", message: 'EKS cluster "demo" exposes its API endpoint publicly to 0.0.0.0/0', urn: urnOf("aws:eks/cluster:Cluster", "cluster") },
        ]);
    });

    it("treats an omitted endpointPublicAccess as the provider default (public)", async () => {
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

    it("reads the eks:index:Cluster component's flat inputs", async () => {
        await expectFindings(withComponentCluster({}), [{ policy, level: "advisory", message: 'EKS cluster "demo"', urn: urnOf("eks:index:Cluster", "cluster") }]);
        await expectNoFindings(withComponentCluster({ endpointPublicAccess: false, endpointPrivateAccess: true }));
        await expectNoFindings(withComponentCluster({ endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.7/32"] }));
    });

    it("skips unknown endpoint settings", async () => {
        await expectNoFindings(validStackWith("cluster", (props) => (props.vpcConfig = unknownValue)));
        await expectNoFindings(withComponentCluster({ publicAccessCidrs: [unknownValue] }));
    });

    it("is not applicable to node groups", async () => {
        const result = await callResourcePolicy(eksPrivateEndpoint, "aws:eks/nodeGroup:NodeGroup", {});
        assert.match(result.notApplicable ?? "", /'eks:index:Cluster', 'aws:eks\/cluster:Cluster'/);
    });

    it("reports a public endpoint once, on the eks:index:Cluster component, not again on the cluster it creates", async () => {
        const resources = withComponentCluster({ endpointPublicAccess: true });
        const component = resources.find((r) => r.type === "eks:index:Cluster")!;
        resources.push(
            resource("aws:eks/cluster:Cluster", "cluster-eksCluster", { name: "demo", vpcConfig: { endpointPublicAccess: true } }, { parent: component.urn }),
        );
        await expectFindings(resources, [{ policy, level: "advisory", message: 'EKS cluster "demo" exposes its API endpoint', urn: component.urn }]);
    });
});
