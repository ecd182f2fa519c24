/**
 * `acr purge` semantics over a {@link RegistryStore} (Azure/acr-cli; AMD
 * container-registry-auto-purge.md): in repositories matching the repository regex, delete the
 * tags matching the tag regex whose last update is older than `--ago`, except the `--keep`
 * latest of those; with `--untagged`, then delete untagged manifests older than `--ago`.
 * Deleting a manifest's last tag untags it (it frees nothing by itself). Both regexes are
 * anchored. A manifest's last update is its push time; pushes are stamped at the start of their
 * day. A workload manifest has one tag; an imported one may have several, each matched and
 * deleted on its own (all with the manifest's last update).
 */
import { ManifestState, type RegistryStore } from './store.js';
import { tagName } from './workload.js';
import type { PurgeTask } from '../scenario/workload-types.js';
import { anchoredPattern } from '../scenario/patterns.js';

/** What one purge run did. */
export interface PurgeOutcome {
  /** Tags deleted. */
  tagsDeleted: number;
  /** Manifests deleted. */
  manifestsDeleted: number;
}

/** A compiled purge task. */
export class Purger {
  private readonly repoRe: RegExp;
  private readonly tagRe: RegExp;
  private readonly anyTag: boolean;
  private repoMatch = new Int8Array(0);
  /**
   * Per manifest id: 0 not yet tested against the tag pattern, 1 matches, 2 does not. A
   * manifest's tag name never changes, and a nightly purge with `--keep` meets the kept manifests
   * every night: the pattern is tested (and the name built) once per manifest, not once a night.
   */
  private tagMatch = new Uint8Array(0);
  /** Whether an imported tag name matches the tag pattern, per name (names repeat: `latest`). */
  private readonly nameMatch = new Map<string, boolean>();
  /** Tags to consider, oldest first, as pairs: a manifest and the index of its imported tag, or -1 for its only tag. */
  private readonly candidates: number[] = [];

  constructor(readonly task: PurgeTask) {
    this.repoRe = anchoredPattern(task.repoPattern);
    this.tagRe = anchoredPattern(task.tagPattern);
    this.anyTag = task.tagPattern === '.*' || task.tagPattern === '.+';
  }

  /** Whether the task runs on `day` (every `everyDays`, from day 0). */
  due(day: number): boolean {
    return day % this.task.everyDays === 0;
  }

  /** Runs the task on `day` at its minute over the store's `repoCount` repositories. */
  run(store: RegistryStore, repoCount: number, day: number): PurgeOutcome {
    const cutoff = day * 1440 + this.task.atMinute - this.task.agoMinutes;
    const out: PurgeOutcome = { tagsDeleted: 0, manifestsDeleted: 0 };
    if (this.repoMatch.length < repoCount) {
      const old = this.repoMatch;
      this.repoMatch = new Int8Array(repoCount);
      this.repoMatch.set(old);
      for (let r = old.length; r < repoCount; r++) this.repoMatch[r] = this.repoRe.test(store.repositoryName(r)) ? 1 : 0;
    }
    const c = this.candidates;
    const imported = store.seedNames !== null;
    for (let r = 0; r < repoCount; r++) {
      if (!this.repoMatch[r]) continue;
      c.length = 0;
      for (let m = store.repoHead[r]!; m >= 0 && store.mPushDay[m]! * 1440 < cutoff; m = store.mNext[m]!) {
        if (store.mState[m] !== ManifestState.Tagged) continue;
        const names = imported ? store.seededTagNames(m) : undefined;
        if (names && names.length > 1) {
          for (let i = 0; i < names.length; i++) if (store.seededTagLive(m, i) && this.nameMatches(names[i]!)) c.push(m, i);
        } else if (this.anyTag || this.tagMatches(store, m)) c.push(m, -1);
      }
      for (let k = 0; k < c.length - 2 * this.task.keep; k += 2) {
        const m = c[k]!;
        const i = c[k + 1]!;
        if (i < 0) store.untag(m, day);
        else store.untagSeededTag(m, i, day);
        out.tagsDeleted++;
      }
      if (this.task.untagged) {
        for (let m = store.repoHead[r]!; m >= 0 && store.mPushDay[m]! * 1440 < cutoff; ) {
          const next = store.mNext[m]!;
          if (store.mState[m] === ManifestState.Untagged) {
            store.delete(m, day);
            out.manifestsDeleted++;
          }
          m = next;
        }
      }
    }
    return out;
  }

  /** Whether manifest `m`'s tag matches the tag pattern (tested once per manifest). */
  private tagMatches(store: RegistryStore, m: number): boolean {
    if (m >= this.tagMatch.length) {
      const grown = new Uint8Array(Math.max(store.manifestCount, 2 * this.tagMatch.length, 1024));
      grown.set(this.tagMatch);
      this.tagMatch = grown;
    }
    let t = this.tagMatch[m]!;
    if (t === 0) {
      t = this.tagRe.test(store.seededTagNames(m)?.[0] ?? tagName(store.tagSlot(m), store.tagSeq(m))) ? 1 : 2;
      this.tagMatch[m] = t;
    }
    return t === 1;
  }

  /** Whether an imported tag name matches the tag pattern (tested once per name). */
  private nameMatches(name: string): boolean {
    let t = this.nameMatch.get(name);
    if (t === undefined) this.nameMatch.set(name, (t = this.anyTag || this.tagRe.test(name)));
    return t;
  }
}
