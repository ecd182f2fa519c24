/**
 * `acrkit simulate --format`: every rendering of a {@link SimulationResult} behind one call.
 */
import type { SimulationResult } from '../../sim/results/result.js';
import { renderSimulation } from './render.js';

/** Output formats of `acrkit simulate`. */
export type SimulationFormat = 'text' | 'json' | 'markdown' | 'html';

/** Every {@link SimulationFormat}, in the order `--help` lists them. */
export const SIMULATION_FORMATS: readonly SimulationFormat[] = ['text', 'json', 'markdown', 'html'];

/**
 * Renders the result in `format`. `html` is a self-contained page with server-rendered SVG
 * charts (lib/report/html/html.ts, loaded only when asked for so other formats never load vega).
 */
export async function renderSimulationAs(r: SimulationResult, format: SimulationFormat): Promise<string> {
  if (format === 'json') return JSON.stringify(r, null, 2);
  if (format === 'html') {
    const { renderSimulationHtml } = await import('../html/html.js');
    return renderSimulationHtml(r);
  }
  return renderSimulation(r, format === 'markdown');
}
