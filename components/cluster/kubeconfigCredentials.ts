import * as pulumi from "@pulumi/pulumi";
import { KubeconfigCredentialsArgs } from "../config/args";
import { BuildContext } from "../buildContext";

/** The `aws:` stack config keys the default AWS provider authenticates with. */
export interface AwsProviderConfig {
    profile?: string;
    /** `aws:assumeRoles`: the roles the provider assumes in turn, each with the previous one's credentials. */
    assumeRoles?: { roleArn?: string }[];
}

/**
 * Credentials that make `aws eks get-token` act as the AWS provider with `config` does: its profile,
 * and the role it assumes. A chain of roles has no such equivalent, since `--role` is one hop from
 * the profile's credentials; it gets a warning and no role.
 */
export function credentialsOfProviderConfig(config: AwsProviderConfig): { credentials?: KubeconfigCredentialsArgs; warning?: string } {
    const roles = config.assumeRoles ?? [];
    const roleArn = roles.length === 1 ? roles[0].roleArn : undefined;
    const credentials: KubeconfigCredentialsArgs = {
        ...(config.profile ? { profileName: config.profile } : {}),
        ...(roleArn ? { roleArn } : {}),
    };
    const self = config.profile ? `profile "${config.profile}"` : "the default credential chain";
    return {
        credentials: Object.keys(credentials).length > 0 ? credentials : undefined,
        warning:
            roles.length > 1
                ? `aws:assumeRoles chains ${roles.length} roles, which "aws eks get-token --role" cannot repeat: the Kubernetes provider ` +
                  `authenticates as ${self}. Set kubeconfigCredentials, e.g. to a profile whose role_arn and source_profile make the chain.`
                : undefined,
    };
}

/**
 * `args.kubeconfigCredentials`, else the default AWS provider's from the stack config. pulumi-eks
 * 4.3.0 reads `aws:profile` itself (`createCluster`), but puts the profile only in the kubeconfig of
 * its own provider, never in the `kubeconfig`/`kubeconfigJson` outputs (`generateKubeconfig`'s
 * `includeProfile`), and ignores `aws:assumeRoles`. An explicit AWS provider's settings are not in
 * the stack config: then only the argument counts.
 */
export function kubeconfigCredentials(ctx: BuildContext): KubeconfigCredentialsArgs | undefined {
    if (ctx.args.kubeconfigCredentials !== undefined) {
        return ctx.args.kubeconfigCredentials;
    }
    if (ctx.parent.getProvider("aws::") !== undefined) {
        return undefined;
    }
    const aws = new pulumi.Config("aws");
    const { credentials, warning } = credentialsOfProviderConfig({ profile: aws.get("profile"), assumeRoles: aws.getObject("assumeRoles") });
    if (warning) {
        pulumi.log.warn(warning, ctx.parent);
    }
    return credentials;
}

/** The part of a kubeconfig this module changes. */
interface ExecKubeconfig {
    users: { name: string; user: { exec?: { args?: string[] } & Record<string, unknown> } & Record<string, unknown> }[];
}

/**
 * `kubeconfig` (pulumi-eks's `kubeconfig` output) with `--profile` on its token command: what
 * pulumi-eks 4.3.0's `generateKubeconfig` builds for its own provider with `includeProfile`. A
 * flag rather than `AWS_PROFILE`, which ambient credentials such as `AWS_ACCESS_KEY_ID` override.
 */
export function withProfile<T extends ExecKubeconfig>(kubeconfig: T, profileName: string): T {
    return {
        ...kubeconfig,
        users: kubeconfig.users.map((u) =>
            u.user.exec ? { ...u, user: { ...u.user, exec: { ...u.user.exec, args: [...(u.user.exec.args ?? []), "--profile", profileName] } } } : u,
        ),
    };
}
