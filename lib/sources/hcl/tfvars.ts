/**
 * Variable definitions files: `terraform.tfvars`, `*.auto.tfvars` (HCL: `name = value` lines) and
 * their `.json` forms, and the files of `--var-file`, applied in Terraform's order (later wins).
 */
import { InputError } from '../../errors.js';
import { nestingError } from '../../input/depth.js';
import { isUnknown } from '../../model/unknown.js';
import { lineOf } from './ast.js';
import { evaluate } from './evaluate.js';
import type { VarValue } from './module.js';
import { parseHcl } from './parse.js';
import { isObject } from './value.js';

/** One variable definitions file. */
export interface VarFile {
  /** Its name as the user reads it. */
  readonly file: string;
  /** Its text. */
  readonly text: string;
}

/**
 * The values of `files`, applied in order (pass them in Terraform's precedence order:
 * `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` by name, then `--var-file`
 * in command-line order). Problems go to `errors`.
 */
export function readVarFiles(files: readonly VarFile[], errors: InputError[]): Map<string, VarValue> {
  const out = new Map<string, VarValue>();
  for (const f of files) {
    if (f.file.endsWith('.json')) {
      const deep = nestingError(f.text, { shown: f.file, what: 'a .tfvars.json file', fix: 'write the values out flat' });
      if (deep) {
        errors.push(deep);
        continue;
      }
      let doc: unknown;
      try {
        doc = JSON.parse(f.text);
      } catch (e) {
        errors.push(new InputError({ file: f.file }, `a .tfvars.json file must be valid JSON, got ${e instanceof Error ? e.message : String(e)}: fix the JSON.`));
        continue;
      }
      if (!isObject(doc)) {
        errors.push(new InputError({ file: f.file }, `a .tfvars.json file must hold an object of variable values, got ${Array.isArray(doc) ? 'an array' : typeof doc}: write { "name": value }.`));
        continue;
      }
      const lines = f.text.split('\n');
      for (const [name, value] of Object.entries(doc)) {
        const i = lines.findIndex((l) => l.includes(JSON.stringify(name)));
        out.set(name, { value, at: { file: f.file, line: i >= 0 ? i + 1 : 1 } });
      }
      continue;
    }
    const parsed = parseHcl(f.file, f.text);
    if (parsed.error) {
      const { line, column, summary, detail } = parsed.error;
      errors.push(new InputError({ file: f.file, line }, `a .tfvars file must parse, got a syntax error at column ${column}: ${summary} (${detail.replace(/\.$/, '')}); fix the syntax.`));
      continue;
    }
    for (const item of parsed.body.items) {
      if (item.kind === 'block') {
        errors.push(new InputError({ file: f.file, line: item.line }, `a .tfvars file holds only name = value lines, got a ${item.type} block: move blocks to a .tf file.`));
        continue;
      }
      // Variable files hold values: references cannot be evaluated (Terraform rejects them too).
      const value = evaluate(item.expr, { source: parsed.source, resolver: { resolve: () => undefined }, names: new Map() });
      if (isUnknown(value) && /not a name/.test(value.reason)) {
        errors.push(new InputError({ file: f.file, line: lineOf(parsed.source, item.expr.start) }, `${item.name} in a .tfvars file must be a literal value, got a reference: write the value itself.`));
      }
      out.set(item.name, { value, at: { file: f.file, line: item.line } });
    }
  }
  return out;
}
