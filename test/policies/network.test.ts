import { clusterName, resource, unknownValue, propsOf, urnOf, validStack } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const policy = "discovery-tag-single-security-group";
const nodeClassUrn = urnOf("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default-nodeclass");

describe("discovery-tag-single-security-group", () => {
    it("reports a second security group carrying the discovery tag", async () => {
        const resources = validStack();
        resources.push(resource("aws:ec2/securityGroup:SecurityGroup", "node-sg", { name: "demo-nodes", tags: { "karpenter.sh/discovery": clusterName, Name: "demo-nodes" } }));
        await expectFindings(resources, [
            {
                policy,
                level: "mandatory",
                message: 'Multiple tagged security groups found for EC2NodeClass "default" selector karpenter.sh/discovery=demo: security group "demo-nodes", security group sg-0123456789abcdef0',
                urn: nodeClassUrn,
            },
        ]);
    });

    it("reports a second Tag resource on another security group", async () => {
        const resources = validStack();
        resources.push(resource("aws:ec2/tag:Tag", "extra", { resourceId: "sg-0fedcba9876543210", key: "karpenter.sh/discovery", value: clusterName }));
        await expectFindings(resources, [{ policy, level: "mandatory", message: "security group sg-0123456789abcdef0, security group sg-0fedcba9876543210" }]);
    });

    it("counts a security group once when it is tagged both ways", async () => {
        const resources = validStack().filter((r) => r.name !== "cluster-sg-discovery");
        const sg = resource("aws:ec2/securityGroup:SecurityGroup", "node-sg", { name: "demo-nodes", tags: { "karpenter.sh/discovery": clusterName } });
        const tag = resource("aws:ec2/tag:Tag", "node-sg-tag", { resourceId: unknownValue, key: "karpenter.sh/discovery", value: clusterName }, { dependencies: [sg.urn], propertyDependencies: { resourceId: [sg.urn] } });
        resources.push(sg, tag);
        await expectNoFindings(resources);
    });

    it("follows an unknown resourceId to the cluster security group", async () => {
        const resources = validStack();
        const clusterUrn = urnOf("aws:eks/cluster:Cluster", "cluster");
        resources.push(resource("aws:ec2/tag:Tag", "cluster-sg-tag", { resourceId: unknownValue, key: "karpenter.sh/discovery", value: clusterName }, { propertyDependencies: { resourceId: [clusterUrn] } }));
        await expectFindings(resources, [{ policy, level: "mandatory", message: 'cluster security group of "cluster"' }]);
    });

    it("ignores groups tagged for another value, tags on subnets and unresolvable tags", async () => {
        const resources = validStack();
        resources.push(resource("aws:ec2/securityGroup:SecurityGroup", "other", { tags: { "karpenter.sh/discovery": "other-cluster" } }));
        resources.push(resource("aws:ec2/tag:Tag", "subnet-tag", { resourceId: "subnet-0aaa", key: "karpenter.sh/discovery", value: clusterName }));
        resources.push(resource("aws:ec2/tag:Tag", "mystery", { resourceId: unknownValue, key: "karpenter.sh/discovery", value: clusterName }));
        await expectNoFindings(resources);
    });

    it("applies any tag selector the EC2NodeClass uses, with * matching any value", async () => {
        const resources = validStack();
        propsOf(resources, "default-nodeclass").spec.securityGroupSelectorTerms = [{ tags: { team: "*" } }];
        resources.push(resource("aws:ec2/securityGroup:SecurityGroup", "a", { name: "a", tags: { team: "x" } }));
        resources.push(resource("aws:ec2/securityGroup:SecurityGroup", "b", { name: "b", tags: { team: "y" } }));
        await expectFindings(resources, [{ policy, level: "mandatory", message: 'selector team=*: security group "a", security group "b"' }]);
    });
});
