import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { endpointAccessRuleSpecs } from "../../components/cluster/endpointAccess";
import { ResolvedEndpoint } from "../../components/config/resolved";
import { cacheImportPolicy, cachedImage, ecrRegistryHost } from "../../components/network/pullThroughCache";
import { awsNames } from "../../components/naming";
import { ecrRepositoryPrefix } from "../../components/config/formats";

const privateOnly: ResolvedEndpoint = { publicAccess: false, privateAccess: true, privateAccessCidrs: [], privateAccessSecurityGroupIds: [] };

describe("private endpoint access rules", () => {
    it("one per CIDR, then one per security group, named by their value so reordering renames nothing", () => {
        const specs = endpointAccessRuleSpecs({ ...privateOnly, privateAccessCidrs: ["10.99.0.0/24", "192.168.0.0/16"], privateAccessSecurityGroupIds: ["sg-0123456789abcdef0"] });
        assert.deepEqual(
            specs.map((s) => [s.key, s.cidrIpv4, s.referencedSecurityGroupId, s.path]),
            [
                ["10-99-0-0-24", "10.99.0.0/24", undefined, "endpoint.privateAccessCidrs[0]"],
                ["192-168-0-0-16", "192.168.0.0/16", undefined, "endpoint.privateAccessCidrs[1]"],
                ["sg-0123456789abcdef0", undefined, "sg-0123456789abcdef0", "endpoint.privateAccessSecurityGroupIds[0]"],
            ],
        );
        const reordered = endpointAccessRuleSpecs({ ...privateOnly, privateAccessCidrs: ["192.168.0.0/16", "10.99.0.0/24"] }).map((s) => s.key);
        assert.deepEqual(reordered.sort(), ["10-99-0-0-24", "192-168-0-0-16"]);
    });

    it("names a group id only known as an output by its position, keeping its path for the late check", () => {
        const [spec] = endpointAccessRuleSpecs({ ...privateOnly, privateAccessSecurityGroupIds: [pulumi.output("sg-0123456789abcdef0")] });
        assert.deepEqual([spec.key, spec.path], ["security-group-0", "endpoint.privateAccessSecurityGroupIds[0]"]);
    });

    it("none without a private endpoint", () => {
        assert.deepEqual(endpointAccessRuleSpecs({ ...privateOnly, publicAccess: true, privateAccess: false, privateAccessCidrs: ["10.99.0.0/24"] }), []);
    });
});

describe("ECR pull-through cache", () => {
    const context = { partition: "aws", dnsSuffix: "amazonaws.com", region: "eu-central-1", accountId: "111122223333" };
    const registry = ecrRegistryHost(context);

    it("maps an ECR Public image into the account's registry under the prefix, keeping tag and digest", () => {
        assert.equal(registry, "111122223333.dkr.ecr.eu-central-1.amazonaws.com");
        const digest = "sha256:723130949e4cab989461ff07d1be4cd781d63515432494641b33c235f300ae23";
        assert.equal(
            cachedImage(`public.ecr.aws/karpenter/controller:1.14.1@${digest}`, registry, "ecr-public-prod"),
            `111122223333.dkr.ecr.eu-central-1.amazonaws.com/ecr-public-prod/karpenter/controller:1.14.1@${digest}`,
        );
        assert.equal(cachedImage("public.ecr.aws/eks-distro/kubernetes/pause:3.7", registry, "a/b"), `${registry}/a/b/eks-distro/kubernetes/pause:3.7`);
    });

    it("leaves images of any other registry alone, including look-alike hosts", () => {
        for (const image of ["registry.example.com/pause:3.9", "public.ecr.aws.example.com/x:1", "docker.io/library/nginx:1.27"]) {
            assert.equal(cachedImage(image, registry, "ecr-public-prod"), image);
        }
    });

    it("uses the partition's DNS suffix", () => {
        assert.equal(ecrRegistryHost({ partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", region: "cn-north-1", accountId: "111122223333" }), "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn");
    });

    it("allows importing and creating repositories under the prefix only", () => {
        assert.deepEqual(cacheImportPolicy(context, "ecr-public-prod"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ImportThroughPullThroughCache",
                    Effect: "Allow",
                    Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                    Resource: "arn:aws:ecr:eu-central-1:111122223333:repository/ecr-public-prod/*",
                },
            ],
        });
    });

    it("derives a per-cluster prefix ECR accepts from any cluster name", () => {
        const cases: [cluster: string, prefix: string][] = [
            ["karpenter-private", "ecr-public-karpenter-private"],
            ["Team__Prod", "ecr-public-team-prod"],
            ["1st_cluster-", "ecr-public-1st-cluster"],
        ];
        for (const [cluster, prefix] of cases) {
            assert.equal(awsNames(cluster).pullThroughCachePrefix, prefix);
        }
        for (const cluster of ["a-cluster-name-well-past-thirty-characters", "x".repeat(100), "A__B--C"]) {
            const prefix = awsNames(cluster).pullThroughCachePrefix;
            assert.ok(prefix.length <= 30, prefix);
            assert.deepEqual(ecrRepositoryPrefix(prefix, "prefix"), [], prefix);
        }
        assert.notEqual(awsNames(`${"x".repeat(40)}-a`).pullThroughCachePrefix, awsNames(`${"x".repeat(40)}-b`).pullThroughCachePrefix);
    });
});
