import * as assert from "node:assert/strict";
import { NodePoolArgs, NodeClassArgs, ec2NodeClassObject, nodePoolObject, resolveArgs } from "../../components";
import { ec2NodeClassViolations, nodePoolViolations } from "../fixtures/karpenterCrdRules";

function pool(args: Partial<NodePoolArgs> = {}) {
    return nodePoolObject(resolveArgs("c", { karpenter: { nodePools: [{ name: "team-a", ...args }] } }).karpenter.nodePools[0]);
}

function nodeClass(args: Partial<NodeClassArgs> = {}, identity: { role: string } | { instanceProfile: string } = { role: "KarpenterNodeRole-prod" }) {
    const resolved = resolveArgs("c", { karpenter: { nodeClasses: [{ name: "default", ...args }] } }).karpenter.nodeClasses[0];
    return ec2NodeClassObject(resolved, { clusterName: "prod", identity, tags: { team: "platform" } });
}

function requirement(object: ReturnType<typeof pool>, key: string) {
    return object.spec.template.spec.requirements.find((r) => r.key === key);
}

describe("NodePool objects", () => {
    it("default to bounded, consolidating, on-demand Nitro capacity", () => {
        const object = pool();
        assert.deepEqual(object.spec.template.spec.requirements, [
            { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
            { key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["c", "m", "r"] },
            { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["2"] },
            { key: "karpenter.k8s.aws/instance-hypervisor", operator: "In", values: ["nitro"] },
        ]);
        assert.deepEqual(object.spec.limits, { cpu: "100", memory: "400Gi" });
        assert.deepEqual(object.spec.disruption, { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m", budgets: [{ nodes: "10%" }] });
        assert.equal(object.spec.template.spec.expireAfter, "720h");
        assert.equal(object.spec.template.spec.terminationGracePeriod, "48h");
        assert.deepEqual(object.spec.template.spec.nodeClassRef, { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" });
        assert.deepEqual(nodePoolViolations(object), []);
    });

    it("carry a team's spot capacity, families, zones, labels, taints, weight and limits", () => {
        const object = pool({
            capacityTypes: ["spot", "on-demand"],
            architectures: ["arm64"],
            instanceFamilies: ["m7g", "c7g"],
            instanceSizes: ["large", "xlarge"],
            zones: ["us-west-2a", "us-west-2b"],
            labels: { team: "a" },
            taints: [{ key: "team", value: "a", effect: "NoSchedule" }],
            startupTaints: [{ key: "node.cilium.io/agent-not-ready", value: "true", effect: "NoExecute" }],
            weight: 50,
            limits: { cpu: "32", memory: "128Gi", "nvidia.com/gpu": "4" },
            requirements: [{ key: "karpenter.k8s.aws/instance-cpu", operator: "Lte", values: ["16"] }],
        });
        assert.deepEqual(requirement(object, "karpenter.sh/capacity-type")?.values, ["spot", "on-demand"]);
        assert.deepEqual(requirement(object, "kubernetes.io/arch")?.values, ["arm64"]);
        assert.deepEqual(requirement(object, "karpenter.k8s.aws/instance-family")?.values, ["m7g", "c7g"]);
        assert.equal(requirement(object, "karpenter.k8s.aws/instance-category"), undefined, "families imply their categories");
        assert.deepEqual(requirement(object, "topology.kubernetes.io/zone")?.values, ["us-west-2a", "us-west-2b"]);
        assert.deepEqual(requirement(object, "karpenter.k8s.aws/instance-cpu"), { key: "karpenter.k8s.aws/instance-cpu", operator: "Lte", values: ["16"] });
        assert.deepEqual(object.spec.template.metadata, { labels: { team: "a" } });
        assert.deepEqual(object.spec.template.spec.taints, [{ key: "team", value: "a", effect: "NoSchedule" }]);
        assert.equal(object.spec.weight, 50);
        assert.deepEqual(object.spec.limits, { cpu: "32", memory: "128Gi", "nvidia.com/gpu": "4" });
        assert.deepEqual(nodePoolViolations(object), []);
    });

    it("allow metal only when exotic instances are allowed", () => {
        assert.equal(requirement(pool({ allowExoticInstances: true }), "karpenter.k8s.aws/instance-hypervisor"), undefined);
        assert.deepEqual(requirement(pool({ minInstanceGeneration: 6 }), "karpenter.k8s.aws/instance-generation")?.values, ["5"]);
    });
});

describe("EC2NodeClass objects", () => {
    it("use the node role, a pinned AL2023 alias, the discovery tag, IMDSv2 and an encrypted gp3 root", () => {
        const object = nodeClass();
        assert.equal(object.spec.role, "KarpenterNodeRole-prod");
        assert.equal(object.spec.instanceProfile, undefined);
        assert.deepEqual(object.spec.amiSelectorTerms, [{ alias: "al2023@v20260714" }]);
        assert.deepEqual(object.spec.subnetSelectorTerms, [{ tags: { "karpenter.sh/discovery": "prod" } }]);
        assert.deepEqual(object.spec.securityGroupSelectorTerms, [{ tags: { "karpenter.sh/discovery": "prod" } }]);
        assert.deepEqual(object.spec.metadataOptions, { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" });
        assert.deepEqual(object.spec.blockDeviceMappings, [
            { deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } },
        ]);
        assert.deepEqual(object.spec.tags, { team: "platform" });
        assert.deepEqual(ec2NodeClassViolations(object), []);
    });

    it("give Bottlerocket a small encrypted OS volume and the kubelet volume on xvdb", () => {
        const object = nodeClass({ amiAlias: "bottlerocket@v1.64.0", volumeSize: "100Gi", kmsKeyId: "arn:aws:kms:us-west-2:111122223333:key/abc" });
        assert.deepEqual(object.spec.blockDeviceMappings, [
            { deviceName: "/dev/xvda", ebs: { volumeSize: "4Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true, kmsKeyID: "arn:aws:kms:us-west-2:111122223333:key/abc" } },
            {
                deviceName: "/dev/xvdb",
                rootVolume: true,
                ebs: { volumeSize: "100Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true, kmsKeyID: "arn:aws:kms:us-west-2:111122223333:key/abc" },
            },
        ]);
        assert.deepEqual(ec2NodeClassViolations(object), []);
    });

    it("reference an instance profile instead of a role when asked to", () => {
        const object = nodeClass({}, { instanceProfile: "karpenter-nodes" });
        assert.equal(object.spec.instanceProfile, "karpenter-nodes");
        assert.equal(object.spec.role, undefined);
        assert.deepEqual(ec2NodeClassViolations(object), []);
    });

    it("carry gp3 performance settings and hop limit as given", () => {
        const object = nodeClass({ volumeIops: 6000, volumeThroughput: 250, metadataHopLimit: 2, tags: { cost: "x" } });
        assert.deepEqual(object.spec.blockDeviceMappings[0].ebs, { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true, iops: 6000, throughput: 250 });
        assert.equal(object.spec.metadataOptions.httpPutResponseHopLimit, 2);
        assert.deepEqual(object.spec.tags, { team: "platform", cost: "x" });
    });
});
