/**
 * The Terraform built-in functions acrkit evaluates statically. A function it does not know, one
 * that reads files, or one whose result changes from run to run (`timestamp`, `uuid`) gives
 * Unknown; an argument Terraform would reject raises {@link EvalFailure} (which `try` catches).
 * `try` and `can` take unevaluated arguments and live in the evaluator.
 */
import { isUnknown, unknown, type Unknown } from '../../model/unknown.js';
import { asBool, asNumber, asString, derived, equal, EvalFailure, firstUnknown, formatNumber, isObject, toSet, typeName } from './value.js';

/** Functions whose result differs between runs: their Unknowns never equal each other. */
export const IMPURE_FUNCTIONS: ReadonlySet<string> = new Set(['timestamp', 'plantimestamp', 'uuid', 'bcrypt', 'uuidv4']);

/** Functions that read files or the environment: acrkit leaves them Unknown. */
const FILE_FUNCTIONS = new Set(['file', 'filebase64', 'fileexists', 'fileset', 'templatefile', 'filemd5', 'filesha1', 'filesha256', 'filesha512', 'filebase64sha256', 'filebase64sha512', 'abspath', 'pathexpand']);

type Fn = (args: unknown[], expr: string | undefined) => unknown;

/** Wraps `f`: any Unknown anywhere in the arguments makes the result Unknown. */
function strict(f: (args: unknown[]) => unknown): Fn {
  return (args, expr) => {
    const u = firstUnknown(args);
    return u ? derived(u, expr) : f(args);
  };
}

function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new EvalFailure(`${name}() takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

function str(name: string, v: unknown): string {
  const s = asString(v, `the argument of ${name}()`);
  if (isUnknown(s)) throw new EvalFailure(`${name}() got an unknown argument`);
  return s;
}

function num(name: string, v: unknown): number {
  const n = asNumber(v, `the argument of ${name}()`);
  if (isUnknown(n)) throw new EvalFailure(`${name}() got an unknown argument`);
  return n;
}

function list(name: string, v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  throw new EvalFailure(`${name}() needs a list, got ${typeName(v)}`);
}

function obj(name: string, v: unknown): Record<string, unknown> {
  if (isObject(v)) return v;
  throw new EvalFailure(`${name}() needs a map or object, got ${typeName(v)}`);
}

const oneString = (name: string, f: (s: string) => unknown): Fn =>
  strict((a) => {
    arity(name, a, 1);
    return f(str(name, a[0]));
  });

/** `format` verbs acrkit renders: %s %d %v %q %% (flags and widths give Unknown). */
function format(args: unknown[], expr: string | undefined): unknown {
  const u = firstUnknown(args);
  if (u) return derived(u, expr);
  const spec = str('format', args[0]);
  let i = 1;
  let unsupported = false;
  const out = spec.replace(/%(%|[sdvqft]|[^%a-zA-Z]*[a-zA-Z])/g, (_all, verb: string) => {
    if (verb === '%') return '%';
    const v = args[i++];
    if (verb === 's' || verb === 'v') return typeof v === 'object' && v !== null ? JSON.stringify(v) : str('format', v);
    if (verb === 'd') return formatNumber(Math.trunc(num('format', v)));
    if (verb === 'q') return JSON.stringify(str('format', v));
    if (verb === 't') return String(asBool(v, 'the argument of format()'));
    unsupported = true;
    return '';
  });
  if (unsupported) return unknown(`format verb in ${JSON.stringify(spec)} is not evaluated by acrkit`, expr);
  if (i < args.length) throw new EvalFailure(`format() got ${args.length - 1} values for ${i - 1} verbs`);
  return out;
}

const FUNCTIONS: Record<string, Fn> = {
  // Strings.
  lower: oneString('lower', (s) => s.toLowerCase()),
  upper: oneString('upper', (s) => s.toUpperCase()),
  title: oneString('title', (s) => s.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())),
  trimspace: oneString('trimspace', (s) => s.trim()),
  chomp: oneString('chomp', (s) => s.replace(/(\r?\n)+$/, '')),
  strrev: oneString('strrev', (s) => [...s].reverse().join('')),
  trim: strict((a) => {
    arity('trim', a, 2);
    const cut = new Set([...str('trim', a[1])]);
    const chars = [...str('trim', a[0])];
    let s = 0;
    let e = chars.length;
    while (s < e && cut.has(chars[s]!)) s++;
    while (e > s && cut.has(chars[e - 1]!)) e--;
    return chars.slice(s, e).join('');
  }),
  trimprefix: strict((a) => {
    arity('trimprefix', a, 2);
    const s = str('trimprefix', a[0]);
    const p = str('trimprefix', a[1]);
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  trimsuffix: strict((a) => {
    arity('trimsuffix', a, 2);
    const s = str('trimsuffix', a[0]);
    const p = str('trimsuffix', a[1]);
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  startswith: strict((a) => (arity('startswith', a, 2), str('startswith', a[0]).startsWith(str('startswith', a[1])))),
  endswith: strict((a) => (arity('endswith', a, 2), str('endswith', a[0]).endsWith(str('endswith', a[1])))),
  strcontains: strict((a) => (arity('strcontains', a, 2), str('strcontains', a[0]).includes(str('strcontains', a[1])))),
  substr: strict((a) => {
    arity('substr', a, 3);
    const chars = [...str('substr', a[0])];
    let off = num('substr', a[1]);
    const len = num('substr', a[2]);
    if (off < 0) off = chars.length + off;
    if (off < 0 || off > chars.length) throw new EvalFailure('substr() offset is out of range');
    return chars.slice(off, len < 0 ? undefined : off + len).join('');
  }),
  replace: (a, expr) => {
    arity('replace', a, 3);
    const u = firstUnknown(a);
    if (u) return derived(u, expr);
    const search = str('replace', a[1]);
    // A /regex/ search uses RE2 syntax, which JavaScript does not share: not evaluated.
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) return unknown('replace() with a regular expression is not evaluated by acrkit', expr);
    return str('replace', a[0]).split(search).join(str('replace', a[2]));
  },
  split: strict((a) => (arity('split', a, 2), str('split', a[1]).split(str('split', a[0])))),
  join: (a, expr) => {
    arity('join', a, 1, Infinity);
    const u = firstUnknown(a);
    if (u) return derived(u, expr);
    const sep = str('join', a[0]);
    return a
      .slice(1)
      .flatMap((l) => list('join', l))
      .map((x) => str('join', x))
      .join(sep);
  },
  format,
  indent: strict((a) => (arity('indent', a, 2), str('indent', a[1]).replace(/\n/g, `\n${' '.repeat(num('indent', a[0]))}`))),

  // Numbers.
  abs: strict((a) => (arity('abs', a, 1), Math.abs(num('abs', a[0])))),
  ceil: strict((a) => (arity('ceil', a, 1), Math.ceil(num('ceil', a[0])))),
  floor: strict((a) => (arity('floor', a, 1), Math.floor(num('floor', a[0])))),
  signum: strict((a) => (arity('signum', a, 1), Math.sign(num('signum', a[0])))),
  pow: strict((a) => (arity('pow', a, 2), num('pow', a[0]) ** num('pow', a[1]))),
  max: strict((a) => {
    if (a.length === 0) throw new EvalFailure('max() needs at least one argument');
    return Math.max(...a.map((x) => num('max', x)));
  }),
  min: strict((a) => {
    if (a.length === 0) throw new EvalFailure('min() needs at least one argument');
    return Math.min(...a.map((x) => num('min', x)));
  }),
  parseint: strict((a) => {
    arity('parseint', a, 2);
    const n = parseInt(str('parseint', a[0]), num('parseint', a[1]));
    if (Number.isNaN(n)) throw new EvalFailure('parseint() cannot parse the string');
    return n;
  }),
  sum: strict((a) => (arity('sum', a, 1), list('sum', a[0]).reduce((s: number, x) => s + num('sum', x), 0))),

  // Collections.
  length: (a, expr) => {
    arity('length', a, 1);
    const v = a[0];
    if (isUnknown(v)) return derived(v, expr);
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    if (typeof v === 'string') return [...v].length;
    throw new EvalFailure(`length() needs a collection or a string, got ${typeName(v)}`);
  },
  lookup: (a, expr) => {
    arity('lookup', a, 2, 3);
    const [m, k, d] = a;
    if (isUnknown(m)) return derived(m, expr);
    if (isUnknown(k)) return derived(k, expr);
    const map = obj('lookup', m);
    const key = str('lookup', k);
    if (Object.hasOwn(map, key)) return map[key];
    if (a.length === 3) return d;
    throw new EvalFailure(`lookup() found no key ${JSON.stringify(key)} and has no default`);
  },
  merge: (a, expr) => {
    const out: Record<string, unknown> = {};
    for (const m of a) {
      if (m === null) continue;
      if (isUnknown(m)) return derived(m, expr);
      Object.assign(out, obj('merge', m));
    }
    return out;
  },
  contains: (a, expr) => {
    arity('contains', a, 2);
    const [l, v] = a;
    if (isUnknown(l)) return derived(l, expr);
    let open: Unknown | undefined;
    for (const x of list('contains', l)) {
      const e = equal(x, v);
      if (e === true) return true;
      if (e === undefined) open ??= firstUnknown([x, v]);
    }
    return open ? derived(open, expr) : false;
  },
  coalesce: (a, expr) => {
    for (const x of a) {
      if (isUnknown(x)) return derived(x, expr);
      if (x === null || x === '') continue;
      return x;
    }
    throw new EvalFailure('coalesce() got no non-null, non-empty argument');
  },
  coalescelist: (a, expr) => {
    for (const x of a) {
      if (isUnknown(x)) return derived(x, expr);
      if (list('coalescelist', x).length > 0) return x;
    }
    return [];
  },
  concat: (a, expr) => {
    const out: unknown[] = [];
    for (const x of a) {
      if (isUnknown(x)) return derived(x, expr);
      out.push(...list('concat', x));
    }
    return out;
  },
  keys: (a, expr) => {
    arity('keys', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    return Object.keys(obj('keys', a[0])).sort();
  },
  values: (a, expr) => {
    arity('values', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    const m = obj('values', a[0]);
    return Object.keys(m)
      .sort()
      .map((k) => m[k]);
  },
  element: strict((a) => {
    arity('element', a, 2);
    const l = list('element', a[0]);
    if (l.length === 0) throw new EvalFailure('element() cannot use an empty list');
    const i = num('element', a[1]);
    return l[((Math.floor(i) % l.length) + l.length) % l.length];
  }),
  index: strict((a) => {
    arity('index', a, 2);
    const i = list('index', a[0]).findIndex((x) => equal(x, a[1]) === true);
    if (i < 0) throw new EvalFailure('index() did not find the value');
    return i;
  }),
  one: (a, expr) => {
    arity('one', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    const l = list('one', a[0]);
    if (l.length > 1) throw new EvalFailure(`one() needs a list of at most one element, got ${l.length}`);
    return l.length ? l[0] : null;
  },
  distinct: strict((a) => {
    arity('distinct', a, 1);
    const out: unknown[] = [];
    for (const x of list('distinct', a[0])) if (!out.some((y) => equal(x, y) === true)) out.push(x);
    return out;
  }),
  compact: strict((a) => (arity('compact', a, 1), list('compact', a[0]).filter((x) => x !== null && x !== ''))),
  flatten: strict((a) => {
    arity('flatten', a, 1);
    const flat = (l: unknown[]): unknown[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
    return flat(list('flatten', a[0]));
  }),
  reverse: (a, expr) => {
    arity('reverse', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    return [...list('reverse', a[0])].reverse();
  },
  slice: strict((a) => {
    arity('slice', a, 3);
    const l = list('slice', a[0]);
    const s = num('slice', a[1]);
    const e = num('slice', a[2]);
    if (s < 0 || e > l.length || s > e) throw new EvalFailure('slice() indexes are out of range');
    return l.slice(s, e);
  }),
  sort: strict((a) => (arity('sort', a, 1), list('sort', a[0]).map((x) => str('sort', x)).sort())),
  range: strict((a) => {
    arity('range', a, 1, 3);
    const n = a.map((x) => num('range', x));
    const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[1]! >= n[0]! ? 1 : -1)];
    if (step === 0) throw new EvalFailure('range() step must not be 0');
    const out: number[] = [];
    for (let x = start; step > 0 ? x < end : x > end; x += step) {
      out.push(x);
      if (out.length > 1024) throw new EvalFailure('range() would produce more than 1024 elements');
    }
    return out;
  }),
  zipmap: strict((a) => {
    arity('zipmap', a, 2);
    const k = list('zipmap', a[0]);
    const v = list('zipmap', a[1]);
    if (k.length !== v.length) throw new EvalFailure('zipmap() needs lists of the same length');
    return Object.fromEntries(k.map((x, i) => [str('zipmap', x), v[i]]));
  }),
  alltrue: strict((a) => (arity('alltrue', a, 1), list('alltrue', a[0]).every((x) => asBool(x, 'an element of alltrue()') === true))),
  anytrue: strict((a) => (arity('anytrue', a, 1), list('anytrue', a[0]).some((x) => asBool(x, 'an element of anytrue()') === true))),
  setunion: strict((a) => toSet(a.flatMap((x) => list('setunion', x)))),
  setintersection: strict((a) => {
    const [first = [], ...rest] = a.map((x) => list('setintersection', x));
    return toSet(first.filter((x) => rest.every((l) => l.some((y) => equal(x, y) === true))));
  }),
  setsubtract: strict((a) => {
    arity('setsubtract', a, 2);
    const b = list('setsubtract', a[1]);
    return toSet(list('setsubtract', a[0]).filter((x) => !b.some((y) => equal(x, y) === true)));
  }),
  chunklist: strict((a) => {
    arity('chunklist', a, 2);
    const l = list('chunklist', a[0]);
    const n = num('chunklist', a[1]);
    if (n <= 0) return [l];
    const out: unknown[][] = [];
    for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
    return out;
  }),

  // Type conversions.
  tostring: (a, expr) => {
    arity('tostring', a, 1);
    if (a[0] === null) return null;
    return isUnknown(a[0]) ? derived(a[0], expr) : asString(a[0], 'the argument of tostring()');
  },
  tonumber: (a, expr) => {
    arity('tonumber', a, 1);
    if (a[0] === null) return null;
    return isUnknown(a[0]) ? derived(a[0], expr) : asNumber(a[0], 'the argument of tonumber()');
  },
  tobool: (a, expr) => {
    arity('tobool', a, 1);
    if (a[0] === null) return null;
    return isUnknown(a[0]) ? derived(a[0], expr) : asBool(a[0], 'the argument of tobool()');
  },
  tolist: (a, expr) => {
    arity('tolist', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    return list('tolist', a[0]);
  },
  toset: (a, expr) => {
    arity('toset', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    return toSet(list('toset', a[0]));
  },
  tomap: (a, expr) => {
    arity('tomap', a, 1);
    if (isUnknown(a[0])) return derived(a[0], expr);
    return obj('tomap', a[0]);
  },
  sensitive: (a) => (arity('sensitive', a, 1), a[0]),
  nonsensitive: (a) => (arity('nonsensitive', a, 1), a[0]),

  // Encoding.
  jsonencode: strict((a) => (arity('jsonencode', a, 1), JSON.stringify(a[0]))),
  jsondecode: strict((a) => {
    arity('jsondecode', a, 1);
    try {
      return JSON.parse(str('jsondecode', a[0])) as unknown;
    } catch {
      throw new EvalFailure('jsondecode() got invalid JSON');
    }
  }),
  base64encode: oneString('base64encode', (s) => Buffer.from(s, 'utf8').toString('base64')),
  base64decode: oneString('base64decode', (s) => Buffer.from(s, 'base64').toString('utf8')),
  urlencode: oneString('urlencode', (s) => encodeURIComponent(s)),
};

/** The result of a function acrkit does not evaluate. */
function notEvaluated(name: string, expr: string | undefined): Unknown {
  if (IMPURE_FUNCTIONS.has(name)) return unknown(`${name}() changes on every run`);
  if (FILE_FUNCTIONS.has(name)) return unknown(`${name}() reads files, which acrkit does not evaluate`, expr);
  return unknown(`function ${name}() is not evaluated by acrkit`, expr);
}

/**
 * Calls the built-in `name` on evaluated arguments. `expr` is the identity of the call for
 * derived Unknowns (`${lookup(...)}`); `undefined` when it has none.
 */
export function callFunction(name: string, args: unknown[], expr: string | undefined): unknown {
  const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!f) return notEvaluated(name, expr);
  return f(args, expr);
}
