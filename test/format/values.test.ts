import fc from 'fast-check';
import { preview, PREVIEW_LIMIT } from '../../lib/format/values.js';

test('preview is JSON.stringify cut to the limit', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const json = JSON.stringify(v);
      expect(preview(v)).toBe(json.length > PREVIEW_LIMIT ? `${json.slice(0, PREVIEW_LIMIT - 3)}...` : json);
    }),
  );
  expect(preview(undefined)).toBe('nothing');
});

test('a huge document costs no more to quote than a small one', () => {
  const big = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  expect(preview(big)).toBe(`${JSON.stringify(big).slice(0, PREVIEW_LIMIT - 3)}...`);
  expect(preview(cyclic)).toBe('{"a":1,"self":[object Object]}');
});
