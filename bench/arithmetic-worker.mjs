// Worker of the reference points in sim-bench.ts: pure arithmetic tasks, pulled one at a time
// like Monte Carlo runs, touching no memory to speak of. Two kinds bracket what a second
// hardware thread can add:
// - `variates`: the simulator's own random variates (dependent chains through the generator,
//   exp/log/sin/cos), latency-bound: a core running two of them overlaps their stalls;
// - `registers`: six independent integer recurrences, throughput-bound: one of them keeps a
//   core's integer units busy, so a second hardware thread on the same core adds nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../dist/lib/sim/random.js';

/** Draws `normals` lognormals and `uniforms` uniforms from run `task`'s stream. */
export function variates(task, normals, uniforms) {
  const rng = Rng.forRun(1, 0, task);
  let acc = 0;
  for (let i = 0; i < normals; i++) acc += Math.exp(0.5 + 1.2 * rng.normal());
  for (let i = 0; i < uniforms; i++) acc += rng.uniform();
  return acc;
}

/** `iterations` steps of six independent integer recurrences. */
export function registers(task, iterations) {
  let a = task + 1;
  let b = 2;
  let c = 3;
  let d = 4;
  let e = 5;
  let f = 6;
  for (let i = 0; i < iterations; i++) {
    a = (a + 0x9e3779b9) | 0;
    b = (b ^ (b << 3)) | 0;
    c = (c + a) | 0;
    d = (d ^ c) | 0;
    e = (e + 12345) | 0;
    f = (f ^ e) | 0;
  }
  return a + b + c + d + e + f;
}

if (parentPort && workerData) {
  const port = parentPort;
  const { kind, normals, uniforms, iterations } = workerData;
  port.on('message', (task) => {
    if (task === null) return port.close();
    port.postMessage(kind === 'registers' ? registers(task, iterations) : variates(task, normals, uniforms));
  });
}
