import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";

/** Spot launches fail in accounts that never had this role; it is account-wide, hence opt-in. */
export function createSpotServiceLinkedRole(ctx: BuildContext): aws.iam.ServiceLinkedRole {
    return new aws.iam.ServiceLinkedRole(
        `${ctx.name}-spot-service-linked-role`,
        { awsServiceName: "spot.amazonaws.com", description: "Lets EC2 launch and reclaim spot instances" },
        { parent: ctx.parent },
    );
}
