/**
 * Parsing an input's JSON text safely: refused before parsing when nested too deeply (the code
 * that walks a document recurses once per level), and a syntax error that never quotes the text
 * (V8's messages quote the start of it: a file that is no input, or a secret, must not be shown).
 */
import { InputError } from '../errors.js';
import { nestingError } from './depth.js';

/**
 * `JSON.parse`'s error message without the start of the text V8 quotes in it:
 * `Unexpected token 'r', "root:x:0:0"... is not valid JSON` becomes
 * `Unexpected token 'r' (not valid JSON)`.
 */
export function jsonSyntaxMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/^JSON\.parse: /, '').replace(/, ".*?"(\.\.\.)? is not valid JSON$/s, ' (not valid JSON)').replace(/^".*?"(\.\.\.)? is not valid JSON$/s, 'not valid JSON');
}

/** The 1-based line of a JSON syntax error, when its message gives a position. */
export function jsonErrorLine(text: string, e: unknown): number | undefined {
  const msg = e instanceof Error ? e.message : String(e);
  const lineCol = /line (\d+) column (\d+)/.exec(msg);
  if (lineCol) return Number(lineCol[1]);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return undefined;
  let line = 1;
  const end = Math.min(Number(pos[1]), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Parses the JSON text of an input named `ctx.shown`. Throws an {@link InputError} with the file
 * (and line when known) when it nests too deeply or is not JSON, never quoting the text.
 * @param ctx `shown`: the file as the user reads it; `what`: what it is (`plan file`); `fix`: the fix
 */
export function parseInputJson(text: string, ctx: { readonly shown: string; readonly what: string; readonly fix: string }): unknown {
  const deep = nestingError(text, ctx);
  if (deep) throw deep;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const line = jsonErrorLine(text, e);
    throw new InputError({ file: ctx.shown, ...(line !== undefined ? { line } : {}) }, `${ctx.what} must be valid JSON, got ${jsonSyntaxMessage(e)}: ${ctx.fix}.`);
  }
}
