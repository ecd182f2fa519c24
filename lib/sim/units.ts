/**
 * How the Monte Carlo cuts its runs into worker tasks. A task is one run, or, when there are too
 * few runs to keep every worker busy to the end, a run's registries cut into contiguous chunks:
 * with whole runs, 25 runs on 2 workers leave one worker idle for a whole run at the end (13
 * against 12), which in a shard of a sharded simulation costs a run's time in every shard. Each
 * registry keeps its own random stream (random.ts), so a registry simulated alone gives the same
 * numbers as within its run.
 */

/** Tasks per worker aimed at: enough that the idle tail (about half a task) is a few percent at most. */
const TASKS_PER_WORKER = 24;

/** Chunks each run is cut into for `runs` runs of `registries` registries on `workers` workers (1: whole runs). */
export function chunksPerRun(runs: number, registries: number, workers: number): number {
  if (runs <= 0 || registries <= 1 || workers <= 1) return 1;
  return Math.max(1, Math.min(registries, Math.ceil((TASKS_PER_WORKER * workers) / runs)));
}

/** A task: the run (its position among the runs simulated) and the registries it covers, `[from, to)`. */
export interface WorkUnit {
  /** Position of the run among the runs simulated (index into `runIndices`, or the run itself). */
  readonly position: number;
  /** First registry (scenario order). */
  readonly from: number;
  /** One past the last registry. */
  readonly to: number;
}

/** Task `task` when every run is cut into `chunks` chunks of `registries` registries (run-major order). */
export function workUnit(task: number, chunks: number, registries: number): WorkUnit {
  const position = Math.floor(task / chunks);
  const c = task % chunks;
  return { position, from: Math.floor((c * registries) / chunks), to: Math.floor(((c + 1) * registries) / chunks) };
}
