/** Numbers and tables for the benchmark report. */

/**
 * This process's CPU time so far, user and system, in milliseconds: unlike wall time, it does not
 * count the time other processes on a shared machine hold the CPU.
 */
export function cpuMs(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
}

/** The middle sample (the upper one of an even count), robust to one slow run. */
export function median(samples: number[]): number {
    if (samples.length === 0) {
        throw new Error("median of no samples");
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** `median 3.31 s, min 2.99 s, max 4.07 s (5 runs)` for samples in milliseconds. */
export function spread(samplesMs: number[]): string {
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    return `median ${s(median(samplesMs))}, min ${s(Math.min(...samplesMs))}, max ${s(Math.max(...samplesMs))} (${samplesMs.length} runs)`;
}

/** Fixed-width columns, the first left-aligned and the others right-aligned unless listed in `leftAligned`. */
export function table(header: string[], rows: string[][], leftAligned: number[] = [0]): string[] {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) =>
        cells
            .map((cell, i) => (leftAligned.includes(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
