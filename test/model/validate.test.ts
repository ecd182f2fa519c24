import { FEATURES, TIERS, tierSupports, type FeatureId } from '../../lib/catalog/tiers.js';
import { validateSpec } from '../../lib/model/validate.js';
import { unknown } from '../../lib/model/unknown.js';
import { FEATURE_ON, spec } from '../support/specs.js';

const errors = (s: ReturnType<typeof spec>): string[] => validateSpec(s).filter((d) => d.severity === 'error').map((d) => d.message);

describe('validateSpec', () => {
  test('a minimal registry of each tier is valid', () => {
    for (const tier of TIERS) expect(validateSpec(spec(tier))).toEqual([]);
  });

  describe('tier matrix (every tier-gated feature x 3 tiers, from the catalog)', () => {
    const cases = (Object.keys(FEATURES) as FeatureId[])
      .filter((f) => FEATURE_ON[f])
      .flatMap((f) => TIERS.map((t) => [f, t] as const));
    test.each(cases)('%s on %s', (feature, tier) => {
      const diags = validateSpec(spec(tier, FEATURE_ON[feature])).filter((d) => d.code === 'tier-feature');
      if (tierSupports(tier, feature)) {
        expect(diags).toEqual([]);
      } else {
        expect(diags.length).toBeGreaterThan(0);
        const need = FEATURES[feature].tiers;
        for (const d of diags) {
          expect(d.requiredTier).toBe(need[0]);
          expect(d.message).toContain(`got tier ${tier}: set tier: '${need[0]}' or `);
          expect(d.terraformMessage).toContain(`got sku "${tier}": set sku = "${need[0]}" or `);
        }
      }
    });
    test('every tier-gated feature that the model expresses has a case', () => {
      const notExpressible: FeatureId[] = ['agentPools', 'connectedRegistries', 'artifactStreaming'];
      const missing = (Object.keys(FEATURES) as FeatureId[]).filter((f) => !FEATURE_ON[f] && !notExpressible.includes(f));
      expect(missing).toEqual([]);
    });
  });

  test('replicas on Basic: the message names the prop, the tier and the fix', () => {
    expect(errors(spec('Basic', FEATURE_ON.geoReplication))).toEqual([
      "replicas need the Premium tier, got tier Basic: set tier: 'Premium' or remove replicas.",
    ]);
  });

  test('anonymous pull names both tiers that allow it', () => {
    expect(errors(spec('Basic', { anonymousPull: true }))).toEqual([
      "anonymousPull needs the Standard or Premium tier, got tier Basic: set tier: 'Standard' or set anonymousPull: false.",
    ]);
  });

  test('export off needs public access off', () => {
    expect(errors(spec('Premium', { exportEnabled: false }))).toEqual([
      'exportEnabled false needs network.publicAccess false, got network.publicAccess true: set network: { publicAccess: false } or set exportEnabled: true.',
    ]);
  });

  test('a replica in the home region and duplicate replicas', () => {
    const s = spec('Premium', {
      replicas: [
        { location: 'West Europe', zoneRedundant: true, globalRouting: true },
        { location: 'eastus', zoneRedundant: true, globalRouting: true },
        { location: 'East US', zoneRedundant: true, globalRouting: true },
      ],
    });
    expect(errors(s)).toEqual([
      "replicas[0].location must differ from the home region, got 'westeurope': remove this replica (the home region always holds the registry).",
      "replicas[2].location must be unique, got 'eastus' again (also replicas[1]): remove the duplicate.",
    ]);
  });

  test('unknown regions name close matches', () => {
    expect(errors(spec('Premium', { location: 'westeurop' }))[0]).toMatch(/^location must be an Azure public region, got 'westeurop': did you mean 'westeurope'/);
    const r = errors(spec('Premium', { replicas: [{ location: 'eastuss', zoneRedundant: false, globalRouting: true }] }));
    expect(r[0]).toMatch(/^replicas\[0\]\.location must be an Azure public region, got 'eastuss': did you mean 'eastus'/);
  });

  test('name must be 5-50 alphanumerics', () => {
    expect(errors(spec('Basic', { name: 'my-reg' }))).toEqual([
      "name must be 5-50 letters and digits (no dashes), got 'my-reg': use a name like 'myreg'.",
    ]);
    expect(errors(spec('Basic', { name: 'a'.repeat(51) }))).toHaveLength(1);
    expect(errors(spec('Basic', { name: 'abcde' }))).toEqual([]);
  });

  test('ranges: retention 0-365, soft delete 0-90', () => {
    expect(errors(spec('Premium', { retentionDays: 366 }))).toEqual([
      'retentionDays must be a whole number 0-365, got 366: use 0 to turn retention off or 1-365 days.',
    ]);
    expect(errors(spec('Premium', { retentionDays: 365 }))).toEqual([]);
    expect(errors(spec('Basic', { softDeleteDays: 91 }))[0]).toMatch(/^softDeleteDays must be a whole number 1-90/);
    expect(errors(spec('Basic', { softDeleteDays: 90 }))).toEqual([]);
  });

  test('soft delete excludes retention and replicas', () => {
    expect(errors(spec('Premium', { softDeleteDays: 7, retentionDays: 7 }))).toEqual([
      'softDeleteDays cannot be combined with a retention policy, got softDeleteDays 7 and retentionDays 7: keep one of them.',
    ]);
    expect(errors(spec('Premium', { softDeleteDays: 7, ...FEATURE_ON.geoReplication }))).toEqual([
      'softDeleteDays cannot be combined with geo-replication, got softDeleteDays 7 and 1 replica: remove replicas or soft delete.',
    ]);
  });

  test('per-tier counts: webhooks beyond the tier limit point at the tier that fits', () => {
    const hooks = Array.from({ length: 3 }, (_, i) => ({ address: `h${i}`, serviceUri: 'https://x.example.com', actions: ['push'] }));
    expect(errors(spec('Basic', { webhooks: hooks }))).toEqual([
      "webhooks must number at most 2 on tier Basic, got 3: remove webhooks or set tier: 'Standard'.",
    ]);
    expect(errors(spec('Standard', { webhooks: hooks }))).toEqual([]);
  });

  test('all problems are reported together', () => {
    const s = spec('Basic', { ...FEATURE_ON.geoReplication, retentionDays: 7, adminEnabled: true, dataEndpoint: true, name: 'x' });
    expect(errors(s)).toHaveLength(4);
  });

  test('a customer-managed key needs a key id and an identity', () => {
    const s = spec('Premium', { encryption: { kind: 'customer-managed', keyId: 'not-a-key', versionless: false, identityClientId: '' } });
    expect(errors(s)).toEqual([
      "encryption.keyId must be a Key Vault key id (https://<vault>.vault.azure.net/keys/<name>[/<version>]), got 'not-a-key': use the key's versionless id.",
      'encryption.identityClientId is required for a customer-managed key, got none: pass the client id of a user-assigned identity that can use the key.',
    ]);
  });

  test('Unknown values give unknown diagnostics, never errors or passes', () => {
    const s = spec('Basic', { replicas: unknown('dynamic block over var.regions') });
    const d = validateSpec(s);
    expect(d.filter((x) => x.severity === 'error')).toEqual([]);
    expect(d).toEqual([expect.objectContaining({ severity: 'unknown', field: 'replicas', code: 'tier-feature' })]);
    const t = validateSpec(spec('Basic', { tier: unknown('var.sku has no default'), retentionDays: 7 }));
    expect(t).toEqual([expect.objectContaining({ severity: 'unknown', field: 'retentionDays' })]);
    // A known value the unknown tier cannot decide is fine when every tier allows it.
    expect(validateSpec(spec('Basic', { tier: unknown('var.sku'), retentionDays: 0 }))).toEqual([]);
  });
});
