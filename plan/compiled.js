// @ts-check
/**
 * The plan runs from compiled JavaScript, never from stale code: `npm run plan` and `npm run
 * check` start here (`node plan/compiled.js plan/cli ...`), which rebuilds `.plan/` when a source
 * is newer than the last build and then runs the compiled CLI in this process. ts-node's
 * transpile on every start was most of the plan's time.
 *
 * Plain JavaScript, because it runs before anything is compiled; plan/compiled.d.ts types it for
 * the TypeScript that calls it (the tests, the bench).
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

/** The package root: this file is `<root>/plan/compiled.js`. */
const packageRoot = path.resolve(__dirname, "..");

/**
 * `plan`: the CLIs, the program (`index.ts`), the components, the policies and the examples,
 * transpiled without type checking (tsconfig.plan.json), as ts-node --transpile-only did; `npm
 * test` type-checks. `library`: the package's `main` (`dist/`), which the examples and consumer
 * programs import by the package's name; plan/programModule.ts keeps it fresh for them.
 * @type {Record<"plan" | "library", import("./compiled").Build>}
 */
const builds = {
    plan: { tsconfig: "tsconfig.plan.json", outDir: ".plan", stamp: ".plan/tsconfig.plan.tsbuildinfo", entry: ".plan/plan/cli.js" },
    library: { tsconfig: "tsconfig.build.json", outDir: "dist", stamp: "dist/index.js", entry: "dist/index.js" },
};

/** @param {string} file */
function mtimeMs(file) {
    try {
        return fs.statSync(file).mtimeMs;
    } catch {
        return undefined;
    }
}

/**
 * The tsconfig, each tsconfig it extends, and every file under its `include` entries (a glob
 * stands for the directory before its first wildcard, `lib` for the pack's `lib/**` pattern):
 * what the build's output depends on.
 * @param {string} root
 * @param {string} tsconfig
 * @returns {string[]}
 */
function sourcesOf(root, tsconfig) {
    /** @type {string[]} */
    const files = [];
    /** @param {string} entry */
    const walk = (entry) => {
        const stat = fs.statSync(entry, { throwIfNoEntry: false });
        if (stat?.isDirectory()) {
            for (const name of fs.readdirSync(entry)) {
                if (name !== "node_modules") {
                    walk(path.join(entry, name));
                }
            }
        } else if (stat?.isFile() && /\.(ts|json)$/.test(entry)) {
            files.push(entry);
        }
    };
    let config = path.resolve(root, tsconfig);
    const own = JSON.parse(fs.readFileSync(config, "utf8"));
    for (const entry of own.include ?? []) {
        const segments = entry.split(/[\\/]/);
        const wildcard = segments.findIndex((segment) => segment.includes("*"));
        walk(path.resolve(root, ...(wildcard === -1 ? segments : segments.slice(0, wildcard))));
    }
    for (;;) {
        files.push(config);
        const base = JSON.parse(fs.readFileSync(config, "utf8")).extends;
        if (typeof base !== "string") {
            return files;
        }
        config = path.resolve(path.dirname(config), base);
    }
}

/**
 * The sources changed since the build was last stamped, relative to `root`; every source when it
 * never was, or when its entry point is missing.
 * @param {string} root
 * @param {import("./compiled").Build} build
 * @returns {string[]}
 */
function changedSources(root, build) {
    const sources = sourcesOf(root, build.tsconfig);
    const stamp = mtimeMs(path.resolve(root, build.stamp));
    const entryExists = mtimeMs(path.resolve(root, build.entry)) !== undefined;
    const changed = stamp === undefined || !entryExists ? sources : sources.filter((file) => (mtimeMs(file) ?? Infinity) >= stamp);
    return changed.map((file) => path.relative(root, file));
}

/**
 * Rebuilds when a source changed since the last build, with a line on stderr saying why (stdout
 * carries the plan's `--json`). The stamp takes the time the build started, so a file saved
 * while tsc ran is seen as changed on the next run. Throws, with tsc's output, when tsc fails.
 * @param {string} root
 * @param {import("./compiled").Build} build
 * @returns {boolean} whether it built
 */
function ensureFresh(root, build) {
    const changed = changedSources(root, build);
    if (changed.length === 0) {
        return false;
    }
    const stamp = path.resolve(root, build.stamp);
    const complete = mtimeMs(stamp) !== undefined && mtimeMs(path.resolve(root, build.entry)) !== undefined;
    const shown = changed.length > 3 ? `${changed.slice(0, 3).join(", ")} and ${changed.length - 3} more` : changed.join(", ");
    process.stderr.write(`Building ${build.outDir}/ (tsc -p ${build.tsconfig}): ${complete ? `${shown} changed since the last build` : "no complete build yet"}.\n`);
    if (!complete) {
        // An incremental build trusts its build info and would not emit missing outputs again.
        fs.rmSync(stamp, { force: true });
    }
    const started = new Date();
    let tsc;
    try {
        tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
    } catch {
        throw new Error(`cannot build ${build.tsconfig}: TypeScript is not installed; run npm ci`);
    }
    const result = spawnSync(process.execPath, [tsc, "-p", build.tsconfig], { cwd: root, encoding: "utf8" });
    if (result.status !== 0) {
        // tsc writes its outputs and build info despite errors; dating the stamp back keeps the
        // next run from trusting them.
        if (mtimeMs(stamp) !== undefined) {
            fs.utimesSync(stamp, 0, 0);
        }
        throw new Error(`tsc -p ${build.tsconfig} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
    }
    if (mtimeMs(stamp) === undefined) {
        throw new Error(`tsc -p ${build.tsconfig} succeeded but wrote no ${build.stamp}`);
    }
    fs.utimesSync(stamp, started, started);
    return true;
}

/**
 * `node plan/compiled.js <module> [args]`: runs `.plan/<module>.js` with `args`, as if it were
 * the script Node started.
 * @param {string[]} argv
 */
function main(argv) {
    const [module, ...args] = argv;
    if (module === undefined) {
        process.stderr.write("usage: node plan/compiled.js <module under .plan/, e.g. plan/cli> [args]\n");
        process.exitCode = 64;
        return;
    }
    try {
        ensureFresh(packageRoot, builds.plan);
    } catch (error) {
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 2;
        return;
    }
    // Stack traces that name the TypeScript sources, only when asked for: the SDK takes a stack
    // trace of every promise it makes, and mapping each one would double the plan's time.
    if (args.includes("--verbose")) {
        process.setSourceMapsEnabled(true);
    }
    require(path.join(packageRoot, ".plan", "plan", "deferredModules.js")).deferSdkModules();
    const script = path.join(packageRoot, ".plan", `${module}.js`);
    process.argv = [process.argv[0], script, ...args];
    require(script);
}

module.exports = { builds, changedSources, ensureFresh, packageRoot };

if (require.main === module) {
    main(process.argv.slice(2));
}
