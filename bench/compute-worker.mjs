// Worker of the reference point in sim-bench.ts: compute-only tasks (the simulator's own random
// variates: lognormals and uniforms from its generator), pulled one at a time like Monte Carlo
// runs, touching no memory to speak of. 1 -> 2 workers on these shows what a second thread gives
// work that shares nothing, through the same pool (lib/sim/pool.ts) and with the same per-worker
// JIT warm-up, at the moment the simulator is measured.
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../dist/lib/sim/random/random.js';

/** Draws `normals` lognormals and `uniforms` uniforms from run `task`'s stream; returns their sum. */
export function variates(task, normals, uniforms) {
  const rng = Rng.forRun(1, 0, task);
  let acc = 0;
  for (let i = 0; i < normals; i++) acc += Math.exp(0.5 + 1.2 * rng.normal());
  for (let i = 0; i < uniforms; i++) acc += rng.uniform();
  return acc;
}

if (parentPort && workerData) {
  const port = parentPort;
  const { normals, uniforms } = workerData;
  port.on('message', (task) => {
    if (task === null) return port.close();
    port.postMessage(variates(task, normals, uniforms));
  });
}
