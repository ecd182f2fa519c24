/**
 * Reads a scenario (YAML or JSON) and validates it against `scenario.schema.json`, reporting
 * every problem at once with file, line, JSON pointer, rule and value.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, InputErrors } from '../../errors.js';
import { preview } from '../../format/values.js';
import { MAX_NESTING, nestingDepth } from '../../input/depth.js';
import { escapeToken, tokensOf } from '../../input/pointer.js';
import { schemaProblems, schemaValidator, type SchemaProblem, type SchemaWording } from '../../input/schema.js';
import schema from './scenario.schema.json' with { type: 'json' };
import type { ScenarioInput } from './types.js';
import { boundProblems } from './bounds.js';
import { appendAll } from '../../mutable.js';


/** The scenario JSON Schema (draft-07), as shipped in `lib/sim/scenario/scenario.schema.json`. */
export const SCENARIO_SCHEMA: object = schema;

/** Aliases a scenario may expand (yaml's own default is 100). */
const MAX_ALIAS_COUNT = 100;

/** The scenario schema's validator (precompiled by the build). */
export const SCENARIO_VALIDATOR = schemaValidator(schema, { formats: true, discriminator: true });

/** A parsed scenario with a way back from JSON pointers to lines. */
export interface ScenarioDocument {
  /** File path as given. */
  readonly file: string;
  /** The data. */
  readonly input: ScenarioInput;
  /** 1-based line of a JSON pointer's node (the key line for object members), if known. */
  line(pointer: string): number | undefined;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export const pointerSegment = escapeToken;

/** 1-based line of the node a JSON pointer names in a parsed YAML/JSON document (the key line for object members). */
export function lineOf(doc: Document, counter: LineCounter, pointer: string): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
  for (const seg of tokensOf(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      offset = (pair.key as { range?: [number] } | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      offset = (item as { range?: [number] } | null)?.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/** Renders a value for a message (lib/format/values.ts). */
export const showValue = preview;

const WORDING: SchemaWording = {
  subject: 'the scenario',
  schemaName: 'lib/sim/scenario/scenario.schema.json',
  fixByPattern: {
    '^P(?!$)': 'write an ISO-8601 duration such as P365D, PT6H or P1M (30 days)',
    '^\\d+(\\.\\d+)?\\s*(B': "write bytes or a size such as '17 MB' or '4 MiB'",
    '^[^:]+:.+$': "write '<repo-regex>:<tag-regex>', e.g. '.*:build-.*'",
  },
};

/** Keys repeated within one mapping, with the offset of the repeat; iterative, linear in the document. */
function duplicateKeys(doc: Document): Array<{ key: string; offset: number }> {
  const out: Array<{ key: string; offset: number }> = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) out.push({ key, offset: (pair.key as { range?: [number] } | null)?.range?.[0] ?? 0 });
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) appendAll(stack, node.items);
  }
  return out;
}

/**
 * Parses and schema-validates scenario text (YAML or JSON; JSON is YAML). Throws
 * {@link InputErrors} with every syntax or schema problem, each with file, line and pointer.
 */
export function parseScenario(text: string, file: string): ScenarioDocument {
  if (nestingDepth(text, MAX_NESTING, 'yaml') > MAX_NESTING) {
    throw new InputErrors([new InputError({ file }, `scenario must nest at most ${MAX_NESTING} levels of [ and {, got more: write the values out flat.`)]);
  }
  const counter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    // yaml's own uniqueKeys check compares every key with every other (quadratic): duplicates
    // are found below with a set per mapping instead.
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
    // maxAliasCount bounds what aliases can expand to (a "billion laughs" document stops here).
    data = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const why = e instanceof RangeError ? 'nesting deeper than the parser can follow' : e instanceof ReferenceError ? 'aliases that expand beyond what a scenario needs' : (e as Error).message;
    throw new InputErrors([new InputError({ file }, `scenario must be plain YAML or JSON, got ${why}: write the values out instead of through deep nesting or aliases.`)]);
  }
  const duplicates = doc.errors.length ? [] : duplicateKeys(doc);
  if (duplicates.length) {
    throw new InputErrors(
      duplicates.map((d) => new InputError({ file, line: counter.linePos(d.offset).line }, `scenario keys must be unique in a mapping, got '${d.key}' twice: keep one of them`)),
    );
  }
  if (doc.errors.length) {
    throw new InputErrors(
      doc.errors.map(
        (e) =>
          new InputError(
            { file, line: counter.linePos(e.pos[0]).line },
            `scenario must be valid YAML or JSON, got a syntax error (${e.message.split('\n')[0]}): fix the syntax`,
          ),
      ),
    );
  }
  const schemaFound = schemaProblems(SCENARIO_VALIDATOR(data), data, WORDING);
  // Maxima from the catalog and the cost model, and non-finite numbers (bounds.ts), where the schema found nothing.
  const flagged = new Set(schemaFound.map((d) => d.pointer));
  const problems: SchemaProblem[] = [...schemaFound, ...boundProblems(data).filter((b) => !flagged.has(b.pointer)).map((b) => ({ pointer: b.pointer, reason: `${b.reason}.` }))];
  if (problems.length) {
    const errors = problems
      .filter((d) => !d.summary)
      .map((d) => new InputError({ file, line: lineOf(doc, counter, d.pointer), pointer: d.pointer }, d.reason))
      .sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0));
    for (const d of problems.filter((x) => x.summary)) errors.push(new InputError({ file }, d.reason));
    throw new InputErrors(errors);
  }
  return { file, input: data as ScenarioInput, line: (pointer) => lineOf(doc, counter, pointer) };
}
