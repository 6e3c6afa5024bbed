import * as assert from "node:assert/strict";
import { allowedInstanceTypes, instanceTypeCatalogue, nodeClassImages } from "../../policies/lib/instanceTypes";
import { Requirements, Operator, requirement } from "../../policies/lib/requirements";

type Req = [key: string, operator: Operator, values?: string[], minValues?: number];
const reqs = (...items: Req[]) => new Requirements(items.map(([key, operator, values, minValues]) => requirement(key, operator, values, minValues)));
const names = (pool: Requirements, alias = "al2023@v20260714", limits = {}) => allowedInstanceTypes(pool, nodeClassImages(alias, false), limits).types.map((t) => t.name).sort();

/** m6i and m6g as instance-types.md lists them: 10 Intel sizes (metal included) and 9 Graviton sizes. */
const m6i = ["m6i.12xlarge", "m6i.16xlarge", "m6i.24xlarge", "m6i.2xlarge", "m6i.32xlarge", "m6i.4xlarge", "m6i.8xlarge", "m6i.large", "m6i.metal", "m6i.xlarge"];
const m6g = ["m6g.12xlarge", "m6g.16xlarge", "m6g.2xlarge", "m6g.4xlarge", "m6g.8xlarge", "m6g.large", "m6g.medium", "m6g.metal", "m6g.xlarge"];
const family = (...families: string[]): Req => ["karpenter.k8s.aws/instance-family", "In", families];

describe("instance types a NodePool allows", () => {
    it("derives labels and capacity from the reference the way the AWS provider does", () => {
        const byName = new Map(instanceTypeCatalogue.map((t) => [t.name, t]));
        assert.equal(instanceTypeCatalogue.length, 1363);
        const metal = byName.get("c5.metal")!;
        assert.deepEqual([metal.labels["karpenter.k8s.aws/instance-category"], metal.labels["karpenter.k8s.aws/instance-generation"], metal.labels["karpenter.k8s.aws/instance-hypervisor"], metal.bareMetal], ["c", "5", "", true]);
        // u-6tb1: the -6tb part is not the generation (instanceTypeScheme).
        assert.equal(byName.get("u-6tb1.112xlarge")!.labels["karpenter.k8s.aws/instance-generation"], "1");
        // 8192 MiB less ceil(8192 × 0.075) = 615; a Graviton loses 64 MiB first: 8128 − 610.
        assert.equal(byName.get("m6i.large")!.capacityMemoryMiB, 7577);
        assert.equal(byName.get("m6g.large")!.capacityMemoryMiB, 7518);
        assert.equal(byName.get("m6i.large")!.onDemandHourly, 0.096);
        assert.equal(byName.get("p4d.24xlarge")!.labels["karpenter.k8s.aws/instance-gpu-count"], "8");
        assert.equal(byName.get("m6i.large")!.labels["karpenter.k8s.aws/instance-gpu-count"], undefined);
    });

    it("narrow: two named types are exactly those two", () => {
        assert.deepEqual(names(reqs(["node.kubernetes.io/instance-type", "In", ["m6i.large", "m6i.xlarge", "no.such"]])), ["m6i.large", "m6i.xlarge"]);
    });

    it("broad: without an arch requirement an al2023 alias allows both architectures", () => {
        assert.deepEqual(names(reqs(family("m6i", "m6g"))), [...m6g, ...m6i].sort());
        assert.equal(names(reqs()).length, 1363, "every type of the reference has an AL2023 AMI variant");
        assert.deepEqual(names(reqs(family("m6i", "m6g"), ["kubernetes.io/arch", "In", ["arm64"]])), m6g);
        // Bare metal reports no hypervisor, so requiring nitro drops both metal sizes.
        assert.deepEqual(names(reqs(family("m6i", "m6g"), ["karpenter.k8s.aws/instance-hypervisor", "In", ["nitro"]])).length, 17);
    });

    it("impossible: requirements no type meets together, or one requirement no type meets at all", () => {
        const both = allowedInstanceTypes(reqs(family("c5"), ["kubernetes.io/arch", "In", ["arm64"]]), nodeClassImages("al2023@latest", false));
        assert.deepEqual([both.types.length, both.counts.requirements, both.emptyingRequirements], [0, 0, []]);
        const typo = allowedInstanceTypes(reqs(["karpenter.k8s.aws/instance-category", "In", ["zz"]], ["kubernetes.io/arch", "In", ["amd64"]]), nodeClassImages("al2023@latest", false));
        assert.deepEqual(typo.emptyingRequirements, ["karpenter.k8s.aws/instance-category In [zz]"]);
    });

    it("keeps only types an AMI of the node class runs on", () => {
        // Windows AMIs are x86_64 only, and label nodes windows.
        assert.deepEqual(names(reqs(family("m6i", "m6g")), "windows2022@latest"), m6i);
        assert.deepEqual(names(reqs(family("m6i"), ["kubernetes.io/os", "In", ["linux"]]), "windows2022@latest"), []);
        const arm = allowedInstanceTypes(reqs(family("m6g")), nodeClassImages("windows2022@latest", false));
        assert.deepEqual([arm.counts.requirements, arm.counts.amis], [9, 0]);
        // AL2 has no arm64 GPU AMI; AL2023 and Bottlerocket have one for g5g.
        assert.deepEqual(names(reqs(family("g5g")), "al2@latest"), []);
        assert.equal(names(reqs(family("g5g")), "bottlerocket@latest").length, names(reqs(family("g5g"))).length);
        // Custom AMIs: their architecture is EC2's to say, so nothing is excluded.
        assert.deepEqual(names(reqs(family("m6i", "m6g")), undefined), [...m6g, ...m6i].sort());
    });

    it("judges GPU and accelerator labels the instance type lacks as DoesNotExist", () => {
        const gpuFamilies = new Set(names(reqs(["karpenter.k8s.aws/instance-gpu-count", "Exists"])).map((n) => n.split(".")[0]));
        assert.deepEqual([...gpuFamilies].sort(), ["g4ad", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "g7", "g7e", "gr6", "gr6f", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6-b300"]);
        assert.deepEqual(names(reqs(family("m6i"), ["karpenter.k8s.aws/instance-gpu-count", "DoesNotExist"])), m6i);
        assert.deepEqual(names(reqs(family("m6i"), ["karpenter.k8s.aws/instance-gpu-count", "Gt", ["0"]])), []);
    });

    it("drops types larger than the limits, counting capacity memory", () => {
        assert.deepEqual(names(reqs(family("m6i")), undefined, { cpu: 4 }), ["m6i.large", "m6i.xlarge"]);
        assert.deepEqual(names(reqs(family("m6i")), undefined, { memoryMiB: 7577 }), ["m6i.large"]);
        assert.deepEqual(names(reqs(family("m6i")), undefined, { memoryMiB: 7576 }), []);
        assert.deepEqual(names(reqs(family("m6i")), undefined, { nodes: 0 }), []);
    });

    it("launches nothing when minValues cannot be met, and leaves zones unjudged", () => {
        const short = allowedInstanceTypes(reqs(["karpenter.k8s.aws/instance-family", "In", ["m6i", "c6i"], 3]), nodeClassImages("al2023@latest", false));
        assert.deepEqual([short.types.length, short.minValuesShortfalls], [0, [{ key: "karpenter.k8s.aws/instance-family", minValues: 3, available: 2 }]]);
        const zoned = allowedInstanceTypes(reqs(family("m6i"), ["topology.kubernetes.io/zone", "In", ["nowhere-1a"]]), nodeClassImages("al2023@latest", false));
        assert.deepEqual([zoned.types.length, zoned.unjudgedKeys], [10, ["topology.kubernetes.io/zone"]]);
    });

    it("offers reserved capacity only with capacity reservations", () => {
        const reserved = reqs(family("m6i"), ["karpenter.sh/capacity-type", "In", ["reserved"]]);
        assert.deepEqual(allowedInstanceTypes(reserved, nodeClassImages("al2023@latest", false)).types.length, 0);
        assert.deepEqual(allowedInstanceTypes(reserved, nodeClassImages("al2023@latest", true)).types.length, 10);
    });
});
