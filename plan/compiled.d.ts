/** One `tsc -p` build of this package; see plan/compiled.js. */
export interface Build {
    /** The tsconfig, relative to the package root. */
    tsconfig: string;
    /** Where it writes, relative to the package root. */
    outDir: string;
    /** The file whose modification time is the time of the last successful build. */
    stamp: string;
    /** An output that must exist, or the build is redone in full. */
    entry: string;
}

export const builds: Record<"plan" | "library", Build>;
export const packageRoot: string;
export function changedSources(root: string, build: Build): string[];
export function ensureFresh(root: string, build: Build): boolean;
