import { inspect } from "util";

/**
 * Gives `reason`, when it is an Error, an inspection that is its stack as it is, uncolored.
 *
 * Why: run-plugin formats every unhandled rejection with `util.inspect(error, { colors: true })`
 * before it logs it, even a RunError, of which it then logs only the message
 * (cmd/run-plugin/run.ts `uncaughtHandler` and cmd/run/error.ts `defaultErrorMessage`,
 * @pulumi/pulumi 3.248.0). On Node 20.20 that call does not finish for a stack frame in the SDK's
 * source-mapped files, such as `(/work/node_modules/@pulumi/output.ts:516:31)`: `markNodeModules`
 * grows a string until V8 refuses its length, over a minute in a provider's heap, and no call is
 * answered meanwhile. A ValidationError of the late checks (components/config/lateValidation.ts)
 * is thrown inside `apply`, so its stack has such frames. run-plugin falls back to an uncolored
 * inspection when the colored one throws; this gives it that at once.
 */
export function inspectWithoutColors(reason: unknown): void {
    if (reason instanceof Error && !Object.prototype.hasOwnProperty.call(reason, inspect.custom)) {
        Object.defineProperty(reason, inspect.custom, { value: () => reason.stack ?? reason.message });
    }
}
