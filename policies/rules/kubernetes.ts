/**
 * Policies on Kubernetes resources: no pre-v1 Karpenter objects or annotations, and an explicit
 * provider for Karpenter's objects so they land in the EKS cluster the stack builds rather than
 * the ambient kubeconfig.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { commonTags, docsUrl, forTypes } from "../lib/policy";
import { isKarpenterObject } from "../lib/presence";
import { helmReleaseTypes, k8sName } from "../lib/resources";
import { at, record } from "../lib/values";

const kubernetesTypes = { matches: (type: string) => type.startsWith("kubernetes:"), description: "'kubernetes:*'" };

/** Karpenter API groups before v1; every object in them is ignored (or rejected) by Karpenter v1. */
const legacyKarpenterType = /^kubernetes:(karpenter\.sh|karpenter\.k8s\.aws)\/(v1alpha\d+|v1beta\d+):(\w+)$/;

const v1Replacement: Record<string, string> = {
    Provisioner: "karpenter.sh/v1 NodePool",
    Machine: "karpenter.sh/v1 NodeClaim",
    AWSNodeTemplate: "karpenter.k8s.aws/v1 EC2NodeClass",
    NodePool: "karpenter.sh/v1 NodePool",
    NodeClaim: "karpenter.sh/v1 NodeClaim",
    EC2NodeClass: "karpenter.k8s.aws/v1 EC2NodeClass",
};

const doNotEvict = "karpenter.sh/do-not-evict";

/** Where pod and object annotations live in workload kinds. */
const annotationPaths: string[][] = [
    ["metadata", "annotations"],
    ["spec", "template", "metadata", "annotations"],
    ["spec", "jobTemplate", "spec", "template", "metadata", "annotations"],
];

/** Paths (dotted) in Helm values where the annotation key appears as a map key. */
function findKeyInValues(value: unknown, key: string, path: string[] = [], depth = 0): string[] {
    const map = record(value);
    if (depth > 24) {
        return [];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => findKeyInValues(v, key, [...path, String(i)], depth + 1));
    }
    if (map === undefined) {
        return [];
    }
    return Object.entries(map).flatMap(([k, v]) => (k === key ? [[...path, k].join(".")] : findKeyInValues(v, key, [...path, k], depth + 1)));
}

export const karpenterV1ApiOnly: ResourceValidationPolicy = {
    name: "karpenter-v1-api-only",
    description: "Checks that no pre-v1 Karpenter objects (Provisioner, AWSNodeTemplate, v1alpha5, v1beta1) or the removed karpenter.sh/do-not-evict annotation are deployed.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "upgrade"],
    url: `${docsUrl}upgrading/v1-migration/`,
    remediationSteps:
        "Migrate Provisioner to karpenter.sh/v1 NodePool and AWSNodeTemplate to karpenter.k8s.aws/v1 EC2NodeClass, move v1beta1 " +
        "NodePools/EC2NodeClasses to v1, and replace the karpenter.sh/do-not-evict annotation with karpenter.sh/do-not-disrupt.",
    validateResource: forTypes(kubernetesTypes, (props, args, reportViolation) => {
        const legacy = legacyKarpenterType.exec(args.type);
        if (legacy) {
            const [, group, version, kind] = legacy;
            const target = v1Replacement[kind] ?? `the ${group}/v1 API`;
            reportViolation(`${kind} "${k8sName(props, args.name)}" uses the removed Karpenter API ${group}/${version}; it must be migrated to ${target}.`);
        }
        const where = annotationPaths.filter((path) => {
            const annotations = record(at(props, ...path));
            return annotations !== undefined && doNotEvict in annotations;
        });
        const found = where.map((p) => p.join("."));
        if (helmReleaseTypes.includes(args.type)) {
            found.push(...findKeyInValues(props.values, doNotEvict).map((p) => `values.${p}`));
        }
        if (found.length > 0) {
            reportViolation(
                `${args.type.split(":").pop()} "${k8sName(props, args.name)}" must replace annotation ${doNotEvict} with karpenter.sh/do-not-disrupt (found at ${found.join(", ")}); Karpenter v1 ignores do-not-evict.`,
            );
        }
    }),
};

/** `urn:pulumi:stack::project::pulumi:providers:kubernetes::default_4_34_2` → `default_4_34_2`. */
function urnName(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

export const kubernetesExplicitProvider: ResourceValidationPolicy = {
    name: "kubernetes-explicit-provider",
    description:
        "Checks that Karpenter's Kubernetes resources (its Helm releases, CRDs, controller objects, NodePools and EC2NodeClasses) use an explicit provider instead of the default provider and the ambient kubeconfig.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "kubernetes", "correctness"],
    url: "https://www.pulumi.com/registry/packages/kubernetes/installation-configuration/",
    remediationSteps:
        "Create a kubernetes.Provider from the EKS cluster's kubeconfig and pass it as the provider (or through a parent's providers) " +
        "to every Karpenter resource. The default provider uses whatever kubeconfig context is current on the machine running Pulumi. " +
        "Other Kubernetes resources are not judged: an application stack deploying to the ambient cluster is a choice, not a Karpenter failure.",
    validateResource: forTypes(kubernetesTypes, (props, args, reportViolation) => {
        if (!isKarpenterObject(args.type, props)) {
            args.notApplicable("Policy only applies to Karpenter's Kubernetes resources");
        }
        const provider = args.provider;
        if (provider === undefined) {
            // Components carry no provider reference; custom resources always do.
            return;
        }
        const name = provider.name || urnName(provider.urn);
        if (name.startsWith("default")) {
            reportViolation(
                `${args.type.split(":").pop()} "${k8sName(props, args.name)}" uses the default Kubernetes provider "${name}"; it must use an explicit provider built from the EKS cluster's kubeconfig.`,
            );
        }
    }),
};

export const kubernetesPolicies = [karpenterV1ApiOnly, kubernetesExplicitProvider];
