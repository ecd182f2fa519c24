/**
 * Worker thread of the Monte Carlo: simulates the runs the parent asks for, one at a time, and
 * sends each result back, handing over (not copying) its daily series.
 * Loaded as `worker.js` from dist, or as `worker.ts` through tsx when running from source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateRun } from './engine/engine.js';
import type { RunResult } from './results/run-result.js';
import type { ResolvedScenario } from './scenario/model.js';
import { StoreBufferPool } from './engine/store.js';

/** What the parent passes at start-up. */
export interface WorkerInput {
  /** The scenario. */
  readonly scenario: ResolvedScenario;
  /**
   * The run each task index stands for (a shard's runs).
   * @default - task k is run k
   */
  readonly runIndices?: readonly number[];
}

/** A message from the parent: the next task index to simulate, or `null` when there are no more. */
export type WorkerRequest = number | null;

/** A message to the parent: one finished run. */
export interface WorkerReply {
  /** Task index (the position in {@link WorkerInput.runIndices}, or the run index). */
  readonly task: number;
  /** Run index. */
  readonly run: number;
  /** Its result. */
  readonly result: RunResult;
}

/** The buffers of a result's daily series, to transfer rather than copy. */
export function seriesBuffers(result: RunResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of result.registries) for (const a of Object.values(r.daily)) out.push(a.buffer as ArrayBuffer);
  return out;
}

const { scenario, runIndices } = workerData as WorkerInput;
const buffers = new StoreBufferPool();
const port = parentPort!;
port.on('message', (task: WorkerRequest) => {
  if (task === null) {
    port.close();
    return;
  }
  const run = runIndices ? runIndices[task]! : task;
  const result = simulateRun(scenario, run, { buffers });
  const reply: WorkerReply = { task, run, result };
  port.postMessage(reply, seriesBuffers(result));
});
