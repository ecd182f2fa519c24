/**
 * Resolves a registry's `initial:` content (what it holds on day 0) into an
 * {@link InitialInventory}: from figures written by hand (bytes, counts, an age profile) or from
 * Azure CLI exports parsed by initial-exports.ts. Pure: problems go to the `err` callback with
 * the JSON pointer they concern.
 */
import { TIB, TIER_FACTS } from '../../catalog/tiers.js';
import { formatBytes } from '../../format/numbers.js';
import { MAX_INITIAL_REPOSITORIES } from './bounds.js';
import { parseDurationMinutes, parseSize } from './duration.js';
import type { AzExports, ManifestExport } from './initial-exports.js';
import type { InitialInventory, InitialManifestGroup } from './initial-types.js';
import { showValue } from './parse.js';
import type { InitialInput } from './types.js';

/** Most manifests an initial inventory may hold (the store holds them all, one entry each). */
export const MAX_INITIAL_MANIFESTS = 2_000_000;

/** Oldest age an initial manifest may have, days (push days are 16-bit: day -32,768 at the earliest). */
export const MAX_INITIAL_AGE_DAYS = 30_000;

/**
 * Most bytes an initial inventory may hold, tagged or untagged: the storage limit of a Premium
 * registry (the largest any tier allows), from the catalog.
 */
export const MAX_INITIAL_BYTES = TIER_FACTS.Premium.storageLimitTiB.value * TIB;

/** Why {@link MAX_INITIAL_BYTES}. */
const MAX_INITIAL_BYTES_WHY = `the storage limit of a Premium registry, the largest of any tier; source: ${TIER_FACTS.Premium.storageLimitTiB.source.ref}`;

const DAY_MS = 86_400_000;

/** Reports a problem at a JSON pointer (text without the final period). */
export type ErrorSink = (pointer: string, text: string) => void;

/** Whole days of a duration at `pointer`, or undefined after reporting it. */
function days(v: string, pointer: string, err: ErrorSink): number | undefined {
  const m = parseDurationMinutes(v);
  if (m === undefined) {
    err(pointer, `${pointer} must be an ISO-8601 duration, got ${showValue(v)}: write it like P30D`);
    return undefined;
  }
  const d = Math.round(m / 1440);
  if (d > MAX_INITIAL_AGE_DAYS) {
    err(pointer, `${pointer} must be at most P${MAX_INITIAL_AGE_DAYS}D, got ${showValue(v)}: give the age of the oldest manifest you still hold`);
    return undefined;
  }
  return d;
}

/**
 * Ages (whole days) of `n` manifests spread over an age profile: the manifest of rank i sits at
 * quantile (i + 0.5) / n, linear from 0 to the median and from the median to the oldest; or,
 * for buckets, the age of the bucket the quantile falls in.
 */
export function profileAges(n: number, profile: { readonly median: number; readonly oldest: number } | ReadonlyArray<{ readonly days: number; readonly share: number }>): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = (i + 0.5) / n;
    if (Array.isArray(profile)) {
      let cum = 0;
      let age = profile[profile.length - 1]?.days ?? 0;
      for (const b of profile) {
        cum += b.share;
        if (q < cum) {
          age = b.days;
          break;
        }
      }
      out.push(age);
    } else {
      const p = profile as { readonly median: number; readonly oldest: number };
      out.push(Math.round(q <= 0.5 ? (q / 0.5) * p.median : p.median + ((q - 0.5) / 0.5) * (p.oldest - p.median)));
    }
  }
  return out;
}

/** Groups `ages` (one manifest each) into lines of equal age. */
function byAge(ages: readonly number[], make: (age: number, count: number) => InitialManifestGroup): InitialManifestGroup[] {
  const counts = new Map<number, number>();
  for (const a of ages) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[0] - a[0]).map(([age, count]) => make(age, count));
}

const HAND_ASSUMPTION =
  "each initial manifest holds its bytes alone (no layer shared between initial manifests or with new pushes); an untagged one was untagged at its age, under the retention in force on day 0; the workload's re-pushed tags never move an initial tag: tagged initial content stays until a purge, delete or untag event removes it";

/** Resolves an `initial:` written by hand (no `from`). */
export function initialFromFigures(input: InitialInput, p: string, err: ErrorSink): InitialInventory | undefined {
  const before = { n: 0 };
  const e: ErrorSink = (ptr, text) => {
    before.n++;
    err(ptr, text);
  };
  const size = (v: InitialInput['taggedBytes'], ptr: string): number => {
    if (v === undefined) return 0;
    const b = parseSize(v);
    if (b === undefined) {
      e(ptr, `${ptr} must be a size, got ${showValue(v)}: write bytes or '3.2 TiB'`);
      return 0;
    }
    if (!Number.isFinite(b) || b > MAX_INITIAL_BYTES) {
      e(ptr, `${ptr} must be at most ${TIER_FACTS.Premium.storageLimitTiB.value} TiB (${MAX_INITIAL_BYTES_WHY}), got ${showValue(v)}: give what the registry holds today (az acr show-usage)`);
      return 0;
    }
    return b;
  };
  const tagged = size(input.taggedBytes, `${p}/taggedBytes`);
  const untagged = size(input.untaggedBytes, `${p}/untaggedBytes`);
  const repos = input.repositories ?? 1;
  const t = input.tagsPerRepository ?? (tagged > 0 ? 1 : 0);
  const m = input.manifestsPerRepository ?? t + (untagged > 0 ? Math.max(1, t) : 0);
  const u = m - t;
  if (u < 0) e(`${p}/manifestsPerRepository`, `${p}/manifestsPerRepository must be at least tagsPerRepository (${t}), got ${m}: count tagged and untagged manifests`);
  if (tagged > 0 && t === 0) e(`${p}/tagsPerRepository`, `${p}/tagsPerRepository must be at least 1 when taggedBytes is above 0, got 0: give the tagged manifests per repository`);
  if (untagged > 0 && u <= 0 && m >= t) {
    e(`${p}/manifestsPerRepository`, `${p}/manifestsPerRepository must exceed tagsPerRepository (${t}) when untaggedBytes is above 0, got ${m}: add the untagged manifests per repository`);
  }
  if (repos * m > MAX_INITIAL_MANIFESTS) {
    e(`${p}/manifestsPerRepository`, `${p}/repositories x manifestsPerRepository must be at most ${MAX_INITIAL_MANIFESTS}, got ${repos * m}: describe the inventory with fewer, larger manifests`);
  }
  const assumptions = [`initial content written in the scenario: ${formatBytes(tagged)} tagged, ${formatBytes(untagged)} untagged in ${repos} repositories; ${HAND_ASSUMPTION}`];
  let profile: { median: number; oldest: number } | Array<{ days: number; share: number }> = { median: 0, oldest: 0 };
  const age = input.age;
  if (age === undefined) assumptions.push('no initial age profile given: every initial manifest is taken as pushed on day 0');
  else if (Array.isArray(age)) {
    const buckets: Array<{ days: number; share: number }> = [];
    let sum = 0;
    age.forEach((b, i) => {
      const d = days(b.age, `${p}/age/${i}/age`, e);
      sum += b.share;
      if (d !== undefined) buckets.push({ days: d, share: b.share });
    });
    if (Math.abs(sum - 1) > 1e-6) e(`${p}/age`, `${p}/age shares must sum to 1, got ${Number(sum.toFixed(6))}: adjust the shares`);
    profile = buckets;
  } else {
    const a = age as { readonly median?: string; readonly oldest?: string };
    const median = a.median !== undefined ? days(a.median, `${p}/age/median`, e) : undefined;
    const oldest = a.oldest !== undefined ? days(a.oldest, `${p}/age/oldest`, e) : undefined;
    const md = median ?? Math.round((oldest ?? 0) / 2);
    const od = oldest ?? 2 * md;
    if (oldest === undefined && od > MAX_INITIAL_AGE_DAYS) {
      e(
        `${p}/age/median`,
        `${p}/age/median must be at most P${MAX_INITIAL_AGE_DAYS / 2}D without an oldest age (the oldest is taken as twice the median, at most P${MAX_INITIAL_AGE_DAYS}D), got ${showValue(a.median)}: give a smaller median, or an oldest age of at most P${MAX_INITIAL_AGE_DAYS}D`,
      );
    }
    if (od < md) e(`${p}/age/oldest`, `${p}/age/oldest must be at least the median, got ${showValue(a.oldest)}: give an oldest age of at least ${showValue(a.median)}`);
    profile = { median: md, oldest: od };
  }
  if (before.n) return undefined;
  const groups: InitialManifestGroup[] = [
    ...byAge(profileAges(t, profile), (ageDays, count) => ({ repository: -1, count, tags: 1, ageDays, bytes: t ? tagged / (repos * t) : 0 })),
    ...byAge(profileAges(u, profile), (ageDays, count) => ({ repository: -1, count, tags: 0, ageDays, bytes: u ? untagged / (repos * u) : 0 })),
  ];
  return { source: 'hand', repositories: repos, groups, taggedBytes: tagged, untaggedBytes: untagged, manifests: repos * m, tags: repos * t, assumptions };
}

/** One manifest of an import, before its bytes are scaled to the usage. */
interface Raw {
  readonly repository: number;
  readonly tags: readonly string[];
  readonly lastUpdate: number;
  /** imageSize, or NaN when only tags were exported. */
  readonly size: number;
}

/**
 * Resolves `initial.from` (exports already parsed). `asOf` is the time of day 0 in ms (the
 * scenario's `from.asOf` or `start`); without it, the latest time in the exports.
 */
export function initialFromExports(x: AzExports, asOf: number | undefined, p: string, err: ErrorSink): InitialInventory | undefined {
  const names: string[] = [...(x.repositories ?? [])];
  const index = new Map(names.map((n, i) => [n, i]));
  const extra: string[] = [];
  for (const n of [...Object.keys(x.manifests), ...Object.keys(x.tags)]) {
    if (!index.has(n)) {
      index.set(n, names.length);
      names.push(n);
      if (x.repositories) extra.push(n);
    }
  }
  const raws: Raw[] = [];
  names.forEach((name, r) => {
    const ms = x.manifests[name];
    if (ms) {
      for (const m of ms as readonly ManifestExport[]) raws.push({ repository: r, tags: m.tags, lastUpdate: m.lastUpdate, size: m.imageSize });
      return;
    }
    const ts = x.tags[name];
    if (!ts) return;
    const byDigest = new Map<string, { tags: string[]; last: number }>();
    for (const t of ts) {
      const d = byDigest.get(t.digest) ?? { tags: [], last: 0 };
      d.tags.push(t.name);
      d.last = Math.max(d.last, t.lastUpdate);
      byDigest.set(t.digest, d);
    }
    for (const d of byDigest.values()) raws.push({ repository: r, tags: d.tags, lastUpdate: d.last, size: Number.NaN });
  });
  if (names.length > MAX_INITIAL_REPOSITORIES) {
    err(`${p}/from`, `${p}/from must describe at most ${MAX_INITIAL_REPOSITORIES} repositories (the simulator's bound on repositories), got ${names.length}: export the repositories that matter`);
    return undefined;
  }
  if (raws.length > MAX_INITIAL_MANIFESTS) {
    err(`${p}/from`, `${p}/from must describe at most ${MAX_INITIAL_MANIFESTS} manifests, got ${raws.length}: export the largest repositories only`);
    return undefined;
  }
  const known = raws.filter((r) => !Number.isNaN(r.size));
  const unknown = raws.length - known.length;
  const sumKnown = known.reduce((a, r) => a + r.size, 0);
  const usage = x.usage?.sizeBytes;
  if (unknown > 0 && usage === undefined && known.length === 0) {
    err(`${p}/from`, `${p}/from must give sizes, got tags only (show-tags prints no sizes): add \`usage\` (az acr show-usage) or \`manifests\` (az acr manifest list-metadata)`);
    return undefined;
  }
  const fill = known.length ? sumKnown / known.length : (usage ?? 0) / Math.max(1, unknown);
  const raw = (r: Raw): number => (Number.isNaN(r.size) ? fill : r.size);
  const sumAll = raws.reduce((a, r) => a + raw(r), 0);
  const scale = usage !== undefined && sumAll > 0 ? usage / sumAll : 1;
  const latest = raws.reduce((a, r) => Math.max(a, r.lastUpdate), 0);
  const day0 = asOf ?? latest;
  const assumptions: string[] = [];
  const files = x.files.join(', ');
  if (usage !== undefined && sumAll > 0) {
    assumptions.push(
      `initial content imported from ${files}: ${raws.length} manifests in ${names.length} repositories; layers shared between them are spread evenly: each holds its imageSize x ${scale.toFixed(4)} alone, so the total matches show-usage Size (${formatBytes(usage)}); new pushes share no layer with them`,
    );
  } else if (usage !== undefined) {
    assumptions.push(`initial content imported from ${files}: show-usage Size ${formatBytes(usage)} but no manifest listed; the bytes have no manifest to hold them and are left out`);
  } else {
    assumptions.push(
      `initial content imported from ${files}: ${raws.length} manifests in ${names.length} repositories; no show-usage export, so each manifest's imageSize counts in full (layers shared between manifests are counted once per manifest: an overestimate)`,
    );
  }
  if (unknown > 0) assumptions.push(`${unknown} manifests known from show-tags only (no size) are given the mean size of the others`);
  if (extra.length) assumptions.push(`repositories ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', ...' : ''} are in the manifest or tag exports but not in the repository list; included`);
  assumptions.push(
    `ages count from ${new Date(day0).toISOString().slice(0, 10)} (day 0) to each manifest's lastUpdateTime; an untagged manifest was untagged then, under the retention in force on day 0; purge filters see each tag of an imported manifest, all with the manifest's lastUpdateTime, and a manifest is untagged with its last tag; the workload's re-pushed tags never move an initial tag: tagged initial content stays until a purge, delete or untag event removes it`,
  );
  let taggedBytes = 0;
  let untaggedBytes = 0;
  let tags = 0;
  const groups: InitialManifestGroup[] = raws.map((r) => {
    const bytes = raw(r) * scale;
    if (r.tags.length) taggedBytes += bytes;
    else untaggedBytes += bytes;
    tags += r.tags.length;
    const ageDays = Math.min(MAX_INITIAL_AGE_DAYS, Math.max(0, Math.floor((day0 - r.lastUpdate) / DAY_MS)));
    return { repository: r.repository, count: 1, tags: r.tags.length, ageDays, bytes, ...(r.tags.length ? { tagNames: r.tags } : {}) };
  });
  return { source: 'az', repositories: names.length, repositoryNames: names, groups, taggedBytes, untaggedBytes, manifests: raws.length, tags, assumptions };
}
