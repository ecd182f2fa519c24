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
