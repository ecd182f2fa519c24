/**
 * Tests that run the built CLI (dist/, which `npm test` builds first through its pretest script)
 * first check that it is not older than the sources, so a stale build fails loudly.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') || e.name.endsWith('.json') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

/** Throws when dist/ is missing or older than lib/, or the CLI bundle older than dist/ (run `npm run build`). */
export function assertDistFresh(): void {
  let built: number;
  try {
    // The incremental build rewrites only the files a change touches, and its build info each time.
    const main = statSync(join(root, 'dist/lib/cli/main.js')).mtimeMs;
    built = Math.max(main, ...[join(root, 'dist/.tsbuildinfo')].filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
  } catch {
    throw new Error('dist/ must be built for this test, got none: run npm run build (npm test does it through pretest).');
  }
  const src = newest(join(root, 'lib'));
  if (src > built + 1000) throw new Error('dist/ must be newer than lib/, got an older build: run npm run build.');
  // bin/acrkit.cjs runs the CLI bundle that the build writes after compiling.
  const bundle = join(root, 'dist/lib/cli-bundle/main.cjs');
  if (!existsSync(bundle) || statSync(bundle).mtimeMs + 1000 < built) throw new Error('dist/lib/cli-bundle must be newer than dist/lib, got none or an older one: run npm run build.');
}
