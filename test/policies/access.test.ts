import { k8sProviderRef, nodeRoleName, resource, unknownValue, urnOf, validStackWith, validStackWithout } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const policy = "node-role-can-join";
const nodeClassUrn = urnOf("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default-nodeclass");
const nodeRoleUrn = urnOf("aws:iam/role:Role", "karpenter-node-role");

describe("node-role-can-join", () => {
    it("reports an EC2NodeClass role without an access entry", async () => {
        await expectFindings(validStackWithout("karpenter-node-access"), [
            {
                policy,
                level: "mandatory",
                message: 'EC2NodeClass "default" uses node role "KarpenterNodeRole-demo", but it has no EC2_LINUX access entry and no aws-auth mapping',
                urn: nodeClassUrn,
            },
        ]);
    });

    it("reports an access entry of type STANDARD", async () => {
        await expectFindings(validStackWith("karpenter-node-access", (props) => (props.type = "STANDARD")), [{ policy, level: "mandatory", message: "its access entry must have type EC2_LINUX" }]);
    });

    it("matches a role ARN with a path in the EC2NodeClass against the entry", async () => {
        await expectNoFindings(validStackWith("default-nodeclass", (props) => (props.spec.role = `arn:aws:iam::111122223333:role/nodes/${nodeRoleName}`)));
    });

    it("accepts an aws-auth mapRoles entry instead of an access entry", async () => {
        const resources = validStackWithout("karpenter-node-access");
        const mapRoles = `- rolearn: arn:aws:iam::111122223333:role/${nodeRoleName}\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n`;
        resources.push(resource("kubernetes:core/v1:ConfigMap", "aws-auth", { metadata: { name: "aws-auth", namespace: "kube-system" }, data: { mapRoles } }, { provider: k8sProviderRef }));
        await expectNoFindings(resources);
    });

    it("follows unknown principal ARNs to the role through property dependencies", async () => {
        const resources = validStackWith("karpenter-node-access", (props) => (props.principalArn = unknownValue));
        resources.find((r) => r.name === "karpenter-node-access")!.propertyDependencies = { principalArn: [nodeRoleUrn] };
        await expectNoFindings(resources);
        resources.find((r) => r.name === "karpenter-node-access")!.propertyDependencies = { principalArn: [urnOf("aws:iam/role:Role", "karpenter-controller")] };
        await expectFindings(resources, [{ policy, level: "mandatory", message: "has no EC2_LINUX access entry" }]);
    });

    it("resolves spec.instanceProfile through the InstanceProfile's role", async () => {
        const resources = validStackWith("default-nodeclass", (props) => {
            delete props.spec.role;
            props.spec.instanceProfile = "karpenter-nodes";
        });
        resources.push(resource("aws:iam/instanceProfile:InstanceProfile", "nodes-profile", { name: "karpenter-nodes", role: "SomeOtherRole" }));
        await expectFindings(resources, [{ policy, level: "mandatory", message: 'uses node role "SomeOtherRole"' }]);
    });

    it("accepts the access entry a pulumi-eks cluster creates as its child, never reading the component's inputs", async () => {
        const resources = validStackWithout("karpenter-node-access", "cluster");
        const component = resource("eks:index:Cluster", "cluster", {}, { custom: false, outputs: { eksCluster: "demo" } });
        resources.push(
            component,
            resource("aws:eks/cluster:Cluster", "cluster-eksCluster", { name: "demo", vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } }, { parent: component.urn }),
            resource("aws:eks/accessEntry:AccessEntry", "cluster-nodes", { clusterName: "demo", principalArn: `arn:aws:iam::111122223333:role/${nodeRoleName}`, type: "EC2_LINUX" }, { parent: component.urn }),
        );
        await expectNoFindings(resources);
    });

    it("stays silent when cluster access is managed in another stack", async () => {
        await expectNoFindings(validStackWithout("karpenter-node-access", "cluster"));
    });
});
