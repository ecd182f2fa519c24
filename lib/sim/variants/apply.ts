/**
 * Applies a variant to a resolved scenario: the registries it names get its settings at day 0;
 * nothing else changes, so every run draws the same random numbers as in any other variant
 * (registry i of run r always uses `Rng.forRun(seed, i, r)`, and the engine's draws depend on
 * the workload only, never on tier, retention, soft delete or replicas).
 */
import { UsageError } from '../../errors.js';
import { preview } from '../../format/values.js';
import type { ResolvedScenario, SimRegistry } from '../scenario/model.js';
import type { SimVariant } from './types.js';

/**
 * The registry with the variant's settings (unchanged when the variant does not name it).
 * Throws a UsageError for replicas the registry cannot have: one in its home region, or a region
 * twice (`--vary` and the scenario's `variants:` are checked when read; this guards variants a
 * library caller builds).
 */
export function applyToRegistry(reg: SimRegistry, v: SimVariant): SimRegistry {
  if (v.registries !== null && !v.registries.includes(reg.name)) return reg;
  const s = v.set;
  const seen = new Set<string>();
  for (const r of s.replicas ?? []) {
    if (r.location === reg.location) throw new UsageError(`variant ${preview(v.name)} must not place a replica of registry ${preview(reg.name)} in its home region, got ${preview(r.location)}: drop it (the home region always holds the registry).`);
    if (seen.has(r.location)) throw new UsageError(`variant ${preview(v.name)} must name each replica region once, got ${preview(r.location)} twice for registry ${preview(reg.name)}: drop the repeat.`);
    seen.add(r.location);
  }
  return {
    ...reg,
    ...(s.tier !== undefined ? { tier: s.tier } : {}),
    ...(s.retentionDays !== undefined ? { retentionDays: s.retentionDays } : {}),
    ...(s.softDeleteDays !== undefined ? { softDeleteDays: s.softDeleteDays } : {}),
    ...(s.replicas !== undefined ? { replicas: s.replicas } : {}),
  };
}

/**
 * The scenario as variant `v` runs it: same seed, runs, workloads, events and assertions, the
 * registries with the variant's settings, and no variants of its own.
 */
export function applyVariant(sc: ResolvedScenario, v: SimVariant): ResolvedScenario {
  const { variants: _variants, ...rest } = sc;
  return { ...rest, registries: sc.registries.map((r) => applyToRegistry(r, v)) };
}

/** A variant's settings in words: `tier Premium, retentionDays 7` (`as the scenario` when it changes nothing). */
export function variantSetText(v: SimVariant): string {
  const s = v.set;
  const parts: string[] = [];
  if (s.tier !== undefined) parts.push(`tier ${s.tier}`);
  if (s.retentionDays !== undefined) parts.push(`retentionDays ${s.retentionDays}`);
  if (s.softDeleteDays !== undefined) parts.push(`softDeleteDays ${s.softDeleteDays}`);
  if (s.replicas !== undefined) parts.push(`replicas ${s.replicas.length ? s.replicas.map((r) => r.location).join('+') : 'none'}`);
  const text = parts.join(', ') || 'as the scenario';
  return v.registries === null ? text : `${text} (${v.registries.join(', ')})`;
}
