#!/usr/bin/env node
'use strict';
// The acrkit CLI. It runs dist/lib/cli-bundle/main.cjs, one file holding dist/lib/cli/main.js and
// everything it imports (bin/bundle-cli.mjs writes it at build), compiled from the V8 code cache
// written beside it at build when this Node accepts that cache (the same V8 version and flags),
// else from source. A short `acrkit check` spent most of its time loading about a hundred ES
// modules and compiling their functions; one CommonJS file and the cache skip most of that
// (figures in bench/README.md). This file is CommonJS for the same reason: an ES module entry
// starts Node's ES module loader first.
//
// The cache is part of the package, as trusted as the code beside it: acrkit never writes one at
// run time, and V8 compiles from source whenever the cache does not match.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** The CLI bundle. */
const CLI_BUNDLE = join(__dirname, '../dist/lib/cli-bundle/main.cjs');

/**
 * The name the bundle calls for `import()` of a package (vega, vega-lite, cdktf): code compiled
 * by `vm.Script` has no `import()` of its own without an experimental option, so the build
 * rewrites the bundle's few to call this function, which imports from here.
 */
const BUNDLE_IMPORT = '__acrkitImport';

/**
 * Compiles and runs the CLI bundle as CommonJS (its own `require`, `module`, `__filename`) and
 * returns `{ main, script, cacheRejected }`: `main` of lib/cli/main.ts as bundled, the compiled
 * script (the build asks it for the code cache after a warm-up), and whether V8 refused the cache
 * (undefined when there was none to offer).
 * @param {{ file?: string, cacheFile?: string, useCache?: boolean }} [options] the bundle
 *   (default: CLI_BUNDLE), its cache (default: the bundle's name + `.v8cache`), whether to offer
 *   the cache (default: true)
 */
function loadCliBundle(options = {}) {
  const file = options.file ?? CLI_BUNDLE;
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (options.useCache !== false) {
    try {
      cachedData = readFileSync(options.cacheFile ?? `${file}.v8cache`);
    } catch {
      // No cache (a build without one): compile from source.
    }
  }
  // The wrapper keeps the bundle's line numbers: its first line is the bundle's first line.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, ${BUNDLE_IMPORT}) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const run = script.runInThisContext();
  const bundle = { exports: {} };
  const importPackage = (specifier) => import(specifier);
  run.call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file), importPackage);
  if (typeof bundle.exports.main !== 'function') throw new Error(`${file} must export main, got none: run npm run build.`);
  return { main: bundle.exports.main, script, cacheRejected: cachedData ? script.cachedDataRejected : undefined };
}

module.exports = { BUNDLE_IMPORT, CLI_BUNDLE, loadCliBundle };

if (require.main === module) {
  loadCliBundle()
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
