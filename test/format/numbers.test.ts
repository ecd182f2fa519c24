import { usd } from '../../lib/format/numbers.js';

/** What usd printed before its fast path: `toLocaleString` with the same options. */
const reference = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('usd', () => {
  test('prints what toLocaleString en-US with two decimals prints', () => {
    const values = [0, -0, 0.005, 0.015, 0.125, 1.005, 2.675, -0.001, -0.005, -1234.565, 5, 20, 50, 999.995, 1000, 1234.5, 1e6, 123456789.129, 1e14 + 0.5, 999999999999999.9, 1e15, 1e21, -1e21, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE];
    // Seeded values across magnitudes, with ties at the third decimal.
    let x = 12345;
    for (let i = 0; i < 4000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const scale = 10 ** ((x % 16) - 3);
      values.push(((x / 2147483648) * scale * (i % 2 ? 1 : -1)), Math.round((x / 2147483648) * 1e5) / 1000 + 0.005);
    }
    for (const v of values) expect([v, usd(v)]).toEqual([v, reference(v)]);
  });

  test('groups thousands and keeps the sign after the dollar', () => {
    expect(usd(1234567.891)).toBe('$1,234,567.89');
    expect(usd(-50)).toBe('$-50.00');
    expect(usd(0)).toBe('$0.00');
  });
});
