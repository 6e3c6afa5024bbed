"""A KarpenterCluster from Python: a new VPC with one NAT gateway, a default NodePool and a spot
pool for batch work, and a namespace created through the component's Kubernetes provider.

`pulumi_karpenter_cluster` is the SDK that `pulumi package add ../../provider` generates into
sdks/karpenter-cluster (see "From other languages" in the repository's README)."""

import pulumi
import pulumi_kubernetes as k8s
import pulumi_karpenter_cluster as karpenter

cluster = karpenter.KarpenterCluster(
    "platform",
    cluster_name="platform-python",
    tags={"owner": "platform-team"},
    network=karpenter.NetworkArgs(nat_gateways=karpenter.NatGateways.SINGLE),
    karpenter=karpenter.KarpenterArgs(
        node_pools=[
            karpenter.NodePoolArgs(name="default"),
            karpenter.NodePoolArgs(
                name="batch",
                capacity_types=[karpenter.CapacityType.SPOT, karpenter.CapacityType.ON_DEMAND],
                taints=[karpenter.TaintArgs(key="workload", value="batch", effect=karpenter.TaintEffect.NO_SCHEDULE)],
                limits={"cpu": "32", "memory": "128Gi"},
            ),
        ],
    ),
)

apps = k8s.core.v1.Namespace(
    "apps",
    metadata={"name": "apps"},
    opts=pulumi.ResourceOptions(provider=cluster.provider),
)

pulumi.export("clusterName", cluster.cluster_name)
pulumi.export("kubeconfig", cluster.kubeconfig)
pulumi.export("nodeRoleName", cluster.node_role_name)
