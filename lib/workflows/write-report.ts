/**
 * Writes the simulation's HTML report to a file (the rendering is lib/report/html).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderSimulationHtml } from '../report/html/html.js';
import type { SimulationResult } from '../sim/results/result.js';

/**
 * Renders the simulation report and writes it to `path` (folders created).
 * @param r the simulation result
 * @param path file to write, relative to the working directory or absolute
 * @returns the absolute path written
 */
export async function writeSimulationReport(r: SimulationResult, path: string): Promise<string> {
  const html = await renderSimulationHtml(r);
  const abs = resolve(path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, html);
  return abs;
}
