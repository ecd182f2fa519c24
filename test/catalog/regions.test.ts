import { closeRegionNames, distanceKm, findRegion, resolveRegion, REGIONS } from '../../lib/catalog/regions.js';
import { UnknownRegionError } from '../../lib/errors.js';

describe('regions', () => {
  test('accepts canonical and display names, any case', () => {
    expect(findRegion('westeurope')?.displayName).toBe('West Europe');
    expect(findRegion('West Europe')?.name).toBe('westeurope');
    expect(findRegion('WEST EUROPE')?.name).toBe('westeurope');
    expect(findRegion('east-us-2')?.name).toBe('eastus2');
  });

  test('an unknown region is an error naming close matches', () => {
    expect(() => resolveRegion('westeurop')).toThrow(UnknownRegionError);
    expect(() => resolveRegion('westeurop')).toThrow(/got 'westeurop': did you mean 'westeurope'/);
    expect(closeRegionNames('eastus3')).toContain('eastus2');
  });

  test('every region is complete and unique, and pairs point at listed regions', () => {
    const names = new Set(REGIONS.map((r) => r.name));
    expect(names.size).toBe(REGIONS.length);
    expect(REGIONS.length).toBeGreaterThanOrEqual(50);
    for (const r of REGIONS) {
      expect(r.name).toMatch(/^[a-z0-9]+$/);
      expect(Math.abs(r.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(r.longitude)).toBeLessThanOrEqual(180);
      expect(r.geography.length).toBeGreaterThan(0);
    }
    const dangling = REGIONS.filter((r) => r.pairedRegion && !names.has(r.pairedRegion)).map((r) => `${r.name}->${r.pairedRegion}`);
    // Sweden South is a restricted region the catalog does not list.
    expect(dangling).toEqual(['swedencentral->swedensouth']);
  });

  test('great-circle distances are plausible', () => {
    const we = resolveRegion('westeurope');
    const ne = resolveRegion('northeurope');
    const eus = resolveRegion('eastus');
    expect(distanceKm(we, we)).toBe(0);
    expect(distanceKm(we, ne)).toBeGreaterThan(600);
    expect(distanceKm(we, ne)).toBeLessThan(900);
    expect(distanceKm(we, eus)).toBeGreaterThan(5500);
    expect(distanceKm(we, eus)).toBeLessThan(6500);
  });
});
