import { RemoteChild, RemoteExpansion, childKey } from "../../../plan/remote";

export const env = { region: "us-west-2", accountId: "123456789012", partition: "aws" };
export const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const secretSig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

export const privateSubnets = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2", "subnet-0aaaaaaaaaaaaaaa3"];
export const publicSubnets = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0bbbbbbbbbbbbbbb3"];
export const adminArn = "arn:aws:iam::111122223333:role/platform-deployer";
export const adminPolicyArn = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** What components/cluster/cluster.ts passes eks.Cluster for Pulumi.dev.yaml. */
export function devClusterInputs(): Record<string, unknown> {
    return {
        name: "karpenter-dev",
        version: "1.35",
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: privateSubnets,
        publicSubnetIds: publicSubnets,
        authenticationMode: "API",
        accessEntries: {},
        createOidcProvider: true,
        skipDefaultNodeGroup: true,
        skipDefaultSecurityGroups: true,
        endpointPublicAccess: true,
        endpointPrivateAccess: true,
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        tags: { environment: "dev", owner: "platform-team" },
    };
}

/** The same for Pulumi.private.yaml: isolated subnets only, no public endpoint, one cluster admin. */
export function privateClusterInputs(): Record<string, unknown> {
    const inputs: Record<string, unknown> = {
        ...devClusterInputs(),
        name: "karpenter-private",
        endpointPublicAccess: false,
        accessEntries: { "admin-5f1d2c3b": { principalArn: adminArn, accessPolicies: { clusterAdmin: { policyArn: adminPolicyArn, accessScope: { type: "cluster" } } } } },
        tags: { environment: "production", owner: "platform-team" },
    };
    delete inputs.publicSubnetIds;
    return inputs;
}

/** What components/network/network.ts passes awsx.ec2.Vpc for Pulumi.dev.yaml. */
export function devVpcInputs(): Record<string, unknown> {
    const tags = { environment: "dev", owner: "platform-team" };
    return {
        cidrBlock: "10.20.0.0/16",
        numberOfAvailabilityZones: 3,
        natGateways: { strategy: "Single" },
        enableDnsHostnames: true,
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: [
            { type: "Private", tags: { ...tags, "karpenter.sh/discovery": "karpenter-dev", "kubernetes.io/role/internal-elb": "1" } },
            { type: "Public", tags: { ...tags, "kubernetes.io/role/elb": "1" } },
        ],
        tags: { ...tags, Name: "karpenter-dev" },
    };
}

/** The same for Pulumi.private.yaml: no NAT, isolated subnets only. */
export function privateVpcInputs(): Record<string, unknown> {
    const tags = { environment: "production", owner: "platform-team" };
    return {
        ...devVpcInputs(),
        cidrBlock: "10.40.0.0/16",
        natGateways: { strategy: "None" },
        subnetSpecs: [{ type: "Isolated", tags: { ...tags, "karpenter.sh/discovery": "karpenter-private", "kubernetes.io/role/internal-elb": "1" } }],
        tags: { ...tags, Name: "karpenter-private" },
    };
}

/** Lookups in an expansion, by type and name; the name alone is not unique. */
export class Children {
    constructor(readonly expansion: RemoteExpansion) {}

    get list(): RemoteChild[] {
        return this.expansion.children;
    }

    one(type: string, name: string): RemoteChild {
        const found = this.list.filter((c) => c.type === type && c.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${this.list.map(childKey).join(", ")}`);
        }
        return found[0];
    }

    ofType(type: string): RemoteChild[] {
        return this.list.filter((c) => c.type === type);
    }

    /** `type::name` of every child, in registration order. */
    keys(): string[] {
        return this.list.map(childKey);
    }
}
