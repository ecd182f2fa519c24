/**
 * Region look-up: canonical and display names, close-match suggestions, distances.
 */
import { UnknownRegionError } from '../errors.js';
import type { RegionFacts } from './region-facts.js';
import { REGIONS } from './regions-data.js';
import { compareStrings } from '../order.js';

export type { RegionFacts } from './region-facts.js';
export { REGIONS, REGIONS_SOURCE } from './regions-data.js';

const BY_KEY = new Map<string, RegionFacts>();
for (const r of REGIONS) {
  BY_KEY.set(r.name, r);
  BY_KEY.set(key(r.displayName), r);
}

function key(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Finds a region by canonical (`westeurope`) or display (`West Europe`) name, any case. */
export function findRegion(input: string): RegionFacts | undefined {
  return BY_KEY.get(input) ?? BY_KEY.get(key(input)); // canonical names hit the first look-up
}

/** Like {@link findRegion} but throws {@link UnknownRegionError} naming close matches. */
export function resolveRegion(input: string): RegionFacts {
  const r = findRegion(input);
  if (!r) throw new UnknownRegionError(input, closeRegionNames(input));
  return r;
}

/** Up to three canonical region names closest to `input` by edit distance. */
export function closeRegionNames(input: string, max = 3): string[] {
  const k = key(input);
  return REGIONS.map((r) => ({ name: r.name, d: editDistance(k, r.name) }))
    .sort((a, b) => a.d - b.d || compareStrings(a.name, b.name))
    .filter((x, i) => i === 0 || x.d <= Math.max(3, Math.floor(k.length / 3)))
    .slice(0, max)
    .map((x) => x.name);
}

/** Great-circle distance between two regions in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: RegionFacts, b: RegionFacts): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
