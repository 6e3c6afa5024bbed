import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BuildContext } from "../buildContext";
import { ResolvedEndpoint } from "../config/resolved";
import { validated } from "../config/lateValidation";
import * as formats from "../config/formats";

/** One HTTPS ingress rule on the cluster security group; `key` names the Pulumi resource. */
export interface EndpointAccessRuleSpec {
    key: string;
    description: string;
    /** Exactly one of the two sources is set. */
    cidrIpv4?: string;
    referencedSecurityGroupId?: pulumi.Input<string>;
    /** The argument the source came from, for the messages of ids only known as outputs. */
    path: string;
}

/**
 * The rules that admit deployers to the private API endpoint, in a stable order. A rule is named
 * by its CIDR or security group id, so adding or removing one renames no other; a group id only
 * known as an output is named by its position. None without a private endpoint.
 */
export function endpointAccessRuleSpecs(endpoint: ResolvedEndpoint): EndpointAccessRuleSpec[] {
    if (!endpoint.privateAccess) {
        return [];
    }
    const cidrs = endpoint.privateAccessCidrs.map((cidr, i) => ({
        key: cidr.replace(/[./]/g, "-"),
        description: `Kubernetes API from ${cidr}`,
        cidrIpv4: cidr,
        path: `endpoint.privateAccessCidrs[${i}]`,
    }));
    const groups = endpoint.privateAccessSecurityGroupIds.map((id, i) => ({
        key: typeof id === "string" ? id : `security-group-${i}`,
        description: "Kubernetes API from a deployer security group",
        referencedSecurityGroupId: id,
        path: `endpoint.privateAccessSecurityGroupIds[${i}]`,
    }));
    return [...cidrs, ...groups];
}

/**
 * HTTPS ingress rules on the EKS cluster security group, the group of the private endpoint's
 * network interfaces, which by default admits only itself. `aws.vpc.SecurityGroupIngressRule`
 * adds one rule and leaves the group EKS owns, and its other rules, alone.
 */
export function createEndpointAccess(ctx: BuildContext, clusterSecurityGroupId: pulumi.Output<string>): aws.vpc.SecurityGroupIngressRule[] {
    return endpointAccessRuleSpecs(ctx.args.endpoint).map(
        (spec) =>
            new aws.vpc.SecurityGroupIngressRule(
                `${ctx.name}-endpoint-access-${spec.key}`,
                {
                    securityGroupId: clusterSecurityGroupId,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: spec.cidrIpv4,
                    // Plain ids were checked before anything was registered; outputs are checked here.
                    referencedSecurityGroupId:
                        spec.referencedSecurityGroupId === undefined || typeof spec.referencedSecurityGroupId === "string"
                            ? spec.referencedSecurityGroupId
                            : validated(spec.referencedSecurityGroupId, spec.path, formats.securityGroupId),
                    description: spec.description,
                    tags: ctx.args.tags,
                },
                { parent: ctx.parent },
            ),
    );
}
