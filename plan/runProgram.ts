import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, captureRegistrations } from "./capture";
import { MockEnvironment, RealisticMocks } from "./mocks";

export interface ProgramRunOptions {
    project: string;
    stack: string;
    /** Flat config as Pulumi passes it: `"<namespace>:<key>"` → text or JSON text. */
    config: Record<string, string>;
    secretKeys?: string[];
    env: MockEnvironment;
    /** Run as the preview of a new stack: computed outputs unknown (see RealisticMocks). */
    firstPreview?: boolean;
    /** Loads the program; resources it registers are captured. */
    program: () => unknown;
    /** Wraps the realistic mocks, e.g. to record the provider calls the program makes (plan/invokes.ts). */
    wrapMocks?: (mocks: pulumi.runtime.Mocks) => pulumi.runtime.Mocks;
}

export interface ProgramRun {
    resources: CapturedResource[];
    /** Resource types answered by the generic mock, sorted (see RealisticMocks.genericallyMocked). */
    genericMocks: string[];
    /** Every error the program raised, synchronously or while resolving outputs. */
    errors: Error[];
}

/**
 * Runs a Pulumi program in-process under realistic mocks and returns what it registered, in
 * registration order. Nothing leaves the process.
 */
export async function runProgram(options: ProgramRunOptions): Promise<ProgramRun> {
    pulumi.runtime.setAllConfig(options.config, options.secretKeys);
    const preview = options.firstPreview ?? false;
    const mocks = new RealisticMocks(options.env, preview);
    await pulumi.runtime.setMocks(options.wrapMocks?.(mocks) ?? mocks, options.project, options.stack, preview);
    const resources = captureRegistrations({ env: options.env, firstPreview: preview });
    const errors: Error[] = [];
    const onRejection = (reason: unknown) => errors.push(asError(reason));
    process.on("unhandledRejection", onRejection);
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            await options.program();
        });
    } catch (error) {
        errors.push(asError(error));
    }
    try {
        await settled(resources, errors);
        // A failed registration releases its RPC slot before it rejects; Node reports that
        // rejection on a later turn of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        errors.push(asError(error));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (errors.length > 0) {
        forgetPendingPromises();
    }
    return { resources, genericMocks: mocks.genericallyMocked, errors: dedupe(errors) };
}

/**
 * Waits for the program's registrations to finish, or, once one has failed, for the program to
 * stop making progress: the resources that depend on a failed registration wait for its outputs
 * forever, and the language host does not wait for them either, but exits once its event loop
 * drains, the error logged (sdk/nodejs/cmd/run/index.ts). Under mocks every step is a promise, so
 * a timer turn that registers nothing and fails nothing more is that point.
 */
async function settled(resources: CapturedResource[], errors: Error[]): Promise<void> {
    let finished = false;
    const rpcs = (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs().finally(() => (finished = true));
    let progress = -1;
    while (!finished) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (errors.length > 0 && resources.length + errors.length === progress) {
            return;
        }
        progress = resources.length + errors.length;
    }
    await rpcs;
}

/**
 * A failed program leaves outputs that will never resolve. Pulumi's leak detector would report
 * them at exit and set exit code 1, failing a process that planned several stacks; they belong
 * to the finished run, not to the process.
 */
function forgetPendingPromises(): void {
    (require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): unknown }).leakedPromises();
}

function asError(reason: unknown): Error {
    return reason instanceof Error ? reason : new Error(String(reason));
}

function dedupe(errors: Error[]): Error[] {
    return errors.filter((error, i) => errors.findIndex((e) => e.message === error.message) === i);
}
