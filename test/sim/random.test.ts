/**
 * Run r of a stream starts r jumps from its seed whatever order the runs are asked for in: the
 * stream cursor a thread keeps (to walk forward once instead of jumping from the start for every
 * run) changes the time, never the numbers.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { Rng } from '../../lib/sim/random/random.js';

const first = (rng: Rng): number[] => Array.from({ length: 4 }, () => rng.next32());

/** Mixes as random.ts does: the reference computed here by jumping from the start. */
function reference(seed: number, stream: number, run: number): number[] {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  const g = xoroshiro128plus((h ^ (h >>> 16)) | 0);
  for (let i = 0; i < run; i++) g.jump();
  return Array.from({ length: 4 }, () => g.next());
}

test('runs asked for in rising, falling, repeated and interleaved order give the numbers of jumping from the start', () => {
  const order = [0, 1, 2, 7, 7, 3, 12, 0, 5, 40, 39];
  for (const run of order) {
    expect([run, first(Rng.forRun(11, 2, run))]).toEqual([run, reference(11, 2, run)]);
    // Another stream and another seed in between do not disturb the cursor.
    expect(first(Rng.forRun(12, 2, run))).toEqual(reference(12, 2, run));
    expect(first(Rng.forRun(11, 5, run + 1))).toEqual(reference(11, 5, run + 1));
  }
});

test('drawing from a run does not move the stream the next run starts from', () => {
  const a = Rng.forRun(3, 0, 4);
  for (let i = 0; i < 1000; i++) a.next32();
  expect(first(Rng.forRun(3, 0, 5))).toEqual(reference(3, 0, 5));
  expect(first(Rng.forRun(3, 0, 4))).toEqual(reference(3, 0, 4));
});
