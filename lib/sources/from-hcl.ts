/**
 * Terraform `.tf` files to RegistrySpecs through @cdktf/hcl2json. The files of one
 * directory form one module: variables declared in any of them apply to all. Literal
 * values and literal variable defaults are used; anything else is Unknown. `count`,
 * `for_each` and `dynamic` blocks expand when their collection is literal.
 */
import { InputError } from '../errors.js';
import { assemble } from './assemble.js';
import { expandDynamic, instances, resolveDeep, type Scope } from './expressions.js';
import { literalDefaults, refsOf, type SourceResult } from './from-tf-json.js';
import type { RawResource } from './raw-resource.js';
import { commentsFor, resourceLine, type SourceSuppression } from './suppression-comments.js';
import { isPlainObject } from './values.js';

/** One `.tf` file's name and text. */
export interface HclFile {
  /** Path as given by the user (used in messages). */
  readonly file: string;
  /** File contents. */
  readonly text: string;
}

/** Registries, problems and in-source suppressions of one module. */
export interface HclResult extends SourceResult {
  /** `# acrkit:ignore` comments, by resource. */
  readonly suppressions: SourceSuppression[];
}

/** Turns an hcl2json error (`file:line,col-col: summary; detail`) into an {@link InputError}. */
export function hclError(file: string, e: unknown): InputError {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /:(\d+),(\d+)(?:-\d+)?: ([^;\]]*)(?:;\s*([^\]]*))?/.exec(msg);
  if (m) {
    const detail = m[4] ? ` (${m[4].trim().replace(/\.$/, '')})` : '';
    return new InputError({ file, line: Number(m[1]) }, `HCL must parse, got a syntax error at column ${m[2]}: ${m[3]!.trim().replace(/\.$/, '')}${detail}; fix the syntax (terraform validate shows the same error).`);
  }
  return new InputError({ file }, `HCL must parse, got: ${msg.replace(/^parse config:\s*/, '')}; fix the syntax (terraform validate shows the same error).`);
}

/** Reads the `.tf` files of one module. */
export async function fromHcl(files: readonly HclFile[]): Promise<HclResult> {
  const errors: InputError[] = [];
  const parsed: Array<{ f: HclFile; doc: Record<string, unknown> }> = [];
  // Loaded on first use: checks of plans and JSON never pay for the HCL parser.
  const { parse } = await import('@cdktf/hcl2json');
  for (const f of files) {
    try {
      const doc = (await parse(f.file, f.text)) as unknown;
      if (isPlainObject(doc)) parsed.push({ f, doc });
    } catch (e) {
      errors.push(hclError(f.file, e));
    }
  }
  const vars = new Map<string, unknown>();
  for (const { doc } of parsed) for (const [k, v] of literalDefaults(doc.variable)) vars.set(k, v);
  const scope: Scope = { vars };
  const resources: RawResource[] = [];
  const suppressions: SourceSuppression[] = [];
  for (const { f, doc } of parsed) {
    if (!isPlainObject(doc.resource)) continue;
    for (const [type, byName] of Object.entries(doc.resource)) {
      if (!isPlainObject(byName)) continue;
      for (const [name, bodies] of Object.entries(byName)) {
        const body = Array.isArray(bodies) ? bodies[0] : bodies;
        if (!isPlainObject(body)) continue;
        const line = resourceLine(f.text, type, name);
        const clean: Record<string, unknown> = { ...body };
        for (const k of ['count', 'for_each', 'lifecycle', 'depends_on', 'provider', 'provisioner', 'connection']) delete clean[k];
        const comments = line !== undefined ? commentsFor(f.text, line) : [];
        for (const inst of instances(body, scope)) {
          const values = resolveDeep(expandDynamic(clean, inst.scope), inst.scope) as Record<string, unknown>;
          const address = `${type}.${name}${inst.key ?? ''}`;
          resources.push({
            type,
            name,
            address,
            module: '',
            ...(inst.key !== undefined ? { instanceKey: inst.key } : {}),
            values,
            refs: refsOf(values),
            source: { kind: 'hcl', file: f.file, ...(line !== undefined ? { line } : {}) },
          });
          for (const c of comments) suppressions.push({ ruleId: c.ruleId, reason: c.reason, address, file: f.file, line: c.line });
        }
      }
    }
  }
  return { registries: assemble(resources, errors), errors, suppressions };
}
