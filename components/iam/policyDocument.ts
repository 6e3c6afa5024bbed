/** IAM's limit on a managed policy document, counted without whitespace. */
export const managedPolicyMaxChars = 6144;

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS?: string | string[]; Service?: string | string[]; Federated?: string };
    Action: string | string[];
    Resource?: string | string[];
    Condition?: ConditionBlock;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Id?: string;
    Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[], id?: string): PolicyDocument {
    return id ? { Version: "2012-10-17", Id: id, Statement: statements } : { Version: "2012-10-17", Statement: statements };
}

/** The compact JSON IAM stores and measures. */
export function renderPolicy(document: PolicyDocument): string {
    return JSON.stringify(document);
}
