/**
 * A registry's workload after presets, overrides and units are resolved: plain numbers
 * (bytes, minutes), ready for the engine and for structured cloning to workers.
 */
import type { Distribution } from '../random/distributions.js';

/** A scheduled `acr purge` task. */
export interface PurgeTask {
  /** Task name. */
  readonly name: string;
  /** Repository regex (anchored). */
  readonly repoPattern: string;
  /** Tag regex (anchored). */
  readonly tagPattern: string;
  /** `--ago`, minutes. */
  readonly agoMinutes: number;
  /** `--keep`. */
  readonly keep: number;
  /** `--untagged`. */
  readonly untagged: boolean;
  /** Period in days. */
  readonly everyDays: number;
  /** Minute of the day it runs. */
  readonly atMinute: number;
  /** Billed seconds per run. */
  readonly runSeconds: number;
}

/** A resolved workload. */
export interface Workload {
  /** Preset it started from. */
  readonly preset: string;
  /** Repositories at day 0 and added per 30 days (linearly). */
  readonly repositories: { readonly initial: number; readonly growthPerMonth: number };
  /** Pushes. */
  readonly pushes: {
    /** Mean pushes per repository per day. */
    readonly perRepositoryPerDay: number;
    /** Weekday weights Monday..Sunday, mean 1. */
    readonly weekly: readonly number[];
    /** Arrival process. */
    readonly arrival: 'poisson' | 'fixed';
    /** Peak-window rate over the daily mean. */
    readonly peakToMean: number;
    /** Share of pushes by client region (canonical names); empty = all from the home region. */
    readonly byRegion: Readonly<Record<string, number>>;
  };
  /** Image model (sizes in bytes). */
  readonly image: {
    readonly layers: Distribution;
    readonly layerSize: Distribution;
    readonly repositoryScale: Distribution;
    readonly manifestBytes: number;
    readonly changedLayersPerPush: Distribution;
    readonly baseLayers: {
      readonly perImage: Distribution;
      readonly pool: number;
      readonly zipf: number;
      readonly layerSize: Distribution;
    };
  };
  /** Tags. */
  readonly tags: { readonly strategy: 'mutable' | 'unique'; readonly perRepository: number };
  /** Pulls. */
  readonly pulls: {
    readonly perDay: number;
    readonly peakToMean: number;
    readonly weekly: readonly number[];
    readonly byRegion: Readonly<Record<string, number>>;
    /** Read requests per pull; null = token + manifest + config + one per layer of the mean image. */
    readonly requestsPerPull: number | null;
  };
  /** Daily peak window. */
  readonly peak: { readonly minutes: number; readonly startMinute: number };
  /** Purge tasks. */
  readonly cleanup: readonly PurgeTask[];
}
