// Build step (`npm run build`, not shipped): bundles the compiled CLI, dist/lib/cli/main.js and
// what it imports, into dist/lib/cli-bundle/, which bin/acrkit.js runs. Node's ES module loader
// costs a fixed share per module (resolve, read, link), and a check reaches about a hundred of
// them; the bundle cuts that share (figures in bench/README.md). Packages stay outside it (cdktf,
// vega and yaml are loaded only by the verbs that need them), and each dynamic import stays a
// chunk of its own, loaded when reached. Every bundled module keeps its own `import.meta.url`, so
// what it finds relative to itself (package.json, the precompiled validators, the simulator's
// worker, the default what-if) resolves as it does from dist/lib. The library is not bundled.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/lib/cli-bundle');

/** Rewrites `import.meta.url` in each bundled module to that module's URL in dist/lib. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      // Chunks sit directly in outdir, so a path relative to outdir is relative to the chunk.
      const own = relative(outdir, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist/lib/cli/main.js')],
  outdir,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [ownImportMetaUrl],
});
