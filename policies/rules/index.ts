/**
 * Every policy of the pack, in the order the pack registers them. Importing this module has no
 * side effects (no PolicyPack, no server), so tests and the offline plan use it directly.
 */
import type { Policies } from "@pulumi/policy";
import { accessPolicies } from "./access";
import { chartPolicies } from "./charts";
import { clusterPolicies } from "./cluster";
import { controllerPolicies } from "./controller";
import { costPolicies } from "./cost";
import { iamPolicies } from "./iam";
import { interruptionPolicies } from "./interruption";
import { kubernetesPolicies } from "./kubernetes";
import { networkPolicies } from "./network";
import { ec2NodeClassPolicies } from "./nodeclasses";
import { nodePoolPolicies } from "./nodepools";

export { policyPackName } from "../lib/policy";

export const allPolicies: Policies = [
    ...controllerPolicies,
    ...nodePoolPolicies,
    ...ec2NodeClassPolicies,
    ...kubernetesPolicies,
    ...interruptionPolicies,
    ...chartPolicies,
    ...networkPolicies,
    ...iamPolicies,
    ...accessPolicies,
    ...clusterPolicies,
    ...costPolicies,
];
