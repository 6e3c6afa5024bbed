import * as assert from "node:assert/strict";
import { ec2NodeClassImdsv2 } from "../../policies/rules/nodeclasses";
import { unknownValue, urnOf, validStack, validStackWith } from "./fixtures";
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

describe("ec2nodeclass-ami-family", () => {
    const only = (...allowedFamilies: string[]) => ({ "ec2nodeclass-ami-family": { allowedFamilies } });

    it("allows every family by default, and the alias's family when listed", async () => {
        await expectNoFindings(validStack());
        await expectNoFindings(validStack(), only("al2023"));
    });

    it("reports an alias of a family the config leaves out", async () => {
        await expectFindings(validStack(), [{ policy: "ec2nodeclass-ami-family", level: "mandatory", message: 'EC2NodeClass "default" uses the al2023 AMI family; it must use one of bottlerocket.', urn: nodeClassUrn }], only("bottlerocket"));
    });

    it("takes spec.amiFamily for AMIs chosen without an alias, Custom when it is unset", async () => {
        const byId = (amiFamily?: string) => withSpec((spec) => {
            spec.amiSelectorTerms = [{ id: "ami-0123456789abcdef0" }];
            if (amiFamily !== undefined) {
                spec.amiFamily = amiFamily;
            }
        });
        await expectNoFindings(byId("Bottlerocket"), only("bottlerocket"));
        await expectFindings(byId(), [{ policy: "ec2nodeclass-ami-family", level: "mandatory", message: "uses the custom AMI family" }], only("bottlerocket"));
    });
});

describe("ec2nodeclass-required-tags", () => {
    const required = { "ec2nodeclass-required-tags": { requiredTags: ["cost-center", "team"] } };

    it("requires nothing by default", async () => {
        await expectNoFindings(validStack());
    });

    it("names the required keys spec.tags lacks", async () => {
        await expectFindings(withSpec((spec) => (spec.tags = { team: "platform" })), [
            { policy: "ec2nodeclass-required-tags", level: "mandatory", message: 'EC2NodeClass "default" must set spec.tags "cost-center", so every instance', urn: nodeClassUrn },
        ], required);
    });

    it("accepts the keys with any value, and skips unknown tags", async () => {
        await expectNoFindings(withSpec((spec) => (spec.tags = { "cost-center": "1234", team: "platform" })), required);
        await expectNoFindings(withSpec((spec) => (spec.tags = unknownValue)), required);
    });
});
