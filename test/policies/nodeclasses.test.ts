import * as assert from "node:assert/strict";
import { ec2NodeClassImdsv2 } from "../../policies/rules/nodeclasses";
import { unknownValue, urnOf, validStackWith } from "./fixtures";
import { callResourcePolicy, expectFindings, expectNoFindings } from "./helpers";

const nodeClassUrn = urnOf("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default-nodeclass");

function withSpec(change: (spec: Record<string, any>) => void) {
    return validStackWith("default-nodeclass", (props) => change(props.spec));
}

describe("ec2nodeclass-imdsv2", () => {
    it("reports optional IMDS tokens", async () => {
        await expectFindings(withSpec((spec) => (spec.metadataOptions.httpTokens = "optional")), [
            { policy: "ec2nodeclass-imdsv2", level: "mandatory", message: 'EC2NodeClass "default" must set spec.metadataOptions.httpTokens to "required" (IMDSv2), not "optional"', urn: nodeClassUrn },
        ]);
    });

    it("reports a hop limit above 1", async () => {
        await expectFindings(withSpec((spec) => (spec.metadataOptions.httpPutResponseHopLimit = 2)), [
            { policy: "ec2nodeclass-imdsv2", level: "mandatory", message: "httpPutResponseHopLimit to at most 1, not 2" },
        ]);
    });

    it("reads maxHopLimit from policy config", async () => {
        await expectNoFindings(withSpec((spec) => (spec.metadataOptions.httpPutResponseHopLimit = 2)), { "ec2nodeclass-imdsv2": { maxHopLimit: 2 } });
        const direct = await callResourcePolicy(ec2NodeClassImdsv2, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", { metadata: { name: "x" }, spec: { metadataOptions: { httpPutResponseHopLimit: 3 } } }, { maxHopLimit: 2 });
        assert.deepEqual(direct.violations, ['EC2NodeClass "x" must set spec.metadataOptions.httpPutResponseHopLimit to at most 2, not 3, so pods cannot use the node role.']);
    });

    it("accepts omitted metadataOptions (CRD defaults are IMDSv2 with hop limit 1) and unknown values", async () => {
        await expectNoFindings(withSpec((spec) => delete spec.metadataOptions));
        await expectNoFindings(withSpec((spec) => (spec.metadataOptions.httpTokens = unknownValue)));
    });
});

describe("ec2nodeclass-encrypted-volumes", () => {
    it("reports an explicit EBS volume without encrypted: true", async () => {
        await expectFindings(withSpec((spec) => delete spec.blockDeviceMappings[0].ebs.encrypted), [
            { policy: "ec2nodeclass-encrypted-volumes", level: "mandatory", message: 'EC2NodeClass "default" must set ebs.encrypted: true on block device mapping "/dev/xvda"', urn: nodeClassUrn },
        ]);
    });

    it("reports encrypted: false on a second mapping only", async () => {
        const resources = withSpec((spec) => spec.blockDeviceMappings.push({ deviceName: "/dev/xvdb", ebs: { volumeSize: "100Gi", encrypted: false } }));
        await expectFindings(resources, [{ policy: "ec2nodeclass-encrypted-volumes", level: "mandatory", message: '"/dev/xvdb"' }]);
    });

    it("accepts omitted blockDeviceMappings (Karpenter's defaults are encrypted) and unknown values", async () => {
        await expectNoFindings(withSpec((spec) => delete spec.blockDeviceMappings));
        await expectNoFindings(withSpec((spec) => (spec.blockDeviceMappings[0].ebs.encrypted = unknownValue)));
    });
});

describe("ec2nodeclass-ami-pinned", () => {
    const latest = () => withSpec((spec) => (spec.amiSelectorTerms = [{ alias: "al2023@latest" }]));

    it("reports an @latest alias (advisory)", async () => {
        await expectFindings(latest(), [
            { policy: "ec2nodeclass-ami-pinned", level: "advisory", message: 'EC2NodeClass "default" must pin amiSelectorTerms alias "al2023@latest" to a released version', urn: nodeClassUrn },
        ]);
    });

    it("accepts @latest when config sets allowLatest or lists the alias", async () => {
        await expectNoFindings(latest(), { "ec2nodeclass-ami-pinned": { allowLatest: true } });
        await expectNoFindings(latest(), { "ec2nodeclass-ami-pinned": { allowedAliases: ["al2023@latest"] } });
    });

    it("is silenced by a disabled level", async () => {
        await expectNoFindings(latest(), { "ec2nodeclass-ami-pinned": "disabled" });
        await expectNoFindings(latest(), { "ec2nodeclass-ami-pinned": { enforcementLevel: "disabled" } });
    });
});
