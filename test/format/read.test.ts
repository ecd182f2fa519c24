/**
 * Reading inputs: UTF-8 with or without a byte-order mark, UTF-16 with one; Latin-1 and other
 * legacy encodings are an input error that says so and where, never mangled text; a pipe is
 * refused before it is opened. The synchronous reader (the one for .tf files) decides the same.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputText, readInputTextSync } from '../../lib/input/read.js';

const dir = mkdtempSync(join(tmpdir(), 'acrkit-read-'));
const ctx = { cwd: dir, shown: 'in.json', what: 'input', fix: 'check the path' };
const TEXT = '{"name": "café"}\n';

test.each([
  ['UTF-8', Buffer.from(TEXT, 'utf8')],
  ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
  ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
])('%s reads as the same text', async (_, bytes) => {
  writeFileSync(join(dir, 'in.json'), bytes);
  expect(await readInputText('in.json', ctx)).toBe(TEXT);
});

test('Latin-1 is an input error with the line and the fix', async () => {
  writeFileSync(join(dir, 'in.json'), Buffer.from('{\n"name": "caf\xe9"}\n', 'latin1'));
  await expect(readInputText('in.json', ctx)).rejects.toThrow('in.json:2: input must be UTF-8 text, got byte 0xE9 at offset 14, which UTF-8 does not allow (Latin-1 or another legacy encoding?): save the file as UTF-8.');
});

test('a FIFO is refused without blocking on it', async () => {
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  await expect(readInputText('fifo', { ...ctx, shown: 'fifo' })).rejects.toThrow('fifo: input must be a readable file, got a pipe: check the path.');
});

// The synchronous reader takes a fast path for plain UTF-8: everything else must decide as the
// asynchronous one does (a byte-order mark dropped, a replacement character written in the file
// kept, a legacy encoding refused).
test.each([
  ['UTF-8', Buffer.from(TEXT, 'utf8')],
  ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
  ['UTF-8 with two BOMs', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
  ['UTF-8 holding a replacement character', Buffer.from('{"name": "caf\uFFFD"}\n', 'utf8')],
  ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
  ['empty', Buffer.alloc(0)],
])('%s reads the same synchronously', async (_, bytes) => {
  writeFileSync(join(dir, 'in.json'), bytes);
  const text = readInputTextSync('in.json', ctx);
  expect(text).toBe(await readInputText('in.json', ctx));
  if (bytes.length > 0) expect(text.endsWith('}\n')).toBe(true);
});

test('Latin-1 is the same input error synchronously', () => {
  writeFileSync(join(dir, 'in.json'), Buffer.from('{\n"name": "caf\xe9"}\n', 'latin1'));
  expect(() => readInputTextSync('in.json', ctx)).toThrow('in.json:2: input must be UTF-8 text, got byte 0xE9 at offset 14, which UTF-8 does not allow (Latin-1 or another legacy encoding?): save the file as UTF-8.');
});
