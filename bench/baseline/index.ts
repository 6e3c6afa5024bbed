import * as eks from "@pulumi/eks";

// What any plan of an EKS cluster pays: the SDKs loaded, the remote component registered and
// expanded under the plan's mocks, its state built and checked by the policy pack. The arguments
// are the fewest the plan emulates: pulumi-eks's default VPC lookup, default node group and
// security groups, and EKS's choice of version would be guesses offline.
const cluster = new eks.Cluster("baseline", {
    vpcId: "vpc-0a1b2c3d4e5f60700",
    privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722", "subnet-0a1b2c3d4e5f60733"],
    skipDefaultNodeGroup: true,
    skipDefaultSecurityGroups: true,
    version: "1.35",
});

export const kubeconfig = cluster.kubeconfig;
