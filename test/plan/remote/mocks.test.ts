import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { RealisticMocks, defaultMockEnvironment } from "../../../plan/mocks";
import { devClusterInputs, devVpcInputs, unknown } from "./fixtures";

const register = (mocks: RealisticMocks, type: string, name: string, inputs: Record<string, unknown>) => mocks.newResource({ type, name, inputs, custom: false });

describe("RealisticMocks for remote components", () => {
    it("fail the registration as the provider fails the preview: publicSubnetIds: null", () => {
        assert.throws(() => register(new RealisticMocks(), "eks:index:Cluster", "karpenter-eks", { ...devClusterInputs(), publicSubnetIds: null }), (error: Error) =>
            error.message.startsWith('eks:index:Cluster "karpenter-eks": publicSubnetIds is null; pulumi-eks 4.3.0 spreads it in createCore'),
        );
    });

    it("answer with the outputs of the expansion", () => {
        const { state } = register(new RealisticMocks(defaultMockEnvironment), "awsx:ec2:Vpc", "cluster-vpc", devVpcInputs());
        assert.equal((state.privateSubnetIds as string[]).length, 3);
        assert.match(state.vpcId as string, /^vpc-[0-9a-f]{17}$/);
    });

    it("in a first preview, know what the provider knows and nothing else, whatever form the unknowns take", () => {
        const inputs = { ...devClusterInputs(), vpcId: pulumi.unknown, privateSubnetIds: unknown, publicSubnetIds: pulumi.unknown };
        const { state } = register(new RealisticMocks(defaultMockEnvironment, true), "eks:index:Cluster", "cluster-eks", inputs);
        assert.equal((state.eksCluster as Record<string, unknown>).name, "karpenter-dev");
        assert.equal(state.kubeconfig, unknown);
        assert.equal(state.clusterSecurityGroupId, unknown);
    });
});
