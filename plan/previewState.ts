import * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "./remote/values";

type Inputs = Record<string, unknown>;

/** `value` with each unknown as the sentinel string, so a mock can read it as it reads any string. */
function withSentinels(value: unknown): unknown {
    if (pulumi.isUnknown(value)) {
        return unknownValue;
    }
    if (Array.isArray(value)) {
        return value.map(withSentinels);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSentinels(v)]));
    }
    return value;
}

/**
 * A custom resource as the engine answers its registration in the preview of a new stack: its
 * inputs, and every attribute the provider computes unknown, as the AWS provider's preview of a
 * create leaves them. Those are the keys `deployed` (the answer once deployed, run on the same
 * inputs) adds to the inputs. No id, but for a provider, which the engine creates during the
 * preview with the unknown id (pulumi/pulumi v3.248.0 pkg/resource/deploy/providers/registry.go `Create`).
 */
export function firstPreviewState(type: string, inputs: Inputs, deployed: (inputs: Inputs) => pulumi.runtime.MockResourceResult): pulumi.runtime.MockResourceResult {
    const state: Inputs = { ...inputs };
    for (const key of Object.keys(deployed(withSentinels(inputs) as Inputs).state)) {
        if (!(key in inputs)) {
            state[key] = unknownValue;
        }
    }
    return { id: type.startsWith("pulumi:providers:") ? unknownValue : "", state };
}
