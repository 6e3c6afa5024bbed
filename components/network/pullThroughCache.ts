import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { ResolvedPullThroughCache } from "../config/resolved";
import { AwsContext, arn } from "../iam/partition";
import { PolicyDocument, policyDocument, renderPolicy } from "../iam/policyDocument";

/** ECR Public, the upstream of the rule: it needs no credentials. */
export const publicEcrRegistry = "public.ecr.aws";

/** The images the component runs from ECR Public, as the charts' values.yaml name them. */
export const publicEcrImageRepositories = {
    /** The Karpenter chart's `controller.image.repository`. */
    karpenterController: `${publicEcrRegistry}/karpenter/controller`,
    /** The aws-node-termination-handler chart's `image.repository`. */
    nodeTerminationHandler: `${publicEcrRegistry}/aws-ec2/aws-node-termination-handler`,
} as const;

/** The account's private registry in the context's region: `<account>.dkr.ecr.<region>.amazonaws.com`. */
export function ecrRegistryHost(ctx: AwsContext): string {
    return `${ctx.accountId}.dkr.ecr.${ctx.region}.${ctx.dnsSuffix}`;
}

/**
 * `image` as pulled through the cache: `public.ecr.aws/<path>[:tag][@digest]` becomes
 * `<registry>/<prefix>/<path>[:tag][@digest]`, tag and digest unchanged since the cache keeps the
 * upstream manifest. Images from any other registry are returned as they are.
 */
export function cachedImage(image: string, registryHost: string, prefix: string): string {
    return image.startsWith(`${publicEcrRegistry}/`) ? `${registryHost}/${prefix}/${image.slice(publicEcrRegistry.length + 1)}` : image;
}

/**
 * What a first pull through the cache needs beyond a pull: importing the upstream image and
 * creating its repository, on the prefix's repositories only.
 */
export function cacheImportPolicy(ctx: AwsContext, prefix: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "ImportThroughPullThroughCache",
            Effect: "Allow",
            Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
            Resource: arn(ctx, "ecr", `repository/${prefix}/*`),
        },
    ]);
}

/** A role that pulls images through the cache; `key` names its policy resource. */
export interface CacheImportGrant {
    key: string;
    roleName: pulumi.Input<string>;
    /** What must exist before the role's policy can be attached, when `roleName` is a plain name. */
    dependsOn: pulumi.Resource[];
}

export interface PullThroughCache {
    rule: aws.ecr.PullThroughCacheRule;
    /** One inline policy per grant. */
    importPolicies: aws.iam.RolePolicy[];
    /**
     * {@link cachedImage} of `image`. The result carries a dependency on the rule and on every
     * import policy, so whatever runs the image is created only once it can be pulled.
     */
    imageOf(image: string): pulumi.Output<string>;
}

/**
 * The pull-through cache rule for ECR Public, and the import permission for each role that
 * pulls through it: the critical-addons nodes (the controller and NTH), the Karpenter nodes, and
 * the Fargate pod execution role when the controller runs on Fargate.
 */
export function createPullThroughCache(ctx: BuildContext, cache: ResolvedPullThroughCache, grants: CacheImportGrant[]): PullThroughCache {
    const opts = { parent: ctx.parent };
    const rule = new aws.ecr.PullThroughCacheRule(
        `${ctx.name}-ecr-public-cache`,
        { ecrRepositoryPrefix: cache.repositoryPrefix, upstreamRegistryUrl: publicEcrRegistry },
        opts,
    );
    // From the plain prefix, so the document stays known during a preview.
    const policy = ctx.aws.apply((aws) => renderPolicy(cacheImportPolicy(aws, cache.repositoryPrefix)));
    const importPolicies = grants.map(
        (grant) =>
            new aws.iam.RolePolicy(
                `${ctx.name}-${grant.key}-pull-through-cache`,
                { name: "ecr-pull-through-cache-import", role: grant.roleName, policy },
                { ...opts, dependsOn: grant.dependsOn },
            ),
    );
    const ready = pulumi.all([rule.ecrRepositoryPrefix, ...importPolicies.map((p) => p.id)]);
    return {
        rule,
        importPolicies,
        imageOf: (image) => pulumi.all([ctx.aws, ready]).apply(([aws, [prefix]]) => cachedImage(image, ecrRegistryHost(aws), prefix)),
    };
}
