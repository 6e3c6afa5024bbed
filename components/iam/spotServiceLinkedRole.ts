import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** Spot launches fail in accounts that never had this role; it is account-wide, hence opt-in. */
export function createSpotServiceLinkedRole(name: string, parent: pulumi.Resource): aws.iam.ServiceLinkedRole {
    return new aws.iam.ServiceLinkedRole(
        `${name}-spot-service-linked-role`,
        { awsServiceName: "spot.amazonaws.com", description: "Lets EC2 launch and reclaim spot instances" },
        { parent },
    );
}
