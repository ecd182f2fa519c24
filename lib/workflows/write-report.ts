/**
 * Writes the simulation's HTML report to a file (the rendering is lib/report/html).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { renderSimulationHtml } from '../report/html/html.js';
import type { SimulationResult } from '../sim/results/result.js';

/**
 * Renders the simulation report and writes it to `path` (folders created), whole or not at all.
 * @param r the simulation result
 * @param path file to write, relative to the working directory or absolute
 * @returns the absolute path written
 */
export async function writeSimulationReport(r: SimulationResult, path: string): Promise<string> {
  const html = await renderSimulationHtml(r);
  const abs = resolve(path);
  mkdirSync(dirname(abs), { recursive: true });
  // Whole or not at all: a temporary file beside it, then a rename.
  const temp = join(dirname(abs), `.${basename(abs)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, html);
    renameSync(temp, abs);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return abs;
}
