/**
 * `--vary key=v1,v2 [--vary key=...]`: variants from the command line, the cartesian product of
 * every key's values (the first key varies slowest; the first combination is the baseline the
 * others are compared with). Keys: `tier` (Basic, Standard, Premium), `retentionDays` (0-365),
 * `softDeleteDays` (0 = off, 1-90), `replicas` (regions joined by `+`, or `none`).
 */
import { closeRegionNames, findRegion } from '../../catalog/regions.js';
import { RETENTION_DAYS, SOFT_DELETE_DAYS, TIERS, type Tier } from '../../catalog/tiers.js';
import { UsageError } from '../../errors.js';
import { preview } from '../../format/values.js';
import type { SimReplica } from '../scenario/model.js';
import { MAX_VARIANTS, VARIANT_KEYS, type SimVariant, type VariantKey, type VariantSet } from './types.js';

/** One parsed value of a key: what it sets and how the variant name shows it. */
interface KeyValue {
  readonly label: string;
  readonly set: VariantSet;
}

function wholeDays(key: VariantKey, v: string, min: number, max: number, off: boolean): KeyValue {
  const n = Number(v);
  const ok = /^\d+$/.test(v) && (n === 0 ? off || min === 0 : n >= min && n <= max);
  if (!ok) {
    throw new UsageError(`--vary ${key} must list whole days ${off && min > 0 ? `0 (off) or ${min}-${max}` : `${min}-${max}`}, got ${preview(v)}: e.g. --vary ${key}=0,7,30.`);
  }
  return { label: `${key}=${n}`, set: { [key]: n } };
}

function tierValue(v: string): KeyValue {
  const t = TIERS.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!t) throw new UsageError(`--vary tier must list tiers from ${TIERS.join(', ')}, got ${preview(v)}: e.g. --vary tier=Standard,Premium.`);
  return { label: `tier=${t}`, set: { tier: t as Tier } };
}

/** A registry's name and home region, for the replica rule of `--vary replicas`. */
export interface VaryHome {
  /** Registry name. */
  readonly name: string;
  /** Its home region (canonical name). */
  readonly location: string;
}

function replicasValue(v: string, homes: readonly VaryHome[]): KeyValue {
  if (v === 'none' || v === '') return { label: 'replicas=none', set: { replicas: [] } };
  const out: SimReplica[] = [];
  for (const name of v.split('+')) {
    const r = findRegion(name);
    if (!r) {
      const close = closeRegionNames(name);
      throw new UsageError(`--vary replicas must list Azure regions joined by + (or none), got ${preview(name)}: use ${close.map((c) => `'${c}'`).join(' or ') || 'a region name such as eastus'}.`);
    }
    const home = homes.find((h) => h.location === r.name);
    if (home) {
      throw new UsageError(
        `--vary replicas must not name a registry's home region, got ${preview(r.name)} in ${preview(v)}, the home of registry ${preview(home.name)}: drop it (the home region always holds the registry).`,
      );
    }
    if (out.some((x) => x.location === r.name)) throw new UsageError(`--vary replicas must name each region once per value, got ${preview(r.name)} twice in ${preview(v)}: drop the repeat.`);
    out.push({ location: r.name, globalRouting: true });
  }
  return { label: `replicas=${out.map((r) => r.location).join('+')}`, set: { replicas: out } };
}

/**
 * The values of one `--vary key=v1,v2` option. Throws a {@link UsageError} on an unknown key or
 * value, or a replica in the home region of one of `homes`.
 * @param option the option's text
 * @param homes the registries the variants change (their home regions take no replica)
 */
export function parseVaryOption(option: string, homes: readonly VaryHome[] = []): { key: VariantKey; values: KeyValue[] } {
  const eq = option.indexOf('=');
  const key = (eq < 0 ? option : option.slice(0, eq)).trim();
  if (!(VARIANT_KEYS as readonly string[]).includes(key)) {
    throw new UsageError(`--vary must be key=value,value with a key from ${VARIANT_KEYS.join(', ')}, got ${preview(option)}: e.g. --vary retentionDays=0,7,30.`);
  }
  const k = key as VariantKey;
  const raw = eq < 0 ? '' : option.slice(eq + 1);
  const list = raw.split(',').map((s) => s.trim());
  if (!raw.trim() || (k !== 'replicas' && list.some((s) => s === ''))) {
    throw new UsageError(`--vary ${k} must list at least one value after '=', separated by commas, got ${preview(option)}: e.g. --vary ${k}=${k === 'tier' ? 'Standard,Premium' : k === 'replicas' ? 'none,eastus' : '0,7'}.`);
  }
  const values = list.map((v): KeyValue => {
    switch (k) {
      case 'tier':
        return tierValue(v);
      case 'retentionDays':
        return wholeDays(k, v, RETENTION_DAYS.value.min, RETENTION_DAYS.value.max, true);
      case 'softDeleteDays':
        return wholeDays(k, v, SOFT_DELETE_DAYS.value.min, SOFT_DELETE_DAYS.value.max, true);
      case 'replicas':
        return replicasValue(v, homes);
    }
  });
  const labels = values.map((x) => x.label);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice) throw new UsageError(`--vary ${k} must list each value once, got ${preview(twice.slice(k.length + 1))} twice: drop the repeat.`);
  return { key: k, values };
}

/**
 * The variants of every `--vary` option: the cartesian product, named `key=value, key=value`,
 * applying to every registry. Throws a {@link UsageError} for an unknown key or value, a key
 * given twice, a replica in the home region of one of `homes`, or more than
 * {@link MAX_VARIANTS} combinations.
 * @param options the `--vary` options
 * @param homes the scenario's registries (every variant changes them all)
 */
export function variantsFromVary(options: readonly string[], homes: readonly VaryHome[] = []): SimVariant[] {
  const parsed = options.map((o) => parseVaryOption(o, homes));
  const keys = parsed.map((p) => p.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw new UsageError(`--vary must name each key once, got ${dup} twice: list all its values in one option, e.g. --vary ${dup}=a,b.`);
  const count = parsed.reduce((n, p) => n * p.values.length, 1);
  if (count > MAX_VARIANTS) {
    throw new UsageError(`--vary must make at most ${MAX_VARIANTS} variants, got ${parsed.map((p) => p.values.length).join(' x ')} = ${count}: vary fewer keys or values at once.`);
  }
  let combos: KeyValue[][] = [[]];
  for (const p of parsed) combos = combos.flatMap((c) => p.values.map((v) => [...c, v]));
  return combos.map((c) => ({
    name: c.map((v) => v.label).join(', '),
    registries: null,
    set: Object.assign({}, ...c.map((v) => v.set)) as VariantSet,
  }));
}
