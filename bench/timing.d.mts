/** Wall times in ms of each variant, round by round. */
export declare function timeRounds(rounds: number, variants: Record<string, () => void>): Record<string, number[]>;
/** Median over rounds of `a[i] / b[i]`, and the per-round ratios. */
export declare function roundRatio(a: readonly number[], b: readonly number[]): { median: number; each: number[] };
/** Median of numbers. */
export declare function median(values: readonly number[]): number;
/** Formats milliseconds. */
export declare function fmt(ms: number): string;
/** Formats ratios for a one-line list. */
export declare function list(ratios: readonly number[]): string;
/** Whether BENCH_QUICK=1. */
export declare const QUICK: boolean;
/** Rounds: BENCH_RUNS, else `quick` in quick mode, else `full`. */
export declare function rounds(full: number, quick?: number): number;
/** `ok` when `value` meets the goal, else `MISS`. */
export declare function verdict(value: number, op: '<=' | '>=', target: number): 'ok' | 'MISS';
/** `min–max` of values. */
export declare function spread(values: readonly number[], digits?: number): string;
/** Prints one figure line with its goal, verdict and rounds; returns the verdict. */
export declare function figure(label: string, each: readonly number[], op: '<=' | '>=', target: number, unit?: string, digits?: number): 'ok' | 'MISS';
