import { criticalAddonsTaint } from "../config/defaults";
import { Toleration } from "../karpenter/chartValues";

/**
 * Where an add-on must be scheduled to run on the critical-addons node group: the group's labels
 * and a toleration of its taint. The same values the Karpenter and termination-handler charts
 * get, ready to pass as any chart's `nodeSelector` and `tolerations`.
 */
export interface CriticalAddonsScheduling {
    nodeSelector: Record<string, string>;
    tolerations: Toleration[];
}

export function criticalAddonsScheduling(nodeGroupLabels: Record<string, string>): CriticalAddonsScheduling {
    // No effect: the toleration keeps matching if the group's taint effect is ever tightened to NoExecute.
    return { nodeSelector: { ...nodeGroupLabels }, tolerations: [{ key: criticalAddonsTaint.key, operator: "Exists" }] };
}
