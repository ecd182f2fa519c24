/**
 * Self-contained HTML reports (`--format html`): one file with inline CSS and inline SVG
 * charts rendered on the server by vega, no script and no network, readable offline, easy
 * to attach to a CI run, and laid out to print on A4.
 *
 * - {@link renderSimulationHtml}: `acrkit simulate --format html`.
 * - {@link renderReviewHtml}: `acrkit review --format html`.
 * - {@link writeSimulationReport}: writes the simulation report to a file (what `npm start` uses).
 */
import type { Finding } from '../../policy/finding.js';
import { itemBody, itemMark } from '../../review/lists.js';
import { attributeView, shownSide } from '../review/changes.js';
import { findingCounts, otherLine, verdictTone, verdictWord } from '../review/counts.js';
import { flagsOf, isSevere } from '../review/flags.js';
import { forecastSentence } from '../review/forecast.js';
import { registryDetail, registryName } from '../names.js';
import { counted } from '../../format/counts.js';
import type { ResourceChange } from '../../review/diff.js';
import type { AssertionDelta, ReviewResult } from '../../review/review-types.js';
import { fmtActual } from '../simulation/render.js';
import { COUNT_HEADERS, countRows, LISTING_NOTE } from '../simulation/rows.js';
import { BLOCKED_HEADERS, blockedRows, OUTAGE_HEADERS, outageRows, registryColumns, registryRow, tierText, violationText } from '../simulation/rows.js';
import type { RegistrySummary, SimulationResult } from '../../sim/results/result.js';
import type { Summary } from '../../sim/results/stats.js';
import { headline } from '../simulation/headline.js';
import {
  billedChart,
  forecastChart,
  monthlyCostChart,
  outageChart,
  renderChart,
  reviewCostChart,
  slug,
  storageChart,
  type ChartDefinition,
} from './charts.js';
import { esc, figure, page, status, statusIcon, table, type Cell } from './page.js';
import { usd, formatBytes, percent } from '../../format/numbers.js';

/** Renders charts to figures, making ids unique within one report (`used` is shared per report). */
async function figures(defs: ReadonlyArray<ChartDefinition | undefined>, used: Set<string>): Promise<string[]> {
  const out: string[] = [];
  // One at a time: rendering is CPU-bound, and sequential keeps memory flat.
  for (const d of defs) {
    if (!d) continue;
    let id = d.id;
    for (let n = 2; used.has(id); n++) id = `${d.id}-${n}`;
    used.add(id);
    out.push(figure(await renderChart({ ...d, id })));
  }
  return out;
}

function num(text: string): Cell {
  return { text, num: true };
}

/** The median, with the p10-p90 range on a second, smaller line when the runs differ. */
function bandCell(s: Summary, fmt: (n: number) => string): Cell {
  const f = (v: number | null): string => (v === null ? 'never' : fmt(v));
  if (s.p10 === s.p90) return num(f(s.p50));
  return { html: `${esc(f(s.p50))}<br><span class="range">p10 ${esc(f(s.p10))}<br>p90 ${esc(f(s.p90))}</span>`, num: true };
}

function registrySection(r: SimulationResult, g: RegistrySummary, charts: readonly string[]): string {
  const pushes = g.pushAvailabilityByRegion ?? {};
  const availability = [...new Set([...Object.keys(g.availabilityByRegion), ...Object.keys(pushes)])].sort();
  const cell = (s: Summary | undefined, k: 'p50' | 'p10' | 'p90'): Cell => num(s ? percent(s[k]) : '-');
  return [
    `<section class="registry" id="registry-${esc(slug(g.name))}">`,
    `<h2>${esc(g.name)}</h2>`,
    `<p class="meta"><code>${esc(g.address)}</code> · ${esc(tierText(g, '→'))} · home ${esc(g.home)}${
      g.replicas.length ? ` · replicas ${esc(g.replicas.join(', '))}` : ''
    } · included ${esc(formatBytes(g.includedBytes))}, limit ${esc(formatBytes(g.limitBytes))}</p>`,
    ...charts,
    availability.length
      ? table(
          [
            'Client region',
            { text: `Pull availability over ${r.horizonDays} days (p50)`, num: true },
            { text: 'p10', num: true },
            { text: 'p90', num: true },
            { text: 'Push availability (p50)', num: true },
            { text: 'p10', num: true },
          ],
          availability.map((c) => {
            const pull = g.availabilityByRegion[c];
            return [c, cell(pull, 'p50'), cell(pull, 'p10'), cell(pull, 'p90'), cell(pushes[c], 'p50'), cell(pushes[c], 'p10')];
          }),
          { caption: `${g.name}: pull and push availability by client region`, rowHeaders: true },
        )
      : '',
    '</section>',
  ].join('\n');
}

/**
 * Renders a simulation as a self-contained HTML page: headline, headline-figures table,
 * assertions (pass/fail), per registry the storage, billed storage, cost-per-month and outage
 * charts with their text alternatives, then outages, blocked actions and findings (notes).
 * @param r the simulation result (`acrkit simulate --format json` prints the same data)
 * @returns the whole HTML document
 */
export async function renderSimulationHtml(r: SimulationResult): Promise<string> {
  const body: string[] = [];
  const ids = new Set<string>();
  const failed = r.assertions.filter((a) => !a.passed).length;
  body.push(
    '<header>',
    `<h1>acrkit simulate: ${esc(r.scenario)}</h1>`,
    `<p class="meta">Scenario <code>${esc(r.file)}</code> · ${r.runs} Monte Carlo run${r.runs === 1 ? '' : 's'} · seed ${r.seed} · ${r.horizonDays} days. Values are medians (p50) with the p10-p90 range over runs.</p>`,
    r.assertions.length
      ? `<p class="verdict ${r.passed ? 'pass' : 'fail'}">${statusIcon(r.passed ? 'pass' : 'fail')} ${r.passed ? `All ${r.assertions.length} assertion checks hold` : `${failed} of ${r.assertions.length} assertion checks fail`}</p>`
      : '',
    '</header>',
    '<section id="summary">',
    '<h2>Summary</h2>',
    `<div class="headline">${headline(r)
      .split('\n')
      .map((l) => `<p>${esc(l)}</p>`)
      .join('')}</div>`,
    table(
      registryColumns(r.horizonDays, true).map((c) => (c.numeric ? num(c.header) : c.header)),
      [
        ...r.registries.map((g) => registryRow(g, bandCell, { arrow: '→', totalCost: true })),
        [
          { html: '<strong>Fleet</strong>' },
          '',
          bandCell(r.fleet.storedBytesAtHorizon, formatBytes),
          '',
          bandCell(r.fleet.maxMonthlyCostUsd, usd),
          bandCell(r.fleet.totalCostUsd, usd),
          '',
          '',
          '',
        ],
      ],
      { caption: 'Headline figures (p50, with p10-p90 when runs differ)', rowHeaders: true },
    ),
    '</section>',
  );
  if (r.assertions.length) {
    body.push(
      '<section id="assertions">',
      '<h2>Assertions</h2>',
      table(
        ['Result', 'Subject', 'Check', 'Percentile', num('Actual'), num('Threshold'), 'Where'],
        r.assertions.map((a) => [
          status(a.passed),
          a.subject,
          a.text,
          a.percentile,
          num(a.actual === null ? 'never' : fmtActual(a.kind, a.actual)),
          num(fmtActual(a.kind, a.threshold)),
          { html: `<code>${esc(a.where)}</code>` },
        ]),
        { caption: `${r.assertions.length - failed} passed, ${failed} failed`, className: 'assertions' },
      ),
      '</section>',
    );
  }
  for (const g of r.registries) {
    const charts = await figures([storageChart(g), billedChart(g, r.runs), monthlyCostChart(g, r.runs, r.horizonDays), outageChart(g, r.horizonDays)], ids);
    body.push(registrySection(r, g, charts));
  }
  const outages = outageRows(r);
  if (outages.length) body.push('<section id="outages">', '<h2>Outages</h2>', table(OUTAGE_HEADERS, outages), '</section>');
  const blocked = blockedRows(r);
  if (blocked.length) {
    body.push('<section id="blocked">', '<h2>Blocked control-plane actions (home region down)</h2>', table(BLOCKED_HEADERS, blocked), '</section>');
  }
  const counts = countRows(r, '→');
  if (counts.length) {
    body.push(
      '<section id="counts">',
      '<h2>Repositories, tags and manifests</h2>',
      table(
        COUNT_HEADERS.map((h, i) => (i === 0 ? h.replace('->', '→') : num(h.replace('->', '→')))),
        counts.map((row) => row.map((c, i): Cell => (i === 0 ? c : num(c)))),
        { caption: 'Medians over runs; the listing is the most read requests of one full listing on any day', rowHeaders: true },
      ),
      `<p class="meta">${esc(LISTING_NOTE)}</p>`,
      '</section>',
    );
  }
  const findings = r.registries.flatMap((g) => [
    ...g.countViolations.map((v): Cell[] => [g.name, { text: 'over maximum', className: 'status warn' }, violationText(v)]),
    ...g.warnings.map((w): Cell[] => [g.name, 'note', w]),
    ...(g.counts?.warnings ?? []).map((w): Cell[] => [g.name, { text: 'counts grow', className: 'status warn' }, w]),
    ...(g.assumptions ?? []).map((a): Cell[] => [g.name, 'assumption', a]),
  ]);
  body.push(
    '<section id="findings">',
    '<h2>Findings</h2>',
    findings.length ? table(['Registry', 'Kind', 'Detail'], findings) : '<p class="empty">No count violations, ignored settings or assumptions to report.</p>',
    '</section>',
  );
  return page({ title: `acrkit simulate: ${r.scenario}`, body: body.join('\n') });
}

function money(n: number | null): string {
  return n === null ? '-' : usd(n);
}

function signedUsd(n: number): string {
  return `${n >= 0 ? '+' : '-'}${usd(Math.abs(n))}`;
}

function changeFlags(c: ResourceChange): string {
  return flagsOf(c).map((f) => f.words).join(', ') || '-';
}

/** A name, with the other name (the Terraform address of a construct path) on a smaller line under it. */
function nameCell(name: string, detail?: string): Cell {
  return { html: `<code>${esc(name)}</code>${detail ? `<span class="detail" title="Terraform address">${esc(detail)}</span>` : ''}` };
}

/** An attribute's change: a list element by element (`+`, `-`, `~` marks as text), else before → after (or the value alone). */
function changeCell(a: ResourceChange['attributes'][number], side: 'both' | 'before' | 'after'): Cell {
  const view = attributeView(a, side);
  if (view.kind === 'items') {
    const li = view.items.map((i) => `<li class="${i.op}"><span class="mark" aria-label="${i.op === 'add' ? 'added' : i.op === 'remove' ? 'removed' : 'changed'}">${itemMark(i.op)}</span>${itemBody(i, { escape: esc, arrow: '→' })}</li>`);
    return { html: `<ul class="diff">${li.join('')}</ul>` };
  }
  if (side === 'after') return view.after;
  if (side === 'before') return view.before;
  return { html: `${esc(view.before)} <span class="arrow">→</span> ${esc(view.after)}` };
}

function attributeTable(c: ResourceChange, list: ResourceChange['attributes'], caption: string): string {
  const side = shownSide(c);
  return table(['Attribute', side === 'both' ? 'Change' : 'Value'], list.map((a) => [{ html: `<code>${esc(a.name)}</code>` }, changeCell(a, side)]), { caption, className: 'attributes' });
}

/** Where a finding is: `file:line` (the pointer when there is no line), the whole location and the Terraform address in its title. */
function whereCell(f: Finding): Cell {
  const { file, line, pointer } = f.location;
  const short = file === undefined ? '' : line !== undefined ? `${file}:${line}` : pointer ? `${file}#${pointer}` : file;
  const full = registryDetail(f.address, f.location);
  if (!short) return full ? { html: `<code>${esc(full)}</code>` } : '-';
  return { html: `<code title="${esc(full)}">${esc(short)}</code>` };
}

function findingsTable(title: string, list: readonly Finding[]): string {
  if (!list.length) return `<h3>${esc(title)}</h3>\n<p class="empty">None.</p>`;
  return [
    `<h3>${esc(title)} (${list.length})</h3>`,
    table(
      ['Severity', 'Rule', 'Registry', 'Message', 'Where'],
      list.map((f) => [
        f.status === 'unknown' ? { text: 'unknown', className: 'status' } : { text: f.severity, className: `status ${f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : ''}` },
        { html: `${esc(f.ruleId)}<span class="detail">${esc(f.ruleName)}</span>` },
        { html: `<code>${esc(registryName(f.address, f.location))}</code>` },
        f.suppressed ? `${f.message} (suppressed${f.reason ? `: ${f.reason}` : ''}${f.suppression ? `, ${f.suppression.origin}` : ''})` : f.message,
        whereCell(f),
      ]),
      { className: 'findings' },
    ),
  ].join('\n');
}

function simValue(n: number | null): string {
  if (n === null) return 'never';
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** One side's outcome, its value under it (and its threshold when the sides' thresholds differ). */
function assertionOutcome(kind: string, o: AssertionDelta['base'], threshold: boolean): Cell {
  if (!o) return '-';
  const value = `${o.actual === null ? 'never' : fmtActual(kind, o.actual)}${threshold ? `, threshold ${fmtActual(kind, o.threshold)}` : ''}`;
  return { html: `<span class="status ${o.passed ? 'pass' : 'fail'}">${statusIcon(o.passed ? 'pass' : 'fail')} ${o.passed ? 'PASS' : 'FAIL'}</span><span class="detail">${esc(value)}</span>` };
}

/**
 * Renders a plan review as a self-contained HTML page: verdict with its reasons, headline
 * figures, changes with their flags and attribute changes (lists element by element), cost
 * base vs head (table and chart), findings (new, fixed, removed, unchanged, suppressed), and
 * with a scenario the simulator's figures, its assertions on both sides and a storage
 * forecast per registry with base and head overlaid, included storage and the limit drawn
 * and the difference in words under it. Status marks are inline SVG and text, never emoji.
 * @param result the review result (`acrkit review --format json` prints the same data)
 * @returns the whole HTML document
 */
export async function renderReviewHtml(result: ReviewResult): Promise<string> {
  const r = result;
  const body: string[] = [];
  const ids = new Set<string>();
  const count = (a: ResourceChange['action']): number => r.changes.filter((c) => c.action === a).length;
  const f = r.findings;
  const tone = verdictTone(r);
  body.push(
    '<header>',
    '<h1>acrkit plan review</h1>',
    `<p class="meta">Base: ${r.inputs.base.map((p) => `<code>${esc(p)}</code>`).join(', ') || '-'} · Head: ${
      r.inputs.head.map((p) => `<code>${esc(p)}</code>`).join(', ') || '-'
    }${r.inputs.plan ? ` · Plan: <code>${esc(r.inputs.plan)}</code>` : ''}</p>`,
    `<div class="verdict ${tone}"><p>${statusIcon(tone)} <strong>${esc(verdictWord(tone))}:</strong> ${esc(r.summary)}</p>${
      r.reasons.length
        ? `<ul class="reasons">${r.reasons.map((x) => `<li class="${x.fails ? 'fail' : 'warn'}">${statusIcon(x.fails ? 'fail' : 'warn')} ${esc(x.message)}</li>`).join('')}</ul>`
        : ''
    }</div>`,
    ...(otherLine(r) ? [`<p class="meta">${esc(otherLine(r))}</p>`] : []),
    '</header>',
  );
  if (r.inputErrors.length) {
    body.push('<section id="input-errors">', '<h2>Inputs that could not be read</h2>', `<ul>${r.inputErrors.map((e) => `<li>${esc(e.message)}</li>`).join('')}</ul>`, '</section>');
  }
  body.push(
    '<section id="summary">',
    '<h2>Summary</h2>',
    table(
      ['Figure', num('Value')],
      [
        ['Changes', num(`${r.changes.length} (${(['create', 'update', 'replace', 'delete'] as const).map((a) => `${count(a)} ${a}`).join(', ')})`)],
        ['Destructive changes', num(String(r.changes.filter((c) => c.destructive).length))],
        ['Irreversible changes', num(String(r.changes.filter((c) => c.irreversible).length))],
        ['Rejected by Azure', num(String(r.changes.filter((c) => c.reasons.some((x) => x.kind === 'rejected')).length))],
        ['Findings', num(findingCounts(f))],
        ...(r.otherResources ? [['Other resources changed (not reviewed)', num(String(r.otherResources))] as Cell[]] : []),
        ['Base cost per month (USD)', num(`${usd(r.cost.base)} → ${usd(r.cost.head)} (${signedUsd(r.cost.delta)})`)],
      ],
      { caption: 'Headline figures', rowHeaders: true },
    ),
    '</section>',
  );
  if (r.changes.length) {
    const cost = new Map(r.cost.registries.map((c) => [c.address, c]));
    body.push(
      '<section id="changes">',
      '<h2>Changes</h2>',
      table(
        ['Resource', 'Action', 'Flags', num('Base cost/month (base → head)')],
        r.changes.map((c) => {
          const k = cost.get(c.address);
          return [
            nameCell(c.address, c.terraformAddress),
            c.action,
            { text: changeFlags(c), className: c.reasons.some((x) => isSevere(x.kind)) ? 'status fail' : c.reasons.length || c.irreversible ? 'status warn' : '' },
            num(k ? (k.delta === null ? 'unknown' : `${money(k.base)} → ${money(k.head)}`) : '-'),
          ];
        }),
        { className: 'changes' },
      ),
    );
    const flagged = r.changes.filter((c) => c.reasons.length);
    if (flagged.length) {
      body.push(
        '<h3>Flagged changes</h3>',
        `<ul class="flagged">${flagged.flatMap((c) => c.reasons.map((x) => `<li class="${isSevere(x.kind) ? 'fail' : 'warn'}">${statusIcon(isSevere(x.kind) ? 'fail' : 'warn')} <strong>${esc(x.kind)}</strong> <code>${esc(c.address)}</code>: ${esc(x.message)}</li>`)).join('')}</ul>`,
      );
    }
    for (const c of r.changes) {
      const title = `${c.address} (${c.action})`;
      body.push(`<h3 class="change">${esc(title)}${c.terraformAddress ? `<span class="detail">Terraform address: ${esc(c.terraformAddress)}</span>` : ''}</h3>`);
      if (c.attributes.length) body.push(attributeTable(c, c.attributes, 'Attribute changes'));
      if (c.defaults?.length) {
        body.push(
          `<details><summary>${esc(`${counted(c.defaults.length, 'attribute')} at the provider default`)}</summary>`,
          attributeTable(c, c.defaults, 'Attributes at the provider default'),
          '</details>',
        );
      }
      if (c.hiddenAttributes) body.push(`<p class="meta">${esc(`${counted(c.hiddenAttributes, 'attribute')} of ${c.type} not shown: acrkit does not show them (they may hold secrets).`)}</p>`);
      if (!c.attributes.length && !c.defaults?.length && !c.hiddenAttributes) body.push('<p class="empty">No attribute changes.</p>');
    }
    body.push('</section>');
  }
  body.push(
    '<section id="cost">',
    '<h2>Cost</h2>',
    `<p>Base cost (registry and replica units, 30-day month): ${esc(usd(r.cost.base))} → ${esc(usd(r.cost.head))} a month (${esc(signedUsd(r.cost.delta))}).</p>`,
    ...(await figures([reviewCostChart(r.cost)], ids)),
    '</section>',
  );
  body.push(
    '<section id="findings">',
    '<h2>Findings</h2>',
    findingsTable('New', f.new),
    findingsTable('Fixed', f.fixed),
    ...(f.removed?.length ? [findingsTable('Removed with the registry', f.removed)] : []),
    findingsTable('Unchanged', f.unchanged),
    findingsTable('Suppressed', f.suppressed),
    '</section>',
  );
  const s = r.simulation;
  if (s) {
    body.push(
      '<section id="simulation">',
      '<h2>Capacity, cost and failover forecast</h2>',
      `<p>Scenario <code>${esc(s.scenario)}</code>, seed ${s.seed}, ${counted(s.runs, 'run')}, ${s.horizonDays} days; base and head simulated alike.</p>`,
      table(
        ['Registry', 'Metric', num('Base'), num('Head')],
        s.rows.map((x) => [{ html: `<code>${esc(x.address)}</code>` }, x.metric, num(simValue(x.base)), num(simValue(x.head))]),
        { className: 'sim-rows' },
      ),
    );
    const assertions = s.assertions ?? [];
    if (assertions.length) {
      const failing = assertions.filter((a) => a.failing).length;
      body.push(
        '<h3>Scenario assertions</h3>',
        table(
          ['Assertion', 'Subject', 'Base', 'Head', 'Review'],
          assertions.map((a) => [
            `${a.text} (${a.percentile})`,
            { html: `<code>${esc(a.subject)}</code>` },
            assertionOutcome(a.kind, a.base, a.base !== null && a.head !== null && a.base.threshold !== a.head.threshold),
            assertionOutcome(a.kind, a.head, a.base !== null && a.head !== null && a.base.threshold !== a.head.threshold),
            a.failing ? { text: 'fails the review', className: 'status fail' } : a.head && !a.head.passed ? { text: 'already failed on base', className: 'status warn' } : '-',
          ]),
          { caption: `${failing} newly failing; one that already failed on base is shown, not failed on`, className: 'assertions' },
        ),
      );
    }
    for (const fc of s.forecast) {
      const [fig] = await figures([forecastChart(fc, s)], ids);
      if (fig) body.push(fig, `<p class="forecast-note">${esc(forecastSentence(fc, s.horizonDays))}</p>`);
    }
    body.push('</section>');
  }
  return page({ title: `acrkit plan review: ${verdictWord(tone)}`, body: body.join('\n') });
}
