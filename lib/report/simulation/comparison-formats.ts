/**
 * `acrkit simulate --format` for a variant comparison: every rendering behind one call.
 */
import type { ComparisonResult } from '../../sim/variants/compare.js';
import { renderComparison } from './comparison.js';
import type { SimulationFormat } from './formats.js';

/**
 * Renders a comparison in `format`: JSON is the comparison itself; `html` is a self-contained
 * page with a chart per figure, one line per variant (loaded only when asked for, so other
 * formats never load vega).
 */
export async function renderComparisonAs(c: ComparisonResult, format: SimulationFormat): Promise<string> {
  if (format === 'json') return JSON.stringify(c, null, 2);
  if (format === 'html') {
    const { renderComparisonHtml } = await import('./comparison-html.js');
    return renderComparisonHtml(c);
  }
  return renderComparison(c, format === 'markdown');
}
