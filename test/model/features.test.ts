/**
 * The one feature table (lib/model/features.ts): a new tier-gated setting is one row there plus
 * its catalog fact, and validate, policy (feature use, smallest tier), the constructs' profile
 * trimming and the simulator's effective settings all follow. Shown with a fake row: "soft delete
 * needs Standard or Premium", on a fake catalog feature.
 */
import { FEATURES, RETENTION_DAYS, SOFT_DELETE_DAYS, TIER_FACTS, TIERS, type FeatureFacts, type FeatureId } from '../../lib/catalog/tiers.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import type { IRegistryProfile } from '../../lib/constructs/container-registry-props.js';
import {
  COUNTED_THINGS,
  countLimit,
  registerTierGatedSetting,
  settingUse,
  settingValue,
  TIER_GATED_SETTINGS,
  unsupportedSettings,
  withoutSetting,
  type TierGatedSetting,
} from '../../lib/model/features.js';
import { unknown } from '../../lib/model/unknown.js';
import { validateSpec } from '../../lib/model/validate.js';
import { featuresUsed, smallestTierFor } from '../../lib/policy/feature-use.js';
import { TierRightSized } from '../../lib/policy/rules/TierRightSized.js';
import { simulateRun } from '../../lib/sim/engine/engine.js';
import schema from '../../lib/sim/scenario/scenario.schema.json' with { type: 'json' };
import { scenario } from '../sim/helpers.js';
import { spec } from '../support/specs.js';
import { synthJson } from '../support/synth.js';

const FAKE = 'fakeSoftDeleteGate' as FeatureId;

/** The fake catalog fact: which tiers support the fake feature, with its (made-up) source. */
const FAKE_FACT: FeatureFacts = {
  id: FAKE,
  title: 'gated soft delete (fake)',
  tiers: ['Standard', 'Premium'],
  status: 'preview',
  source: { ref: 'test/model/features.test.ts', asOf: '2026-01-01', confirmed: false },
};

/** The fake row: soft delete needs the fake feature. */
const FAKE_ROW: TierGatedSetting = {
  field: 'softDeleteDays',
  attribute: 'softDeletePolicy',
  feature: FAKE,
  uses: (d) => (d as number) > 0,
  subject: (d) => [`softDeleteDays ${String(d)} needs`, `soft delete (${String(d)} days) needs`],
  off: { value: 0, construct: 'set softDeleteDays: 0', terraform: 'remove the soft-delete policy' },
  settingName: 'soft delete',
};

const catalog = FEATURES as Record<string, FeatureFacts>;

/** Runs `fn` with the fake row and its catalog fact in place. */
function withFakeRow<T>(fn: () => T): T {
  catalog[FAKE] = FAKE_FACT;
  const remove = registerTierGatedSetting(FAKE_ROW);
  try {
    return fn();
  } finally {
    remove();
    delete catalog[FAKE];
  }
}

describe('the table', () => {
  test('every row names a catalog feature and a field, once', () => {
    for (const row of TIER_GATED_SETTINGS) expect(FEATURES[row.feature]).toBeDefined();
    const fields = TIER_GATED_SETTINGS.map((r) => r.field);
    expect(new Set(fields).size).toBe(fields.length);
  });

  test('a row reads and turns off its setting in a spec, construct props and simulator settings alike', () => {
    const ipRules = TIER_GATED_SETTINGS.find((r) => r.field === 'network.ipRules')!;
    const s = spec('Premium', { network: { ipRules: ['203.0.113.0/24'] } });
    expect(settingUse(s, ipRules)).toBe(true);
    const off = withoutSetting(s, ipRules);
    expect(settingUse(off, ipRules)).toBe(false);
    expect(off.network.publicAccess).toBe(true);
    expect(s.network.ipRules).toEqual(['203.0.113.0/24']); // the original is untouched

    const encryption = TIER_GATED_SETTINGS.find((r) => r.field === 'encryption')!;
    expect(settingUse({ encryption: 'create' }, encryption)).toBe(true);
    expect(settingUse({}, encryption)).toBe(false);
    expect(withoutSetting({ encryption: 'create', retentionDays: 7 }, encryption)).toEqual({ retentionDays: 7 });
    expect(settingUse(spec('Premium'), encryption)).toBe(false);

    const replicas = TIER_GATED_SETTINGS.find((r) => r.field === 'replicas')!;
    const u = unknown('dynamic block');
    expect(settingValue(spec('Premium', { replicas: u }), replicas)).toEqual(u);
    expect(unsupportedSettings({ tier: 'Basic', replicas: [{ location: 'eastus' }], retentionDays: 7 }, 'Basic').map((r) => r.field)).toEqual(['replicas', 'retentionDays']);
  });

  test("the simulator's warnings for the real rows read as before", () => {
    const sc = scenario([{ name: 'basic', location: 'westeurope', tier: 'Basic', replicas: [{ location: 'eastus' }], retentionDays: 7 }], undefined);
    expect(simulateRun(sc, 0).registries[0]!.warnings).toEqual([
      'day 0: Basic does not support geo-replication; replicas ignored',
      'day 0: Basic does not support the retention policy; retention ignored',
    ]);
  });

  test('count limits come from the catalog, one counted thing per limit', () => {
    for (const thing of COUNTED_THINGS) for (const t of TIERS) expect(countLimit(thing, t)).toBe(TIER_FACTS[t][thing.id].value);
    expect(COUNTED_THINGS.map((c) => c.id)).toEqual(['webhooks', 'ipRules', 'privateEndpoints', 'tokens', 'scopeMaps', 'cacheRules']);
  });

  test('retention and soft-delete day ranges are catalog facts with a source, and the scenario schema agrees', () => {
    expect(RETENTION_DAYS.value).toEqual({ min: 0, max: 365 });
    expect(SOFT_DELETE_DAYS.value).toEqual({ min: 1, max: 90 });
    for (const f of [RETENTION_DAYS, SOFT_DELETE_DAYS]) expect(f.source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const text = JSON.stringify(schema);
    const bounds = (name: string): Array<[number, number]> =>
      [...text.matchAll(new RegExp(`"${name}":\\{"type":"integer","minimum":(\\d+),"maximum":(\\d+)\\}`, 'g'))].map((m) => [Number(m[1]), Number(m[2])]);
    expect(bounds('retentionDays').length).toBeGreaterThan(0);
    for (const [, max] of bounds('retentionDays')) expect(max).toBe(RETENTION_DAYS.value.max);
    for (const [, max] of bounds('softDeleteDays')) expect(max).toBe(SOFT_DELETE_DAYS.value.max);
  });
});

describe('a fake row: every consumer follows', () => {
  test('validateSpec rejects the setting on a tier without the feature, with the fix', () => {
    expect(validateSpec(spec('Basic', { softDeleteDays: 7 }))).toEqual([]);
    withFakeRow(() => {
      const d = validateSpec(spec('Basic', { softDeleteDays: 7 }));
      expect(d).toEqual([
        expect.objectContaining({
          code: 'tier-feature',
          severity: 'error',
          field: 'softDeleteDays',
          attribute: 'softDeletePolicy',
          requiredTier: 'Standard',
          message: "softDeleteDays 7 needs the Standard or Premium tier, got tier Basic: set tier: 'Standard' or set softDeleteDays: 0.",
          terraformMessage: 'soft delete (7 days) needs the Standard or Premium tier, got sku "Basic": set sku = "Standard" or remove the soft-delete policy.',
        }),
      ]);
      expect(validateSpec(spec('Standard', { softDeleteDays: 7 }))).toEqual([]);
      expect(validateSpec(spec('Basic', { softDeleteDays: unknown('var.days') }))).toEqual([
        expect.objectContaining({ code: 'tier-feature', severity: 'unknown', field: 'softDeleteDays' }),
      ]);
    });
    expect(validateSpec(spec('Basic', { softDeleteDays: 7 }))).toEqual([]);
  });

  test('policy: feature use, the smallest tier and TierRightSized', () => {
    const premium = spec('Premium', { softDeleteDays: 7 });
    expect(featuresUsed(premium)).toEqual({ features: [] });
    expect(smallestTierFor(premium, [])).toBe('Basic');
    withFakeRow(() => {
      const use = featuresUsed(premium);
      expect(use).toEqual({ features: [FAKE] });
      expect(smallestTierFor(premium, [FAKE])).toBe('Standard');
      const findings = TierRightSized.check(premium, {} as never);
      expect(Array.isArray(findings) && findings[0]!.message).toMatch(/^tier Premium could be Standard: the registry uses only gated soft delete \(fake\)/);
      expect(TierRightSized.check(spec('Standard', { softDeleteDays: 7 }), {} as never)).toBe('compliant');
      expect(featuresUsed(spec('Premium', { softDeleteDays: unknown('var.days') }))).toEqual({ unknown: unknown('var.days'), field: 'softDeleteDays' });
    });
  });

  test('constructs: a profile setting the tier cannot use is left out, with a warning', () => {
    const profile: IRegistryProfile = { name: 'fake', tier: 'Premium', settings: { softDeleteDays: 7 } };
    const make = (tier: 'Basic' | 'Standard'): { warnings: readonly string[]; softDelete: number } => {
      let warnings: readonly string[] = [];
      const json = synthJson((s) => {
        warnings = new ContainerRegistry(s, 'registry', { name: 'acrkitfake01', resourceGroupName: 'rg', location: 'westeurope', tier, profile }).profileWarnings;
      }) as { resource?: Record<string, Record<string, unknown>> };
      return { warnings, softDelete: Object.keys(json.resource?.azapi_update_resource ?? {}).length };
    };
    expect(make('Basic')).toEqual({ warnings: [], softDelete: 1 });
    withFakeRow(() => {
      expect(make('Basic')).toEqual({
        warnings: [
          "profile 'fake' sets softDeleteDays, which tier Basic cannot use, so it was left out: set tier: 'Standard' to keep it (softDeleteDays 7 needs the Standard or Premium tier, got tier Basic).",
        ],
        softDelete: 0,
      });
      expect(make('Standard')).toEqual({ warnings: [], softDelete: 1 });
    });
  });

  test("the simulator's effective settings drop it on a tier without the feature, with a warning", () => {
    const sc = scenario([{ name: 'fake', location: 'westeurope', tier: 'Basic', softDeleteDays: 7 }], undefined);
    const before = simulateRun(sc, 0).registries[0]!.warnings;
    expect(before.filter((w) => w.includes('soft delete'))).toEqual([]);
    withFakeRow(() => {
      expect(simulateRun(sc, 0).registries[0]!.warnings).toContain('day 0: Basic does not support gated soft delete (fake); soft delete ignored');
      const standard = scenario([{ name: 'fake', location: 'westeurope', tier: 'Standard', softDeleteDays: 7 }], undefined);
      expect(simulateRun(standard, 0).registries[0]!.warnings.filter((w) => w.includes('soft delete'))).toEqual([]);
    });
  });
});
