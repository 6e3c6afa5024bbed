/**
 * Small helpers shared by the rule modules. No resource classes: policies match type tokens, and
 * a resource policy meeting another type says so through `args.notApplicable()`, exactly as the
 * SDK's own `validateResourceOfType` does.
 */
import type { ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidation, StackValidationArgs } from "@pulumi/policy";
import { runsKarpenter } from "./presence";
import { StackView } from "./resources";
import { Props, unwrapProps } from "./values";

export const policyPackName = "karpenter-guardrails";

/** Where the pack's remediation steps link to. */
export const docsUrl = "https://karpenter.sh/docs/";

/** Tags every policy carries besides its area. */
export const commonTags = ["karpenter", "eks"];

/** Type tokens a resource policy applies to: a list, or a predicate with a description for the notApplicable reason. */
export type TypeFilter = readonly string[] | { matches: (type: string) => boolean; description: string };

/**
 * A resource validation that only applies to some type tokens. The callback receives the props
 * already unwrapped from the SDK's unknown-checking proxy (see values.ts).
 */
export function forTypes(
    filter: TypeFilter,
    validate: (props: Props, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    const applies = "matches" in filter ? filter.matches : (type: string) => filter.includes(type);
    const expected = "matches" in filter ? filter.description : filter.map((t) => `'${t}'`).join(", ");
    return (args, reportViolation) => {
        if (!applies(args.type)) {
            args.notApplicable(`Policy only applies to resources of type ${expected}`);
        }
        validate(unwrapProps(args.props), args, reportViolation);
    };
}

/**
 * A stack validation for stacks that run Karpenter (lib/presence.ts). On any other stack the policy
 * is not applicable, so a pack enabled for a whole organization stays silent there.
 */
export function forKarpenterStacks(validate: (stack: StackView, args: StackValidationArgs, reportViolation: ReportViolation) => void): StackValidation {
    return (args, reportViolation) => {
        const stack = new StackView(args.resources);
        if (!runsKarpenter(stack)) {
            args.notApplicable("the stack runs no Karpenter: no karpenter chart, controller Deployment, CRD, NodePool or EC2NodeClass");
        }
        validate(stack, args, reportViolation);
    };
}

/**
 * Policy config with the schema defaults filled in. The CLI already applies defaults; doing it
 * again keeps a policy correct when run by another host (the in-process harness, older CLIs).
 */
export function configWithDefaults<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const given = (args.getConfig<Partial<T>>() ?? {}) as Partial<T>;
    const merged = { ...defaults } as T;
    for (const [key, value] of Object.entries(given)) {
        if (value !== undefined && value !== null) {
            (merged as Record<string, unknown>)[key] = value;
        }
    }
    return merged;
}
