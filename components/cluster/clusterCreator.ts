import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Problem, throwIfProblems } from "../config/problems";

/** An IAM role or user, as access entries tell principals apart. */
export interface IamPrincipal {
    partition: string;
    accountId: string;
    kind: "role" | "user";
    name: string;
}

/**
 * The IAM principal an ARN names: a role or user ARN (`arn:aws:iam::111122223333:role/path/name`),
 * or what STS answers for an assumed role (`arn:aws:sts::111122223333:assumed-role/name/session`),
 * which drops the role's path. Undefined for the root user, federated users and anything else.
 */
export function iamPrincipalOf(arn: string): IamPrincipal | undefined {
    const iam = /^arn:([\w-]+):iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (iam) {
        return { partition: iam[1], accountId: iam[2], kind: iam[3] as IamPrincipal["kind"], name: iam[4] };
    }
    const assumed = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
    return assumed ? { partition: assumed[1], accountId: assumed[2], kind: "role", name: assumed[3] } : undefined;
}

/**
 * Whether two ARNs name the same role or user. Paths are ignored, since an assumed-role ARN has
 * none: IAM names are unique within an account whatever their path, and case-insensitively so.
 */
export function samePrincipal(a: string, b: string): boolean {
    const [p, q] = [iamPrincipalOf(a), iamPrincipalOf(b)];
    return (
        p !== undefined &&
        q !== undefined &&
        p.partition === q.partition &&
        p.accountId === q.accountId &&
        p.kind === q.kind &&
        p.name.toLowerCase() === q.name.toLowerCase()
    );
}

/**
 * The admins that are `callerArn`, the identity about to create the cluster. pulumi-eks 4.3.0
 * creates it with `bootstrapClusterCreatorAdminPermissions: true` (`createCore`), so EKS gives
 * the creator an access entry of its own, and the one pulumi-eks then creates from `accessEntries`
 * fails with 409 ResourceInUseException, after the control plane's ten-odd minutes.
 */
export function creatorAdminProblems(clusterAdmins: readonly string[], callerArn: string, clusterName: string): Problem[] {
    return clusterAdmins.flatMap((admin, i) =>
        samePrincipal(admin, callerArn)
            ? [
                  {
                      path: `clusterAdmins[${i}]`,
                      message:
                          `is the identity creating cluster "${clusterName}" (${callerArn}), which EKS makes cluster admin already ` +
                          `(pulumi-eks sets bootstrapClusterCreatorAdminPermissions); a second access entry for it fails with ` +
                          `409 ResourceInUseException: remove it, or create the cluster as another identity`,
                  },
              ]
            : [],
    );
}

/**
 * `clusterAdmins`, failing with a `ValidationError` when one of them is the identity that is
 * about to create the cluster; see {@link creatorAdminProblems}.
 *
 * The caller is only known once `getCallerIdentity` answers, so this is an output. Its failure
 * rejects the principal ARNs of the access entries, an input of the `eks.Cluster`: that cluster
 * is never registered, and since a real preview runs the same invoke, `pulumi up` stops at its
 * preview, before anything is created. Dropping the entry with a warning instead is not possible:
 * pulumi-eks takes `accessEntries` as a plain map, so its keys must be known before the caller is.
 *
 * Only the identity that creates the cluster conflicts. Once the cluster exists, another listed
 * identity that runs `pulumi up` has had its own entry from the start, so the check asks EKS
 * whether the cluster exists, and only when an admin is the caller.
 */
export function creatorCheckedAdmins(
    clusterAdmins: readonly string[],
    clusterName: string,
    callerArn: pulumi.Output<string>,
    parent: pulumi.Resource,
): pulumi.Output<string[]> {
    return callerArn.apply(async (caller) => {
        const problems = creatorAdminProblems(clusterAdmins, caller, clusterName);
        if (problems.length > 0 && !(await aws.eks.getClusters({}, { parent })).names.includes(clusterName)) {
            throwIfProblems(problems);
        }
        return [...clusterAdmins];
    });
}
