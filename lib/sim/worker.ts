/**
 * Worker thread of the Monte Carlo: simulates the tasks the parent asks for, one at a time (a run,
 * or a chunk of a run's registries: units.ts), and sends each result back, handing over (not
 * copying) its daily series.
 * Loaded as `worker.js` from dist, or as `worker.ts` through tsx when running from source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateRegistry } from './engine/engine.js';
import type { RegistryRunResult } from './results/run-result.js';
import type { ResolvedScenario } from './scenario/model.js';
import { StoreBufferPool } from './engine/store.js';
import { workUnit } from './units.js';

/** What the parent passes at start-up. */
export interface WorkerInput {
  /** The scenario. */
  readonly scenario: ResolvedScenario;
  /**
   * The run each run position stands for (a shard's runs).
   * @default - position k is run k
   */
  readonly runIndices?: readonly number[];
  /**
   * Chunks each run is cut into (units.ts): task k is chunk `k % chunks` of the run at position
   * `floor(k / chunks)`.
   * @default 1
   */
  readonly chunks?: number;
}

/** A message from the parent: the next task index to simulate, or `null` when there are no more. */
export type WorkerRequest = number | null;

/** A message to the parent: one finished task. */
export interface WorkerReply {
  /** Task index. */
  readonly task: number;
  /** Run index. */
  readonly run: number;
  /** Position of the run (in {@link WorkerInput.runIndices}, or the run index). */
  readonly position: number;
  /** Index (scenario order) of the first registry in {@link registries}. */
  readonly from: number;
  /** The results of registries `from` onwards, in scenario order. */
  readonly registries: readonly RegistryRunResult[];
}

/** The buffers of results' daily series, to transfer rather than copy. */
export function seriesBuffers(registries: readonly RegistryRunResult[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of registries) for (const a of Object.values(r.daily)) out.push(a.buffer as ArrayBuffer);
  return out;
}

const { scenario, runIndices, chunks = 1 } = workerData as WorkerInput;
const buffers = new StoreBufferPool();
const port = parentPort!;
port.on('message', (task: WorkerRequest) => {
  if (task === null) {
    port.close();
    return;
  }
  const { position, from, to } = workUnit(task, chunks, scenario.registries.length);
  const run = runIndices ? runIndices[position]! : position;
  const registries: RegistryRunResult[] = [];
  for (let i = from; i < to; i++) registries.push(simulateRegistry(scenario, scenario.registries[i]!, i, run, { buffers }));
  const reply: WorkerReply = { task, run, position, from, registries };
  port.postMessage(reply, seriesBuffers(registries));
});
