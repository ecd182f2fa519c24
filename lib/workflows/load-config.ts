/**
 * Reads the policy config file (acrkit.config.json, or the one --config names); the format
 * and its validation are lib/policy/config.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import { CONFIG_FILE, parseConfig, type PolicyConfig } from '../policy/config.js';
import { readInputTextSync } from '../input/read.js';

/**
 * Loads a config file. With `explicit` false a missing file is fine (returns undefined);
 * with `explicit` true it is an error. Throws {@link InputErrors} for a bad file.
 */
export function loadConfig(path: string, cwd: string, explicit: boolean): PolicyConfig | undefined {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) {
    if (!explicit) return undefined;
    throw new InputErrors([new InputError({ file: path }, `config file must exist, got no such file: check --config or create ${CONFIG_FILE}.`)]);
  }
  let text: string;
  try {
    text = readInputTextSync(abs, { cwd, shown: path, what: 'config file', fix: `check --config or create ${CONFIG_FILE}` });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputErrors([new InputError({ file: path }, `config file must be valid JSON, got ${e instanceof Error ? e.message : String(e)}: fix the JSON.`)]);
  }
  return parseConfig(doc, path);
}

/** The config `--config FILE` names, or acrkit.config.json in `cwd` when present. */
export function configFor(configFile: string | undefined, cwd: string): PolicyConfig | undefined {
  return configFile !== undefined ? loadConfig(configFile, cwd, true) : loadConfig(CONFIG_FILE, cwd, false);
}
