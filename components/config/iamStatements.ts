import { PolicyStatement, managedPolicyMaxChars, policyDocument, renderPolicy } from "../iam/policyDocument";
import { quote } from "./problems";
import { Check, anything, arrayOf, isPlainObject, object, oneOf, oneOrList, problem, text } from "./schema";

/**
 * `karpenter.extraPolicyStatements`: the statements of a managed policy attached to the controller
 * role, an identity policy. IAM checks these rules only when CreatePolicy runs, minutes into an
 * update; here they fail before anything is registered.
 */

const resource = text('a resource ARN such as "arn:aws:s3:::my-bucket/*", or "*"', /^\*$|^arn:[^:\s]+:[^:\s]*:[^:\s]*:[^:\s]*:\S+$/);

const statement = object<PolicyStatement>(
    {
        Sid: text("a statement id of letters and digits", /^[A-Za-z0-9]*$/),
        Effect: oneOf(["Allow", "Deny"]),
        // The role is the principal of an identity policy; IAM rejects the document (MalformedPolicyDocument).
        Principal: (_value, path) => problem(path, "must not be set: these statements form an identity policy of the controller role, where IAM rejects a Principal"),
        // IAM's wildcards are * and ? in both the service prefix and the action name.
        Action: oneOrList(text('an IAM action such as "s3:GetObject"', /^[\w*?-]+:[\w*?]+$|^\*$/)),
        Resource: oneOrList(resource),
        Condition: anything,
    },
    ["Effect", "Action", "Resource"],
);

const statements = arrayOf(statement);

export const extraPolicyStatements: Check = (value, path) => {
    const problems = statements(value, path);
    if (!Array.isArray(value)) {
        return problems;
    }
    const sids = value.map((s) => (isPlainObject(s) && typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : undefined));
    sids.forEach((sid, i) => {
        if (sid !== undefined && sids.indexOf(sid) !== i) {
            problems.push({ path: `${path}[${i}].Sid`, message: `duplicates the statement id ${quote(sid)}; IAM requires statement ids to be unique within a policy` });
        }
    });
    if (problems.length === 0 && value.length > 0) {
        // The document the component creates, measured as IAM measures it: without whitespace.
        const size = renderPolicy(policyDocument(value as PolicyStatement[])).replace(/\s/g, "").length;
        if (size > managedPolicyMaxChars) {
            problems.push({
                path,
                message: `must fit in one managed policy, at most ${managedPolicyMaxChars} characters without whitespace (IAM's limit), got ${size}; move some statements to a policy of your own and list it in karpenter.additionalPolicies`,
            });
        }
    }
    return problems;
};
