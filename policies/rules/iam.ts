/**
 * The controller's AWS identity: least privilege on the destructive actions, and a trust policy
 * that names the service account the chart actually creates.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { controllersIn } from "../lib/controller";
import { Statement, conditionValues, hasConditions, parseStatements, principalHasService, statementCoversAction, statementCoversAllResources, wildcardMatch } from "../lib/iam";
import { controllerRoles, documentsAttachedTo, irsaRoles, podIdentityAssociationsFor, roleLabel, rolesNamedBy } from "../lib/identity";
import { commonTags, docsUrl, forKarpenterStacks } from "../lib/policy";
import { types } from "../lib/resources";
import { isUnknown, str } from "../lib/values";

/** Actions that must never be granted on every resource without a condition. */
const guardedActions = ["ec2:TerminateInstances", "iam:PassRole"];

export const karpenterControllerPolicyScoped: StackValidationPolicy = {
    name: "karpenter-controller-policy-scoped",
    description: "Checks that the Karpenter controller's IAM policies never allow ec2:TerminateInstances or iam:PassRole on \"*\" without conditions.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: [...commonTags, "iam", "security"],
    url: `${docsUrl}reference/cloudformation/`,
    remediationSteps:
        "Scope ec2:TerminateInstances with aws:ResourceTag/kubernetes.io/cluster/<cluster>=owned and aws:ResourceTag/karpenter.sh/nodepool " +
        "conditions, and iam:PassRole to the node role's ARN with iam:PassedToService ec2.amazonaws.com, as in Karpenter's CloudFormation " +
        "reference. Wildcard actions (ec2:*, *) count as granting both.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        const reported = new Set<string>();
        for (const controller of controllersIn(stack)) {
            for (const role of controllerRoles(stack, controller)) {
                for (const attached of documentsAttachedTo(stack, role)) {
                    for (const statement of parseStatements(attached.document) ?? []) {
                        if (statement.effect !== "Allow" || hasConditions(statement) || !statementCoversAllResources(statement)) {
                            continue;
                        }
                        const actions = guardedActions.filter((a) => statementCoversAction(statement, a));
                        const key = `${attached.source.urn}|${statement.sid ?? ""}|${actions.join()}`;
                        if (actions.length > 0 && !reported.has(key)) {
                            reported.add(key);
                            const sid = statement.sid ? ` (statement "${statement.sid}")` : "";
                            reportViolation(
                                `${attached.label}${sid} of Karpenter controller role "${roleLabel(role)}" allows ${actions.join(" and ")} on "*" without conditions; it must be scoped to the cluster's resources with conditions.`,
                                attached.source.urn,
                            );
                        }
                    }
                }
            }
        }
    }),
};

const subjectOperators = ["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"];

/** Whether a web-identity statement's `sub` condition admits the subject; undefined when it has none. */
function subAdmits(statement: Statement, subject: string): boolean | undefined {
    const exact = conditionValues(statement, ["StringEquals", "ForAnyValue:StringEquals"], ":sub");
    const patterns = conditionValues(statement, ["StringLike", "ForAnyValue:StringLike"], ":sub");
    if (exact.length === 0 && patterns.length === 0) {
        return undefined;
    }
    return exact.includes(subject) || patterns.some((p) => wildcardMatch(p, subject));
}

export const controllerIdentityMatches: StackValidationPolicy = {
    name: "controller-identity-matches",
    description: "Checks that the controller's IRSA trust `sub` condition or Pod Identity association names the namespace and service account the controller runs as.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [...commonTags, "iam", "identity"],
    url: "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
    remediationSteps:
        "Make the role's trust condition <issuer>:sub equal system:serviceaccount:<release namespace>:<serviceAccount.name> (the chart " +
        "names the service account after the release unless serviceAccount.name is set), or create the Pod Identity association for that " +
        "namespace and service account with a role trusting pods.eks.amazonaws.com.",
    validateStack: forKarpenterStacks((stack, _args, reportViolation) => {
        for (const controller of controllersIn(stack).filter((c) => c.visible)) {
            const serviceAccount = controller.serviceAccount;
            if (controller.namespace === undefined || serviceAccount === undefined) {
                continue;
            }
            const label = controller.label;
            const subject = `system:serviceaccount:${controller.namespace}:${serviceAccount}`;
            const annotation = controller.irsaRoleArn?.value;
            const irsaInUse = isUnknown(annotation) || (str(annotation) ?? "") !== "";
            for (const role of irsaInUse ? irsaRoles(stack, controller) : []) {
                const statements = parseStatements(role.props.assumeRolePolicy);
                if (statements === undefined) {
                    continue;
                }
                const webIdentity = statements.filter((s) => s.effect === "Allow" && statementCoversAction(s, "sts:AssumeRoleWithWebIdentity"));
                const verdicts = webIdentity.map((s) => subAdmits(s, subject));
                if (verdicts.includes(true)) {
                    continue;
                }
                const found = webIdentity.flatMap((s) => conditionValues(s, subjectOperators, ":sub"));
                const detail = webIdentity.length === 0 ? "it does not trust sts:AssumeRoleWithWebIdentity at all" : found.length === 0 ? "its trust has no sub condition, so any service account in the cluster can assume it" : `its trust names ${found.map((f) => `"${f}"`).join(", ")}`;
                reportViolation(`IRSA role "${roleLabel(role)}" of the Karpenter controller (${label}) must trust sub "${subject}"; ${detail}.`, role.urn);
            }
            // Without its service account in the stack, whether IRSA is in use cannot be told.
            if (irsaInUse || controller.irsaRoleArn === undefined) {
                continue;
            }
            const associations = podIdentityAssociationsFor(stack, controller);
            const karpenterLooking = stack
                .ofType(types.podIdentityAssociation)
                .filter((a) => [a.props.namespace, a.props.serviceAccount].some((v) => str(v)?.includes("karpenter")));
            if (associations.length === 0 && karpenterLooking.length > 0) {
                const found = karpenterLooking.map((a) => `${str(a.props.namespace)}/${str(a.props.serviceAccount)}`).join(", ");
                reportViolation(`The Karpenter controller (${label}) runs as ${controller.namespace}/${serviceAccount} but the Pod Identity association names ${found}; it must name the controller's namespace and service account.`, karpenterLooking[0].urn);
            }
            for (const association of associations) {
                for (const role of rolesNamedBy(stack, association.props.roleArn, association, "roleArn")) {
                    const statements = parseStatements(role.props.assumeRolePolicy);
                    if (statements !== undefined && !statements.some((s) => s.effect === "Allow" && principalHasService(s.principal, "pods.eks.amazonaws.com"))) {
                        reportViolation(`Pod Identity role "${roleLabel(role)}" of the Karpenter controller (${label}) must trust the service principal pods.eks.amazonaws.com.`, role.urn);
                    }
                }
            }
        }
    }),
};

export const iamPolicies = [karpenterControllerPolicyScoped, controllerIdentityMatches];
