/**
 * A change's flags come from one list: the Markdown comment and the HTML page show the same
 * words in the same order, and a review fails on exactly the flags marked severe.
 */
import type { ResourceChange } from '../../lib/review/diff.js';
import { CHANGE_FLAGS, flagsOf, isSevere } from '../../lib/report/review/flags.js';
import { verdictReasons } from '../../lib/workflows/review.js';

const change = (kinds: ReadonlyArray<ResourceChange['reasons'][number]['kind']>, extra: Partial<ResourceChange> = {}): ResourceChange => ({
  address: 'azurerm_container_registry.main',
  type: 'azurerm_container_registry',
  action: 'update',
  destructive: false,
  irreversible: false,
  attributes: [],
  reasons: kinds.map((kind) => ({ kind, message: 'm' })),
  ...extra,
});

describe('change flags', () => {
  test('in list order; a destructive change is not also flagged irreversible', () => {
    expect(flagsOf(change(['drift', 'access-loss', 'rejected'], { destructive: true, irreversible: true })).map((f) => f.words)).toEqual(['destructive', 'rejected by Azure', 'access loss', 'drift']);
    expect(flagsOf(change([], { irreversible: true })).map((f) => f.kind)).toEqual(['irreversible']);
    expect(flagsOf(change([]))).toEqual([]);
  });

  test('severe flags are exactly the change reasons that fail a review unless accepted', () => {
    const inputs = { failingFindings: 0, failOn: 'error' as const, simulation: undefined, inputErrors: 0, allowDestroy: false };
    for (const f of CHANGE_FLAGS) {
      const c = f.kind === 'destructive' ? change([], { destructive: true }) : f.kind === 'irreversible' ? change([], { irreversible: true }) : change([f.kind]);
      const fails = verdictReasons({ ...inputs, changes: [c] }).some((r) => r.fails);
      expect([f.kind, fails]).toEqual([f.kind, f.severe]);
      if (f.kind !== 'irreversible' && f.kind !== 'destructive') expect(isSevere(f.kind)).toBe(f.severe);
    }
  });
});
