/**
 * lib/sim/pool.ts stops whole: a failing worker or an abort terminates every worker (even one
 * busy in an endless loop) before the pool rejects, so no thread is left behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pullPool, type WorkerEntry } from '../../lib/sim/pool.js';
import { SimulationInterruptedError, SimulationWorkerError } from '../../lib/sim/errors.js';

/**
 * A worker that answers task t with t, but loops forever on the tasks in `spin`, throws on
 * `fail`, and calls process.exit(3) on `exit`.
 */
function entry(behaviour: { spin?: number[]; fail?: number[]; exit?: number[]; closeEarly?: boolean }): WorkerEntry {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const b = ${JSON.stringify(behaviour)};
    parentPort.on('message', (t) => {
      if (t === null || b.closeEarly) return parentPort.close();
      if ((b.spin ?? []).includes(t)) for (;;) {}
      if ((b.fail ?? []).includes(t)) throw new Error('boom in task ' + t);
      if ((b.exit ?? []).includes(t)) process.exit(3);
      parentPort.postMessage(t);
    });`;
  return { entry: code, eval: true };
}

/** This process's thread count (Linux), or undefined elsewhere. */
function threads(): number | undefined {
  if (!existsSync('/proc/self/status')) return undefined;
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
}

/** Runs the pool; returns the replies, and the error it rejected with. */
async function run(e: WorkerEntry, count: number, workers: number, options: Parameters<typeof pullPool>[5] = {}, onReply: (r: number) => void = () => {}): Promise<{ replies: number[]; error?: unknown }> {
  const replies: number[] = [];
  try {
    await pullPool<number>(e, null, count, workers, (r) => {
      replies.push(r);
      onReply(r);
    }, options);
    return { replies };
  } catch (error) {
    return { replies, error };
  }
}

test('every task is answered once, whatever the worker count', async () => {
  for (const workers of [1, 2, 3]) {
    const { replies, error } = await run(entry({}), 7, workers);
    expect(error).toBeUndefined();
    expect([...replies].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  }
});

test('a worker that throws stops the pool, and the other worker (in an endless loop) is terminated', async () => {
  // Task 0 spins forever on one worker; task 1 throws on the other. Without termination the
  // pool would never settle (and jest would time out).
  const before = threads();
  const { error } = await run(entry({ spin: [0], fail: [1] }), 6, 2, { taskName: (k) => `run ${k}` });
  expect(threads()).toBe(before); // both worker threads are gone when the pool rejects
  expect(error).toBeInstanceOf(SimulationWorkerError);
  expect((error as Error).message).toBe('simulation worker failed: run 1: boom in task 1');
});

test('a worker that exits with a non-zero code stops the pool', async () => {
  const { error } = await run(entry({ spin: [0], exit: [1] }), 4, 2);
  expect(error).toBeInstanceOf(SimulationWorkerError);
  expect((error as Error).message).toBe('simulation worker failed: worker exited with code 3 during task 1');
});

test('workers that exit before answering every task are a failure, not a short result', async () => {
  const { error } = await run(entry({ closeEarly: true }), 4, 2);
  expect(error).toBeInstanceOf(SimulationWorkerError);
  expect((error as Error).message).toMatch(/4 of 4 tasks unanswered/);
});

test('an error in onReply stops the pool', async () => {
  const { error } = await run(entry({ spin: [1] }), 4, 2, {}, () => {
    throw new Error('cannot store the reply');
  });
  expect((error as Error).message).toBe('cannot store the reply');
});

test('an abort terminates busy workers and rejects with SimulationInterruptedError', async () => {
  const ctl = new AbortController();
  // Task 0 answers, then every later task spins forever: abort on the first reply.
  const before = threads();
  const { replies, error } = await run(entry({ spin: [1, 2, 3, 4, 5] }), 6, 2, { signal: ctl.signal }, () => ctl.abort('SIGINT'));
  expect(threads()).toBe(before);
  expect(replies).toEqual([0]);
  expect(error).toBeInstanceOf(SimulationInterruptedError);
  expect(error).toMatchObject({ name: 'SimulationInterruptedError', reason: 'SIGINT' });
});

test('an abort before the start starts no worker', async () => {
  const ctl = new AbortController();
  ctl.abort();
  const { replies, error } = await run(entry({}), 3, 2, { signal: ctl.signal });
  expect(replies).toEqual([]);
  expect(error).toMatchObject({ name: 'SimulationInterruptedError', reason: 'aborted' });
});
