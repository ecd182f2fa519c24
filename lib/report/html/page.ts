/**
 * Building blocks of acrkit's static HTML reports: escaping, the page shell with its inline
 * print-ready stylesheet, tables, and accessible chart figures. No script, no external
 * resource: the page renders offline and prints on A4.
 */
import type { RenderedChart } from './charts.js';

/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline stylesheet: system fonts, readable on screen, A4 with 15 mm margins in print. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--fg); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; break-after: avoid; }
p, ul { margin: .5rem 0; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.verdict { display: block; padding: .4rem .75rem; border-radius: 6px; font-weight: 600; border: 1px solid currentColor; margin: .5rem 0 1rem; }
.verdict p { margin: 0; }
.verdict.pass { color: var(--pass); } .verdict.warn { color: var(--warn); } .verdict.fail { color: var(--fail); }
ul.reasons, ul.flagged { list-style: none; padding-left: 0; }
ul.reasons { margin: .35rem 0 0; font-weight: normal; color: var(--fg); }
ul.reasons li, ul.flagged li { margin: .2rem 0; padding-left: 1.4em; text-indent: -1.4em; }
.icon { width: 1em; height: 1em; vertical-align: -.15em; margin-right: .2em; }
.icon.pass { color: var(--pass); } .icon.warn { color: var(--warn); } .icon.fail { color: var(--fail); }
.detail { display: block; color: var(--muted); font-size: .8em; font-weight: normal; overflow-wrap: anywhere; }
ul.diff { list-style: none; margin: 0; padding: 0; }
ul.diff li { position: relative; padding-left: 1.1em; }
ul.diff .mark { position: absolute; left: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 700; }
ul.diff li.add .mark { color: var(--pass); } ul.diff li.remove .mark { color: var(--fail); } ul.diff li.change .mark { color: var(--warn); }
.arrow { color: var(--muted); }
.forecast-note { margin: -.75rem 0 1.5rem; }
/* Columns of the review's wide tables: fixed shares, so a long path or message wraps in its own column. */
table.findings, table.attributes { table-layout: fixed; }
table.findings th:nth-child(1) { width: 9%; } table.findings th:nth-child(2) { width: 13%; }
table.findings th:nth-child(3) { width: 19%; } table.findings th:nth-child(4) { width: 37%; }
table.attributes th:nth-child(1) { width: 32%; }
.headline { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .875rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: var(--bg-soft); }
td.num, th.num { text-align: right; overflow-wrap: normal; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
.status { font-weight: 700; }
span.status { white-space: nowrap; }
.status.pass { color: var(--pass); } .status.fail { color: var(--fail); } .status.warn { color: var(--warn); }
figure.chart { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart .plot { max-width: 100%; overflow: hidden; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; margin-top: .25rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.range { color: var(--muted); font-size: .8em; white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-before: auto; }
  section { break-inside: auto; }
  table { font-size: 8pt; }
  code { overflow-wrap: anywhere; }
  th, td { padding: .15rem .3rem; }
  td.num, th.num { overflow-wrap: normal; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Options of {@link page}. */
export interface PageOptions {
  /** Document title. */
  readonly title: string;
  /** Body HTML (already escaped). */
  readonly body: string;
}

/** A complete, self-contained HTML document. */
export function page(options: PageOptions): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network at all: forbid every fetch, allow only the inline stylesheet (the SVG is inline markup, not fetched).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="generator" content="acrkit">',
    `<title>${esc(options.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    options.body,
    '<footer>Generated by acrkit. Self-contained: no scripts, fonts or other files are loaded.</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A cell: text (escaped), or `{ html }` (already escaped), optionally numeric (right-aligned). */
export type Cell = string | { readonly html: string; readonly num?: boolean } | { readonly text: string; readonly num?: boolean; readonly className?: string };

function cell(tag: 'td' | 'th', c: Cell, scope?: string): string {
  if (typeof c === 'string') return `<${tag}${scope ? ` scope="${scope}"` : ''}>${esc(c)}</${tag}>`;
  const classes = [('num' in c && c.num) ? 'num' : '', 'className' in c && c.className ? c.className : ''].filter(Boolean).join(' ');
  const cls = classes ? ` class="${classes}"` : '';
  return `<${tag}${cls}${scope ? ` scope="${scope}"` : ''}>${'html' in c ? c.html : esc(c.text)}</${tag}>`;
}

/** Options of {@link table}. */
export interface TableOptions {
  /**
   * Caption (escaped).
   * @default - none
   */
  readonly caption?: string;
  /**
   * Extra class on the table.
   * @default - none
   */
  readonly className?: string;
  /**
   * Whether the first column holds row headers (`<th scope="row">`).
   * @default false
   */
  readonly rowHeaders?: boolean;
}

/** An HTML table with a header row. */
export function table(header: readonly Cell[], rows: ReadonlyArray<readonly Cell[]>, options: TableOptions = {}): string {
  const cls = options.className ? ` class="${esc(options.className)}"` : '';
  return [
    `<table${cls}>`,
    options.caption ? `<caption>${esc(options.caption)}</caption>` : '',
    `<thead><tr>${header.map((h) => cell('th', h, 'col')).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => (i === 0 && options.rowHeaders ? cell('th', c, 'row') : cell('td', c))).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * An accessible chart figure: the SVG in a `role="img"` container named by the chart's text
 * alternative and described by a visually hidden data table, plus a visible caption.
 */
export function figure(chart: RenderedChart): string {
  const id = esc(chart.id);
  return [
    `<figure class="chart" id="fig-${id}" data-chart="${esc(chart.kind)}" aria-labelledby="cap-${id}">`,
    `<div class="plot" role="img" aria-label="${esc(chart.alt)}" aria-describedby="data-${id}">`,
    chart.svg,
    '</div>',
    `<figcaption id="cap-${id}"><strong>${esc(chart.title)}.</strong> ${esc(chart.caption)}</figcaption>`,
    `<div class="visually-hidden" id="data-${id}">`,
    `<p>${esc(chart.alt)}</p>`,
    table(chart.table.header, chart.table.rows, { caption: `Data of the chart: ${chart.title}`, rowHeaders: true }),
    '</div>',
    '</figure>',
  ].join('\n');
}

/** The inline SVG marks of a status (no font needed: a glyph a font lacks would show as an empty box). */
const ICON_PATHS: Record<'pass' | 'warn' | 'fail', string> = {
  pass: '<circle cx="8" cy="8" r="7.5" fill="currentColor"/><path d="M4.4 8.3l2.3 2.3 4.9-4.9" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>',
  warn: '<path d="M8 .8 15.6 14.6H.4z" fill="currentColor"/><path d="M8 5.6v4.2" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="12.3" r="1.05" fill="#fff"/>',
  fail: '<circle cx="8" cy="8" r="7.5" fill="currentColor"/><path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/>',
};

/** A status mark as inline SVG, coloured by its status; decorative (the text next to it says the status). */
export function statusIcon(tone: 'pass' | 'warn' | 'fail'): string {
  return `<svg class="icon ${tone}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${ICON_PATHS[tone]}</svg>`;
}

/** Pass/fail status cell. */
export function status(passed: boolean, labels: readonly [string, string] = ['PASS', 'FAIL']): Cell {
  return { html: `<span class="status ${passed ? 'pass' : 'fail'}">${passed ? labels[0] : labels[1]}</span>` };
}
