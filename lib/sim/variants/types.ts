/**
 * Variants of a scenario: the same scenario run with other registry settings, side by side, on
 * the same random draws (common random numbers: run i of every variant uses the same streams).
 */
import type { Tier } from '../../catalog/tiers.js';

/** What a variant changes on the registries it applies to (each field unset = unchanged). */
export interface VariantSet {
  /** Tier. @default - unchanged */
  readonly tier?: Tier;
  /** Retention days for untagged manifests (0 = off). @default - unchanged */
  readonly retentionDays?: number;
  /** Soft-delete days (0 = off). @default - unchanged */
  readonly softDeleteDays?: number;
  /** Geo-replicas (not the home region), as `SimReplica`s of the resolved scenario. @default - unchanged */
  readonly replicas?: ReadonlyArray<{ readonly location: string; readonly globalRouting: boolean }>;
}

/** A resolved variant. */
export interface SimVariant {
  /** Name shown in the comparison (unique in a scenario). */
  readonly name: string;
  /** Names of the registries it changes; null = every registry. */
  readonly registries: readonly string[] | null;
  /** What it changes. */
  readonly set: VariantSet;
}

/** The settings a variant may change, as `--vary` and the scenario spell them. */
export const VARIANT_KEYS = ['tier', 'retentionDays', 'softDeleteDays', 'replicas'] as const;

/** One of {@link VARIANT_KEYS}. */
export type VariantKey = (typeof VARIANT_KEYS)[number];

/** Most variants one comparison runs (the `--vary` product or the scenario's list). */
export const MAX_VARIANTS = 64;
