export { PolicyDocument, PolicyStatement, managedPolicyMaxChars, renderPolicy } from "./policyDocument";
export { AwsContext } from "./partition";
export { controllerPolicyDocuments, ControllerScope } from "./controllerPolicies";
export { irsaTrustPolicy, podIdentityTrustPolicy, ec2TrustPolicy, fargatePodExecutionTrustPolicy, issuerHost, serviceAccountSubject } from "./trustPolicies";
export { nodeRolePolicyNames } from "./nodeRole";
