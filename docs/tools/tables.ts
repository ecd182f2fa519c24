/**
 * The generated parts of the docs: pure functions that return the Markdown of each block
 * between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` in docs/*.md, read from
 * acrkit's public API (the rule packs and the catalog), so the tables cannot drift from the
 * code. `npm run docs` (docs/tools/generate.ts) rewrites the blocks; test/docs/docs.test.ts
 * fails when a block differs from what these functions return.
 *
 * Not part of the product: nothing in lib/ imports this file.
 */
import {
  ALL_RULES,
  BILLING_ASSUMPTIONS,
  FEATURES,
  PACK_NAMES,
  PACKS,
  PRICES,
  REGIONS,
  REGIONS_SOURCE,
  TIER_FACTS,
  TIERS,
  monthlyBaseCostUsd,
  tierSupports,
} from '../../lib/index.js';
import type { Fact, FeatureId, RateLimit, RuleReference, Source, Tier } from '../../lib/index.js';
import { BUILT_IN_ROLES, RBAC_PROPAGATION_SECONDS } from '../../lib/catalog/roles.js';
import { NAME_RULES } from '../../lib/constructs/names.js';
import type { DeployPermission } from '../../lib/constructs/permissions.js';
import { examplePermissions, featurePermissions, roleGroups, type FeaturePermissions } from './permissions.js';
import { parityTable } from './parity.js';

/** Builds the Markdown of one generated block (no leading or trailing blank line). */
export type BlockGenerator = () => string;

/** Opening marker of a generated block. */
export function openMarker(name: string): string {
  return `<!-- generated:${name} -->`;
}

/** Closing marker of a generated block. */
export function closeMarker(name: string): string {
  return `<!-- /generated:${name} -->`;
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

/** Escapes a table cell: pipes, and line breaks folded to spaces. */
export function cell(text: string): string {
  return text.replace(/\r?\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** A Markdown table (header row, separator, rows); every cell is escaped. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** An integer or decimal with thousands separators (`50,000`, `0.167`), locale-independent. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** USD with as many decimals as the catalog states (`$0.167`, `$0.0001`). */
function usd(n: number): string {
  return `$${num(n)}`;
}

/** USD rounded to cents, always two decimals (`$5.01`). */
function usdCents(n: number): string {
  const [int, cents] = n.toFixed(2).split('.');
  return `$${num(Number(int))}.${cents}`;
}

/**
 * Sources of one table, numbered in order of first use (`T1`, `T2`, ...) and listed under it
 * with their full reference, date, whether Microsoft states the figure, and any note.
 */
class SourceList {
  private readonly labels = new Map<string, string>();
  private readonly entries: { label: string; source: Source }[] = [];

  constructor(private readonly prefix: string) {}

  /** The label of `source`, adding it on first use. */
  label(source: Source): string {
    const key = JSON.stringify([source.ref, source.asOf, source.confirmed ?? true, source.note ?? '']);
    let label = this.labels.get(key);
    if (label === undefined) {
      label = `${this.prefix}${this.entries.length + 1}`;
      this.labels.set(key, label);
      this.entries.push({ label, source });
    }
    return label;
  }

  /** `T1 (2026-02-10)`: the label with the source's date. */
  cite(source: Source): string {
    return `${this.label(source)} (${source.asOf})`;
  }

  /** The list of sources, one bullet each. */
  render(): string {
    return this.entries.map(({ label, source }) => `- **${label}**: ${sourceText(source)}`).join('\n');
  }
}

/** One source in prose: reference, date, confirmation and note. */
export function sourceText(source: Source): string {
  const stated = source.confirmed === false ? 'secondary source only' : 'primary source';
  const note = source.note ? ` ${sentence(source.note)}` : '';
  return prose(`${source.ref}; as of ${source.asOf}; ${stated}.${note}`.replace(/\s*\n\s*/g, ' '));
}

/** `text` with a capital first letter and a closing full stop. */
function sentence(text: string): string {
  const t = text.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** Cites the per-tier sources of one row: one citation when every tier shares it, else grouped by tier. */
function citeTiers(list: SourceList, sources: Readonly<Record<Tier, Source>>): string {
  const groups = new Map<string, Tier[]>();
  for (const t of TIERS) {
    const c = list.cite(sources[t]);
    groups.set(c, [...(groups.get(c) ?? []), t]);
  }
  if (groups.size === 1) return [...groups.keys()][0]!;
  return [...groups].map(([c, tiers]) => `${tiers.join(', ')}: ${c}`).join('; ');
}

/**
 * Text from the code made safe for Markdown prose and table cells: `<name>` would be read as
 * an HTML tag and `*` as emphasis.
 */
export function prose(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\*/g, '\\*');
}

// ---------------------------------------------------------------------------------------------
// Rules

const REFERENCE_KIND: Readonly<Record<RuleReference['kind'], string>> = {
  checkov: 'Checkov',
  'azure-policy': 'Azure Policy',
  psrule: 'PSRule',
  mcsb: 'MCSB',
  doc: 'Doc',
};

/** Short references for the rule table: `Checkov CKV_AZURE_137`, `MCSB IM-1, IM-3`. */
function shortReferences(refs: readonly RuleReference[]): string {
  if (refs.length === 0) return '-';
  const byKind = new Map<RuleReference['kind'], string[]>();
  for (const r of refs) {
    const named = r.kind === 'azure-policy' || r.kind === 'doc';
    const id = named && r.title ? `"${r.title.replace(/\.$/, '')}"` : r.id;
    byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), id]);
  }
  return [...byKind].map(([kind, ids]) => `${REFERENCE_KIND[kind]} ${ids.join(', ')}`).join('; ');
}

/** The rule table: every rule of every pack with its metadata. */
export function rulesTable(): string {
  const packs = PACK_NAMES.map((p) => `\`${p}\` (${PACKS[p].length})`).join(', ');
  const intro = `${ALL_RULES.length} rules in ${PACK_NAMES.length} packs: ${packs}.`;
  const rows = ALL_RULES.map((r) => [`[${r.id}](#${ruleAnchor(r.id, r.name)})`, r.name, r.pack, r.severity, prose(r.info), prose(shortReferences(r.references))]);
  return `${intro}\n\n${table(['Id', 'Name', 'Pack', 'Severity', 'What it reports', 'Same check elsewhere'], rows)}`;
}

/** GitHub's anchor of a rule's heading in {@link ruleDetails}: `acr-sec-001-adminuserdisabled`. */
function ruleAnchor(id: string, name: string): string {
  return `${id} ${name}`.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** One section per rule: what it reports, why it matters and the fix, and its references. */
export function ruleDetails(): string {
  return ALL_RULES.map((r) => {
    const refs = r.references.map((ref) => {
      const title = ref.title ? `: ${prose(ref.title)}` : '';
      return `- ${REFERENCE_KIND[ref.kind]} \`${ref.id}\`${title}`;
    });
    const head = `### ${r.id} ${r.name}\n\n${r.pack} · ${r.severity} · ${prose(r.info)}\n\n${prose(r.explanation)}`;
    return refs.length ? `${head}\n\n${refs.join('\n')}` : head;
  }).join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Catalog: tiers

/** Labels and units of the numeric tier facts; a fact not listed here is shown by its key. */
const TIER_FACT_LABELS: Readonly<Record<string, readonly [label: string, unit: string]>> = {
  includedStorageGiB: ['Included storage', 'GiB'],
  storageLimitTiB: ['Storage limit (counted once, whatever the replicas)', 'TiB'],
  maxLayerGiB: ['Largest image layer', 'GiB'],
  maxManifestMiB: ['Largest manifest', 'MiB'],
  webhooks: ['Webhooks', ''],
  privateEndpoints: ['Private endpoints', ''],
  ipRules: ['Public IP network rules', ''],
  tokens: ['Tokens (non-Entra)', ''],
  scopeMaps: ['Scope maps', ''],
  cacheRules: ['Artifact cache rules', ''],
  connectedRegistries: ['Connected registries', ''],
};

function isFact(value: unknown): value is Fact<unknown> {
  return typeof value === 'object' && value !== null && 'value' in value && 'source' in value;
}

/** `maxLayerGiB` -> label `Max layer`, unit `GiB` (for a tier fact not in {@link TIER_FACT_LABELS}). */
function labelOf(key: string): readonly [string, string] {
  const known = TIER_FACT_LABELS[key];
  if (known) return known;
  const unit = /(GiB|TiB|MiB|Days|Usd)$/.exec(key)?.[1] ?? '';
  const words = key.slice(0, key.length - unit.length).replace(/([A-Z])/g, ' $1').toLowerCase().trim();
  const shown = unit === 'Days' ? 'days' : unit === 'Usd' ? 'USD' : unit;
  return [words.charAt(0).toUpperCase() + words.slice(1), shown];
}

/** A tier fact's value for the table: `10 GiB`, `500`, `0-365`, `{...}`. */
function showValue(value: unknown, unit: string): string {
  const text =
    typeof value === 'number'
      ? num(value)
      : Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')
        ? `${num(value[0] as number)}-${num(value[1] as number)}`
        : typeof value === 'object' && value !== null && 'min' in value && 'max' in value
          ? `${num((value as { min: number }).min)}-${num((value as { max: number }).max)}`
          : JSON.stringify(value);
  return unit ? `${text} ${unit}` : text;
}

/** Prices per tier, as part of the tier table. */
function priceRow(list: SourceList): string[] {
  const unit = PRICES.registryUnitPerDay;
  return [
    'Price per day (registry unit, USD)',
    ...TIERS.map((t) => usd(unit[t].value)),
    citeTiers(list, { Basic: unit.Basic.source, Standard: unit.Standard.source, Premium: unit.Premium.source }),
  ];
}

/**
 * The tier table: every numeric fact of `TIER_FACTS` (a new catalog fact becomes a row), the
 * daily price, each row with its sources and dates, then the sources.
 */
export function tiersTable(): string {
  const list = new SourceList('T');
  const rows: string[][] = [];
  const keys = Object.keys(TIER_FACTS.Basic).filter((k) => k !== 'name' && k !== 'rateLimits');
  for (const key of keys) {
    const facts = TIERS.map((t) => (TIER_FACTS[t] as unknown as Record<string, unknown>)[key]);
    if (!facts.every(isFact)) continue;
    const [label, unit] = labelOf(key);
    const sources = { Basic: facts[0]!.source, Standard: facts[1]!.source, Premium: facts[2]!.source };
    rows.push([label, ...facts.map((f) => showValue(f.value, unit)), citeTiers(list, sources)]);
    if (key === 'includedStorageGiB') rows.push(priceRow(list));
  }
  if (!keys.includes('includedStorageGiB')) rows.push(priceRow(list));
  return `${table(['Per registry', ...TIERS, 'Source (as of)'], rows)}\n\nSources:\n\n${list.render()}`;
}

const RATE_LABELS: Readonly<Record<string, string>> = {
  read: 'Read (pull, HEAD, list)',
  write: 'Write (push)',
  delete: 'Delete',
  listReferrers: 'ListReferrers',
  oauth: 'OAuth token',
};

/** Request-rate limits per tier and operation: per registry (per replica) and per identity. */
export function rateLimitsTable(): string {
  const list = new SourceList('R');
  const limits = TIERS.map((t) => TIER_FACTS[t].rateLimits.value as unknown as Record<string, RateLimit>);
  const ops = Object.keys(limits[0]!);
  const sources = { Basic: TIER_FACTS.Basic.rateLimits.source, Standard: TIER_FACTS.Standard.rateLimits.source, Premium: TIER_FACTS.Premium.rateLimits.source };
  const cite = citeTiers(list, sources);
  const rows = ops.map((op) => [
    RATE_LABELS[op] ?? op,
    ...limits.map((l) => {
      const r = l[op]!;
      return r.perIdentity === undefined ? num(r.perRegistry) : `${num(r.perRegistry)} (${num(r.perIdentity)} per identity)`;
    }),
    cite,
  ]);
  const head = 'Requests per minute, per registry and applied per geo-replica; in parentheses, per identity.';
  return `${head}\n\n${table(['Operation', ...TIERS, 'Source (as of)'], rows)}\n\nSources:\n\n${list.render()}`;
}

/** Tier-gated features: which tiers support each, its status, source, date and caveat. */
export function featuresTable(): string {
  const list = new SourceList('F');
  const rows = (Object.keys(FEATURES) as FeatureId[]).map((id) => {
    const f = FEATURES[id];
    return [`\`${f.id}\``, prose(f.title), ...TIERS.map((t) => (tierSupports(t, id) ? 'yes' : '-')), f.status, list.cite(f.source), prose(f.note ?? '')];
  });
  return `${table(['Feature', 'What', ...TIERS, 'Status', 'Source (as of)', 'Note'], rows)}\n\nSources:\n\n${list.render()}`;
}

// ---------------------------------------------------------------------------------------------
// Catalog: prices and billing

const PRICE_LABELS: Readonly<Record<string, string>> = {
  storagePerGiBDay: 'Storage beyond the included amount, per GiB per day',
  replicaUnitPerDay: 'Each geo-replica, per day (one Premium registry unit)',
  taskVcpuSecond: 'ACR Tasks compute, per vCPU-second',
  daysPerMonth: 'Days in a billing month',
};

/** Every price with its source and date, and the base monthly cost per tier it gives. */
export function pricesTable(): string {
  const list = new SourceList('P');
  const rows: string[][] = TIERS.map((t) => {
    const f = PRICES.registryUnitPerDay[t];
    return [`${t} registry unit, per day`, usd(f.value), `${usdCents(monthlyBaseCostUsd(t, 0))} a month`, list.cite(f.source)];
  });
  for (const [key, value] of Object.entries(PRICES)) {
    if (key === 'registryUnitPerDay' || !isFact(value) || typeof value.value !== 'number') continue;
    const isDays = key === 'daysPerMonth';
    const monthly = key === 'replicaUnitPerDay' ? `${usdCents(value.value * PRICES.daysPerMonth.value)} a month` : '';
    rows.push([PRICE_LABELS[key] ?? labelOf(key)[0], isDays ? num(value.value) : usd(value.value), monthly, list.cite(value.source)]);
  }
  const foot = `A month is ${num(PRICES.daysPerMonth.value)} days of the daily meters; the monthly figures are what \`monthlyBaseCostUsd\` returns (registry and replica units only, no storage overage or tasks).`;
  return `${table(['Price (USD)', 'Value', 'Month', 'Source (as of)'], rows)}\n\n${foot}\n\nSources:\n\n${list.render()}`;
}

/** The billing switches the docs leave open, with their default values. */
export function billingAssumptionsTable(): string {
  const rows = Object.entries(BILLING_ASSUMPTIONS).map(([key, value]) => [`\`${key}\``, `\`${JSON.stringify(value)}\``]);
  return table(['Switch (`BILLING_ASSUMPTIONS`)', 'Default'], rows);
}

// ---------------------------------------------------------------------------------------------
// Catalog: regions

/** How many regions, where, which have zones and pairs, and the sources of the list. */
export function regionsSummary(): string {
  const geographies = [...new Set(REGIONS.map((r) => r.geography))];
  const zones = REGIONS.filter((r) => r.availabilityZones).length;
  const paired = REGIONS.filter((r) => r.pairedRegion !== undefined).length;
  const head =
    `${REGIONS.length} public Azure regions in ${geographies.length} geographies; ` +
    `${zones} with availability zones (marked \\*), ${paired} with a paired region.`;
  const rows = geographies.map((g) => {
    const names = REGIONS.filter((r) => r.geography === g).map((r) => `${r.name}${r.availabilityZones ? '\\*' : ''}`);
    return [g, String(names.length), names.join(', ')];
  });
  const sources = REGIONS_SOURCE.map((s, i) => `- **G${i + 1}**: ${sourceText(s)}`).join('\n');
  return `${head}\n\n${table(['Geography', 'Regions', 'Canonical names'], rows)}\n\nSources:\n\n${sources}`;
}

// ---------------------------------------------------------------------------------------------
// Deploying: permissions per feature, per example, and name rules

/** The roles a set of permissions needs: `Contributor + User Access Administrator`, or `-`. */
function rolesCell(permissions: readonly DeployPermission[]): string {
  const groups = roleGroups(permissions);
  if (!groups.length) return '-';
  return groups.map((g) => (g.length > 1 && groups.length > 1 ? `(${g.join(' or ')})` : g.join(' or '))).join(' + ');
}

/** Unique actions of a set of permissions, as code. */
function actionsCell(permissions: readonly DeployPermission[]): string {
  const actions = [...new Set(permissions.flatMap((p) => p.actions))];
  return actions.length ? actions.map((a) => `\`${a}\``).join(', ') : 'none (local wait)';
}

/** Resource types (and arguments) as code. */
function resourcesCell(p: FeaturePermissions): string {
  const parts = [...p.resourceTypes.map((t) => `\`${t}\``), ...p.arguments.map((a) => `\`${a}\``)];
  return parts.length ? parts.join(', ') : '-';
}

/**
 * What the deployer needs per construct feature: each feature synthesized in a sample stack, its
 * resources (over a plain registry) joined with lib/constructs/permissions.ts; then the notes
 * and sources.
 */
export function permissionsTable(): string {
  const list = new SourceList('D');
  const features = featurePermissions();
  const rows = features.map(({ feature, permissions: p }) => [
    feature.title,
    feature.api,
    resourcesCell(p),
    actionsCell(p.permissions),
    rolesCell(p.permissions),
    [...new Set(p.permissions.map((x) => list.label(x.source)))].join(', ') || '-',
  ]);
  const notes = new Map<string, string>();
  for (const { permissions: p } of features) {
    p.permissions.forEach((x, i) => {
      const what = [...p.resourceTypes, ...p.arguments][i]!;
      if (x.note && !notes.has(what)) notes.set(what, x.note);
    });
  }
  const noteList = [...notes].map(([what, note]) => `- \`${what}\`: ${prose(note)}`).join('\n');
  const roleIds = (['Contributor', 'User Access Administrator', 'Role Based Access Control Administrator', 'Owner'] as const)
    .map((r) => `${r} \`${BUILT_IN_ROLES[r].value.id}\``)
    .join(', ');
  const head =
    'Each row is what the feature adds to a plain registry, found by synthesizing it. Roles: any one role of a group grants that part; ' +
    `groups joined by + are all needed; Owner grants everything. Role ids: ${roleIds}.`;
  return `${head}\n\n${table(['Feature', 'Construct API', 'Creates (Terraform)', 'Azure actions', 'Deployer roles', 'Source'], rows)}\n\nNotes:\n\n${noteList}\n\nSources:\n\n${list.render()}`;
}

/** What each example stack (default settings) needs, from its synthesized resources. */
export function examplePermissionsTable(): string {
  const rows = examplePermissions().map(({ stack, permissions: p }) => [`\`${stack}\``, resourcesCell(p), rolesCell(p.permissions)]);
  const wait = `${RBAC_PROPAGATION_SECONDS.value / 60} minutes`;
  const foot = `Stacks with a customer-managed key also wait ${wait} (\`time_sleep\`) on their first deploy. The examples' landing-zone resources (resource group, network, DNS zone, workspace) need Contributor as well.`;
  return `${table(['Example stack', 'acrkit resources', 'Deployer roles'], rows)}\n\n${foot}`;
}

/** The name rules the constructs check at synth, with who rejects a bad name and the source. */
export function nameRulesTable(): string {
  const list = new SourceList('N');
  const rows = Object.values(NAME_RULES).map((r) => [r.what, `\`${r.resource}\``, prose(`must ${r.rule}`), r.rejectedBy, list.cite(r.source)]);
  return `${table(['Name', 'Resource', 'Rule', 'Without acrkit, rejected by', 'Source (as of)'], rows)}\n\nSources:\n\n${list.render()}`;
}

// ---------------------------------------------------------------------------------------------

/** Every generated block by name, as the markers in docs/*.md name them. */
export const BLOCKS: Readonly<Record<string, BlockGenerator>> = {
  rules: rulesTable,
  'rule-details': ruleDetails,
  tiers: tiersTable,
  'rate-limits': rateLimitsTable,
  features: featuresTable,
  prices: pricesTable,
  'billing-assumptions': billingAssumptionsTable,
  regions: regionsSummary,
  parity: parityTable,
  permissions: permissionsTable,
  'example-permissions': examplePermissionsTable,
  'name-rules': nameRulesTable,
};

/** One generated block found in a document. */
export interface FoundBlock {
  /** Block name from the marker. */
  readonly name: string;
  /** Text between the markers, as it is in the file. */
  readonly current: string;
  /** 1-based line of the opening marker. */
  readonly line: number;
}

const BLOCK_RE = /<!-- generated:([a-z0-9-]+) -->([\s\S]*?)<!-- \/generated:([a-z0-9-]+) -->/g;
const OPEN_RE = /<!-- generated:([a-z0-9-]+) -->/g;

/** The generated blocks of a document, and marker problems (unclosed or mismatched markers). */
export function findBlocks(text: string): { blocks: FoundBlock[]; problems: string[] } {
  const blocks: FoundBlock[] = [];
  const problems: string[] = [];
  for (const m of text.matchAll(BLOCK_RE)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (m[1] !== m[3]) problems.push(`line ${line}: block ${m[1]} is closed by /generated:${m[3]}`);
    blocks.push({ name: m[1]!, current: m[2]!, line });
  }
  const opens = [...text.matchAll(OPEN_RE)].length;
  if (opens !== blocks.length) problems.push(`${opens - blocks.length} generated marker(s) without a matching close`);
  return { blocks, problems };
}

/** The text a block should hold between its markers. */
export function blockBody(name: string): string {
  const gen = BLOCKS[name];
  if (!gen) throw new Error(`generated block name must be one of ${Object.keys(BLOCKS).join(', ')}, got '${name}'.`);
  return `\n\n${gen()}\n\n`;
}

/** `text` with every generated block rewritten from the code; unknown names throw. */
export function regenerate(text: string): string {
  return text.replace(BLOCK_RE, (_all, open: string, _body: string, close: string) => {
    if (open !== close) throw new Error(`generated block ${open} must be closed by /generated:${open}, got /generated:${close}.`);
    return `${openMarker(open)}${blockBody(open)}${closeMarker(open)}`;
  });
}
