import * as k8s from "@pulumi/kubernetes";
import { KarpenterCluster } from "karpenter-cluster";

// Every default: a new three-AZ VPC, the critical-addons node group, IRSA, native interruption
// handling and one bounded on-demand NodePool.
const cluster = new KarpenterCluster("platform", {
    clusterName: "platform-prod",
    endpoint: { publicAccessCidrs: ["198.51.100.0/24"] },
    tags: { team: "platform", "cost-center": "1234" },
});

// The component's provider deploys workloads onto the new cluster; Karpenter provisions nodes for them.
new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });

// An add-on that must keep running while Karpenter replaces nodes goes on the critical-addons
// group, next to Karpenter, with the selector and toleration the component exposes.
new k8s.helm.v3.Release(
    "metrics-server",
    {
        name: "metrics-server",
        chart: "metrics-server",
        version: "3.13.0",
        repositoryOpts: { repo: "https://kubernetes-sigs.github.io/metrics-server/" },
        namespace: "kube-system",
        values: { nodeSelector: cluster.criticalAddonsNodeSelector, tolerations: cluster.criticalAddonsTolerations },
    },
    { provider: cluster.provider },
);

export const clusterName = cluster.clusterName;
export const kubeconfig = cluster.kubeconfig;
export const interruptionQueueName = cluster.interruptionQueueName;
