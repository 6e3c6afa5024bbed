/**
 * EC2NodeClass policies: instance metadata, volume encryption, AMI pinning.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { commonTags, configWithDefaults, docsUrl, forTypes } from "../lib/policy";
import { k8sName, types } from "../lib/resources";
import { at, bool, isUnknown, list, num, str } from "../lib/values";

export interface ImdsConfig {
    /** Largest allowed httpPutResponseHopLimit. 1 keeps pods (one hop further) away from the node role's credentials. */
    maxHopLimit: number;
}

export const ec2NodeClassImdsv2: ResourceValidationPolicy = {
    name: "ec2nodeclass-imdsv2",
    description: "Checks that EC2NodeClass instances require IMDSv2 tokens and keep the metadata hop limit low enough that pods cannot reach the node role.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "ec2nodeclass", "security"],
    url: `${docsUrl}concepts/nodeclasses/#specmetadataoptions`,
    remediationSteps:
        "Omit spec.metadataOptions (Karpenter defaults to httpTokens: required, httpPutResponseHopLimit: 1) or set " +
        "httpTokens: required and httpPutResponseHopLimit: 1. Pods that need AWS access should use IRSA or Pod Identity.",
    configSchema: {
        properties: {
            maxHopLimit: { type: "integer", minimum: 1, maximum: 64, default: 1, description: "Largest allowed httpPutResponseHopLimit." },
        },
    },
    validateResource: forTypes([types.ec2NodeClass], (props, args, reportViolation) => {
        const { maxHopLimit } = configWithDefaults<ImdsConfig>(args, { maxHopLimit: 1 });
        const name = k8sName(props, args.name);
        const options = at(props, "spec", "metadataOptions");
        if (options === undefined || options === null || isUnknown(options)) {
            // Omitted: the CRD defaults are IMDSv2 required with hop limit 1.
            return;
        }
        const tokens = at(options, "httpTokens");
        if (str(tokens) !== undefined && tokens !== "required") {
            reportViolation(`EC2NodeClass "${name}" must set spec.metadataOptions.httpTokens to "required" (IMDSv2), not "${tokens}".`);
        }
        const hopLimit = num(at(options, "httpPutResponseHopLimit"));
        if (hopLimit !== undefined && hopLimit > maxHopLimit) {
            reportViolation(`EC2NodeClass "${name}" must set spec.metadataOptions.httpPutResponseHopLimit to at most ${maxHopLimit}, not ${hopLimit}, so pods cannot use the node role.`);
        }
    }),
};

export const ec2NodeClassEncryptedVolumes: ResourceValidationPolicy = {
    name: "ec2nodeclass-encrypted-volumes",
    description: "Checks that every EBS volume an EC2NodeClass declares is encrypted.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "ec2nodeclass", "security", "encryption"],
    url: `${docsUrl}concepts/nodeclasses/#specblockdevicemappings`,
    remediationSteps:
        "Set ebs.encrypted: true (optionally with ebs.kmsKeyID) on every spec.blockDeviceMappings entry, or omit " +
        "blockDeviceMappings to use Karpenter's defaults, which are encrypted.",
    validateResource: forTypes([types.ec2NodeClass], (props, args, reportViolation) => {
        const name = k8sName(props, args.name);
        const mappings = at(props, "spec", "blockDeviceMappings");
        for (const [index, mapping] of (list(mappings) ?? []).entries()) {
            const ebs = at(mapping, "ebs");
            if (ebs === undefined || ebs === null || isUnknown(ebs)) {
                continue;
            }
            const encrypted = at(ebs, "encrypted");
            if (isUnknown(encrypted) || bool(encrypted) === true) {
                continue;
            }
            const device = str(at(mapping, "deviceName")) ?? `#${index}`;
            reportViolation(`EC2NodeClass "${name}" must set ebs.encrypted: true on block device mapping "${device}".`);
        }
    }),
};

export interface AmiPinnedConfig {
    /** Accept `@latest` aliases everywhere. */
    allowLatest: boolean;
    /** Aliases accepted even though they float, e.g. "bottlerocket@latest". */
    allowedAliases: string[];
}

export const ec2NodeClassAmiPinned: ResourceValidationPolicy = {
    name: "ec2nodeclass-ami-pinned",
    description: "Checks whether an EC2NodeClass pins its AMI alias to a version instead of following @latest.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [...commonTags, "ec2nodeclass", "change-management"],
    url: `${docsUrl}concepts/nodeclasses/#specamiselectorterms`,
    remediationSteps:
        "Use a versioned alias such as al2023@v20250920 and bump it deliberately. With @latest every AMI release drifts " +
        "every node and Karpenter replaces the whole fleet. Set allowLatest or allowedAliases in policy config to accept it.",
    configSchema: {
        properties: {
            allowLatest: { type: "boolean", default: false, description: "Accept @latest aliases." },
            allowedAliases: { type: "array", items: { type: "string" }, default: [], description: "Aliases accepted as they are." },
        },
    },
    validateResource: forTypes([types.ec2NodeClass], (props, args, reportViolation) => {
        const config = configWithDefaults<AmiPinnedConfig>(args, { allowLatest: false, allowedAliases: [] });
        if (config.allowLatest) {
            return;
        }
        const name = k8sName(props, args.name);
        for (const term of list(at(props, "spec", "amiSelectorTerms")) ?? []) {
            const alias = str(at(term, "alias"));
            if (alias !== undefined && /@latest$/i.test(alias) && !config.allowedAliases.includes(alias)) {
                const family = alias.split("@")[0];
                reportViolation(`EC2NodeClass "${name}" must pin amiSelectorTerms alias "${alias}" to a released version ("${family}@<version>") instead of @latest.`);
            }
        }
    }),
};

export const ec2NodeClassPolicies = [ec2NodeClassImdsv2, ec2NodeClassEncryptedVolumes, ec2NodeClassAmiPinned];
