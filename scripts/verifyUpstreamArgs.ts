import * as path from "path";
import { parseCommandLine, UsageError } from "../plan/cliSupport";

export interface VerifyUpstreamArgs {
    /** Folder with `chart/values.yaml` and `crds/` of one Karpenter release, absolute. */
    referenceDir: string;
    /** The aws-node-termination-handler chart's values.yaml; without it NTH values are not checked. */
    nthValuesFile?: string;
}

/**
 * Parses `[REFERENCE_DIR] [--nth-values FILE]`, the directory before or after the option.
 *
 * @param args The arguments after the script's name.
 * @param defaultReferenceDir REFERENCE_DIR when none is given.
 */
export function parseVerifyUpstreamArgs(args: string[], defaultReferenceDir: string): VerifyUpstreamArgs {
    const { values, positionals } = parseCommandLine({
        args,
        allowPositionals: true,
        options: { "nth-values": { type: "string" } },
    });
    if (positionals.length > 1) {
        throw new UsageError(`expected at most one REFERENCE_DIR, got ${positionals.join(" ")}`);
    }
    return { referenceDir: path.resolve(positionals[0] ?? defaultReferenceDir), nthValuesFile: values["nth-values"] };
}
