import * as assert from "node:assert/strict";
import { endpointServiceName, resolveArgs, vpcEndpointSpecs } from "../../components";
import { KarpenterClusterArgs } from "../../components/config/args";

const specsOf = (args: KarpenterClusterArgs) => {
    const endpoints = resolveArgs("test", args).network.vpcEndpoints;
    return endpoints ? vpcEndpointSpecs(endpoints).map((spec) => `${spec.key}:${spec.service}:${spec.type}`) : [];
};

describe("VPC endpoint plan", () => {
    const base = ["sts:sts:Interface", "ec2:ec2:Interface", "ssm:ssm:Interface", "ecr-api:ecr.api:Interface", "ecr-dkr:ecr.dkr:Interface", "eks:eks:Interface"];
    const rows: [string, KarpenterClusterArgs, string[]][] = [
        ["none by default", {}, []],
        ["all, with SQS for native interruption, when there is no NAT", { network: { natGateways: "None" } }, [...base, "sqs:sqs:Interface", "s3:s3:Gateway"]],
        ["no SQS without a queue", { network: { vpcEndpoints: { enabled: true } }, karpenter: { interruption: "none" } }, [...base, "s3:s3:Gateway"]],
        [
            "EKS Auth with Pod Identity, then the additional services",
            { network: { vpcEndpoints: { enabled: true, additionalServices: ["logs"] } }, karpenter: { identity: "podIdentity" } },
            [...base, "sqs:sqs:Interface", "eks-auth:eks-auth:Interface", "logs:logs:Interface", "s3:s3:Gateway"],
        ],
        [
            "excluded services, the S3 gateway among them",
            { network: { vpcEndpoints: { enabled: true, exclude: ["sts", "s3", "sqs"] } } },
            base.filter((spec) => !spec.startsWith("sts")),
        ],
    ];
    for (const [name, args, expected] of rows) {
        it(name, () => assert.deepEqual(specsOf(args), expected));
    }

    it("names services in the region", () => {
        assert.equal(endpointServiceName("eu-central-1", "ecr.dkr"), "com.amazonaws.eu-central-1.ecr.dkr");
        assert.equal(endpointServiceName("us-gov-west-1", "sts"), "com.amazonaws.us-gov-west-1.sts");
    });
});
