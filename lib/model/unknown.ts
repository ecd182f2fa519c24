/**
 * A value that cannot be known statically (a Terraform variable without a literal default,
 * a reference to another resource, a value known only after apply). Never a guess.
 */
export interface Unknown {
  /** Discriminator. */
  readonly unknown: true;
  /** Why the value is not known, e.g. "var.sku has no default". */
  readonly reason: string;
  /**
   * The expression as written, e.g. `${var.sku}`.
   * @default - none
   */
  readonly expression?: string;
}

/** A value, or {@link Unknown}. */
export type Maybe<T> = T | Unknown;

/** Builds an {@link Unknown}. */
export function unknown(reason: string, expression?: string): Unknown {
  return expression === undefined ? { unknown: true, reason } : { unknown: true, reason, expression };
}

/** Whether `v` is {@link Unknown}. */
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === 'object' && v !== null && (v as { unknown?: unknown }).unknown === true;
}

/** The value when known, else `undefined`. */
export function known<T>(v: Maybe<T>): T | undefined {
  return isUnknown(v) ? undefined : v;
}

/** Renders a value for a message: `Unknown` as `(unknown: reason)`. */
export function show(v: unknown): string {
  if (isUnknown(v)) return `(unknown: ${v.reason})`;
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return JSON.stringify(v) ?? String(v);
}

/**
 * Whether two values are the same Unknown: both Unknown with the same expression, evaluated in
 * the same place (a source tags an expression with its module or instance where they differ).
 * `var.location` as the home region and as a replica's region is one value, whatever it is.
 */
export function sameUnknown(a: unknown, b: unknown): boolean {
  return isUnknown(a) && isUnknown(b) && a.expression !== undefined && a.expression === b.expression;
}
