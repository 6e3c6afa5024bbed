export * from "./args";
export { ResolvedArgs, ResolvedKarpenter, ResolvedNodeClass, ResolvedNodePool, AmiFamily } from "./resolved";
export { resolveArgs, criticalAddonsLabels, criticalAddonsTaint, defaultNodePoolLimits } from "./defaults";
export { Problem, ValidationError, formatProblem } from "./problems";
export { validateArgs, ValidationContext, zoneProblem } from "./validateArgs";
export { readStackConfig, stackClusterName, StackConfig, configKeys } from "./stackConfig";
