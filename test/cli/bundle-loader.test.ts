/**
 * bin/acrkit.cjs loads the CLI from its one-file bundle, with the V8 code cache the build wrote
 * when V8 takes it, from source when it does not (another Node, other flags, a damaged file).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIO } from '../../lib/cli/io.js';
import { assertDistFresh } from '../support/dist.js';

const root = new URL('../../', import.meta.url).pathname;

interface Loaded {
  readonly main: (argv: readonly string[], io?: CliIO) => Promise<number>;
  readonly cacheRejected: boolean | undefined;
}
const bin = createRequire(import.meta.url)(join(root, 'bin/acrkit.cjs')) as { CLI_BUNDLE: string; BUNDLE_IMPORT: string; loadCliBundle: (o?: { file?: string; cacheFile?: string; useCache?: boolean }) => Loaded };

async function tiers(loaded: Loaded): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIO = { out: (t) => { out += t; }, err: () => {}, isTTY: false, env: {}, cwd: root };
  return { code: await loaded.main(['tiers', '--format', 'json'], io), out };
}

describe('the CLI bundle', () => {
  beforeAll(() => assertDistFresh());

  test('runs with its code cache, without one, and with a damaged one (V8 refuses it and compiles from source)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-bundle-'));
    // A copy beside the bundle (its packages resolve from there) under another name: V8 reuses a
    // script it compiled already in this process, so the damaged cache needs a script of its own.
    const copy = join(dirname(bin.CLI_BUNDLE), `.copy-${process.pid}.cjs`);
    try {
      copyFileSync(bin.CLI_BUNDLE, copy);
      const damaged = join(dir, 'main.cjs.v8cache');
      writeFileSync(damaged, Buffer.alloc(4096, 7));
      const runs = [bin.loadCliBundle({ file: copy, cacheFile: damaged }), bin.loadCliBundle(), bin.loadCliBundle({ useCache: false })];
      expect(runs[0]!.cacheRejected).toBe(true);
      expect(runs[2]!.cacheRejected).toBeUndefined();
      for (const loaded of runs) {
        const r = await tiers(loaded);
        expect(r.code).toBe(0);
        expect((JSON.parse(r.out) as Array<{ name: string }>).map((t) => t.name)).toEqual(['Basic', 'Standard', 'Premium']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(copy, { force: true });
    }
  });

  test("packages are imported through the loader: no import() of a package is left in the bundle", () => {
    const text = readFileSync(bin.CLI_BUNDLE, 'utf8');
    expect(text).not.toMatch(/\bimport\("[^"./]/);
    for (const name of ['vega', 'vega-lite', 'cdktf']) expect(text).toContain(`${bin.BUNDLE_IMPORT}("${name}")`);
    // Packages a check does not need are required only where the modules using them start.
    expect(text.match(/^var import_\w+ = .*require\("([^"]+)"\)/gm)?.map((l) => l.replace(/.*require\("([^"]+)"\).*/, '$1'))).toEqual(['commander']);
  });
});
