import * as pulumi from "@pulumi/pulumi";
import { KarpenterCluster, ValidationError, readStackConfig, stackClusterName } from "./components";

// Every config problem is reported at once, before any resource is registered.
const config = readStackConfig(pulumi.getProject(), pulumi.runtime.allConfig(), stackClusterName(pulumi.getStack()));
if (config.problems.length > 0) {
    throw new ValidationError(config.problems);
}

const cluster = new KarpenterCluster("cluster", config.args);

export const clusterName = cluster.clusterName;
export const kubeconfig = cluster.kubeconfig;
export const oidcProviderArn = cluster.oidcProviderArn;
export const controllerRoleArn = cluster.controllerRoleArn;
export const nodeRoleName = cluster.nodeRoleName;
export const interruptionQueueName = cluster.interruptionQueueName;
export const interruptionQueueUrl = cluster.interruptionQueueUrl;
export const nodeGroupName = cluster.nodeGroupName;
export const discoveryTagValue = cluster.discoveryTagValue;
export const vpcId = cluster.vpcId;
export const privateSubnetIds = cluster.privateSubnetIds;
export const criticalAddonsNodeSelector = cluster.criticalAddonsNodeSelector;
export const criticalAddonsTolerations = cluster.criticalAddonsTolerations;
