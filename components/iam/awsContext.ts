import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AwsContext, partitionOfRegion } from "./partition";

/** Who and where the AWS provider of `parent`'s resources is, from one `getCallerIdentity` call. */
export interface AwsIdentity {
    /** Partition, region and account. */
    context: pulumi.Output<AwsContext>;
    /**
     * ARN of the identity the provider acts as, as STS answers it: an assumed role is
     * `arn:aws:sts::111122223333:assumed-role/<role>/<session>`, without the role's path.
     */
    callerArn: pulumi.Output<string>;
}

/**
 * Partition, region, account and caller of the provider `parent`'s AWS resources use. Every
 * provider call is a network round trip in a real preview, so only the caller identity is asked
 * for: the region is in the provider's config and the partition follows from the region. Nothing
 * in the config holds the account id, and reading it off a created resource's ARN instead would
 * put every IAM document behind that resource and leave it unknown during preview.
 */
export function awsIdentity(parent: pulumi.Resource): AwsIdentity {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const context = pulumi.all([providerRegion(parent), identity]).apply(([region, id]) => ({
        ...partitionOfRegion(region),
        region,
        accountId: id.accountId,
    }));
    return { context, callerArn: identity.arn };
}

/**
 * The region of the AWS provider `parent` hands its children: an explicit provider's `region`,
 * else the default provider's (`aws:region`, `AWS_REGION` or `AWS_DEFAULT_REGION`). Only when
 * neither names one, e.g. a region from a shared AWS profile, is the provider asked.
 */
function providerRegion(parent: pulumi.Resource): pulumi.Output<string> {
    // getProvider takes any type token of the package: the provider is chosen per package.
    const explicit = parent.getProvider("aws::");
    const configured = explicit === undefined ? pulumi.output(aws.config.region) : aws.Provider.isInstance(explicit) ? explicit.region : pulumi.output(undefined);
    return configured.apply((region) => (region !== undefined ? pulumi.output(region) : aws.getRegionOutput({}, { parent }).region));
}
