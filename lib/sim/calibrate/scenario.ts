/**
 * The scenario a calibration writes: one registry (starting with the content the metrics show
 * on the last day) and its fitted workload, as YAML with comments that say where each figure came
 * from and what to edit. It validates against the scenario schema like any hand-written scenario.
 */
import { Document, isSeq } from 'yaml';
import { findRegion } from '../../catalog/regions.js';
import { cheapestTierFor, tierSupports, type Tier } from '../../catalog/tiers.js';
import type { ScenarioInput } from '../scenario/types.js';
import type { CalibrationFit } from './fit.js';

/** Options of {@link fittedScenario}. */
export interface FittedScenarioOptions {
  /** The metrics file, as messages show it (named in the comments). */
  readonly file: string;
  /**
   * Registry name.
   * @default - the name in the export's metric ids, else `calibrated`
   */
  readonly registry?: string;
  /**
   * Home region.
   * @default - the export's `resourceregion`, else `westeurope` (flagged to edit)
   */
  readonly location?: string;
  /**
   * Tier.
   * @default - the cheapest tier with a retention policy when the fit assumes retention, else Standard (flagged to edit)
   */
  readonly tier?: Tier;
  /**
   * Repositories (the metrics do not count them; `az acr repository list` does).
   * @default 10
   */
  readonly repositories?: number;
  /**
   * Horizon of the scenario.
   * @default 'P365D'
   */
  readonly horizon?: string;
}

/** The fitted scenario as data and as YAML. */
export interface FittedScenario {
  /** The scenario. */
  readonly input: ScenarioInput;
  /** The scenario as YAML with comments. */
  readonly yaml: string;
}

/** Rounds to `digits` significant digits (readable YAML, same scenario to that precision). */
export function significant(v: number, digits = 4): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  return Number(v.toPrecision(digits));
}

/** Text for a YAML comment: one line, no control characters. */
function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The scenario of a fit. */
export function fittedScenario(fit: CalibrationFit, o: FittedScenarioOptions): FittedScenario {
  const name = o.registry ?? fit.registry ?? 'calibrated';
  const region = o.location ?? (fit.region ? findRegion(fit.region)?.name : undefined);
  const location = region ?? 'westeurope';
  // Retention needs a tier that has it (the catalog's feature table): the cheapest such tier by default.
  const tier = o.tier ?? (fit.retentionDays > 0 ? cheapestTierFor('retentionPolicy') : 'Standard');
  const repositories = o.repositories ?? 10;
  const manifestBytes = 4096;
  const layerBytes = Math.max(1, Math.round(fit.newBytesPerPush - manifestBytes));
  const tagged = Math.max(0, Math.round(fit.storedBytesAtEnd - fit.untaggedBytesAtEnd));
  const untagged = Math.max(0, Math.round(fit.untaggedBytesAtEnd));
  const input = {
    name: `${name}, calibrated from ${o.file}`,
    start: nextDay(fit.to),
    horizon: o.horizon ?? 'P365D',
    seed: 1,
    runs: 20,
    registries: [
      {
        name,
        location,
        tier,
        ...(fit.retentionDays > 0 ? { retentionDays: fit.retentionDays } : {}),
        initial: { taggedBytes: tagged, ...(untagged > 0 ? { untaggedBytes: untagged } : {}), repositories },
      },
    ],
    workloads: [
      {
        registry: name,
        repositories: { initial: repositories, growthPerMonth: 0 },
        pushes: { perRepositoryPerDay: significant(fit.pushesPerDay / repositories), weekly: fit.pushWeekly.map((w) => significant(w, 3)), arrival: 'poisson' as const },
        image: {
          layers: { kind: 'fixed' as const, value: 1 },
          layerSize: { kind: 'fixed' as const, value: layerBytes },
          changedLayersPerPush: { kind: 'fixed' as const, value: 1 },
          repositoryScale: { kind: 'fixed' as const, value: 1 },
          manifestSize: manifestBytes,
          baseLayers: { perImage: { kind: 'fixed' as const, value: 0 }, pool: 1, zipf: 0, layerSize: { kind: 'fixed' as const, value: layerBytes } },
        },
        tags: { strategy: fit.tags, perRepository: 1 },
        ...(fit.pullsPerDay !== null ? { pulls: { perDay: significant(fit.pullsPerDay), weekly: fit.pullWeekly!.map((w) => significant(w, 3)) } } : {}),
        cleanup: [],
      },
    ],
  } satisfies ScenarioInput;
  const doc = new Document(input);
  for (const path of [
    ['workloads', 0, 'pushes', 'weekly'],
    ['workloads', 0, 'pulls', 'weekly'],
  ]) {
    const node = doc.getIn(path, true);
    if (isSeq(node)) node.flow = true;
  }
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const q = fit.quality;
  doc.commentBefore = [
    ` Fitted by acrkit simulate calibrate from ${commentText(o.file)}:`,
    ` ${fit.days} days, ${fit.from} to ${fit.to}.`,
    ` Goodness of fit of the replayed history: storage R^2 ${q.storageR2.toFixed(3)}, MAPE ${pct(q.storageMape)};`,
    ` daily pushes R^2 ${q.pushesR2.toFixed(3)}, MAPE ${pct(q.pushesMape)}.`,
    ` Fitted: ${significant(fit.pushesPerDay)} pushes a day, ${significant(fit.newBytesPerPush)} new bytes per push${fit.pullsPerDay !== null ? `, ${significant(fit.pullsPerDay)} pulls a day` : ''}`,
    ` (${fit.model} storage model, ${fit.tags} tags, retention ${fit.retentionDays} days).`,
    ' Edit freely. The metrics do not show:',
    `  - the repositories (${repositories} assumed; count them with az acr repository list)${o.repositories === undefined ? ' <- edit' : ''},`,
    `  - the tier (${tier})${o.tier === undefined ? ' <- edit' : ''}${region ? '' : ` and the region (${location}) <- edit`},`,
    ...(fit.retentionDays > 0 && !tierSupports(tier, 'retentionPolicy') ? [`    ${tier} has no retention policy: the simulator ignores retentionDays on it <- edit,`] : []),
    '  - the image shape: each push is modelled as one new layer of the fitted size (give layers and',
    '    layer sizes from az acr manifest show if throttling figures matter).',
    ' initial: the content on the last observed day (untagged: what retention will still delete).',
  ]
    .map(commentText)
    .join('\n');
  return { input, yaml: doc.toString({ lineWidth: 0 }) };
}
