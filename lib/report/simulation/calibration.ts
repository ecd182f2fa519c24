/**
 * Text, Markdown and JSON renderings of a calibration (`acrkit simulate calibrate`): the fitted
 * parameters, the goodness of fit, the replayed history next to the observed one, notes, and the
 * fitted scenario (unless it went to a file).
 */
import { mdText } from '../../format/markdown.js';
import { markdownTable, textTable } from '../../format/tables.js';
import { terminalText } from '../../format/terminal.js';
import type { CalibrationResult } from '../../sim/calibrate/result.js';
import { PARAMETER_HEADERS, parameterRows, qualityText, replayHeaders, replayRows } from './calibration-rows.js';
import type { SimulationFormat } from './formats.js';

/** Renders a calibration as text (`markdown` true: GitHub Markdown). */
export function renderCalibration(c: CalibrationResult, markdown = false): string {
  const table = markdown ? markdownTable : textTable;
  const safe = markdown ? mdText : terminalText;
  const h = (s: string): string => (markdown ? `### ${s}` : `${s}\n${'-'.repeat(s.length)}`);
  const f = c.fit;
  const out: string[] = [];
  const title = `acrkit simulate calibrate: ${c.file}`;
  out.push(markdown ? `## ${safe(title)}` : safe(title));
  out.push(`${f.days} days, ${f.from} to ${f.to}; ${f.tags} tags, retention ${f.retentionDays} days (${f.model} storage model).`, '');
  out.push(table(PARAMETER_HEADERS, parameterRows(f)), '', qualityText(f));
  out.push('', h('Replayed history next to the observed one'), table(replayHeaders(f), replayRows(f)));
  if (f.notes.length) out.push('', h('Notes'), ...f.notes.map((n) => `- ${safe(n)}`));
  if (c.scenarioFile) out.push('', `Fitted scenario written to ${safe(c.scenarioFile)}.`);
  else {
    // A fence longer than any backtick run in the YAML (a name may hold backticks).
    const fence = '`'.repeat(Math.max(3, ...[...c.scenarioYaml.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push('', h('Fitted scenario (write it to a file with --out)'), ...(markdown ? [`${fence}yaml`] : []), terminalText(c.scenarioYaml).trimEnd(), ...(markdown ? [fence] : []));
  }
  return out.join('\n').trimEnd() + '\n';
}

/**
 * Renders a calibration in `format`: JSON is the result itself; `html` a self-contained page
 * with the observed and replayed history charted (loaded only when asked for).
 */
export async function renderCalibrationAs(c: CalibrationResult, format: SimulationFormat): Promise<string> {
  if (format === 'json') return JSON.stringify(c, null, 2);
  if (format === 'html') {
    const { renderCalibrationHtml } = await import('./calibration-html.js');
    return renderCalibrationHtml(c);
  }
  return renderCalibration(c, format === 'markdown');
}
