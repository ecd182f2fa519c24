/**
 * A change's flags (destructive, rejected by Azure, access loss, ...), one list for every review
 * renderer: each decorates the same words its own way (Markdown with emoji, HTML with marks).
 */
import type { ResourceChange } from '../../review/diff.js';

/** One flag: the reason kind it stands for, its words, and whether it fails a review (unless allowed). */
export interface ChangeFlagInfo {
  /** The flag, as the change's reason kinds spell it. */
  readonly kind: 'destructive' | 'irreversible' | 'rejected' | 'access-loss' | 'access-widened' | 'drift';
  /** The flag in words. */
  readonly words: string;
  /** Whether it fails a review, or would unless `--allow-destroy` / `--allow-access-loss` accept it. */
  readonly severe: boolean;
}

/** Every flag, in the order the reports list them. */
export const CHANGE_FLAGS: readonly ChangeFlagInfo[] = [
  { kind: 'destructive', words: 'destructive', severe: true },
  { kind: 'irreversible', words: 'irreversible', severe: false },
  { kind: 'rejected', words: 'rejected by Azure', severe: true },
  { kind: 'access-loss', words: 'access loss', severe: true },
  { kind: 'access-widened', words: 'access widened', severe: false },
  { kind: 'drift', words: 'drift', severe: false },
];

/** A flag's kind. */
export type ChangeFlag = ChangeFlagInfo['kind'];

/**
 * The flags of a change, in {@link CHANGE_FLAGS} order. A destructive change is not flagged
 * irreversible as well: deleting data says more.
 */
export function flagsOf(c: ResourceChange): ChangeFlagInfo[] {
  return CHANGE_FLAGS.filter((f) => {
    if (f.kind === 'destructive') return c.destructive;
    if (f.kind === 'irreversible') return c.irreversible && !c.destructive;
    return c.reasons.some((r) => r.kind === f.kind);
  });
}

/** Whether a change reason of this kind fails a review (or would, unless allowed). */
export function isSevere(kind: ResourceChange['reasons'][number]['kind']): boolean {
  return CHANGE_FLAGS.some((f) => f.kind === kind && f.severe);
}
