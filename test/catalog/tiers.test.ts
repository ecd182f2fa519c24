import { BILLING_ASSUMPTIONS, PRICES, monthlyBaseCostUsd } from '../../lib/catalog/prices.js';
import { FEATURES, TIER_FACTS, TIERS, cheapestTierFor, featuresOf, tierSupports } from '../../lib/catalog/tiers.js';

describe('tier catalog', () => {
  test('included storage and limits from the 2026 tier table', () => {
    expect(TIERS.map((t) => TIER_FACTS[t].includedStorageGiB.value)).toEqual([10, 100, 500]);
    expect(TIERS.map((t) => TIER_FACTS[t].storageLimitTiB.value)).toEqual([40, 40, 100]);
    expect(TIERS.map((t) => TIER_FACTS[t].webhooks.value)).toEqual([2, 10, 500]);
    expect(TIER_FACTS.Premium.rateLimits.value.read.perRegistry).toBe(20_000);
    expect(TIER_FACTS.Basic.rateLimits.value.write.perIdentity).toBe(1_000);
  });

  test('every fact carries a source and a date', () => {
    for (const t of TIERS) {
      for (const [key, value] of Object.entries(TIER_FACTS[t])) {
        if (key === 'name') continue;
        const f = value as { source: { ref: string; asOf: string } };
        expect(f.source.ref.length).toBeGreaterThan(10);
        expect(f.source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    for (const f of Object.values(FEATURES)) expect(f.source.ref.length).toBeGreaterThan(10);
  });

  test('feature gating', () => {
    expect(tierSupports('Basic', 'geoReplication')).toBe(false);
    expect(tierSupports('Premium', 'geoReplication')).toBe(true);
    expect(cheapestTierFor('anonymousPull')).toBe('Standard');
    expect(cheapestTierFor('softDelete')).toBe('Basic');
    expect(featuresOf('Basic')).toEqual(['softDelete', 'abacRepositoryPermissions', 'armAudienceAuthDisabled', 'metadataSearch']);
    expect(FEATURES.contentTrust.status).toBe('deprecated');
  });

  test('prices: Microsoft-confirmed and secondary figures are marked', () => {
    expect(PRICES.registryUnitPerDay.Basic.source.confirmed).toBe(true);
    expect(PRICES.registryUnitPerDay.Standard.source.confirmed).toBe(false);
    expect(PRICES.registryUnitPerDay.Premium.source.confirmed).toBe(false);
    expect(PRICES.storagePerGiBDay.value).toBe(0.003);
    expect(PRICES.replicaUnitPerDay.value).toBe(PRICES.registryUnitPerDay.Premium.value);
    expect(BILLING_ASSUMPTIONS.storageBilledPerReplica).toBe(true);
  });

  test('monthly base cost: tier unit plus one Premium unit per replica, 30 days', () => {
    expect(monthlyBaseCostUsd('Basic', 0)).toBe(5.01);
    expect(monthlyBaseCostUsd('Premium', 2)).toBe(150.03);
  });
});
