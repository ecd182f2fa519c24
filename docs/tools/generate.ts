/**
 * `npm run docs`: rewrites every generated block (`<!-- generated:NAME -->` ...
 * `<!-- /generated:NAME -->`) in the Markdown files under docs/ from the code, in place.
 * Hand-written text outside the markers is left as it is.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBlocks, regenerate } from './tables.js';

/** The repository root (this file is docs/tools/generate.ts). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every Markdown file under docs/, sorted. */
function docFiles(dir = join(ROOT, 'docs')): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? docFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []))
    .sort();
}

function main(): number {
  let failed = false;
  for (const file of docFiles()) {
    const name = relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    const { blocks, problems } = findBlocks(text);
    if (problems.length) {
      for (const p of problems) console.error(`${name}: ${p}`);
      failed = true;
      continue;
    }
    if (blocks.length === 0) continue;
    let next: string;
    try {
      next = regenerate(text);
    } catch (e) {
      console.error(`${name}: ${(e as Error).message}`);
      failed = true;
      continue;
    }
    if (next === text) {
      console.log(`${name}: ${blocks.length} generated block(s), unchanged`);
    } else {
      writeFileSync(file, next);
      console.log(`${name}: ${blocks.length} generated block(s), rewritten`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
