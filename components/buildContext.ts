import * as pulumi from "@pulumi/pulumi";
import { ResolvedArgs } from "./config/resolved";
import { awsIdentity } from "./iam/awsContext";
import { AwsContext } from "./iam/partition";
import { AwsNames, awsNames } from "./naming";

/** What every builder of the component's children needs. */
export interface BuildContext {
    /** The component's name: every child's Pulumi name is `${name}-<part>`. */
    name: string;
    args: ResolvedArgs;
    /** AWS names, derived from the cluster name alone. */
    names: AwsNames;
    /** Partition, region and account of the component's AWS provider. */
    aws: pulumi.Output<AwsContext>;
    region: pulumi.Output<string>;
    /** ARN of the identity the component's AWS provider acts as, which creates the cluster. */
    callerArn: pulumi.Output<string>;
    /** The component: the parent of every child. */
    parent: pulumi.Resource;
}

export function createBuildContext(name: string, args: ResolvedArgs, parent: pulumi.Resource): BuildContext {
    const { context: aws, callerArn } = awsIdentity(parent);
    return { name, args, names: awsNames(args.clusterName), aws, region: aws.apply((ctx) => ctx.region), callerArn, parent };
}
