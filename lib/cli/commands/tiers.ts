/**
 * `acrkit tiers`: the tier catalog as a table, JSON or Markdown.
 */
import { Command, Option } from 'commander';
import { monthlyBaseCostUsd, PRICES } from '../../catalog/prices.js';
import { FEATURES, TIER_FACTS, TIERS, featuresOf, type Tier } from '../../catalog/tiers.js';
import { markdownTable, textTable } from '../../format/tables.js';
import { emit, type CliContext } from '../io.js';
import { usd } from '../../format/numbers.js';

/** One tier as `acrkit tiers --format json` prints it. */
export interface TierSummary {
  /** Tier name. */
  readonly name: Tier;
  /** Included storage, GiB. */
  readonly includedStorageGiB: number;
  /** Storage limit, TiB. */
  readonly storageLimitTiB: number;
  /** Registry unit price per day, USD. */
  readonly dailyPriceUsd: number;
  /** Whether that price is confirmed by Microsoft. */
  readonly priceConfirmed: boolean;
  /** Monthly price (30 days), USD. */
  readonly monthlyPriceUsd: number;
  /** Webhooks allowed. */
  readonly webhooks: number;
  /** Private endpoints allowed. */
  readonly privateEndpoints: number;
  /** Public IP rules allowed. */
  readonly ipRules: number;
  /** Tokens allowed. */
  readonly tokens: number;
  /** Scope maps allowed. */
  readonly scopeMaps: number;
  /** Request-rate limits per registry (per replica), requests per minute. */
  readonly requestsPerMinute: { readonly read: number; readonly write: number; readonly delete: number };
  /** Features the tier supports (catalog ids). */
  readonly features: readonly string[];
}

/** Summaries of every tier, cheapest first. */
export function tierSummaries(): TierSummary[] {
  return TIERS.map((name) => {
    const t = TIER_FACTS[name];
    const price = PRICES.registryUnitPerDay[name];
    return {
      name,
      includedStorageGiB: t.includedStorageGiB.value,
      storageLimitTiB: t.storageLimitTiB.value,
      dailyPriceUsd: price.value,
      priceConfirmed: price.source.confirmed !== false,
      monthlyPriceUsd: monthlyBaseCostUsd(name, 0),
      webhooks: t.webhooks.value,
      privateEndpoints: t.privateEndpoints.value,
      ipRules: t.ipRules.value,
      tokens: t.tokens.value,
      scopeMaps: t.scopeMaps.value,
      requestsPerMinute: {
        read: t.rateLimits.value.read.perRegistry,
        write: t.rateLimits.value.write.perRegistry,
        delete: t.rateLimits.value.delete.perRegistry,
      },
      features: featuresOf(name),
    };
  });
}

function render(format: string): string {
  const tiers = tierSummaries();
  if (format === 'json') return JSON.stringify(tiers, null, 2);
  const header = ['Tier', 'Included', 'Limit', 'Price/day', 'Webhooks', 'Read/Write/Delete rpm', 'Features'];
  const rows = tiers.map((t) => [
    t.name,
    `${t.includedStorageGiB} GiB`,
    `${t.storageLimitTiB} TiB`,
    `${usd(t.dailyPriceUsd)}${t.priceConfirmed ? '' : '*'}`,
    String(t.webhooks),
    `${t.requestsPerMinute.read}/${t.requestsPerMinute.write}/${t.requestsPerMinute.delete}`,
    t.features.map((f) => FEATURES[f as keyof typeof FEATURES].title).join(', '),
  ]);
  const note = '* price from a secondary source (the official pricing page could not be read); see lib/catalog/prices.ts.';
  return format === 'markdown' ? `${markdownTable(header, rows)}\n\n${note}` : `${textTable(header, rows)}\n\n${note}`;
}

/** Registers `tiers`. */
export function registerTiers(program: Command, ctx: CliContext): void {
  program
    .command('tiers')
    .description('print the tier catalog: storage, limits, prices and features, with sources in lib/catalog')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action((opts: { format: string; out?: string }) => {
      emit(ctx.io, render(opts.format), opts.out);
    });
}
