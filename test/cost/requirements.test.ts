import * as assert from "node:assert/strict";
import { Requirements, admits, intersection, meets, operatorOf, requirement } from "../../policies/lib/requirements";

/** Cases follow kubernetes-sigs/karpenter v1.14.1 pkg/scheduling/requirement.go and requirements.go. */
describe("Karpenter requirement semantics", () => {
    it("reads Gt and Lt as inclusive bounds one step inside, and Gte/Lte as given", () => {
        const gt = requirement("karpenter.k8s.aws/instance-generation", "Gt", ["5"]);
        assert.deepEqual([admits(gt, "5"), admits(gt, "6")], [false, true]);
        const lt = requirement("karpenter.k8s.aws/instance-cpu", "Lt", ["8"]);
        assert.deepEqual([admits(lt, "7"), admits(lt, "8")], [true, false]);
        assert.equal(admits(requirement("karpenter.k8s.aws/instance-cpu", "Gte", ["8"]), "8"), true);
        assert.equal(admits(requirement("karpenter.k8s.aws/instance-cpu", "Lte", ["8"]), "9"), false);
        // A bound admits only integers.
        assert.equal(admits(gt, "metal"), false);
        assert.equal(operatorOf(gt), "Exists");
    });

    it("intersects repeated keys, and an empty range becomes DoesNotExist", () => {
        const reqs = new Requirements([requirement("k", "Gt", ["4"]), requirement("k", "Lt", ["4"])]);
        assert.equal(operatorOf(reqs.values()[0]), "DoesNotExist");
        const inAndNotIn = intersection(requirement("k", "In", ["a", "b"]), requirement("k", "NotIn", ["b"]));
        assert.deepEqual([...inAndNotIn.values], ["a"]);
        assert.equal(inAndNotIn.complement, false);
        const bounded = intersection(requirement("k", "In", ["2", "8", "x"]), requirement("k", "Gt", ["4"]));
        assert.deepEqual([...bounded.values], ["8"]);
        assert.equal(bounded.gte, undefined, "a concrete set drops its bounds");
        assert.equal(intersection(requirement("k", "In", ["a"], 2), requirement("k", "Exists")).minValues, 2);
    });

    it("reads deprecated label keys as the stable ones", () => {
        assert.equal(requirement("beta.kubernetes.io/arch", "In", ["arm64"]).key, "kubernetes.io/arch");
        assert.equal(requirement("failure-domain.beta.kubernetes.io/zone", "In", ["a"]).key, "topology.kubernetes.io/zone");
    });

    it("meets a label an instance type lacks only with NotIn or DoesNotExist", () => {
        const absent: string[] = [];
        assert.equal(meets(absent, requirement("karpenter.k8s.aws/instance-gpu-count", "DoesNotExist")), true);
        assert.equal(meets(absent, requirement("karpenter.k8s.aws/instance-gpu-count", "NotIn", ["1"])), true);
        assert.equal(meets(absent, requirement("karpenter.k8s.aws/instance-gpu-count", "Exists")), false);
        assert.equal(meets(absent, requirement("karpenter.k8s.aws/instance-gpu-count", "Gt", ["0"])), false);
        assert.equal(meets(["4"], requirement("karpenter.k8s.aws/instance-gpu-count", "DoesNotExist")), false);
        assert.equal(meets(["on-demand", "spot"], requirement("karpenter.sh/capacity-type", "In", ["spot"])), true);
        assert.equal(meets(["on-demand", "spot"], requirement("karpenter.sh/capacity-type", "In", ["reserved"])), false);
    });
});
