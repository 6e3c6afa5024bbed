export { KarpenterCluster, KarpenterClusterOutputs, createKarpenterCluster, validateAndResolve } from "./karpenterCluster";
export * from "./config";
export * from "./iam";
export * from "./interruption";
export * from "./karpenter";
export * from "./nodepools";
export { awsNames, fitAwsName, awsNameLimits } from "./naming";
export * from "./versions";
