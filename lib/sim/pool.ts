/**
 * A worker-thread pool in which each worker pulls the next task as it finishes one, so a fast
 * worker is never left idle while a slow one still has a queue. The Monte Carlo runs on it, and
 * the simulator benchmark runs its compute-only reference on it.
 */
import { Worker } from 'node:worker_threads';
import { SimulationWorkerError } from './errors.js';

/** What to start a worker from: a module file, or code to evaluate when `eval` is true. */
export interface WorkerEntry {
  /** Module URL, or code. */
  readonly entry: URL | string;
  /** Whether `entry` is code. */
  readonly eval: boolean;
}

/**
 * Runs tasks 0..`count`-1 on `workers` threads started from `entry` with `workerData`. A worker
 * is sent a task index, replies with one message when it is done, and is then sent the next index,
 * or `null` when none are left (it must then exit). Resolves when every worker has exited cleanly;
 * rejects with a {@link SimulationWorkerError} if one fails.
 */
export async function pullPool<Reply>(entry: WorkerEntry, workerData: unknown, count: number, workers: number, onReply: (reply: Reply) => void): Promise<void> {
  let next = 0;
  const take = (): number | null => (next < count ? next++ : null);
  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(entry.entry, { workerData, eval: entry.eval });
          w.on('message', (reply: Reply) => {
            onReply(reply);
            w.postMessage(take());
          });
          w.on('error', (e) => reject(new SimulationWorkerError(e.message)));
          w.on('exit', (code) => (code === 0 ? resolve() : reject(new SimulationWorkerError(`worker exited with code ${code}`))));
          w.postMessage(take());
        }),
    ),
  );
}
