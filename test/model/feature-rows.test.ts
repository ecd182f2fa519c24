/**
 * The feature table's rows worked out once (lib/model/features.ts `tierGatedRows`), and the
 * questions asked through them, answer as the table itself does, and follow a row added or
 * removed with registerTierGatedSetting.
 */
import { TIERS, tierSupports, type FeatureId } from '../../lib/catalog/tiers.js';
import {
  registerTierGatedSetting,
  settingValue,
  tierGatedRows,
  TIER_GATED_SETTINGS,
  unsupportedSettings,
  usesUnsupportedSetting,
  valueAtPath,
  type TierGatedSetting,
} from '../../lib/model/features.js';
import { unknown } from '../../lib/model/unknown.js';

const HOLDERS: object[] = [
  {},
  { tier: 'Basic', replicas: [{ location: 'eastus' }], retentionDays: 7 },
  { network: { ipRules: ['1.2.3.4'], defaultAction: 'Deny', ruleSet: true, publicAccess: false, privateEndpoints: [{ address: 'pe' }] } },
  { network: unknown('the network is not known'), exportEnabled: false, counts: { cacheRules: 2 } },
  { encryption: { kind: 'customer-managed' }, zoneRedundancy: true, dataEndpoint: true, permissionsMode: 'rbac-abac' },
  { replicas: unknown('replicas are not known'), network: {} },
];

describe('the table rows', () => {
  test('one row a setting, in table order, with its path and whether it gates a tier', () => {
    const rows = tierGatedRows();
    expect(rows.map((r) => r.setting)).toEqual(TIER_GATED_SETTINGS);
    for (const r of rows) {
      expect(r.path).toEqual((r.setting.path ?? r.setting.field).split('.'));
      expect(r.gates).toBe(!TIERS.every((t) => tierSupports(t, r.setting.feature)));
      for (const h of HOLDERS) expect(valueAtPath(h, r.path)).toBe(settingValue(h, r.setting));
    }
  });

  test('usesUnsupportedSetting is whether unsupportedSettings is not empty', () => {
    for (const h of HOLDERS) for (const t of TIERS) expect([h, t, usesUnsupportedSetting(h, t)]).toEqual([h, t, unsupportedSettings(h, t).length > 0]);
  });

  test('a row registered and removed again', () => {
    const row: TierGatedSetting = {
      field: 'softDeleteDays',
      attribute: 'softDeletePolicy',
      feature: 'geoReplication' as FeatureId,
      uses: (d) => (d as number) > 0,
      off: { value: 0, construct: 'set softDeleteDays: 0', terraform: 'remove the soft-delete policy' },
    };
    const before = tierGatedRows();
    const remove = registerTierGatedSetting(row);
    try {
      expect(tierGatedRows().map((r) => r.setting)).toEqual([...before.map((r) => r.setting), row]);
      expect(usesUnsupportedSetting({ softDeleteDays: 7 }, 'Basic')).toBe(true);
      expect(usesUnsupportedSetting({ softDeleteDays: 7 }, 'Premium')).toBe(false);
    } finally {
      remove();
    }
    expect(tierGatedRows().map((r) => r.setting)).toEqual(before.map((r) => r.setting));
    expect(usesUnsupportedSetting({ softDeleteDays: 7 }, 'Basic')).toBe(false);
  });
});
