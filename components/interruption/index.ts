export { interruptionEvents, eventPattern, EventPattern, InterruptionEvent, queueTargetId } from "./events";
export { interruptionQueuePolicy } from "./queuePolicy";
export { terminationHandlerPolicy, terminationHandlerValues } from "./terminationHandler";
