/**
 * Reads a scenario (YAML or JSON) and validates it against `scenario.schema.json`, reporting
 * every problem at once with file, line, JSON pointer, rule and value.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, InputErrors } from '../../errors.js';
import schema from './scenario.schema.json' with { type: 'json' };
import type { ScenarioInput } from './types.js';

// ajv-formats is CommonJS with a `default` export.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = ((m: unknown): AddFormats => {
  const d = (m as { default?: unknown }).default;
  return (typeof d === 'function' ? d : (d as { default: unknown }).default) as AddFormats;
})(addFormatsModule);

/** The scenario JSON Schema (draft-07), as shipped in `lib/sim/scenario/scenario.schema.json`. */
export const SCENARIO_SCHEMA: object = schema;

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false, verbose: true });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

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
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lineOf(doc: Document, counter: LineCounter, pointer: string): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
  for (const seg of segments(pointer)) {
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

/** Renders a value for a message, cut to 60 characters. */
export function showValue(v: unknown): string {
  const s = typeof v === 'string' ? `'${v}'` : v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const FIX_BY_PATTERN: Readonly<Record<string, string>> = {
  '^P(?!$)': 'write an ISO-8601 duration such as P365D, PT6H or P1M (30 days)',
  '^\\d+(\\.\\d+)?\\s*(B': "write bytes or a size such as '17 MB' or '4 MiB'",
  '^[^:]+:.+$': "write '<repo-regex>:<tag-regex>', e.g. '.*:build-.*'",
};

function describe(e: ErrorObject): { pointer: string; text: string } | undefined {
  const p = e.instancePath;
  const where = p === '' ? 'the scenario' : p;
  const ps = e.parentSchema as { properties?: Record<string, unknown>; type?: string } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(ps?.properties ?? {}).join(', ');
      return {
        pointer: `${p}/${pointerSegment(name)}`,
        text: `${where} has no field '${name}', got ${showValue(name)}: remove it or use one of ${known}`,
      };
    }
    case 'required': {
      const name = (e.params as { missingProperty: string }).missingProperty;
      return { pointer: p, text: `${where} must have '${name}', got ${showValue(e.data)}: add ${name}` };
    }
    case 'enum':
      return {
        pointer: p,
        text: `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(showValue).join(', ')}, got ${showValue(e.data)}: use one of them`,
      };
    case 'const':
      return { pointer: p, text: `${where} must be ${showValue((e.params as { allowedValue: unknown }).allowedValue)}, got ${showValue(e.data)}: change it` };
    case 'pattern': {
      const pat = (e.params as { pattern: string }).pattern;
      const fix = Object.entries(FIX_BY_PATTERN).find(([k]) => pat.startsWith(k))?.[1] ?? `match ${pat}`;
      return { pointer: p, text: `${where} must match the expected format, got ${showValue(e.data)}: ${fix}` };
    }
    case 'format':
      return { pointer: p, text: `${where} must be a ${(e.params as { format: string }).format}, got ${showValue(e.data)}: write it as YYYY-MM-DD` };
    case 'type':
      return { pointer: p, text: `${where} must be ${(e.params as { type: string }).type}, got ${showValue(e.data)}: write a ${(e.params as { type: string }).type}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      return { pointer: p, text: `${where} must be ${comparison} ${limit}, got ${showValue(e.data)}: use a value ${comparison} ${limit}` };
    }
    case 'minItems':
    case 'maxItems':
      return { pointer: p, text: `${where} ${e.message ?? 'has the wrong length'}, got ${showValue(e.data)}: give ${(e.params as { limit: number }).limit} items` };
    case 'discriminator': {
      const kinds = ((ps as { oneOf?: Array<{ properties?: { kind?: { const?: string } } }> })?.oneOf ?? [])
        .map((o) => o.properties?.kind?.const)
        .filter(Boolean);
      const value = (e.data as { kind?: unknown } | null)?.kind;
      return { pointer: `${p}/kind`, text: `${where}/kind must be one of ${kinds.map(showValue).join(', ')}, got ${showValue(value)}: use one of them` };
    }
    case 'oneOf':
      return undefined; // reported through its branches, or by the type summary below
    default:
      return { pointer: p, text: `${where} ${e.message ?? 'is not valid'}, got ${showValue(e.data)}: fix it` };
  }
}

/** Keeps the errors a user needs: for `oneOf` (a or b), only the branch the value's type picks. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: ErrorObject[] = [];
  for (const p of oneOfPaths) {
    const here = errors.filter((e) => e.instancePath === p && e.keyword === 'type');
    const deeper = errors.some((e) => e.keyword !== 'oneOf' && e.keyword !== 'type' && (e.instancePath === p || e.instancePath.startsWith(`${p}/`)));
    if (!deeper && here.length) {
      const types = [...new Set(here.map((e) => (e.params as { type: string }).type))].join(' or ');
      out.push({ ...here[0]!, params: { type: types } });
    }
  }
  for (const e of errors) {
    if (e.keyword === 'oneOf') continue;
    if (e.keyword === 'type' && oneOfPaths.has(e.instancePath)) continue;
    out.push(e);
  }
  return out;
}

/**
 * Parses and schema-validates scenario text (YAML or JSON; JSON is YAML). Throws
 * {@link InputErrors} with every syntax or schema problem, each with file, line and pointer.
 */
export function parseScenario(text: string, file: string): ScenarioDocument {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
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
  const data: unknown = doc.toJS();
  const check = validate();
  if (!check(data)) {
    const seen = new Set<string>();
    const errors: InputError[] = [];
    for (const e of relevant(check.errors ?? [])) {
      const d = describe(e);
      if (!d || seen.has(d.text)) continue;
      seen.add(d.text);
      errors.push(new InputError({ file, line: lineOf(doc, counter, d.pointer), pointer: d.pointer }, `${d.text}.`));
    }
    throw new InputErrors(errors.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0)));
  }
  return { file, input: data as ScenarioInput, line: (pointer) => lineOf(doc, counter, pointer) };
}
