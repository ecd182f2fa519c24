import { normalizeSpec } from '../../lib/model/normalize.js';
import { unknown } from '../../lib/model/unknown.js';

describe('normalizeSpec', () => {
  test('fills the defaults azurerm 4.x applies', () => {
    const s = normalizeSpec({ address: 'a', source: { kind: 'inline' }, name: 'acr12345', location: 'westeurope', tier: 'Premium' });
    expect(s).toMatchObject({
      adminEnabled: false,
      anonymousPull: false,
      exportEnabled: true,
      dataEndpoint: false,
      quarantine: false,
      trust: false,
      zoneRedundancy: false,
      retentionDays: 0,
      softDeleteDays: 0,
      replicas: [],
      encryption: { kind: 'platform' },
      network: { publicAccess: true, defaultAction: 'Allow', ipRules: [], bypassAzureServices: true, privateEndpoints: [] },
      counts: { scopeMaps: 0, tokens: 0, cacheRules: 0 },
    });
  });

  test('canonicalizes display names, keeps unknown names for validation to report', () => {
    const s = normalizeSpec({
      address: 'a',
      source: { kind: 'inline' },
      location: 'West Europe',
      replicas: [{ location: 'Southeast Asia' }, { location: 'atlantis' }] as never,
    });
    expect(s.location).toBe('westeurope');
    expect(s.replicas).toEqual([
      { location: 'southeastasia', zoneRedundant: false, globalRouting: true },
      { location: 'atlantis', zoneRedundant: false, globalRouting: true },
    ]);
  });

  test('keeps Unknown values as they are', () => {
    const u = unknown('var.location has no default', '${var.location}');
    const s = normalizeSpec({ address: 'a', source: { kind: 'hcl', file: 'main.tf', line: 3 }, location: u, replicas: u });
    expect(s.location).toBe(u);
    expect(s.replicas).toBe(u);
  });
});
