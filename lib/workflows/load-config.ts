/**
 * Reads the policy config file (acrkit.config.json, or the one --config names); the format
 * and its validation are lib/policy/config.ts.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { displayPath, InputError, InputErrors } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { CONFIG_FILE, parseConfig, type PolicyConfig } from '../policy/config.js';
import { isPsRuleResourceFile, parsePsRuleOptions, parseSuppressionGroups, PSRULE_OPTION_FILES, PSRULE_RULE_DIR, type PsRuleSuppression, type PsRuleWarning } from '../policy/psrule.js';
import { readInputTextSync } from '../input/read.js';
import { STDIN_NAME } from '../sources/stdin.js';
import { compareStrings } from '../order.js';
import { parseInputJson } from '../input/json.js';

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
    doc = parseInputJson(text, { shown: path, what: 'config file', fix: 'fix the JSON' });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  return parseConfig(doc, path);
}

/** The config `--config FILE` names, or acrkit.config.json in `cwd` when present. */
export function configFor(configFile: string | undefined, cwd: string): PolicyConfig | undefined {
  return configFile !== undefined ? loadConfig(configFile, cwd, true) : loadConfig(CONFIG_FILE, cwd, false);
}

/** Whether `dir` is `cwd` or below it. */
function inside(dir: string, cwd: string): boolean {
  const rel = relative(cwd, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The PSRule suppressions that apply to each registry. A registry's PSRule folder is the
 * nearest folder, from the one holding its file up to the working directory, with a PSRule
 * options file (`ps-rule.yaml`, `ps-rule.yml`, `psrule.yaml` or `psrule.yml`, first found wins,
 * as PSRule reads them) or a `.ps-rule/` folder: what PSRule would read when run from that
 * folder. A file outside the working directory looks in its own folder only; standard input
 * in the working directory. The `suppression` option of the options file and the suppression
 * groups of `.ps-rule/*.Rule.yaml` apply to the registries below that folder.
 */
export function loadPsRuleSuppressions(specs: readonly RegistrySpec[], cwd: string, errors: InputError[], warnings: PsRuleWarning[]): Map<RegistrySpec, PsRuleSuppression[]> {
  const rootOfDir = new Map<string, string | null>();
  const entriesOfRoot = new Map<string, PsRuleSuppression[]>();
  const base = resolve(cwd);
  const hasPsRule = (dir: string): boolean => PSRULE_OPTION_FILES.some((n) => existsSync(join(dir, n))) || isDir(join(dir, PSRULE_RULE_DIR));
  const rootFor = (start: string): string | null => {
    const seen: string[] = [];
    let dir = start;
    let found: string | null = null;
    for (;;) {
      const cached = rootOfDir.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      seen.push(dir);
      if (hasPsRule(dir)) {
        found = dir;
        break;
      }
      const up = dirname(dir);
      if (dir === base || !inside(dir, base) || up === dir || !inside(up, base)) break;
      dir = up;
    }
    for (const d of seen) rootOfDir.set(d, found);
    return found;
  };
  const read = (abs: string, what: string): string | undefined => {
    // A PSRule file is read for every run in its folder: one that links out of the working
    // directory is refused, as a linked input is.
    try {
      if (lstatSync(abs).isSymbolicLink() && !inside(realpathSync(abs), realpathSync(base))) {
        errors.push(new InputError({ file: displayPath(abs, base) }, `${what} must be inside the working directory, got a symbolic link that points outside it: replace the link with the file, or run from a folder that holds its target.`));
        return undefined;
      }
    } catch {
      // A dangling link: reading it below reports the error.
    }
    try {
      return readInputTextSync(abs, { cwd: base, shown: displayPath(abs, base), what, fix: 'fix the file or remove it' });
    } catch (e) {
      errors.push(e as InputError);
      return undefined;
    }
  };
  const entriesFor = (root: string): PsRuleSuppression[] => {
    const known = entriesOfRoot.get(root);
    if (known) return known;
    const out: PsRuleSuppression[] = [];
    const options = PSRULE_OPTION_FILES.map((n) => join(root, n)).find((p) => existsSync(p));
    if (options) {
      const text = read(options, 'PSRule options file');
      if (text !== undefined) out.push(...parsePsRuleOptions({ file: displayPath(options, base), text }, errors, warnings));
    }
    const ruleDir = join(root, PSRULE_RULE_DIR);
    if (isDir(ruleDir)) {
      let names: string[] = [];
      try {
        const all = readdirSync(ruleDir).sort(compareStrings);
        names = all.filter(isPsRuleResourceFile);
        // JSON resources may hold suppression groups too: say they are not read, never skip them silently.
        for (const n of all.filter((x) => /\.rule\.jsonc?$/i.test(x))) {
          warnings.push({ location: { file: displayPath(join(ruleDir, n), base) }, message: 'PSRule resources in JSON are not read by acrkit, got a .Rule.json(c) file: suppression groups in it do not suppress acrkit findings; write them in a .Rule.yaml file to have both tools honour them.' });
        }
      } catch (e) {
        errors.push(new InputError({ file: displayPath(ruleDir, base) }, `PSRule folder must be readable, got ${(e as NodeJS.ErrnoException).code ?? 'an error'}: check its permissions.`));
      }
      for (const n of names) {
        const abs = join(ruleDir, n);
        const text = read(abs, 'PSRule resource file');
        if (text !== undefined) out.push(...parseSuppressionGroups({ file: displayPath(abs, base), text }, errors, warnings));
      }
    }
    entriesOfRoot.set(root, out);
    return out;
  };
  const result = new Map<RegistrySpec, PsRuleSuppression[]>();
  for (const spec of specs) {
    const file = spec.source.file;
    const start = file === undefined || file === STDIN_NAME ? base : dirname(resolve(base, file));
    const root = rootFor(start);
    if (root !== null) result.set(spec, entriesFor(root));
  }
  return result;
}
