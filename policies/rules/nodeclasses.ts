/**
 * EC2NodeClass policies: instance metadata, volume encryption, AMI pinning and families, and the
 * tags an organization requires on what Karpenter launches.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { commonTags, configWithDefaults, docsUrl, forTypes } from "../lib/policy";
import { k8sName, types } from "../lib/resources";
import { at, bool, isUnknown, list, num, record, str } from "../lib/values";

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

/** The families an EC2NodeClass alias may name (the CRD's CEL rule on amiSelectorTerms[].alias), and `custom` for AMIs chosen by id, name or tags. */
export const amiFamilies = ["al2", "al2023", "bottlerocket", "windows2019", "windows2022", "windows2025", "custom"] as const;

export interface AmiFamilyConfig {
    /** AMI families EC2NodeClasses may use. */
    allowedFamilies: string[];
}

/** The AMI family an EC2NodeClass runs: its alias's, else spec.amiFamily; undefined while unknown. */
function amiFamilyOf(spec: unknown): string | undefined {
    const terms = list(at(spec, "amiSelectorTerms")) ?? [];
    const alias = terms.map((t) => at(t, "alias")).find((a) => a !== undefined);
    if (alias !== undefined) {
        return str(alias)?.split("@")[0].toLowerCase();
    }
    // Without an alias, spec.amiFamily says how to bootstrap the chosen AMIs (Custom: the user data alone).
    return terms.length > 0 ? (str(at(spec, "amiFamily"))?.toLowerCase() ?? "custom") : undefined;
}

export const ec2NodeClassAmiFamily: ResourceValidationPolicy = {
    name: "ec2nodeclass-ami-family",
    description: "Checks that every EC2NodeClass runs an AMI family the organization allows (al2023, bottlerocket, al2, windows*, custom).",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: [...commonTags, "ec2nodeclass", "change-management"],
    url: `${docsUrl}concepts/nodeclasses/#specamiselectorterms`,
    remediationSteps:
        "Select AMIs with an alias of an allowed family (e.g. al2023@v20250920) or, for custom AMIs, set spec.amiFamily to an allowed one. " +
        "Set allowedFamilies in this policy's config (every family by default), for example without al2 and custom to keep every node on " +
        "AMIs that Karpenter bootstraps and EKS patches.",
    configSchema: {
        properties: {
            allowedFamilies: { type: "array", items: { type: "string", enum: [...amiFamilies] }, default: [...amiFamilies], description: "AMI families EC2NodeClasses may use." },
        },
    },
    validateResource: forTypes([types.ec2NodeClass], (props, args, reportViolation) => {
        const { allowedFamilies } = configWithDefaults<AmiFamilyConfig>(args, { allowedFamilies: [...amiFamilies] });
        const family = amiFamilyOf(at(props, "spec"));
        if (family !== undefined && !allowedFamilies.includes(family)) {
            reportViolation(`EC2NodeClass "${k8sName(props, args.name)}" uses the ${family} AMI family; it must use one of ${allowedFamilies.join(", ")}.`);
        }
    }),
};

export interface RequiredTagsConfig {
    /** Tag keys every EC2NodeClass must set in spec.tags. */
    requiredTags: string[];
}

export const ec2NodeClassRequiredTags: ResourceValidationPolicy = {
    name: "ec2nodeclass-required-tags",
    description: "Checks that every EC2NodeClass tags what Karpenter launches (instances, volumes, network interfaces, launch templates) with the tags the organization requires.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: [...commonTags, "ec2nodeclass", "cost", "tagging"],
    url: `${docsUrl}concepts/nodeclasses/#spectags`,
    remediationSteps:
        "Add the keys to spec.tags: Karpenter puts them on every instance, volume, network interface and launch template it creates. Where a " +
        "service control policy denies ec2:RunInstances or ec2:CreateFleet without them, every launch fails with UnauthorizedOperation and " +
        "pods stay Pending; elsewhere the nodes escape cost allocation. Set requiredTags in this policy's config (none by default).",
    configSchema: {
        properties: {
            requiredTags: { type: "array", items: { type: "string", minLength: 1 }, default: [], description: "Tag keys every EC2NodeClass must set in spec.tags." },
        },
    },
    validateResource: forTypes([types.ec2NodeClass], (props, args, reportViolation) => {
        const { requiredTags } = configWithDefaults<RequiredTagsConfig>(args, { requiredTags: [] });
        const tags = at(props, "spec", "tags");
        if (requiredTags.length === 0 || isUnknown(tags)) {
            return;
        }
        const present = record(tags) ?? {};
        const missing = requiredTags.filter((key) => !(key in present));
        if (missing.length > 0) {
            reportViolation(`EC2NodeClass "${k8sName(props, args.name)}" must set spec.tags ${missing.map((k) => `"${k}"`).join(", ")}, so every instance Karpenter launches carries them.`);
        }
    }),
};

export const ec2NodeClassPolicies = [ec2NodeClassImdsv2, ec2NodeClassEncryptedVolumes, ec2NodeClassAmiPinned, ec2NodeClassAmiFamily, ec2NodeClassRequiredTags];
