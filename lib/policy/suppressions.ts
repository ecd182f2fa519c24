/**
 * Suppressions: accepted findings, with a reason. They never remove a finding; it stays in
 * every report marked suppressed.
 */
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
  if (s.address === undefined || s.address === '*') return true;
  const match = (target: string | undefined): boolean => {
    if (target === undefined) return false;
    if (s.address!.endsWith('*')) return target.startsWith(s.address!.slice(0, -1));
    return target === s.address || target.startsWith(`${s.address}/`);
  };
  return match(address) || match(constructPath);
}
