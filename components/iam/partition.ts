export interface Partition {
    partition: string;
    /** The suffix of the partition's endpoints and service principals: `amazonaws.com`, `amazonaws.com.cn`... */
    dnsSuffix: string;
}

/** The AWS identity facts every ARN and condition in a policy document is built from. */
export interface AwsContext extends Partition {
    region: string;
    accountId: string;
}

/**
 * The partitions and their region patterns as the AWS SDKs define them (partitions.json in
 * aws-sdk-js-v3 packages/util-endpoints), which is also what `aws.getPartition` answers from.
 */
const partitions: (Partition & { regions: RegExp })[] = [
    { partition: "aws", dnsSuffix: "amazonaws.com", regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
    { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", regions: /^cn-\w+-\d+$/ },
    { partition: "aws-us-gov", dnsSuffix: "amazonaws.com", regions: /^us-gov-\w+-\d+$/ },
    { partition: "aws-iso", dnsSuffix: "c2s.ic.gov", regions: /^us-iso-\w+-\d+$/ },
    { partition: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", regions: /^us-isob-\w+-\d+$/ },
    { partition: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", regions: /^eu-isoe-\w+-\d+$/ },
    { partition: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", regions: /^us-isof-\w+-\d+$/ },
    { partition: "aws-eusc", dnsSuffix: "amazonaws.eu", regions: /^eusc-de-\w+-\d+$/ },
];

/**
 * The partition of `region`, derived rather than asked of the provider, so a preview makes one
 * network round trip fewer. Like the SDKs, a region no pattern matches is in the standard partition.
 */
export function partitionOfRegion(region: string): Partition {
    const { partition, dnsSuffix } = partitions.find((p) => p.regions.test(region)) ?? partitions[0];
    return { partition, dnsSuffix };
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
