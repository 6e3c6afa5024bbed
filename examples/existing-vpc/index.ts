import * as pulumi from "@pulumi/pulumi";
import { KarpenterCluster } from "karpenter-cluster";

const config = new pulumi.Config();

// An existing VPC: the component tags its private subnets for discovery with aws.ec2.Tag and
// never modifies the subnets themselves. The API endpoint is private, so deploy from inside the
// VPC: the CI runner's security group is admitted to it. Pod Identity replaces IRSA, and the Node
// Termination Handler reads the interruption queue instead of Karpenter, as teams already running
// NTH do.
const cluster = new KarpenterCluster("shared", {
    clusterName: "shared-services",
    network: {
        vpcId: config.require("vpcId"),
        privateSubnetIds: config.requireObject<string[]>("privateSubnetIds"),
    },
    endpoint: { publicAccess: false, privateAccessSecurityGroupIds: [config.require("runnerSecurityGroupId")] },
    nodeGroup: { instanceTypes: ["m7g.large", "m6g.large"], minSize: 3, maxSize: 6 },
    karpenter: {
        identity: "podIdentity",
        interruption: "nodeTerminationHandler",
        replicas: 3,
        nodePools: [{ name: "default", architectures: ["arm64"], instanceCategories: ["m", "c"], minInstanceGeneration: 7 }],
    },
});

export const clusterName = cluster.clusterName;
export const controllerRoleArn = cluster.controllerRoleArn;
export const interruptionQueueUrl = cluster.interruptionQueueUrl;
