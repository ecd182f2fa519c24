/**
 * `acr purge` semantics over a {@link RegistryStore} (Azure/acr-cli; AMD
 * container-registry-auto-purge.md): in repositories matching the repository regex, delete the
 * tags matching the tag regex whose last update is older than `--ago`, except the `--keep`
 * latest of those; with `--untagged`, then delete untagged manifests older than `--ago`.
 * Deleting a tag untags its manifest (it frees nothing by itself). Both regexes are anchored.
 * A manifest's last update is its push time; pushes are stamped at the start of their day.
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
    for (let r = 0; r < repoCount; r++) {
      if (!this.repoMatch[r]) continue;
      c.length = 0;
      for (let m = store.repoHead[r]!; m >= 0 && store.mPushDay[m]! * 1440 < cutoff; m = store.mNext[m]!) {
        if (store.mState[m] !== ManifestState.Tagged) continue;
        if (this.anyTag || this.tagMatches(store, m)) c.push(m);
      }
      for (let i = 0; i < c.length - this.task.keep; i++) {
        store.untag(c[i]!, day);
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
      t = this.tagRe.test(store.seededTagName(m) ?? tagName(store.tagSlot(m), store.tagSeq(m))) ? 1 : 2;
      this.tagMatch[m] = t;
    }
    return t === 1;
  }
}
