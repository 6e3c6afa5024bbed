export * from "./crdTypes";
export { nodePoolObject, nodePoolRequirements, ec2NodeClassObject, blockDeviceMappings, discoveryTagKey, NodeClassContext } from "./specs";
