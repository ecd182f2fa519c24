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
import { display } from '../../review/attributes.js';
import type { ResourceChange } from '../../review/diff.js';
import type { ReviewResult } from '../../review/review-types.js';
import { fmtActual } from '../simulation/render.js';
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
import { esc, figure, page, status, table, type Cell } from './page.js';
import { usd, formatBytes, percent } from '../../format/numbers.js';
import { formatLocation } from '../../input/location.js';

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
  const availability = Object.entries(g.availabilityByRegion);
  return [
    `<section class="registry" id="registry-${esc(slug(g.name))}">`,
    `<h2>${esc(g.name)}</h2>`,
    `<p class="meta"><code>${esc(g.address)}</code> · ${esc(tierText(g, '→'))} · home ${esc(g.home)}${
      g.replicas.length ? ` · replicas ${esc(g.replicas.join(', '))}` : ''
    } · included ${esc(formatBytes(g.includedBytes))}, limit ${esc(formatBytes(g.limitBytes))}</p>`,
    ...charts,
    availability.length
      ? table(
          ['Client region', { text: `Pull availability over ${r.horizonDays} days (p50)`, num: true }, { text: 'p10', num: true }, { text: 'p90', num: true }],
          availability.map(([c, s]) => [c, num(percent(s.p50)), num(percent(s.p10)), num(percent(s.p90))]),
          { caption: `${g.name}: pull availability by client region`, rowHeaders: true },
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
      ? `<p class="verdict ${r.passed ? 'pass' : 'fail'}">${r.passed ? `All ${r.assertions.length} assertion checks hold` : `${failed} of ${r.assertions.length} assertion checks fail`}</p>`
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
  const findings = r.registries.flatMap((g) => [
    ...g.countViolations.map((v): Cell[] => [g.name, { text: 'over maximum', className: 'status warn' }, violationText(v)]),
    ...g.warnings.map((w): Cell[] => [g.name, 'note', w]),
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
  return [c.destructive ? 'destructive' : '', c.irreversible ? 'irreversible' : '', c.reasons.some((x) => x.kind === 'rejected') ? 'rejected by Azure' : '']
    .filter(Boolean)
    .join(', ') || '-';
}


function findingsTable(title: string, list: readonly Finding[]): string {
  if (!list.length) return `<h3>${esc(title)}</h3>\n<p class="empty">None.</p>`;
  return [
    `<h3>${esc(title)} (${list.length})</h3>`,
    table(
      ['Severity', 'Status', 'Rule', 'Registry', 'Message', 'Location'],
      list.map((f) => [
        { text: f.severity, className: `status ${f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : ''}` },
        f.status,
        `${f.ruleId} ${f.ruleName}`,
        { html: `<code>${esc(f.address)}</code>` },
        f.suppressed ? `${f.message} (suppressed${f.reason ? `: ${f.reason}` : ''}${f.suppression ? `, ${f.suppression.origin}` : ''})` : f.message,
        { html: `<code>${esc(formatLocation(f.location) || '-')}</code>` },
      ]),
    ),
  ].join('\n');
}

function simValue(n: number | null): string {
  if (n === null) return 'never';
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/**
 * Renders a plan review as a self-contained HTML page: verdict, headline-figures table,
 * changes with their flags and attribute diffs, cost base vs head (table and chart),
 * findings (new, fixed, unchanged, suppressed), and with a scenario the simulator's figures
 * and a stored-storage forecast per registry with base and head overlaid.
 * @param result the review result (`acrkit review --format json` prints the same data)
 * @returns the whole HTML document
 */
export async function renderReviewHtml(result: ReviewResult): Promise<string> {
  const r = result;
  const body: string[] = [];
  const ids = new Set<string>();
  const count = (a: ResourceChange['action']): number => r.changes.filter((c) => c.action === a).length;
  const f = r.findings;
  body.push(
    '<header>',
    '<h1>acrkit plan review</h1>',
    `<p class="meta">Base: ${r.inputs.base.map((p) => `<code>${esc(p)}</code>`).join(', ') || '-'} · Head: ${
      r.inputs.head.map((p) => `<code>${esc(p)}</code>`).join(', ') || '-'
    }${r.inputs.plan ? ` · Plan: <code>${esc(r.inputs.plan)}</code>` : ''}</p>`,
    `<p class="verdict ${r.exitCode === 0 ? 'pass' : 'fail'}">${esc(r.verdict)}</p>`,
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
        ['Findings', num(`${f.new.length} new, ${f.fixed.length} fixed, ${f.unchanged.length} unchanged, ${f.suppressed.length} suppressed`)],
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
        ['Resource', 'Type', 'Action', 'Flags', num('Base cost/month (base → head)')],
        r.changes.map((c) => {
          const k = cost.get(c.address);
          return [
            { html: `<code>${esc(c.address)}</code>` },
            c.type,
            c.action,
            { text: changeFlags(c), className: c.destructive || c.reasons.some((x) => x.kind === 'rejected') ? 'status fail' : c.irreversible ? 'status warn' : '' },
            num(k ? `${money(k.base)} → ${money(k.head)}` : '-'),
          ];
        }),
      ),
    );
    const flagged = r.changes.filter((c) => c.reasons.length);
    if (flagged.length) {
      body.push(
        '<h3>Destructive, irreversible or rejected changes</h3>',
        `<ul>${flagged.flatMap((c) => c.reasons.map((x) => `<li><strong>${esc(x.kind)}</strong> <code>${esc(c.address)}</code>: ${esc(x.message)}</li>`)).join('')}</ul>`,
      );
    }
    for (const c of r.changes.filter((x) => x.attributes.length)) {
      body.push(
        table(
          ['Attribute', 'Before', 'After'],
          c.attributes.map((a) => [{ html: `<code>${esc(a.name)}</code>` }, display(a.before), display(a.after)]),
          { caption: `${c.address} (${c.action}): attribute changes` },
        ),
      );
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
    findingsTable('Unchanged', f.unchanged),
    findingsTable('Suppressed', f.suppressed),
    '</section>',
  );
  const s = r.simulation;
  if (s) {
    body.push(
      '<section id="simulation">',
      '<h2>Capacity, cost and failover forecast</h2>',
      `<p>Scenario <code>${esc(s.scenario)}</code>, seed ${s.seed}, ${s.runs} run${s.runs === 1 ? '' : 's'}, ${s.horizonDays} days; base and head simulated alike.</p>`,
      table(
        ['Registry', 'Metric', num('Base'), num('Head')],
        s.rows.map((x) => [{ html: `<code>${esc(x.address)}</code>` }, x.metric, num(simValue(x.base)), num(simValue(x.head))]),
      ),
      ...(await figures(s.forecast.map((x) => forecastChart(x, s)), ids)),
      '</section>',
    );
  }
  return page({ title: `acrkit plan review: ${r.verdict}`, body: body.join('\n') });
}
