/**
 * A build step (`npm run build` runs it after tsc): writes every input schema's validator as a
 * standalone module to `dist/validators/<key>.cjs`, so a run loads the validator in a few
 * milliseconds instead of compiling the schema with ajv (about 0.3 s for the scenario schema, paid
 * by every `acrkit simulate` and every shard). The key hashes the schema, the options, ajv's
 * version and the module format: a module that exists is up to date, and a run whose schema has
 * no module compiles it as before.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { PRECOMPILED_VALIDATORS, type SchemaValidator } from '../input/schema.js';
import { CONFIG_VALIDATOR } from '../policy/config.js';
import { SCENARIO_VALIDATOR } from '../sim/scenario/parse.js';
import { PART_VALIDATOR } from '../workflows/shards.js';

/** Every validator acrkit ships precompiled, by the schema it checks. */
export const PRECOMPILED: Readonly<Record<string, SchemaValidator>> = {
  'scenario.schema.json': SCENARIO_VALIDATOR,
  'part.schema.json': PART_VALIDATOR,
  'policy config': CONFIG_VALIDATOR,
};

/**
 * Writes the modules missing from `dir` (each through a temporary file and a rename) and removes
 * the ones no schema has any more. Returns the names of the modules written.
 *
 * @param dir the folder (default: dist/validators beside the compiled lib/)
 */
export function writePrecompiledValidators(dir: string = fileURLToPath(PRECOMPILED_VALIDATORS)): string[] {
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(Object.values(PRECOMPILED).map((v) => `${v.key}.cjs`));
  for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name), { force: true });
  const written: string[] = [];
  for (const v of Object.values(PRECOMPILED)) {
    const file = join(dir, `${v.key}.cjs`);
    if (existsSync(file)) continue;
    writeFileSync(`${file}.tmp`, v.standaloneCode());
    renameSync(`${file}.tmp`, file);
    written.push(`${v.key}.cjs`);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writePrecompiledValidators();
