/**
 * ARM template expressions (`"[concat('acr', parameters('env'))]"`): parsed and evaluated over
 * a template's parameters (their defaults), variables and copy indexes. What cannot be known
 * before deployment (a parameter without a default, `resourceGroup().location`, `uniqueString`,
 * `reference`, a function acrkit does not evaluate) is an {@link Unknown} whose `expression` is a
 * canonical text of it: two uses of the same unknown value have the same text, so a child named
 * `[format('{0}/eastus', parameters('registryName'))]` is still known to belong to the registry
 * named `[parameters('registryName')]`, and a `scope` or `resourceId()` to point at it.
 *
 * Grammar (ARM template syntax): a string that starts with `[` and ends with `]` is an expression
 * (`[[` escapes a literal `[`); an expression is a call `name(args)`, a `'string'` (`''` escapes a
 * quote), a number, `true`, `false` or `null`, followed by any number of `.property` and
 * `[index]` accessors.
 */
import { isUnknown, unknown, type Maybe, type Unknown } from '../../model/unknown.js';

/** A value an expression evaluates to: JSON data, with Unknown where it is not known. */
export type ArmValue = unknown;

/** What an expression can read. */
export interface ArmScope {
  /** Parameter values (their defaults), or Unknown for a parameter without one. */
  readonly parameters: ReadonlyMap<string, ArmValue>;
  /** Reads a variable by name (evaluated on first use), or returns Unknown. */
  readonly variable: (name: string) => ArmValue;
  /** Current copy index per loop name (`''` for the resource's own loop). */
  readonly copyIndex?: ReadonlyMap<string, Maybe<number>>;
}

/** Whether a string is a template expression (`[...]`, not the `[[` escape). */
export function isExpression(s: string): boolean {
  return s.length >= 2 && s.startsWith('[') && !s.startsWith('[[') && s.endsWith(']');
}

/** The canonical text of a value, inside a symbolic Unknown's expression. */
export function textOf(v: ArmValue): string {
  if (isUnknown(v)) return v.expression ?? `[${v.reason}]`;
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? 'null';
}

/** An argument as written in a canonical call text. */
function argText(v: ArmValue): string {
  if (isUnknown(v)) return (v.expression ?? '?').replace(/^\[(.*)\]$/s, '$1');
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  return JSON.stringify(v) ?? 'null';
}

/** An Unknown for a call that cannot be evaluated, with its canonical text. */
function unknownCall(name: string, args: readonly ArmValue[], reason?: string): Unknown {
  const firstUnknown = args.find(isUnknown);
  return unknown(reason ?? firstUnknown?.reason ?? `${name}() is known only at deployment`, `[${name}(${args.map(argText).join(', ')})]`);
}

/** A string built of known parts and Unknowns: known when every part is, else a symbolic Unknown. */
function joinParts(parts: readonly ArmValue[]): Maybe<string> {
  const u = parts.find(isUnknown);
  const text = parts.map(textOf).join('');
  return u ? unknown(u.reason, text) : text;
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Node =
  | { readonly kind: 'lit'; readonly value: ArmValue }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly kind: 'prop'; readonly target: Node; readonly name: string }
  | { readonly kind: 'index'; readonly target: Node; readonly index: Node };

/** A syntax error in an expression, with the offset. */
export class ArmSyntaxError extends Error {
  override name = 'ArmSyntaxError' as const;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const n = this.expr();
    this.ws();
    if (this.i !== this.s.length) throw new ArmSyntaxError(`unexpected '${this.s[this.i]}' at character ${this.i + 1}`);
    return n;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private expr(): Node {
    this.ws();
    let n = this.primary();
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c === '.') {
        this.i++;
        n = { kind: 'prop', target: n, name: this.ident() };
      } else if (c === '[') {
        this.i++;
        const index = this.expr();
        this.ws();
        this.expect(']');
        n = { kind: 'index', target: n, index };
      } else return n;
    }
  }

  private primary(): Node {
    const c = this.s[this.i];
    if (c === "'") return { kind: 'lit', value: this.string() };
    if (c !== undefined && /[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(this.s.slice(this.i));
      if (!m) throw new ArmSyntaxError(`a number expected at character ${this.i + 1}`);
      this.i += m[0].length;
      return { kind: 'lit', value: Number(m[0]) };
    }
    const name = this.ident();
    this.ws();
    if (this.s[this.i] !== '(') {
      const lower = name.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'lit', value: lower === 'true' };
      if (lower === 'null') return { kind: 'lit', value: null };
      throw new ArmSyntaxError(`'(' expected after ${name} at character ${this.i + 1}`);
    }
    this.i++;
    const args: Node[] = [];
    this.ws();
    if (this.s[this.i] === ')') {
      this.i++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(this.expr());
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      this.expect(')');
      return { kind: 'call', name, args };
    }
  }

  private ident(): string {
    const m = /^[A-Za-z_$][\w$.]*/.exec(this.s.slice(this.i));
    if (!m) throw new ArmSyntaxError(`a name expected at character ${this.i + 1}, got '${this.s[this.i] ?? 'the end'}'`);
    // A dotted name is a namespaced function (`sys.concat`) only when a '(' follows.
    let name = m[0];
    const rest = this.s.slice(this.i + name.length).trimStart();
    if (name.includes('.') && !rest.startsWith('(')) name = name.split('.')[0]!;
    this.i += name.length;
    return name;
  }

  private string(): string {
    let out = '';
    this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new ArmSyntaxError('unterminated string');
      if (c === "'") {
        if (this.s[this.i + 1] === "'") {
          out += "'";
          this.i += 2;
          continue;
        }
        this.i++;
        return out;
      }
      out += c;
      this.i++;
    }
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) throw new ArmSyntaxError(`'${c}' expected at character ${this.i + 1}, got '${this.s[this.i] ?? 'the end'}'`);
    this.i++;
  }
}

/** Parses the inside of an expression string (without its brackets). Throws {@link ArmSyntaxError}. */
export function parseArmExpression(text: string): Node {
  return new Parser(text).parse();
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

/** An object whose members are symbolic Unknowns named `<what>.<member>`. */
function deploymentObject(what: string, members: readonly string[]): Record<string, Unknown> {
  return Object.fromEntries(members.map((m) => [m, unknown(`${what}.${m} is known only at deployment`, `[${what}.${m}]`)]));
}

/** `resourceId`-style ids: provider type and names interleaved (`registries/acr/replications/eastus`). */
function typedPath(type: ArmValue, names: readonly ArmValue[]): ArmValue[] {
  const typeText = textOf(type);
  const [ns, ...segments] = typeText.split('/');
  const parts: ArmValue[] = [`/providers/${ns ?? ''}`];
  segments.forEach((seg, i) => {
    parts.push(`/${seg}/`);
    parts.push(names[i] ?? '');
  });
  return parts;
}

/** Whether a value looks like a resource type (`Microsoft.ContainerRegistry/registries`). */
function isTypeArg(v: ArmValue): boolean {
  return typeof v === 'string' && /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/[A-Za-z0-9/]+$/.test(v);
}

const SUBSCRIPTION_ID = unknown('the subscription is known only at deployment', '[subscription().subscriptionId]');
const RESOURCE_GROUP_NAME = unknown('the resource group is known only at deployment', '[resourceGroup().name]');

/** Evaluates a parsed expression. Never throws for a value it cannot know: that is Unknown. */
function evaluateNode(n: Node, scope: ArmScope): ArmValue {
  switch (n.kind) {
    case 'lit':
      return n.value;
    case 'prop': {
      const t = evaluateNode(n.target, scope);
      if (isUnknown(t)) return unknown(t.reason, `${(t.expression ?? '[?]').replace(/\]$/, '')}.${n.name}]`);
      if (isObj(t)) {
        const key = Object.keys(t).find((k) => k.toLowerCase() === n.name.toLowerCase());
        return key === undefined ? unknown(`property ${n.name} is not in the object`, `[${n.name}]`) : t[key];
      }
      return unknown(`.${n.name} of a ${Array.isArray(t) ? 'list' : typeof t} is not a property`, `[${n.name}]`);
    }
    case 'index': {
      const t = evaluateNode(n.target, scope);
      const i = evaluateNode(n.index, scope);
      if (isUnknown(t) || isUnknown(i)) {
        const u = isUnknown(t) ? t : (i as Unknown);
        return unknown(u.reason, `${textOf(t).replace(/\]$/, '')}[${argText(i)}]]`);
      }
      if (Array.isArray(t) && typeof i === 'number') return t[i] ?? unknown(`index ${i} is out of range`);
      if (isObj(t) && typeof i === 'string') return t[i] ?? unknown(`property ${i} is not in the object`);
      return unknown('an index of a value that has none');
    }
    case 'call':
      return call(n.name, n.args, scope);
  }
}

function call(rawName: string, argNodes: readonly Node[], scope: ArmScope): ArmValue {
  const name = rawName.toLowerCase().replace(/^sys\./, '');
  // if() evaluates only the branch it takes.
  if (name === 'if') {
    const c = evaluateNode(argNodes[0]!, scope);
    if (typeof c === 'boolean') return evaluateNode(argNodes[c ? 1 : 2]!, scope);
    return unknownCall('if', [c, ...argNodes.slice(1).map((a) => evaluateNode(a, scope))]);
  }
  const args = argNodes.map((a) => evaluateNode(a, scope));
  const a0 = args[0];
  const anyUnknown = args.some(isUnknown);
  switch (name) {
    case 'parameters': {
      if (typeof a0 !== 'string') return unknownCall(rawName, args);
      if (!scope.parameters.has(a0)) return unknown(`parameter '${a0}' is not declared`, `[parameters('${a0}')]`);
      return scope.parameters.get(a0);
    }
    case 'variables':
      return typeof a0 === 'string' ? scope.variable(a0) : unknownCall(rawName, args);
    case 'copyindex': {
      const loop = typeof a0 === 'string' ? a0 : '';
      const offset = typeof a0 === 'number' ? a0 : typeof args[1] === 'number' ? args[1] : 0;
      const i = scope.copyIndex?.get(loop);
      if (i === undefined) return unknown(`copyIndex(${loop ? `'${loop}'` : ''}) is outside its loop`, `[copyIndex(${loop ? `'${loop}'` : ''})]`);
      return isUnknown(i) ? i : i + offset;
    }
    case 'concat':
      if (args.length > 0 && args.every((a) => Array.isArray(a))) return (args as unknown[][]).flat();
      if (args.some((a) => Array.isArray(a) || isObj(a))) return unknownCall(rawName, args);
      return joinParts(args);
    case 'format': {
      if (isUnknown(a0) || typeof a0 !== 'string') return unknownCall(rawName, args);
      const parts: ArmValue[] = [];
      let last = 0;
      for (const m of a0.matchAll(/\{(\d+)(?::[^}]*)?\}/g)) {
        parts.push(a0.slice(last, m.index));
        parts.push(args[Number(m[1]) + 1] ?? '');
        last = m.index! + m[0].length;
      }
      parts.push(a0.slice(last));
      return joinParts(parts.map((p) => (typeof p === 'number' || typeof p === 'boolean' ? String(p) : p)));
    }
    case 'string':
      if (isUnknown(a0)) return a0;
      return typeof a0 === 'string' ? a0 : JSON.stringify(a0);
    case 'tolower':
    case 'toupper':
    case 'trim':
      if (typeof a0 === 'string') return name === 'tolower' ? a0.toLowerCase() : name === 'toupper' ? a0.toUpperCase() : a0.trim();
      return unknownCall(rawName, args);
    case 'int':
      return typeof a0 === 'number' || (typeof a0 === 'string' && /^-?\d+$/.test(a0)) ? Math.trunc(Number(a0)) : unknownCall(rawName, args);
    case 'bool':
      if (typeof a0 === 'boolean') return a0;
      if (typeof a0 === 'string' && /^(true|false)$/i.test(a0)) return a0.toLowerCase() === 'true';
      return unknownCall(rawName, args);
    case 'json':
      if (typeof a0 !== 'string') return unknownCall(rawName, args);
      try {
        return JSON.parse(a0) as unknown;
      } catch {
        return unknown(`json() of text that is not JSON`);
      }
    case 'equals':
      if (anyUnknown) return unknownCall(rawName, args);
      return JSON.stringify(a0) === JSON.stringify(args[1]);
    case 'not':
      return typeof a0 === 'boolean' ? !a0 : unknownCall(rawName, args);
    case 'and':
      if (args.some((a) => a === false)) return false;
      return anyUnknown ? unknownCall(rawName, args) : args.every((a) => a === true);
    case 'or':
      if (args.some((a) => a === true)) return true;
      return anyUnknown ? unknownCall(rawName, args) : false;
    case 'empty':
      if (isUnknown(a0)) return unknownCall(rawName, args);
      if (a0 === null || a0 === undefined) return true;
      return typeof a0 === 'string' || Array.isArray(a0) ? a0.length === 0 : isObj(a0) ? Object.keys(a0).length === 0 : false;
    case 'length':
      if (typeof a0 === 'string' || Array.isArray(a0)) return a0.length;
      return isObj(a0) ? Object.keys(a0).length : unknownCall(rawName, args);
    case 'contains':
      if (anyUnknown) return unknownCall(rawName, args);
      if (typeof a0 === 'string' && typeof args[1] === 'string') return a0.toLowerCase().includes(args[1].toLowerCase());
      if (Array.isArray(a0)) return a0.some((x) => JSON.stringify(x) === JSON.stringify(args[1]));
      return isObj(a0) && typeof args[1] === 'string' ? Object.keys(a0).some((k) => k.toLowerCase() === (args[1] as string).toLowerCase()) : false;
    case 'coalesce': {
      for (const a of args) {
        if (isUnknown(a)) return unknownCall(rawName, args);
        if (a !== null && a !== undefined) return a;
      }
      return null;
    }
    case 'createarray':
    case 'array':
      return name === 'array' && Array.isArray(a0) ? a0 : args;
    case 'createobject': {
      const o: Record<string, unknown> = {};
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (typeof args[i] !== 'string') return unknownCall(rawName, args);
        o[args[i] as string] = args[i + 1];
      }
      return o;
    }
    case 'union':
      if (anyUnknown) return unknownCall(rawName, args);
      if (args.every((a) => Array.isArray(a))) return [...new Set((args as unknown[][]).flat().map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as unknown);
      if (args.every(isObj)) return Object.assign({}, ...(args as object[]));
      return unknownCall(rawName, args);
    case 'first':
    case 'last':
      if (typeof a0 === 'string' || Array.isArray(a0)) return name === 'first' ? a0[0] : a0[a0.length - 1];
      return unknownCall(rawName, args);
    case 'split':
      if (typeof a0 === 'string' && typeof args[1] === 'string') return a0.split(args[1]);
      return unknownCall(rawName, args);
    case 'join':
      if (Array.isArray(a0) && typeof args[1] === 'string' && !a0.some(isUnknown)) return a0.map((x) => String(x)).join(args[1]);
      return unknownCall(rawName, args);
    case 'replace':
      if (typeof a0 === 'string' && typeof args[1] === 'string' && typeof args[2] === 'string') return a0.split(args[1]).join(args[2]);
      return unknownCall(rawName, args);
    case 'startswith':
    case 'endswith':
      if (typeof a0 === 'string' && typeof args[1] === 'string') {
        return name === 'startswith' ? a0.toLowerCase().startsWith(args[1].toLowerCase()) : a0.toLowerCase().endsWith(args[1].toLowerCase());
      }
      return unknownCall(rawName, args);
    case 'substring':
      if (typeof a0 === 'string' && typeof args[1] === 'number') return a0.substr(args[1], typeof args[2] === 'number' ? args[2] : undefined);
      return unknownCall(rawName, args);
    case 'take':
    case 'skip':
      if ((typeof a0 === 'string' || Array.isArray(a0)) && typeof args[1] === 'number') return name === 'take' ? a0.slice(0, args[1]) : a0.slice(args[1]);
      return unknownCall(rawName, args);
    case 'range':
      if (typeof a0 === 'number' && typeof args[1] === 'number' && args[1] >= 0 && args[1] <= 10_000) return Array.from({ length: args[1] }, (_, i) => a0 + i);
      return unknownCall(rawName, args);
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod': {
      const [x, y] = args;
      if (typeof x !== 'number' || typeof y !== 'number') return unknownCall(rawName, args);
      if (name === 'add') return x + y;
      if (name === 'sub') return x - y;
      if (name === 'mul') return x * y;
      if (y === 0) return unknown(`${name}() by zero`);
      return name === 'div' ? Math.trunc(x / y) : x % y;
    }
    case 'min':
    case 'max': {
      const xs = (args.length === 1 && Array.isArray(a0) ? a0 : args) as unknown[];
      if (xs.every((x) => typeof x === 'number')) return name === 'min' ? Math.min(...(xs as number[])) : Math.max(...(xs as number[]));
      return unknownCall(rawName, args);
    }
    case 'less':
    case 'lessorequals':
    case 'greater':
    case 'greaterorequals': {
      const [x, y] = args;
      if (typeof x !== typeof y || (typeof x !== 'number' && typeof x !== 'string')) return unknownCall(rawName, args);
      const c = (x as number | string) < (y as number | string) ? -1 : x === y ? 0 : 1;
      return name === 'less' ? c < 0 : name === 'lessorequals' ? c <= 0 : name === 'greater' ? c > 0 : c >= 0;
    }
    case 'resourcegroup':
      return { ...deploymentObject('resourceGroup()', ['id', 'location', 'managedBy', 'tags']), name: RESOURCE_GROUP_NAME };
    case 'subscription':
      return { ...deploymentObject('subscription()', ['id', 'tenantId', 'displayName']), subscriptionId: SUBSCRIPTION_ID };
    case 'deployment':
      return deploymentObject('deployment()', ['name', 'properties', 'location']);
    case 'resourceid': {
      const at = args.findIndex(isTypeArg);
      if (at < 0) return unknownCall(rawName, args);
      const sub = at >= 2 ? args[at - 2] : SUBSCRIPTION_ID;
      const rg = at >= 1 ? args[at - 1] : RESOURCE_GROUP_NAME;
      return joinParts(['/subscriptions/', sub, '/resourceGroups/', rg, ...typedPath(args[at], args.slice(at + 1))]);
    }
    case 'subscriptionresourceid': {
      const at = args.findIndex(isTypeArg);
      if (at < 0) return unknownCall(rawName, args);
      return joinParts(['/subscriptions/', at >= 1 ? args[at - 1] : SUBSCRIPTION_ID, ...typedPath(args[at], args.slice(at + 1))]);
    }
    case 'tenantresourceid': {
      const at = args.findIndex(isTypeArg);
      return at < 0 ? unknownCall(rawName, args) : joinParts(typedPath(args[at], args.slice(at + 1)));
    }
    case 'extensionresourceid':
      return joinParts([a0, ...typedPath(args[1], args.slice(2))]);
    default:
      // uniqueString, guid, reference, list*, utcNow, newGuid, environment, user functions...
      return unknownCall(rawName, args, `${rawName}() is known only at deployment`);
  }
}

/**
 * Evaluates a template value: an expression string, or an object or list holding some (their
 * members evaluated, and `copy` property loops expanded). Strings that are not expressions are
 * kept (`[[x]` becomes `[x]`).
 */
export function evaluateArm(v: ArmValue, scope: ArmScope, onError?: (message: string) => void): ArmValue {
  if (typeof v === 'string') {
    if (v.startsWith('[[')) return v.slice(1);
    if (!isExpression(v)) return v;
    try {
      return evaluateNode(parseArmExpression(v.slice(1, -1)), scope);
    } catch (e) {
      if (e instanceof ArmSyntaxError) {
        onError?.(`${e.message} in ${v}`);
        return unknown(`the expression does not parse (${e.message})`, v);
      }
      throw e;
    }
  }
  if (Array.isArray(v)) return v.map((x) => evaluateArm(x, scope, onError));
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'copy' && Array.isArray(x)) continue;
      out[k] = evaluateArm(x, scope, onError);
    }
    // Property loops: "copy": [{ "name": "ipRules", "count": n, "input": {...} }].
    if (Array.isArray(v.copy)) {
      for (const loop of v.copy) {
        if (!isObj(loop) || typeof loop.name !== 'string') continue;
        const count = evaluateArm(loop.count, scope, onError);
        if (typeof count !== 'number' || count < 0 || count > 10_000) {
          out[loop.name] = unknown(`the count of the ${loop.name} loop is not known before deployment`, textOf(count));
          continue;
        }
        out[loop.name] = Array.from({ length: count }, (_, i) => {
          const copyIndex = new Map(scope.copyIndex ?? []);
          copyIndex.set(loop.name as string, i);
          return evaluateArm(loop.input, { ...scope, copyIndex }, onError);
        });
      }
    }
    return out;
  }
  return v;
}
