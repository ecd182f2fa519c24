/**
 * ArmResource: one Azure resource as the ARM readers see it, whatever the shape it came in (a
 * template resource, a nested child, a live `az` export): full type, full name, properties and,
 * for an extension resource, its scope. Values are evaluated: Unknown where not known.
 */
import { isUnknown, type Maybe } from '../../model/unknown.js';
import { textOf } from './expressions.js';

/** Which of the three shapes an ARM input is. */
export type ArmShape = 'arm-template' | 'bicep' | 'live';

/** One resource of an ARM input. */
export interface ArmResource {
  /** Full resource type, e.g. `Microsoft.ContainerRegistry/registries/replications`. */
  readonly type: string;
  /** Full name, segments separated by `/` (`acrprod/eastus`); Unknown with a canonical text when not known. */
  readonly name: Maybe<string>;
  /**
   * Resource id (live exports).
   * @default - not known (templates)
   */
  readonly id?: string;
  /**
   * Location.
   * @default - none given
   */
  readonly location?: unknown;
  /**
   * SKU object.
   * @default - none given
   */
  readonly sku?: unknown;
  /**
   * Tags.
   * @default - none given
   */
  readonly tags?: unknown;
  /** Properties (the resource body's `properties`, or the flattened fields of an `az` export). */
  readonly properties: unknown;
  /**
   * Scope of an extension resource (role assignment, lock, diagnostic setting): a resource id,
   * `Microsoft.X/type/name`, or Unknown.
   * @default - the deployment's resource group (templates) or the id's parent (live)
   */
  readonly scope?: unknown;
  /**
   * Resource group (live exports).
   * @default - the deployment's (templates)
   */
  readonly resourceGroup?: string;
  /**
   * Bicep symbolic name (`languageVersion` 2.0 templates).
   * @default - none
   */
  readonly symbolic?: string;
  /**
   * Resources named in `dependsOn` (symbolic names or resource ids), evaluated.
   * @default []
   */
  readonly dependsOn?: readonly unknown[];
  /** JSON pointer of the resource in its file. */
  readonly pointer: string;
  /** How a report names it: `Microsoft.ContainerRegistry/registries/acrprod`. */
  readonly address: string;
}

/** A key for matching names across resources: the lowercased known text or symbolic text of an Unknown. */
export function nameKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v.toLowerCase();
  if (isUnknown(v) && v.expression !== undefined) return v.expression.toLowerCase();
  return undefined;
}

/** The segments of a full name (`acrprod/eastus`), by known or symbolic text. */
export function nameSegments(v: unknown): string[] | undefined {
  const key = typeof v === 'string' ? v : isUnknown(v) ? v.expression : undefined;
  return key === undefined ? undefined : key.split('/');
}

/** The text of a value for addresses and messages. */
export function display(v: unknown): string {
  return typeof v === 'string' ? v : textOf(v);
}

/**
 * Whether `ref` (a resource id, `Microsoft.X/type/name`, or a symbolic Unknown of one) names
 * the resource of `type` whose name key is `key` (case-insensitive).
 */
export function refersTo(ref: unknown, type: string, key: string): boolean {
  const text = typeof ref === 'string' ? ref : isUnknown(ref) ? ref.expression : undefined;
  if (text === undefined) return false;
  const t = text.toLowerCase().replace(/\/+$/, '');
  const tail = `${type.toLowerCase()}/${key}`;
  return t === tail || t.endsWith(`/${tail}`);
}
