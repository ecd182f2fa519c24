/**
 * The syntax tree of HCL native syntax as acrkit reads it: bodies of attributes and blocks, and
 * expressions with their offsets into the file text, so every value can name the line it came
 * from and every Unknown can keep the expression as written.
 */

/** Where a node is in its file: offsets into the text, end exclusive. */
export interface Span {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

/** Binary operators, by HCL precedence (lowest first: `||`, `&&`, equality, comparison, `+ -`, `* / %`). */
export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** One part of a string template. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'interp'; readonly expr: Expr }
  | { readonly kind: 'if'; readonly cond: Expr; readonly then: readonly TemplatePart[]; readonly else: readonly TemplatePart[] }
  | { readonly kind: 'for'; readonly keyVar?: string; readonly valueVar: string; readonly collection: Expr; readonly body: readonly TemplatePart[] };

/** One item of an object constructor. */
export interface ObjectItem {
  /** The key: a literal for a bare name, else an expression. */
  readonly key: Expr;
  /** The value. */
  readonly value: Expr;
}

/** An expression. */
export type Expr = Span &
  (
    | { readonly kind: 'literal'; readonly value: null | boolean | number | string }
    | { readonly kind: 'template'; readonly parts: readonly TemplatePart[] }
    | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
    | { readonly kind: 'object'; readonly items: readonly ObjectItem[] }
    | { readonly kind: 'name'; readonly name: string }
    | { readonly kind: 'attr'; readonly target: Expr; readonly name: string }
    | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr }
    | { readonly kind: 'splat'; readonly target: Expr; readonly each: Expr }
    | { readonly kind: 'splat-item' }
    | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
    | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
    | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
    | { readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
    | {
        readonly kind: 'for';
        readonly keyVar?: string;
        readonly valueVar: string;
        readonly collection: Expr;
        readonly key?: Expr;
        readonly value: Expr;
        readonly cond?: Expr;
        readonly group: boolean;
        readonly object: boolean;
      }
    | { readonly kind: 'paren'; readonly expr: Expr }
  );

/** `name = expression`. */
export interface Attribute extends Span {
  /** Discriminator. */
  readonly kind: 'attribute';
  /** Argument name. */
  readonly name: string;
  /** Its value. */
  readonly expr: Expr;
  /** 1-based line of the name. */
  readonly line: number;
}

/** `type "label" ... { body }`. */
export interface Block extends Span {
  /** Discriminator. */
  readonly kind: 'block';
  /** Block type, e.g. `resource`, `georeplications`. */
  readonly type: string;
  /** Labels, e.g. `["azurerm_container_registry", "main"]`. */
  readonly labels: readonly string[];
  /** Its content. */
  readonly body: Body;
  /** 1-based line of the type name. */
  readonly line: number;
}

/** The content of a file or a block, in source order. */
export interface Body {
  /** Attributes and blocks as written. */
  readonly items: ReadonlyArray<Attribute | Block>;
}

/** One parsed `.tf` file. */
export interface HclSource {
  /** File name as the user reads it. */
  readonly file: string;
  /** Its text (expression offsets point into it). */
  readonly text: string;
  /** Offsets of line starts, for offset-to-line lookups. */
  readonly lineStarts: readonly number[];
}

/** The 1-based line of `offset` in `src`. */
export function lineOf(src: HclSource, offset: number): number {
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Offsets of every line start of `text`. */
export function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The attributes of a body, by name (the last one wins, as after an "Attribute redefined" error). */
export function attributesOf(body: Body): Map<string, Attribute> {
  const out = new Map<string, Attribute>();
  for (const i of body.items) if (i.kind === 'attribute') out.set(i.name, i);
  return out;
}

/** The blocks of a body of one type. */
export function blocksOf(body: Body, type: string): Block[] {
  return body.items.filter((i): i is Block => i.kind === 'block' && i.type === type);
}
