import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { BuildContext } from "../buildContext";
import { ResolvedNodeClass } from "../config/resolved";
import { Problem, throwIfProblems } from "../config/problems";
import { zoneProblem } from "../config/validateArgs";
import { NodeIdentity } from "../iam/nodeRole";
import { NodeClassContext, ec2NodeClassObject, nodePoolObject, terminationHandlerManagedTag } from "./specs";

export interface NodePoolInputs {
    provider: k8s.Provider;
    nodeIdentity: NodeIdentity;
    /**
     * The controller release, the node access entries and the discovery tags. Depending on them
     * makes `pulumi destroy` delete NodePools while Karpenter still runs and can terminate its
     * instances, so none is left behind holding the subnets, and makes nodes launch only once they
     * can join and find their subnets and security group.
     */
    dependsOn: pulumi.Resource[];
}

export interface NodePoolResources {
    nodeClasses: k8s.apiextensions.CustomResource[];
    nodePools: k8s.apiextensions.CustomResource[];
}

/** The role or instance profile, as outputs of the IAM resources so the object depends on them. */
function nodeClassIdentity(nodeClass: ResolvedNodeClass, identity: NodeIdentity): NodeClassContext["identity"] {
    if (nodeClass.instanceProfile !== undefined) {
        return { instanceProfile: identity.instanceProfiles[nodeClass.instanceProfile].name };
    }
    return { role: nodeClass.role ?? identity.role.name };
}

export function createNodePools(ctx: BuildContext, inputs: NodePoolInputs): NodePoolResources {
    const { name, args } = ctx;
    const karpenter = args.karpenter;
    const opts = { parent: ctx.parent, provider: inputs.provider, dependsOn: inputs.dependsOn };
    const tags = {
        ...args.tags,
        ...(karpenter.interruption === "nodeTerminationHandler" ? { [terminationHandlerManagedTag]: "true" } : {}),
    };
    const nodeClassResources = new Map(
        karpenter.nodeClasses.map((nodeClass) => {
            const identity = nodeClassIdentity(nodeClass, inputs.nodeIdentity);
            const spec = ec2NodeClassObject(nodeClass, { clusterName: args.clusterName, identity, tags }).spec;
            const resource = new k8s.apiextensions.CustomResource(
                `${name}-nodeclass-${nodeClass.name}`,
                { apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: nodeClass.name }, spec },
                opts,
            );
            return [nodeClass.name, resource] as const;
        }),
    );
    const nodePools = karpenter.nodePools.map((pool, i) => {
        // Zones are checked against the provider's region once it is known, like every late value.
        const spec = ctx.region.apply((region) => {
            const problems: Problem[] = (pool.zones ?? []).flatMap((zone, j) => {
                const message = zoneProblem(zone, region);
                return message ? [{ path: `karpenter.nodePools[${i}].zones[${j}]`, message }] : [];
            });
            throwIfProblems(problems);
            return nodePoolObject(pool).spec;
        });
        return new k8s.apiextensions.CustomResource(
            `${name}-nodepool-${pool.name}`,
            { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: pool.name }, spec },
            // The NodePool goes before its EC2NodeClass on destroy: Karpenter drains its nodes first.
            { ...opts, dependsOn: [...inputs.dependsOn, nodeClassResources.get(pool.nodeClass)!] },
        );
    });
    return { nodeClasses: [...nodeClassResources.values()], nodePools };
}
