// Build step (`npm run build`, not shipped): bundles the compiled CLI, dist/lib/cli/main.js and
// what it imports, into one CommonJS file, dist/lib/cli-bundle/main.cjs, and writes the V8 code
// cache of it after a warm-up run (main.cjs.v8cache), which bin/acrkit.cjs loads. Node's ES module loader costs a share per module (resolve, read,
// link) and V8 compiles each function on first use; a check reaches about a hundred modules, so
// loading and compiling was most of a small check (figures in bench/README.md).
//
// Packages stay outside the bundle, required where they were imported: the modules reached only
// through a dynamic import are initialized on first use, so a check never loads cdktf, the
// simulator or vega. The bundle's `import()` of a package (vega, vega-lite, cdktf) calls the
// loader's importer instead (code compiled by vm.Script has no `import()` of its own). Every
// bundled module keeps its own `import.meta.url`, so what it finds relative to itself
// (package.json, the precompiled validators, the simulator's worker, the default what-if)
// resolves as it does from dist/lib. The library (`import 'acrkit'`) is not bundled.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/lib/cli-bundle');
const outfile = join(outdir, 'main.cjs');
const { BUNDLE_IMPORT } = createRequire(import.meta.url)('./acrkit.cjs');

/** `import.meta.url` of each bundled module, as the module's URL in dist/lib. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const own = relative(outdir, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, __acrkitBundleUrl).href`), loader: 'js' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist/lib/cli/main.js')],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  banner: { js: 'const __acrkitBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [ownImportMetaUrl],
});

// `import("<package>")` calls the loader's importer.
const PACKAGE_IMPORT = /\bimport\("([^"./][^"]*)"\)/g;
const text = readFileSync(outfile, 'utf8');
const packages = [...text.matchAll(PACKAGE_IMPORT)].map((m) => m[1]);
writeFileSync(outfile, text.replace(PACKAGE_IMPORT, `${BUNDLE_IMPORT}("$1")`));
for (const expected of ['vega', 'vega-lite', 'cdktf']) {
  if (!packages.includes(expected)) throw new Error(`bundle-cli: expected the bundle to import ${expected}, got imports of ${packages.join(', ') || 'none'}`);
}

// The warm-up: the CLI's common runs in a child with Node's default flags (as `acrkit` runs),
// then the code V8 compiled for them is cached.
const warm = spawnSync(process.execPath, [join(root, 'bin/warm-cli.mjs')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
if (warm.status !== 0 || readFileSync(`${outfile}.v8cache`).length === 0) throw new Error(`bundle-cli: the warm-up failed (exit ${warm.status}): ${warm.stderr}`);
