import { counted, noun, registries } from '../lib/format/counts.js';

describe('counts in prose', () => {
  test('one takes the singular, every other count the plural', () => {
    expect([0, 1, 2].map((n) => counted(n, 'error'))).toEqual(['0 errors', '1 error', '2 errors']);
    expect(noun(1, 'warning')).toBe('warning');
    expect(noun(3, 'warning')).toBe('warnings');
  });

  test('irregular plurals', () => {
    expect([1, 3].map(registries)).toEqual(['1 registry', '3 registries']);
    expect(counted(2, 'policy', 'policies')).toBe('2 policies');
  });
});
