/**
 * A parser for HCL native syntax (the `.tf` and `.tfvars` language) written for acrkit: it
 * starts in no time (no WebAssembly), keeps the offset of every node, and reports the first
 * syntax error of a file with its line and column and the summary Terraform prints.
 */
import { MAX_NESTING } from '../../input/depth.js';
import { lineOf, lineStartsOf, type Attribute, type BinaryOp, type Block, type Body, type Expr, type HclSource, type ObjectItem, type TemplatePart } from './ast.js';

/** A syntax error: where, Terraform's summary of it and a detail. */
export class HclSyntaxError extends Error {
  override name = 'HclSyntaxError' as const;
  constructor(
    /** 1-based line. */
    readonly line: number,
    /** 1-based column. */
    readonly column: number,
    /** Terraform's summary, e.g. `Unclosed configuration block`. */
    readonly summary: string,
    /** What was expected. */
    readonly detail: string,
  ) {
    super(`${line},${column}: ${summary}; ${detail}`);
  }
}

/** A parsed file: its source and body, or the syntax error that stopped the parse. */
export interface ParsedHcl {
  /** The source (text and line index). */
  readonly source: HclSource;
  /** The body; empty when the file does not parse. */
  readonly body: Body;
  /** The syntax error, when the file does not parse. */
  readonly error?: HclSyntaxError;
  /** Attributes set twice in one body (Terraform rejects these too). */
  readonly redefined: ReadonlyArray<{ readonly name: string; readonly line: number; readonly first: number }>;
}

const ID_START = /[\p{L}_]/u;
const ID_PART = /[\p{L}\p{N}_-]/u;
const NUMBER = /\d+(\.\d+)?([eE][+-]?\d+)?/y;
const DIGITS = /\d+/y;
/** Characters that end a run of plain template text. */
const TEMPLATE_SPECIAL = /["\\$%\n]/g;

/** Whether `c` (one character) may start an identifier: ASCII fast path, Unicode letters too. */
function isIdStart(c: string): boolean {
  const x = c.charCodeAt(0);
  if ((x >= 97 && x <= 122) || (x >= 65 && x <= 90) || x === 95) return true;
  return x > 127 && ID_START.test(c);
}

/** Whether `c` may continue an identifier. */
function isIdPart(c: string): boolean {
  const x = c.charCodeAt(0);
  if ((x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95 || x === 45) return true;
  return x > 127 && ID_PART.test(c);
}

/** {@link shared} strings, by value. */
const SHARED = new Map<string, string>();

/**
 * One string object for every equal name and short literal: a monorepo's syntax tree names
 * `location`, `var` and `resource_group_name` thousands of times, and it stays alive through the
 * whole check, so one copy of each is less for the garbage collector to move. Bounded: a file of
 * many distinct names empties the table, never grows it without end.
 */
function shared(s: string): string {
  const found = SHARED.get(s);
  if (found !== undefined) return found;
  if (SHARED.size >= 8192) SHARED.clear();
  SHARED.set(s, s);
  return s;
}

/** {@link textPart}s, by text. */
const TEXT_PARTS = new Map<string, TemplatePart>();

/** The text part of a template: one object for every equal short text (parts are never changed). */
function textPart(value: string): TemplatePart {
  if (value.length > 64) return { kind: 'text', value };
  const found = TEXT_PARTS.get(value);
  if (found !== undefined) return found;
  if (TEXT_PARTS.size >= 8192) TEXT_PARTS.clear();
  const part: TemplatePart = { kind: 'text', value };
  TEXT_PARTS.set(value, part);
  return part;
}

/** The `redefined` of a file without any (most files): one shared empty list. */
const NONE_REDEFINED: ParsedHcl['redefined'] = [];

/**
 * `list` without spare capacity: an array grown by `push` keeps room for 16 more items, and the
 * syntax tree of a monorepo holds thousands of short lists (a body's items, a block's labels).
 */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

/** Binary operators by precedence, lowest first: `||`, `&&`, equality, comparison, `+ -`, `* / %`. */
const LEVEL: Readonly<Record<BinaryOp, number>> = { '||': 0, '&&': 1, '==': 2, '!=': 2, '<': 3, '>': 3, '<=': 3, '>=': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5 };

/** Parses one file. Never throws: a syntax error comes back in `error`. */
export function parseHcl(file: string, text: string): ParsedHcl {
  const source: HclSource = { file, text, lineStarts: lineStartsOf(text) };
  const p = new Parser(source);
  try {
    const body = p.parseBody(undefined);
    return { source, body, redefined: p.redefined.length ? p.redefined : NONE_REDEFINED };
  } catch (e) {
    if (e instanceof HclSyntaxError) return { source, body: { items: [] }, error: e, redefined: p.redefined };
    throw e;
  }
}

/**
 * Parses one expression on its own (a `${...}` of a Terraform JSON string, a test input).
 * Throws {@link HclSyntaxError} when it is not an expression.
 */
export function parseExpression(text: string, file = '<expression>'): { readonly expr: Expr; readonly source: HclSource } {
  const source: HclSource = { file, text, lineStarts: lineStartsOf(text) };
  const p = new Parser(source);
  const expr = p.parseStandaloneExpression();
  return { expr, source };
}

/**
 * Parses a string as a template (Terraform JSON string values: `"acr${var.env}"`).
 * Throws {@link HclSyntaxError} when an interpolation is not an expression.
 */
export function parseTemplate(text: string, file = '<template>'): { readonly expr: Expr; readonly source: HclSource } {
  const source: HclSource = { file, text, lineStarts: lineStartsOf(text) };
  const p = new Parser(source);
  const expr = p.parseBareTemplate();
  return { expr, source };
}

class Parser {
  private pos = 0;
  /**
   * Whether newlines are plain whitespace here (inside parentheses, brackets, `${}`). Callers
   * save and restore it around a nested construct; a syntax error ends the parse, so nothing
   * needs restoring after a throw.
   */
  private nl = false;
  readonly redefined: Array<{ name: string; line: number; first: number }> = [];
  private readonly src: string;
  /** How many blocks and expressions enclose the current position. */
  private depth = 0;
  /** Index into the line starts of the last line {@link line} found. */
  private lineCursor = 0;

  constructor(private readonly source: HclSource) {
    this.src = source.text;
  }

  // ---- errors and positions -------------------------------------------------------------

  private fail(at: number, summary: string, detail: string): never {
    const line = lineOf(this.source, at);
    const column = at - this.source.lineStarts[line - 1]! + 1;
    throw new HclSyntaxError(line, column, summary, detail);
  }

  /**
   * The line of `at`, for the start of an attribute or block: these come in file order, so a
   * cursor over the line starts finds each without a search (any other offset: lineOf).
   */
  private line(at: number): number {
    const starts = this.source.lineStarts;
    let i = this.lineCursor;
    if (i >= starts.length || starts[i]! > at) return lineOf(this.source, at);
    while (i + 1 < starts.length && starts[i + 1]! <= at) i++;
    this.lineCursor = i;
    return i + 1;
  }

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  /**
   * One level deeper (the caller decrements {@link depth} when the level ends). The parser (and
   * the evaluator after it) recurse once per level: a hostile file nested thousands of levels
   * deep is a syntax error at the level past the limit, never a stack overflow.
   */
  private enter(at: number): void {
    if (++this.depth > MAX_NESTING) this.fail(at, 'Nesting too deep', `Blocks and expressions must nest at most ${MAX_NESTING} levels (a configuration nests a few), got deeper: write the values out flat.`);
  }

  // ---- whitespace -----------------------------------------------------------------------

  /** Skips spaces, tabs, carriage returns and comments; newlines too when `newlines` (or inside brackets). */
  private ws(newlines = this.nl): void {
    const src = this.src;
    const n = src.length;
    let pos = this.pos;
    for (;;) {
      // Character codes: space, tab, carriage return, byte order mark, newline, `#`, `/`.
      const c = src.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) pos++;
      else if (c === 10 && newlines) pos++;
      else if (c === 35 || (c === 47 && src.charCodeAt(pos + 1) === 47)) {
        const end = src.indexOf('\n', pos);
        pos = end < 0 ? n : end;
      } else if (c === 47 && src.charCodeAt(pos + 1) === 42) {
        const end = src.indexOf('*/', pos + 2);
        if (end < 0) this.fail(pos, 'Unterminated comment', 'There is no closing marker (*/) for this comment before the end of the file.');
        pos = end + 2;
      } else break;
    }
    this.pos = pos;
  }

  /** `f` with newlines as whitespace or not (template directives, which are rare). */
  private withNewlines<T>(on: boolean, f: () => T): T {
    const nl = this.nl;
    this.nl = on;
    const out = f();
    this.nl = nl;
    return out;
  }

  private identAt(): string | undefined {
    const src = this.src;
    if (this.eof() || !isIdStart(src[this.pos]!)) return undefined;
    let end = this.pos + 1;
    for (const n = src.length; end < n; end++) {
      // ASCII letters, digits, `_` and `-` without a one-character string; others through isIdPart.
      const x = src.charCodeAt(end);
      if ((x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95 || x === 45) continue;
      if (x < 128 || !isIdPart(src[end]!)) break;
    }
    return shared(src.slice(this.pos, end));
  }

  private ident(): string | undefined {
    const id = this.identAt();
    if (id !== undefined) this.pos += id.length;
    return id;
  }

  // ---- bodies ---------------------------------------------------------------------------

  /** A body up to the closing brace of the block opened at `open` (or the end of the file). */
  parseBody(open: number | undefined): Body {
    const items: Array<Attribute | Block> = [];
    // The line of each attribute name's first definition: found in `items` while the body is
    // short (most are), from a map once it is long.
    let seen: Map<string, number> | undefined;
    for (;;) {
      this.ws(true);
      if (this.eof()) {
        if (open !== undefined) this.fail(open, 'Unclosed configuration block', 'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.');
        break;
      }
      if (this.peek() === '}') {
        if (open === undefined) this.fail(this.pos, 'Argument or block definition required', 'An argument or block definition is required here; this closing brace has no opening brace.');
        this.pos++;
        break;
      }
      const start = this.pos;
      const line = this.line(start);
      const name = this.ident();
      if (name === undefined) this.fail(this.pos, 'Argument or block definition required', 'An argument or block definition is required here.');
      this.ws(false);
      if (this.peek() === '=' && this.peek(1) !== '=' && this.peek(1) !== '>') {
        this.pos++;
        this.ws(false);
        const nl = this.nl;
        this.nl = false;
        const expr = this.parseExpr();
        this.nl = nl;
        const attr: Attribute = { kind: 'attribute', name, expr, line, start, end: this.pos };
        let first: number | undefined;
        if (seen) first = seen.get(name);
        else {
          for (let k = 0; k < items.length; k++) {
            const i = items[k]!;
            if (i.kind === 'attribute' && i.name === name) {
              first = i.line;
              break;
            }
          }
        }
        if (first !== undefined) this.redefined.push({ name, line: attr.line, first });
        else seen?.set(name, attr.line);
        items.push(attr);
        if (!seen && items.length >= 16) {
          seen = new Map();
          for (const i of items) if (i.kind === 'attribute' && !seen.has(i.name)) seen.set(i.name, i.line);
        }
        this.endOfItem('Missing newline after argument', 'An argument definition must end with a newline.');
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        if (this.peek() === '"') {
          const at = this.pos;
          const t = this.parseQuoted();
          if (t.kind !== 'literal' || typeof t.value !== 'string') this.fail(at, 'Invalid block label', 'A block label must be a quoted string without interpolations.');
          labels.push(t.value);
        } else {
          const id = this.ident();
          if (id === undefined) break;
          labels.push(id);
        }
        this.ws(false);
      }
      if (this.peek() !== '{') {
        if (this.peek() === '\n' || this.eof()) this.fail(this.pos, 'Invalid block definition', `A block definition must have block content delimited by "{" and "}", starting on the same line as the block header (after ${name}).`);
        this.fail(this.pos, 'Invalid block definition', 'Either a quoted string block label or an opening brace ("{") is expected here.');
      }
      const brace = this.pos;
      this.pos++;
      this.enter(brace);
      const nl = this.nl;
      this.nl = false;
      const body = this.parseBody(brace);
      this.nl = nl;
      this.depth--;
      items.push({ kind: 'block', type: name, labels: exact(labels), body, line, start, end: this.pos });
      this.endOfItem('Missing newline after block definition', 'A block definition must end with a newline.');
    }
    return { items: exact(items) };
  }

  /** After an attribute or a block: a newline, the end of the file, or the closing brace of a one-line block. */
  private endOfItem(summary: string, detail: string): void {
    this.ws(false);
    const c = this.peek();
    if (c === '\n' || c === '}' || this.eof()) return;
    this.fail(this.pos, summary, detail);
  }

  // ---- expressions ----------------------------------------------------------------------

  parseStandaloneExpression(): Expr {
    this.nl = true;
    this.ws();
    const e = this.parseExpr();
    this.ws();
    if (!this.eof()) this.fail(this.pos, 'Extra characters after expression', 'An expression was successfully parsed, but extra characters were found after it.');
    return e;
  }

  parseBareTemplate(): Expr {
    const start = this.pos;
    const parts = this.parseTemplateParts('eof', this.src.length);
    return this.templateNode(parts, start, this.pos);
  }

  private parseExpr(): Expr {
    this.enter(this.pos);
    const e = this.parseConditional();
    this.depth--;
    return e;
  }

  private parseConditional(): Expr {
    const start = this.pos;
    const test = this.parseBinary(0);
    this.ws();
    if (this.peek() !== '?') return test;
    this.pos++;
    this.ws();
    const then = this.parseExpr();
    this.ws();
    if (this.peek() !== ':') this.fail(this.pos, 'Missing false expression in conditional', 'The conditional operator (...?...:...) requires a false expression, delimited by a colon.');
    this.pos++;
    this.ws();
    const otherwise = this.parseExpr();
    return { kind: 'conditional', test, then, else: otherwise, start, end: otherwise.end };
  }

  /** The binary operator at the current position, if any (`//` and `/*` start comments; `=` alone, `=>` and `!` are none). */
  private binaryOpHere(): BinaryOp | undefined {
    const src = this.src;
    const d = src[this.pos + 1];
    switch (src[this.pos]) {
      case '|':
        return d === '|' ? '||' : undefined;
      case '&':
        return d === '&' ? '&&' : undefined;
      case '=':
        return d === '=' ? '==' : undefined;
      case '!':
        return d === '=' ? '!=' : undefined;
      case '<':
        return d === '=' ? '<=' : '<';
      case '>':
        return d === '=' ? '>=' : '>';
      case '+':
        return '+';
      case '-':
        return '-';
      case '*':
        return '*';
      case '/':
        return d === '/' || d === '*' ? undefined : '/';
      case '%':
        return '%';
      default:
        return undefined;
    }
  }

  /**
   * Binary operators of precedence `level` or higher, left-associative (precedence climbing:
   * the same tree as one recursive call per level, without the calls for an operand alone).
   */
  private parseBinary(level: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      this.ws();
      const op = this.binaryOpHere();
      if (op === undefined) return left;
      const opLevel = LEVEL[op];
      if (opLevel < level) return left;
      this.pos += op.length;
      this.ws();
      const right = this.parseBinary(opLevel + 1);
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
  }

  private parseUnary(): Expr {
    const c = this.peek();
    if ((c === '!' && this.peek(1) !== '=') || c === '-') {
      const start = this.pos;
      this.pos++;
      this.ws();
      this.enter(start);
      const operand = this.parseUnary();
      this.depth--;
      if (c === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value, start, end: operand.end };
      return { kind: 'unary', op: c, operand, start, end: operand.end };
    }
    return this.parsePostfix(this.parseTerm());
  }

  /** Traversals after a term: `.attr`, `.0`, `[key]`, `[*]`, `.*`. */
  private parsePostfix(term: Expr): Expr {
    let e = term;
    for (;;) {
      const save = this.pos;
      this.ws();
      if (this.peek() === '.' && this.peek(1) !== '.') {
        this.pos++;
        if (this.peek() === '*') {
          this.pos++;
          e = this.splat(e, true);
          continue;
        }
        DIGITS.lastIndex = this.pos;
        const digits = DIGITS.exec(this.src)?.[0];
        if (digits) {
          this.pos += digits.length;
          const key: Expr = { kind: 'literal', value: Number(digits), start: this.pos - digits.length, end: this.pos };
          e = { kind: 'index', target: e, key, start: e.start, end: this.pos };
          continue;
        }
        const name = this.ident();
        if (name === undefined) this.fail(this.pos, 'Invalid attribute name', 'An attribute name is required after a dot.');
        e = { kind: 'attr', target: e, name, start: e.start, end: this.pos };
        continue;
      }
      if (this.peek() === '[') {
        this.pos++;
        // `[*]`: newlines are whitespace inside the brackets.
        let isSplat = false;
        this.ws(true);
        if (this.peek() === '*') {
          const at = this.pos;
          this.pos++;
          this.ws(true);
          if (this.peek() === ']') isSplat = true;
          else this.pos = at;
        }
        if (isSplat) {
          this.pos++;
          e = this.splat(e, false);
          continue;
        }
        const key = this.indexKey();
        e = { kind: 'index', target: e, key, start: e.start, end: this.pos };
        continue;
      }
      this.pos = save;
      return e;
    }
  }

  /**
   * An expression inside brackets, parentheses or an interpolation: newlines allowed around it,
   * the newline flag as it was after.
   */
  private innerExpr(): Expr {
    const nl = this.nl;
    this.nl = true;
    this.ws();
    const e = this.parseExpr();
    this.ws();
    this.nl = nl;
    return e;
  }

  /** The key of an index after its `[` (newlines allowed inside), through the closing `]`. */
  private indexKey(): Expr {
    const key = this.innerExpr();
    if (this.peek() !== ']') this.fail(this.pos, 'Missing close bracket on index', 'The index operator must end with a closing bracket ("]").');
    this.pos++;
    return key;
  }

  /** `target[*]...` or `target.*...`: the traversal after it applies to each element. */
  private splat(target: Expr, attrOnly: boolean): Expr {
    let each: Expr = { kind: 'splat-item', start: this.pos, end: this.pos };
    for (;;) {
      const save = this.pos;
      this.ws();
      if (this.peek() === '.' && this.peek(1) !== '.' && this.peek(1) !== '*') {
        this.pos++;
        DIGITS.lastIndex = this.pos;
        const digits = DIGITS.exec(this.src)?.[0];
        if (digits) {
          this.pos += digits.length;
          each = { kind: 'index', target: each, key: { kind: 'literal', value: Number(digits), start: this.pos - digits.length, end: this.pos }, start: each.start, end: this.pos };
          continue;
        }
        const name = this.ident();
        if (name === undefined) this.fail(this.pos, 'Invalid attribute name', 'An attribute name is required after a dot.');
        each = { kind: 'attr', target: each, name, start: each.start, end: this.pos };
        continue;
      }
      if (!attrOnly && this.peek() === '[' && !/^\[\s*\*/.test(this.src.slice(this.pos, this.pos + 8))) {
        this.pos++;
        const key = this.indexKey();
        each = { kind: 'index', target: each, key, start: each.start, end: this.pos };
        continue;
      }
      this.pos = save;
      return { kind: 'splat', target, each, start: target.start, end: Math.max(this.pos, each.end) };
    }
  }

  private parseTerm(): Expr {
    const start = this.pos;
    const c = this.peek();
    if (this.eof() || c === '\n') this.fail(this.pos, 'Invalid expression', 'Expected the start of an expression, but found the end of the line.');
    if (c >= '0' && c <= '9') {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.src)!;
      this.pos += m[0].length;
      return { kind: 'literal', value: Number(m[0]), start, end: this.pos };
    }
    if (c === '"') return this.parseQuoted();
    if (c === '<' && this.peek(1) === '<') return this.parseHeredoc();
    if (c === '(') {
      this.pos++;
      const inner = this.innerExpr();
      if (this.peek() !== ')') this.fail(this.pos, 'Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.');
      this.pos++;
      return { kind: 'paren', expr: inner, start, end: this.pos };
    }
    if (c === '[') return this.parseTupleOrFor();
    if (c === '{') return this.parseObjectOrFor();
    const id = this.identAt();
    if (id !== undefined) {
      this.pos += id.length;
      let name = id;
      // Provider-defined functions: provider::<name>::<function>(...).
      while (this.startsWith('::')) {
        this.pos += 2;
        const part = this.ident();
        if (part === undefined) this.fail(this.pos, 'Invalid function name', 'A function name is required after "::".');
        name += `::${part}`;
      }
      const save = this.pos;
      this.ws(false);
      if (this.peek() === '(') return this.parseCall(name, start);
      this.pos = save;
      if (name.includes('::')) this.fail(this.pos, 'Missing function call', 'A namespaced name must be followed by a function call.');
      if (id === 'true' || id === 'false') return { kind: 'literal', value: id === 'true', start, end: this.pos };
      if (id === 'null') return { kind: 'literal', value: null, start, end: this.pos };
      return { kind: 'name', name: id, start, end: this.pos };
    }
    this.fail(this.pos, 'Invalid expression', `Expected the start of an expression, but found ${JSON.stringify(c)}.`);
  }

  private parseCall(name: string, start: number): Expr {
    this.pos++; // (
    const nl = this.nl;
    this.nl = true;
    const e = this.callArguments(name, start);
    this.nl = nl;
    return e;
  }

  /** The arguments of a call after its `(`, through the `)`. */
  private callArguments(name: string, start: number): Expr {
    const args: Expr[] = [];
    let expand = false;
    for (;;) {
      this.ws();
      if (this.peek() === ')') break;
      if (expand) this.fail(this.pos, 'Missing closing parenthesis', 'An expanded function argument (with ...) must be immediately followed by closing parentheses.');
      args.push(this.parseExpr());
      this.ws();
      if (this.startsWith('...')) {
        this.pos += 3;
        expand = true;
        this.ws();
      }
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() !== ')') this.fail(this.pos, 'Missing argument separator', 'A comma is required to separate each function argument from the next.');
    }
    this.pos++; // )
    return { kind: 'call', name, args: exact(args), expand, start, end: this.pos } as Expr;
  }

  /** Whether the next word is the keyword `kw` (followed by a non-identifier character). */
  private keyword(kw: string): boolean {
    const next = this.src[this.pos + kw.length];
    return this.startsWith(kw) && (next === undefined || !isIdPart(next));
  }

  private parseTupleOrFor(): Expr {
    const start = this.pos;
    this.pos++;
    const nl = this.nl;
    this.nl = true;
    const e = this.tupleOrFor(start);
    this.nl = nl;
    return e;
  }

  /** A tuple or a tuple `for` after its `[`, through the `]`. */
  private tupleOrFor(start: number): Expr {
    this.ws();
    if (this.keyword('for')) return this.parseFor(start, false);
    const items: Expr[] = [];
    for (;;) {
      this.ws();
      if (this.peek() === ']') break;
      items.push(this.parseExpr());
      this.ws();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() !== ']') this.fail(this.pos, 'Missing item separator', 'Expected a comma to mark the beginning of the next item.');
    }
    this.pos++;
    return { kind: 'tuple', items: exact(items), start, end: this.pos } as Expr;
  }

  private parseObjectOrFor(): Expr {
    const start = this.pos;
    this.pos++;
    const save = this.pos;
    const nl = this.nl;
    this.nl = true;
    this.ws();
    if (this.keyword('for')) {
      const e = this.parseFor(start, true);
      this.nl = nl;
      return e;
    }
    this.pos = save;
    this.nl = false;
    const e = this.objectItems(start);
    this.nl = nl;
    return e;
  }

  /** The items of an object constructor after its `{`, through the `}`. */
  private objectItems(start: number): Expr {
    const items: ObjectItem[] = [];
    for (;;) {
      this.ws(true);
      if (this.eof()) this.fail(start, 'Unclosed object constructor', 'There is no closing brace for this object before the end of the file.');
      if (this.peek() === '}') break;
      const key = this.parseObjectKey();
      this.ws(false);
      if ((this.peek() !== '=' && this.peek() !== ':') || this.peek(1) === '=' || this.peek(1) === '>') {
        this.fail(this.pos, 'Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.');
      }
      this.pos++;
      this.ws(false);
      const value = this.parseExpr();
      items.push({ key, value });
      this.ws(false);
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === '\n' || this.peek() === '}') continue;
      this.fail(this.pos, 'Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.');
    }
    this.pos++;
    return { kind: 'object', items: exact(items), start, end: this.pos } as Expr;
  }

  /** An object key: a bare name is the literal name; anything else is an expression. */
  private parseObjectKey(): Expr {
    const start = this.pos;
    const id = this.identAt();
    if (id !== undefined) {
      // `name =` or `name:` followed by a character on the same line, other than `==` and `=>`.
      const src = this.src;
      let j = this.pos + id.length;
      while (src[j] === ' ' || src[j] === '\t') j++;
      const sep = src[j];
      const next = src[j + 1];
      const sameLine = next !== undefined && next !== '\n' && next !== '\r' && next !== '\u2028' && next !== '\u2029';
      if ((sep === '=' || sep === ':') && sameLine && !(sep === '=' && (next === '=' || next === '>'))) {
        this.pos += id.length;
        return { kind: 'literal', value: id, start, end: this.pos };
      }
    }
    return this.parseBinary(0);
  }

  private parseFor(start: number, object: boolean): Expr {
    this.pos += 3; // for
    this.ws();
    const first = this.ident();
    if (first === undefined) this.fail(this.pos, 'Invalid for expression', 'For expression requires a variable name after "for".');
    let keyVar: string | undefined;
    let valueVar = first;
    this.ws();
    if (this.peek() === ',') {
      this.pos++;
      this.ws();
      const second = this.ident();
      if (second === undefined) this.fail(this.pos, 'Invalid for expression', 'For expression requires a value variable name after the comma.');
      keyVar = first;
      valueVar = second;
      this.ws();
    }
    if (!this.keyword('in')) this.fail(this.pos, 'Invalid for expression', 'For expression requires the "in" keyword after its name declarations.');
    this.pos += 2;
    this.ws();
    const collection = this.parseExpr();
    this.ws();
    if (this.peek() !== ':') this.fail(this.pos, 'Invalid for expression', 'For expression requires a colon after the collection expression.');
    this.pos++;
    this.ws();
    let key: Expr | undefined;
    let value = this.parseExpr();
    this.ws();
    if (object) {
      if (!this.startsWith('=>')) this.fail(this.pos, 'Invalid for expression', 'Key expression in for expression must be followed by a "=>" symbol.');
      this.pos += 2;
      this.ws();
      key = value;
      value = this.parseExpr();
      this.ws();
    }
    let group = false;
    if (object && this.startsWith('...')) {
      this.pos += 3;
      group = true;
      this.ws();
    }
    let cond: Expr | undefined;
    if (this.keyword('if')) {
      this.pos += 2;
      this.ws();
      cond = this.parseExpr();
      this.ws();
    }
    const close = object ? '}' : ']';
    if (this.peek() !== close) this.fail(this.pos, 'Invalid for expression', `Extra characters after the end of the for expression: expected "${close}".`);
    this.pos++;
    return {
      kind: 'for',
      ...(keyVar !== undefined ? { keyVar } : {}),
      valueVar,
      collection,
      ...(key ? { key } : {}),
      value,
      ...(cond ? { cond } : {}),
      group,
      object,
      start,
      end: this.pos,
    } as Expr;
  }

  // ---- templates ------------------------------------------------------------------------

  private templateNode(parts: TemplatePart[], start: number, end: number): Expr {
    if (parts.length === 0) return { kind: 'literal', value: '', start, end };
    if (parts.length === 1 && parts[0]!.kind === 'text') return { kind: 'literal', value: parts[0]!.value, start, end };
    return { kind: 'template', parts: exact(parts), start, end };
  }

  /** `"..."`: a quoted template on one line. */
  private parseQuoted(): Expr {
    const start = this.pos;
    this.pos++;
    // Most strings are plain text up to the closing quote: no parts to build.
    TEMPLATE_SPECIAL.lastIndex = this.pos;
    const next = TEMPLATE_SPECIAL.exec(this.src);
    if (next && next[0] === '"') {
      const value = next.index - this.pos <= 64 ? shared(this.src.slice(this.pos, next.index)) : this.src.slice(this.pos, next.index);
      this.pos = next.index + 1;
      return { kind: 'literal', value, start, end: this.pos };
    }
    const parts = this.parseTemplateParts('quote', this.src.length);
    return this.templateNode(parts, start, this.pos);
  }

  /** `<<EOT` / `<<-EOT` heredoc up to the line that holds only the marker. */
  private parseHeredoc(): Expr {
    const start = this.pos;
    const m = /^<<(-?)([\p{L}_][\p{L}\p{N}_-]*)[ \t]*\r?\n/u.exec(this.src.slice(this.pos, this.pos + 200));
    if (!m) this.fail(this.pos, 'Invalid heredoc', 'A heredoc must start with <<MARKER or <<-MARKER followed by a newline.');
    const flush = m[1] === '-';
    const marker = m[2]!;
    const bodyStart = this.pos + m[0].length;
    const re = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'm');
    const rest = this.src.slice(bodyStart);
    const end = re.exec(rest);
    if (!end) this.fail(start, 'Unterminated template string', `There is no line holding only ${marker} to end this heredoc.`);
    const bodyEnd = bodyStart + end.index;
    this.pos = bodyStart;
    let parts = this.parseTemplateParts('heredoc', bodyEnd);
    if (flush) parts = stripIndent(parts);
    this.pos = bodyEnd + end[0].length;
    return this.templateNode(parts, start, this.pos);
  }

  /** Template parts up to the closing quote (`quote`), `limit` (`heredoc`) or the end (`eof`). */
  private parseTemplateParts(mode: 'quote' | 'heredoc' | 'eof', limit: number): TemplatePart[] {
    const open = this.pos - 1;
    const stack: Array<{ kind: 'if' | 'for'; parts: TemplatePart[]; node: Record<string, unknown>; inElse: boolean }> = [];
    const root: TemplatePart[] = [];
    const out = (): TemplatePart[] => {
      const top = stack[stack.length - 1];
      if (!top) return root;
      return top.inElse ? (top.node.else as TemplatePart[]) : top.parts;
    };
    let text = '';
    let stripNext = false;
    const flushText = (stripRight: boolean): void => {
      let t = text;
      if (stripNext) t = t.replace(/^\s+/, '');
      if (stripRight) t = t.replace(/\s+$/, '');
      stripNext = false;
      if (t !== '') out().push(textPart(t));
      text = '';
    };
    for (;;) {
      if (this.pos >= limit) {
        if (mode === 'quote') this.fail(open, 'Unterminated template string', 'No closing marker was found for the string.');
        break;
      }
      const c = this.peek();
      if (mode === 'quote' && c === '"') {
        this.pos++;
        break;
      }
      if (mode === 'quote' && c === '\n') this.fail(this.pos, 'Invalid multi-line string', 'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.');
      if (mode === 'quote' && c === '\\') {
        text += this.escape();
        continue;
      }
      if ((c === '$' || c === '%') && this.peek(1) === c && this.peek(2) === '{') {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.peek(1) === '{') {
        const at = this.pos;
        this.pos += 2;
        const stripLeft = this.peek() === '~';
        if (stripLeft) this.pos++;
        flushText(stripLeft);
        if (c === '$') {
          const expr = this.innerExpr();
          this.closeInterp(at);
          out().push({ kind: 'interp', expr });
        } else {
          this.directive(at, stack, out);
        }
        continue;
      }
      // A run of plain text up to the next character that may mean something.
      TEMPLATE_SPECIAL.lastIndex = this.pos + 1;
      const next = TEMPLATE_SPECIAL.exec(this.src);
      const stop = Math.min(next ? next.index : this.src.length, limit);
      text += this.src.slice(this.pos, stop);
      this.pos = stop;
    }
    flushText(false);
    if (stack.length) this.fail(open, 'Unterminated template directive', `A %{${stack[stack.length - 1]!.kind}} directive has no matching %{end${stack[stack.length - 1]!.kind}}.`);
    return root;
  }

  /** `~}` or `}` closing an interpolation or directive; returns whether it strips whitespace after. */
  private closeInterp(at: number): void {
    if (this.peek() === '~') this.pos++;
    if (this.peek() !== '}') this.fail(at, 'Extra characters after interpolation expression', 'Expected a closing brace to end the interpolation expression.');
    this.pos++;
  }

  private directive(
    at: number,
    stack: Array<{ kind: 'if' | 'for'; parts: TemplatePart[]; node: Record<string, unknown>; inElse: boolean }>,
    out: () => TemplatePart[],
  ): void {
    this.withNewlines(true, () => this.ws());
    const word = this.ident();
    const close = (): void => {
      this.withNewlines(true, () => this.ws());
      this.closeInterp(at);
    };
    if (word === 'if') {
      const cond = this.withNewlines(true, () => {
        this.ws();
        return this.parseExpr();
      });
      close();
      const node: Record<string, unknown> = { kind: 'if', cond, then: [], else: [] };
      out().push(node as unknown as TemplatePart);
      stack.push({ kind: 'if', parts: node.then as TemplatePart[], node, inElse: false });
      return;
    }
    if (word === 'for') {
      const r = this.withNewlines(true, () => {
        this.ws();
        const a = this.ident();
        this.ws();
        let keyVar: string | undefined;
        let valueVar = a;
        if (this.peek() === ',') {
          this.pos++;
          this.ws();
          keyVar = a;
          valueVar = this.ident();
          this.ws();
        }
        if (valueVar === undefined || !this.keyword('in')) this.fail(at, 'Invalid template directive', 'A %{for} directive needs "for <name> in <collection>".');
        this.pos += 2;
        this.ws();
        return { keyVar, valueVar, collection: this.parseExpr() };
      });
      close();
      const node: Record<string, unknown> = { kind: 'for', ...(r.keyVar !== undefined ? { keyVar: r.keyVar } : {}), valueVar: r.valueVar, collection: r.collection, body: [] };
      out().push(node as unknown as TemplatePart);
      stack.push({ kind: 'for', parts: node.body as TemplatePart[], node, inElse: false });
      return;
    }
    const top = stack[stack.length - 1];
    if (word === 'else' && top?.kind === 'if' && !top.inElse) {
      close();
      top.inElse = true;
      return;
    }
    if ((word === 'endif' && top?.kind === 'if') || (word === 'endfor' && top?.kind === 'for')) {
      close();
      stack.pop();
      return;
    }
    this.fail(at, 'Invalid template directive', `Expected %{if}, %{for}, %{else}, %{endif} or %{endfor}, got %{${word ?? ''}}.`);
  }

  private escape(): string {
    const at = this.pos;
    const n = this.peek(1);
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (n in simple) {
      this.pos += 2;
      return simple[n]!;
    }
    if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      const hex = this.src.slice(this.pos + 2, this.pos + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) this.fail(at, 'Invalid escape sequence', `The \\${n} escape needs ${len} hexadecimal digits.`);
      this.pos += 2 + len;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    this.fail(at, 'Invalid escape sequence', `The symbol ${JSON.stringify(n)} is not a valid escape sequence selector.`);
  }
}

/** `<<-` heredocs: removes the smallest indentation of the lines from each line. */
function stripIndent(parts: TemplatePart[]): TemplatePart[] {
  const texts = parts.filter((p): p is { kind: 'text'; value: string } => p.kind === 'text').map((p) => p.value);
  const joined = texts.join('\u0000');
  let min = Infinity;
  // Line starts: the start of the body and after every newline.
  for (const m of `\n${joined}`.matchAll(/\n([ \t]*)(?=[^\s\u0000])/g)) min = Math.min(min, m[1]!.length);
  if (!Number.isFinite(min) || min === 0) return parts;
  let atLineStart = true;
  return parts.map((p) => {
    if (p.kind !== 'text') {
      atLineStart = false;
      return p;
    }
    const lines = p.value.split('\n');
    const value = lines.map((l, i) => ((i > 0 || atLineStart) ? l.replace(new RegExp(`^[ \\t]{0,${min}}`), '') : l)).join('\n');
    atLineStart = p.value.endsWith('\n');
    return { kind: 'text', value };
  });
}
