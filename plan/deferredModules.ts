/**
 * Defers modules the SDKs load on import but a plan never uses, or uses only in part:
 * - TypeScript (9 MB of JavaScript) and @npmcli/arborist with its dependencies, which
 *   @pulumi/pulumi 3.248.0 loads to serialize functions (sdk/nodejs/typescript-shim.ts for
 *   runtime/closure/parseFunction.ts; runtime/closure/codePaths.ts `computeCodePaths`, which also
 *   calls normalize-package-data), as `aws.lambda.CallbackFunction` does;
 * - the Automation API, the provider server and dynamic providers, which @pulumi/pulumi's
 *   index.ts imports as namespaces (`pulumi.automation`, `pulumi.provider`, `pulumi.dynamic`);
 * - gRPC and the generated gRPC clients, which @pulumi/pulumi's runtime imports to reach the
 *   engine (runtime/settings.ts, callbacks.ts) and to tell its status codes apart when a call fails
 *   (errors.ts, runtime/resource.ts, invoke.ts): under mocks no call goes over gRPC;
 * - the policy pack's gRPC server, which @pulumi/policy 1.21.0 imports in policy.ts for the
 *   `PolicyPack` constructor: the plan evaluates policies in-process and constructs no pack;
 * - glob, which @pulumi/kubernetes 4.34.2 loads for `yaml.ConfigFile` file patterns;
 * - the AWS SDK's ECS client, which @pulumi/awsx 3.9.0 loads for the `run` function of its classic
 *   ECS task definitions (classic/ecs/taskDefinition.ts `createRunFunction`), called at run time;
 * - the namespaces of the provider SDKs (`aws.iam`, `k8s.apps`, `awsx.classic`, ...): each
 *   SDK's generated index.ts imports every one of its ~240 (aws), ~30 (kubernetes) or 7 (awsx)
 *   namespaces, and a stack uses a handful; see {@link namespaceImporters}.
 * Each is loaded, unchanged, on its first use, so a consumer program that uses any of them gets
 * the real module. Before these were deferred they were over half of `npm run plan`'s CPU time.
 * TypeScript is a devDependency here, so the shim's fallback to the copy the SDK vendors (taken
 * when `require("typescript")` throws) does not arise.
 *
 * Installed by plan/compiled.js before the CLI loads, so only in the plan's own process.
 */
import * as fs from "fs";
import * as path from "path";

type Load = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;

/**
 * How the requiring file reads the module, as TypeScript compiles its import:
 * - `importStar` (`import * as x`): `__importStar` reads `__esModule` and, when it is not set,
 *   copies every property, which would load the module at once. Answering `__esModule: true`
 *   makes it return the module itself, without the `default` it would add; the SDKs read only
 *   named properties of these (`arborist.Arborist`, `ecssdk.ECS`, `aws.iam`).
 * - `importDefault` (`import x from`): `__importDefault` reads `__esModule` and, when it is not
 *   set, wraps the module as `{ default: module }`. Answering `undefined` without loading gets
 *   the wrapper, and the module itself is a function (`normalize(data)`), so the stand-in is
 *   callable.
 * - `require` (`import x = require()` or a plain `require`): property reads only.
 */
type Reads = "importStar" | "importDefault" | "require";

/** `request` as required by the files ending in `requiredBy` (paths under node_modules), and how they read it. */
interface Deferred {
    request: string;
    requiredBy: string[];
    reads: Reads;
}

const sdkFile = (...parts: string[]) => path.join("@pulumi", ...parts);

const pulumiRuntime = (file: string) => sdkFile("pulumi", "runtime", file);

export const deferredModules: Deferred[] = [
    { request: "typescript", requiredBy: [sdkFile("pulumi", "typescript-shim.js")], reads: "require" },
    { request: "@npmcli/arborist", requiredBy: [pulumiRuntime(path.join("closure", "codePaths.js"))], reads: "importStar" },
    { request: "normalize-package-data", requiredBy: [pulumiRuntime(path.join("closure", "codePaths.js"))], reads: "importDefault" },
    { request: "./automation", requiredBy: [sdkFile("pulumi", "index.js")], reads: "importStar" },
    { request: "./provider", requiredBy: [sdkFile("pulumi", "index.js")], reads: "importStar" },
    { request: "./dynamic", requiredBy: [sdkFile("pulumi", "index.js")], reads: "importStar" },
    {
        request: "@grpc/grpc-js",
        requiredBy: [sdkFile("pulumi", "errors.js"), ...["settings.js", "callbacks.js", "resource.js", "invoke.js"].map(pulumiRuntime)],
        reads: "importStar",
    },
    { request: "../proto/engine_grpc_pb", requiredBy: [pulumiRuntime("settings.js")], reads: "importStar" },
    { request: "../proto/resource_grpc_pb", requiredBy: [pulumiRuntime("settings.js")], reads: "importStar" },
    { request: "../proto/callback_grpc_pb", requiredBy: [pulumiRuntime("callbacks.js")], reads: "importStar" },
    { request: "./server", requiredBy: [sdkFile("policy", "policy.js")], reads: "require" },
    { request: "glob", requiredBy: [sdkFile("kubernetes", "yaml", "yaml.js")], reads: "importStar" },
    { request: "@aws-sdk/client-ecs", requiredBy: [sdkFile("awsx", "classic", "ecs", "taskDefinition.js")], reads: "importStar" },
];

/**
 * The files of the provider SDKs that import every namespace with
 * `__importStar(require("./<namespace>"))`, and the Pulumi package each belongs to: each SDK's
 * index.js, and @pulumi/kubernetes's yaml/yaml.ts, which imports them all (`../apps`, ...) to
 * construct any kind a YAML file holds. A namespace is a directory; `./utilities` and the lazily
 * loaded `./provider` and functions are files, and load as usual.
 */
export const namespaceImporters = [
    { pkg: "aws", file: sdkFile("aws", "index.js") },
    { pkg: "kubernetes", file: sdkFile("kubernetes", "index.js") },
    { pkg: "kubernetes", file: sdkFile("kubernetes", "yaml", "yaml.js") },
    { pkg: "awsx", file: sdkFile("awsx", "index.js") },
];

/** The list by request, each requiring file as the path suffix its filename ends with: asked on every require of the plan. */
const listedByRequest = new Map<string, { suffixes: string[]; reads: Reads }[]>();
for (const { request, requiredBy, reads } of deferredModules) {
    listedByRequest.set(request, [...(listedByRequest.get(request) ?? []), { suffixes: requiredBy.map((file) => path.join("node_modules", file)), reads }]);
}
const importerSuffixes = namespaceImporters.map(({ pkg, file }) => ({ pkg, suffix: path.join("node_modules", file) }));

/** The `<package>:<namespace>` ("aws:iam") that `request` is, when `parentFile` imports namespaces. */
function namespaceOf(request: string, parentFile: string): string | undefined {
    const importer = request.startsWith(".") ? importerSuffixes.find(({ suffix }) => parentFile.endsWith(suffix)) : undefined;
    if (importer === undefined || fs.statSync(path.join(path.dirname(parentFile), request), { throwIfNoEntry: false })?.isDirectory() !== true) {
        return undefined;
    }
    return `${importer.pkg}:${path.basename(request)}`;
}

/** How the file `parentFile` reads `request` when it is deferred, and the namespace it is if it is one; undefined when it loads now. */
function deferralOf(request: string, parentFile: string | undefined): { reads: Reads; namespace?: string } | undefined {
    if (parentFile === undefined) {
        return undefined;
    }
    const listed = listedByRequest.get(request)?.find(({ suffixes }) => suffixes.some((suffix) => parentFile.endsWith(suffix)));
    if (listed !== undefined) {
        return { reads: listed.reads };
    }
    const namespace = namespaceOf(request, parentFile);
    return namespace !== undefined ? { reads: "importStar", namespace } : undefined;
}

/** How the file `parentFile` reads `request` when it is deferred; undefined when it loads now. */
export function deferral(request: string, parentFile: string | undefined): Reads | undefined {
    return deferralOf(request, parentFile)?.reads;
}

/**
 * A stand-in for a module that loads it on the first access to anything but what `reads` answers
 * (`__esModule`), and forwards everything after. Callable when the module is read as a default
 * import; its target is then an arrow function, whose own properties are all configurable, so the
 * stand-in may report the module's keys instead.
 */
export function deferredModule(load: () => object, reads: Reads): object {
    let loaded: object | undefined;
    const target = () => (loaded ??= load());
    const esModule: Record<Reads, boolean | undefined> = { importStar: true, importDefault: undefined, require: undefined };
    return new Proxy(reads === "importDefault" ? () => undefined : {}, {
        get: (_, key) => {
            if (key === "__esModule" && reads !== "require") {
                return esModule[reads];
            }
            // See doNotCapture below.
            return key === "doNotCapture" && loaded === undefined ? true : Reflect.get(target(), key);
        },
        has: (_, key) => Reflect.has(target(), key),
        ownKeys: () => Reflect.ownKeys(target()),
        // The stand-in's own target has no property the module must report, so every property it reports must be configurable.
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
        set: (_, key, value) => Reflect.set(target(), key, value),
        apply: (_, self, args) => Reflect.apply(target() as (...args: unknown[]) => unknown, self, args),
    });
}

/** An SDK's index.js, which exports what it imports as namespaces (`exports.iam = iam`); other files keep their stand-ins to themselves. */
const sdkIndex = /[\\/]node_modules[\\/]@pulumi[\\/][^\\/]+[\\/]index\.js$/;

/**
 * Pulumi's function serializer (runtime/closure/createClosure.ts) leaves out a value marked
 * `doNotCapture`. A function that captures the Pulumi SDK itself (`const { log } = pulumi`) is
 * serialized with the SDK's objects by value, and would reach a stand-in or the accessor of a
 * settled export, whose code closes over Node's module loader and cannot be serialized: the
 * plan would fail where `pulumi up` does not. Marked, they serialize as nothing, so the plan's
 * code for such a function can differ from a real deployment's in what it holds of SDK modules a
 * plan never loaded. A stand-in whose module has loaded answers as the module does.
 */
const doNotCapture = <T extends object>(value: T): T => Object.assign(value, { doNotCapture: true });

/** Stand-ins an SDK's index has exported or will, by its exports object, with their loaders. */
const exportedStandIns = new WeakMap<object, Map<object, () => unknown>>();

/**
 * Once a module has loaded, each stand-in it exports (`aws.iam`, `pulumi.automation`) becomes a
 * property that loads the real module on first read and then holds it, so a program never sees a
 * stand-in: Pulumi's function serializer recognises a captured module only as the very object in
 * `require.cache` (runtime/closure/createClosure.ts), and `aws.iam` is then
 * `require("@pulumi/aws/iam")`.
 */
function settleExports(exports: unknown): void {
    const standIns = exports !== null && typeof exports === "object" ? exportedStandIns.get(exports) : undefined;
    if (standIns === undefined) {
        return;
    }
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(exports))) {
        const load = "value" in descriptor ? standIns.get(descriptor.value) : undefined;
        if (load !== undefined) {
            // A module required again while it loads (a cycle) has not exported every stand-in yet: the rest wait for its last return.
            standIns.delete(descriptor.value);
            const hold = doNotCapture((value: unknown) => Object.defineProperty(exports, key, { value, writable: true, enumerable: descriptor.enumerable, configurable: true }));
            Object.defineProperty(exports, key, {
                get: doNotCapture(() => (hold(load()), (exports as Record<string, unknown>)[key])),
                set: hold,
                enumerable: descriptor.enumerable,
                configurable: true,
            });
        }
    }
    if (standIns.size === 0) {
        exportedStandIns.delete(exports as object);
    }
}

/** The loaders of deferred namespaces by `<package>:<namespace>` ("aws:iam"). */
const namespaceLoaders = new Map<string, () => unknown>();

/**
 * Loads the deferred namespace that registers the resource module of `type`, as the SDK's index
 * would have loaded it at start: a namespace's index registers its resources with the SDK, which
 * needs them to turn a resource reference it deserializes into a resource object
 * (runtime/rpc.ts `deserializeProperty`), in the program and in the mock monitor. The namespace is
 * the module's first segment up to its group's first dot: `iam` for `aws:iam/role:Role`, `helm`
 * for `kubernetes:helm.sh/v3:Release`. When that does not register it, `isRegistered` says so and
 * every deferred namespace of the package loads. Nothing loads for a type the SDK knows already.
 */
export function loadResourceModule(type: string, isRegistered: (pkg: string, mod: string) => boolean): void {
    const [pkg, mod = ""] = type.split(":");
    if (isRegistered(pkg, mod)) {
        return;
    }
    namespaceLoaders.get(`${pkg}:${mod.split("/")[0].split(".")[0]}`)?.();
    if (!isRegistered(pkg, mod)) {
        for (const [key, load] of namespaceLoaders) {
            if (key.startsWith(`${pkg}:`)) {
                load();
            }
        }
    }
}

/** Hooks Node's module loader so that the modules {@link deferral} names load on first use. */
export function deferSdkModules(): void {
    const Module = require("module") as { _load: Load };
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        const deferred = deferralOf(request, parent?.filename);
        if (deferred === undefined || parent === undefined) {
            const exports = load.call(this, request, parent, isMain);
            settleExports(exports);
            return exports;
        }
        let loaded: object | undefined;
        const loadOnce = () => (loaded ??= load.call(this, request, parent, isMain) as object);
        const standIn = deferredModule(loadOnce, deferred.reads);
        if (sdkIndex.test(parent.filename)) {
            exportedStandIns.set(parent.exports, (exportedStandIns.get(parent.exports) ?? new Map()).set(standIn, loadOnce));
        }
        if (deferred.namespace !== undefined) {
            namespaceLoaders.set(deferred.namespace, loadOnce);
        }
        return standIn;
    };
}
