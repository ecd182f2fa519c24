/**
 * Progress of `acrkit simulate` on a terminal: one line per shard redrawn in place on stderr,
 * nothing at all when stderr is not a terminal.
 */
import { fileURLToPath } from 'node:url';
import { main } from '../../lib/cli/main.js';
import type { CliIO, ProgressStream } from '../../lib/cli/io.js';
import { countProgress } from '../../lib/cli/progress.js';

const fixtures = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));

/** A fake standard error: a terminal or not, recording what is written. */
function stream(isTTY: boolean): ProgressStream & { text: string } {
  const s = { isTTY, text: '', write: (t: string) => (s.text += t) };
  return s;
}

function io(progress: ProgressStream): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => {}, isTTY: false, env: {}, cwd: fixtures, progress };
}

describe('countProgress', () => {
  test('redraws one line in place, throttled, always drawing the last step, then ends the line', () => {
    const s = stream(true);
    let now = 0;
    const p = countProgress(s, 'shard 2/4', 25, 'runs', { now: () => now, everyMs: 100 });
    now = 50;
    p.update(1); // too soon: not drawn
    now = 150;
    p.update(13);
    p.update(14); // too soon
    p.update(25); // the last step: drawn
    p.stop();
    p.stop();
    expect(s.text).toBe('\rshard 2/4: 0/25 runs\x1b[K\rshard 2/4: 13/25 runs\x1b[K\rshard 2/4: 25/25 runs\x1b[K\n');
  });

  test('stop draws the state it stopped at', () => {
    const s = stream(true);
    const p = countProgress(s, 'simulate', 8, 'runs', { now: () => 0 });
    p.update(3);
    p.stop();
    expect(s.text).toBe('\rsimulate: 0/8 runs\x1b[K\rsimulate: 3/8 runs\x1b[K\n');
  });

  test('nothing when the stream is not a terminal, is missing, or there is a single step', () => {
    const s = stream(false);
    const p = countProgress(s, 'simulate', 8, 'runs');
    p.update(8);
    p.stop();
    countProgress(undefined, 'simulate', 8, 'runs').stop();
    const one = stream(true);
    countProgress(one, 'simulate', 1, 'runs').stop();
    expect(s.text + one.text).toBe('');
  });
});

describe('acrkit simulate --shard shows progress on a terminal', () => {
  const argv = ['simulate', '--scenario', 'inline.json', '--runs', '8', '--shard', '2/4', '--workers', '0', '--format', 'partial-json'];

  test('a terminal gets the shard line, ending at 2/2 runs; stdout gets the part', async () => {
    const s = stream(true);
    const x = io(s);
    expect(await main(argv, x)).toBe(0);
    expect(s.text.startsWith('\rshard 2/4: 0/2 runs\x1b[K')).toBe(true);
    expect(s.text.endsWith('\rshard 2/4: 2/2 runs\x1b[K\n')).toBe(true);
    expect(s.text.split('\n')).toHaveLength(2); // one line, redrawn in place
    expect(JSON.parse(x.stdout.join('')).runIndices).toEqual([1, 5]);
  });

  test('not a terminal: no progress at all', async () => {
    const s = stream(false);
    expect(await main(argv, io(s))).toBe(0);
    expect(s.text).toBe('');
  });
});
