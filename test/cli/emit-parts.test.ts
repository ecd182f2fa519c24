/**
 * emitParts: a report made in parts is written part by part to stdout, or to `--out FILE`
 * whole or not at all: a failure while the parts are made leaves the file as it was and no
 * temporary file behind.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitParts, type CliIO } from '../../lib/cli/io.js';
import { UsageError } from '../../lib/errors.js';

function io(cwd: string): CliIO & { writes: string[] } {
  const o = { writes: [] as string[], isTTY: false, env: {}, cwd, err: () => undefined } as unknown as CliIO & { writes: string[] };
  (o as { out: (t: string) => void }).out = (t) => o.writes.push(t);
  return o;
}

function* parts(n: number, failAt?: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('the report could not be made');
    yield `part ${i} ü\n`;
  }
}

test('stdout: each part as it is made, then a newline', async () => {
  const c = io(tmpdir());
  await emitParts(c, parts(3));
  expect(c.writes).toEqual(['part 0 ü\n', 'part 1 ü\n', 'part 2 ü\n', '\n']);
});

test('--out: the parts and a newline, replacing the file whole', async () => {
  const d = mkdtempSync(join(tmpdir(), 'acrkit-parts-'));
  writeFileSync(join(d, 'r.json'), 'old');
  const c = io(d);
  await emitParts(c, parts(1000), 'r.json');
  expect(c.writes).toEqual([]);
  expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe(`${[...parts(1000)].join('')}\n`);
  expect(readdirSync(d)).toEqual(['r.json']);
});

test('--out: a failure while the parts are made leaves the old file and no temporary file; the error is not blamed on the path', async () => {
  const d = mkdtempSync(join(tmpdir(), 'acrkit-parts-'));
  writeFileSync(join(d, 'r.json'), 'the previous report\n');
  const failed = emitParts(io(d), parts(1000, 600), 'r.json');
  await expect(failed).rejects.toThrow('the report could not be made');
  await expect(failed).rejects.not.toBeInstanceOf(UsageError);
  expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('the previous report\n');
  expect(readdirSync(d)).toEqual(['r.json']);
});

test('--out: an input, a folder or a device is refused before anything is written', async () => {
  const d = mkdtempSync(join(tmpdir(), 'acrkit-parts-'));
  writeFileSync(join(d, 'plan.json'), '{}');
  await expect(emitParts(io(d), parts(2), 'plan.json', ['plan.json'])).rejects.toThrow('--out must not be one of the inputs, got plan.json');
  await expect(emitParts(io(d), parts(2), '.')).rejects.toThrow(/got \.: a directory; choose another path\.$/);
  await expect(emitParts(io(d), parts(2), '/dev/full')).rejects.toThrow(/not a regular file \(a device or a pipe\)/);
  expect(readFileSync(join(d, 'plan.json'), 'utf8')).toBe('{}');
});
