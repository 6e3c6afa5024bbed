/**
 * Defers modules the SDKs load on import but use only at run time of code a plan does not run:
 * - TypeScript (9 MB of JavaScript) and @npmcli/arborist with its dependencies, which
 *   @pulumi/pulumi 3.248.0 loads to serialize functions (sdk/nodejs/typescript-shim.ts for
 *   runtime/closure/parseFunction.ts; runtime/closure/codePaths.ts `computeCodePaths`), as
 *   `aws.lambda.CallbackFunction` does;
 * - the AWS SDK's ECS client, which @pulumi/awsx 3.9.0 loads for the `run` function of its classic
 *   ECS task definitions (classic/ecs/taskDefinition.ts `createRunFunction`), called at run time.
 * Loading them was about 0.9 s of CPU time, over a third of `npm run plan`. Each is loaded,
 * unchanged, on its first use. TypeScript is a devDependency here, so the shim's fallback to the
 * copy the SDK vendors (taken when `require("typescript")` throws) does not arise.
 *
 * Installed by plan/compiled.js before the CLI loads, so only in the plan's own process.
 */
import * as path from "path";

type Load = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;

/** `request` as required by the file ending in `requiredBy`, and how that file reads it. */
interface Deferred {
    request: string;
    requiredBy: string;
    /**
     * The file wraps it in TypeScript's `__importStar`, which reads `__esModule` and copies every
     * property, which would load it at once. Answering `__esModule: true` makes `__importStar`
     * return the module itself, without the `default` it would add; the file reads only named
     * properties (`arborist.Arborist`, `ecssdk.ECS`).
     */
    importStar: boolean;
}

export const deferredModules: Deferred[] = [
    { request: "typescript", requiredBy: path.join("@pulumi", "pulumi", "typescript-shim.js"), importStar: false },
    { request: "@npmcli/arborist", requiredBy: path.join("@pulumi", "pulumi", "runtime", "closure", "codePaths.js"), importStar: true },
    { request: "@aws-sdk/client-ecs", requiredBy: path.join("@pulumi", "awsx", "classic", "ecs", "taskDefinition.js"), importStar: true },
];

/** A stand-in for a module that loads it on the first access to anything but `__esModule`. */
export function deferredModule(load: () => object, importStar: boolean): object {
    let loaded: object | undefined;
    const target = () => (loaded ??= load());
    return new Proxy(
        {},
        {
            get: (_, key) => (importStar && key === "__esModule" ? true : Reflect.get(target(), key)),
            has: (_, key) => Reflect.has(target(), key),
            ownKeys: () => Reflect.ownKeys(target()),
            // The stand-in's own target is empty, so every property it reports must be configurable.
            getOwnPropertyDescriptor: (_, key) => {
                const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
                return descriptor && { ...descriptor, configurable: true };
            },
            set: (_, key, value) => Reflect.set(target(), key, value),
        },
    );
}

/** Hooks Node's module loader so that the modules of {@link deferredModules} load on first use. */
export function deferSdkModules(): void {
    const Module = require("module") as { _load: Load };
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        const deferred = deferredModules.find((d) => d.request === request && parent?.filename.endsWith(path.join("node_modules", d.requiredBy)));
        if (deferred === undefined) {
            return load.call(this, request, parent, isMain);
        }
        return deferredModule(() => load.call(this, request, parent, isMain) as object, deferred.importStar);
    };
}
