/**
 * Monte Carlo worker thread: simulates the runs it is given and posts each result back.
 * Loaded as `worker.js` from dist, or as `worker.ts` through tsx when running from source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateRun } from './engine.js';
import type { ResolvedScenario } from './scenario-model.js';

/** What the parent sends. */
export interface WorkerInput {
  /** The scenario. */
  readonly scenario: ResolvedScenario;
  /** Run indices to simulate, in order. */
  readonly runs: readonly number[];
}

const input = workerData as WorkerInput;
for (const run of input.runs) {
  parentPort!.postMessage({ run, result: simulateRun(input.scenario, run) });
}
