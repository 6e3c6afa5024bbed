import { byName, editProps, unknownValue, urnOf, validStackWith } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const crdUrn = urnOf("kubernetes:helm.sh/v3:Release", "karpenter-crd");

describe("karpenter-chart-versions", () => {
    it("reports controller and CRD releases at different versions", async () => {
        await expectFindings(validStackWith("karpenter-crd", (props) => (props.version = "1.13.0")), [
            {
                policy: "karpenter-chart-versions",
                level: "mandatory",
                message: 'must be at the same version: Helm release "karpenter" (karpenter) at 1.14.1, Helm release "karpenter-crd" (karpenter-crd) at 1.13.0',
                urn: crdUrn,
            },
        ]);
    });

    it("reports a version range", async () => {
        await expectFindings(validStackWith("karpenter", (props) => (props.version = "^1.14.0")), [
            { policy: "karpenter-chart-versions", level: "mandatory", message: 'Helm release "karpenter" (karpenter) has version "^1.14.0", which is not an exact release' },
        ]);
    });

    it("reports a pre-release", async () => {
        await expectFindings(validStackWith("karpenter-crd", (props) => (props.version = "1.14.1-rc.0")), [
            { policy: "karpenter-chart-versions", level: "mandatory", message: '"1.14.1-rc.0", which is not an exact release' },
        ]);
    });

    it("reports a missing version and a pre-v1 chart", async () => {
        await expectFindings(validStackWith("karpenter", (props) => delete props.version), [{ policy: "karpenter-chart-versions", level: "mandatory", message: "has no version" }]);
        const old = validStackWith("karpenter", (props) => (props.version = "0.37.0"));
        editProps(byName(old, "karpenter-crd"), (props) => (props.version = "0.37.0"));
        await expectFindings(old, [
            { policy: "karpenter-chart-versions", level: "mandatory", message: '(karpenter) has version "0.37.0", which predates the karpenter.sh/v1 API' },
            { policy: "karpenter-chart-versions", level: "mandatory", message: '(karpenter-crd) has version "0.37.0", which predates' },
        ]);
    });

    it("recognises chart names given with repositoryOpts and skips unknown versions", async () => {
        await expectNoFindings(
            validStackWith("karpenter", (props) => {
                props.chart = "karpenter";
                props.repositoryOpts = { repo: "oci://public.ecr.aws/karpenter" };
            }),
        );
        await expectNoFindings(validStackWith("karpenter-crd", (props) => (props.version = unknownValue)));
    });
});
