/**
 * Suppressions: accepted findings, with a reason. They never remove a finding; it stays in
 * every report marked suppressed.
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { compareStrings } from '../order.js';
import { findRule } from './packs/index.js';

/** One suppression. */
export interface Suppression {
  /** Rule id it silences, e.g. `ACR-SEC-004`. */
  readonly id: string;
  /** Why (at least 10 characters). */
  readonly reason: string;
  /**
   * Registry address or construct path it applies to; a construct path also covers
   * everything below it; a trailing `*` matches any suffix.
   * @default - every registry
   */
  readonly address?: string;
  /**
   * Input file it applies to (comments in `.tf` files apply to their own file only).
   * @default - any file
   */
  readonly file?: string;
  /**
   * cdktf stack it applies to: registries whose construct path starts with `<stack>/`.
   * @default - any stack
   */
  readonly stack?: string;
  /**
   * JSON pointer of the suppression in `origin` (config suppressions).
   * @default - none
   */
  readonly pointer?: string;
  /** `inSource` (comment, construct) or `external` (config file). */
  readonly kind: 'inSource' | 'external';
  /** Where it is written, for reports. */
  readonly origin: string;
}

/** Minimum reason length, as cdk-nag requires. */
export const MIN_REASON_LENGTH = 10;

/** Why a suppression is invalid (`<what> <rule>, got <value>: <fix>.`), or undefined when valid. */
export function suppressionProblem(s: { id: string; reason: string }): string | undefined {
  if (!findRule(s.id)) return `suppression id must be a known rule id, got '${s.id}': use an id from acrkit check --format json (e.g. ACR-SEC-001).`;
  if (s.reason.trim().length < MIN_REASON_LENGTH) {
    return `suppression reason must be at least ${MIN_REASON_LENGTH} characters, got '${s.reason.trim()}': say why ${s.id} is accepted here.`;
  }
  return undefined;
}

/** Whether `s` covers a finding of `ruleId` on a registry. */
export function covers(s: Suppression, ruleId: string, address: string, constructPath?: string, file?: string): boolean {
  if (s.id !== ruleId) return false;
  if (s.file !== undefined && s.file !== file) return false;
  if (s.stack !== undefined && !constructPath?.startsWith(`${s.stack}/`)) return false;
  if (s.address === undefined || s.address === '*') return true;
  const match = (target: string | undefined): boolean => {
    if (target === undefined) return false;
    if (s.address!.endsWith('*')) return target.startsWith(s.address!.slice(0, -1));
    return target === s.address || target.startsWith(`${s.address}/`);
  };
  return match(address) || match(constructPath);
}

/** Where a registry lives, for telling apart registries with one address: its stack or file. */
function scopeOf(spec: RegistrySpec): string {
  const path = spec.source.constructPath;
  return path !== undefined ? `stack ${path.split('/')[0]}` : `file ${spec.source.file ?? spec.address}`;
}

/**
 * Suppressions that name one exact registry address (no `*`) which several stacks or files
 * hold, each with a message listing them and the fix. cdktf gives a registry the same logical
 * id in every stack, so `azurerm_container_registry.registry_71CE07F6` alone would silence
 * dev and prod alike.
 */
export function ambiguousSuppressions(suppressions: readonly Suppression[], specs: readonly RegistrySpec[]): Array<{ suppression: Suppression; message: string }> {
  const out: Array<{ suppression: Suppression; message: string }> = [];
  for (const s of suppressions) {
    if (s.kind !== 'external' || s.address === undefined || s.address.endsWith('*')) continue;
    const scopes = [...new Set(specs.filter((spec) => covers(s, s.id, spec.address, spec.source.constructPath, spec.source.file)).map(scopeOf))].sort(compareStrings);
    if (scopes.length < 2) continue;
    out.push({
      suppression: s,
      message: `suppression address must name one registry, got '${s.address}' in ${scopes.length} places (${scopes.join(', ')}): add "stack" or "file" to say which, or use the construct path (e.g. "${specs.find((x) => x.address === s.address && x.source.constructPath)?.source.constructPath ?? 'dev/registry'}").`,
    });
  }
  return out;
}
