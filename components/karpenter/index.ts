export { KarpenterChartValues } from "./chartValues";
export { karpenterValues, extraValuesProblems, protectedValuePaths, ControllerValuesInputs } from "./helmValues";
export { helmMerge } from "./helmMerge";
