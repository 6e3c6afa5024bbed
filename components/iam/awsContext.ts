import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AwsContext } from "./partition";

/** Partition, region and account of the provider `parent` resolves to. */
export function awsContext(parent: pulumi.Resource): pulumi.Output<AwsContext> {
    const opts = { parent };
    const partition = aws.getPartitionOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const identity = aws.getCallerIdentityOutput({}, opts);
    return pulumi.all([partition, region, identity]).apply(([p, r, id]) => ({
        partition: p.partition,
        dnsSuffix: p.dnsSuffix,
        region: r.region,
        accountId: id.accountId,
    }));
}
