/**
 * The one-line-per-registry summary `npm start` prints.
 */
import { monthlyBaseCostUsd } from '../catalog/prices.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, known } from '../model/unknown.js';
import { textTable } from '../format/tables.js';
import { usd } from '../format/numbers.js';

/** One registry's summary row. */
export interface RegistrySummary {
  /** Address (construct path or Terraform address). */
  readonly address: string;
  /** Tier, or `?` when unknown. */
  readonly tier: string;
  /** Home region. */
  readonly home: string;
  /** Replica regions. */
  readonly replicas: readonly string[];
  /** Customer-managed key. */
  readonly cmk: boolean;
  /** Retention days (0 = off). */
  readonly retentionDays: number;
  /** Registry unit plus replica units, 30 days, USD; undefined when the tier is unknown. */
  readonly monthlyBaseUsd: number | undefined;
}

/** Summarizes a spec. */
export function summarize(spec: RegistrySpec): RegistrySummary {
  const replicas = known(spec.replicas) ?? [];
  const enc = known(spec.encryption);
  return {
    address: spec.address,
    tier: isUnknown(spec.tier) ? '?' : spec.tier,
    home: known(spec.location) ?? '?',
    replicas: replicas.map((r) => known(r.location) ?? '?'),
    cmk: enc?.kind === 'customer-managed',
    retentionDays: known(spec.retentionDays) ?? 0,
    monthlyBaseUsd: isUnknown(spec.tier) ? undefined : monthlyBaseCostUsd(spec.tier, replicas.length),
  };
}

/** Renders summaries as a text table with a total line. */
export function renderFleetSummary(specs: readonly RegistrySpec[]): string {
  const rows = specs.map(summarize);
  const table = textTable(
    ['REGISTRY', 'TIER', 'HOME', 'REPLICAS', 'CMK', 'RETENTION', 'BASE/MONTH'],
    rows.map((r) => [
      r.address,
      r.tier,
      r.home,
      r.replicas.length ? r.replicas.join(', ') : '-',
      r.cmk ? 'yes' : 'no',
      r.retentionDays ? `${r.retentionDays} days` : 'off',
      r.monthlyBaseUsd === undefined ? '?' : usd(r.monthlyBaseUsd),
    ]),
  );
  const total = rows.reduce((s, r) => s + (r.monthlyBaseUsd ?? 0), 0);
  return `${table}\nTotal base cost: ${usd(total)} a month (registry and replica units, 30 days; storage overage and tasks not included).`;
}
