/** The AWS identity facts every ARN and condition in a policy document is built from. */
export interface AwsContext {
    partition: string;
    region: string;
    accountId: string;
    /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition. */
    dnsSuffix: string;
}

/** An ARN in the context's partition; `region` and `account` default to the context's, `""` omits them. */
export function arn(ctx: AwsContext, service: string, resource: string, scope: { region?: string; account?: string } = {}): string {
    const region = scope.region ?? ctx.region;
    const account = scope.account ?? ctx.accountId;
    return `arn:${ctx.partition}:${service}:${region}:${account}:${resource}`;
}

export function servicePrincipal(ctx: AwsContext, service: string): string {
    return `${service}.${ctx.dnsSuffix}`;
}

export function managedPolicyArn(ctx: AwsContext, policyName: string): string {
    return `arn:${ctx.partition}:iam::aws:policy/${policyName}`;
}
