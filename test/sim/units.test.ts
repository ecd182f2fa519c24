import { chunksPerRun, workUnit } from '../../lib/sim/units.js';

describe('Monte Carlo work units', () => {
  test('whole runs when there are enough of them; chunks of registries when there are few', () => {
    expect(chunksPerRun(100, 50, 2)).toBe(1);
    expect(chunksPerRun(25, 50, 2)).toBe(2);
    expect(chunksPerRun(4, 50, 2)).toBe(12);
    expect(chunksPerRun(4, 3, 2)).toBe(3); // never more chunks than registries
    expect(chunksPerRun(4, 1, 2)).toBe(1);
    expect(chunksPerRun(4, 50, 1)).toBe(1); // one worker: no tail to balance
  });

  test.each([
    [3, 50, 2],
    [25, 50, 2],
    [4, 3, 2],
    [7, 5, 4],
  ])('%i runs of %i registries on %i workers: every (run, registry) in exactly one task, run by run', (runs, registries, workers) => {
    const chunks = chunksPerRun(runs, registries, workers);
    const seen = new Map<string, number>();
    let lastPosition = 0;
    for (let k = 0; k < runs * chunks; k++) {
      const u = workUnit(k, chunks, registries);
      expect(u.position).toBeGreaterThanOrEqual(lastPosition);
      lastPosition = u.position;
      expect(u.to).toBeGreaterThan(u.from);
      for (let r = u.from; r < u.to; r++) seen.set(`${u.position}:${r}`, (seen.get(`${u.position}:${r}`) ?? 0) + 1);
    }
    expect(seen.size).toBe(runs * registries);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});
