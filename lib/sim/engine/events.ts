/**
 * Timed events that act on one registry's store and workload at their minute: `workload-change`
 * (pushes, pulls, repository growth, image size, tag strategy), `delete` and `untag` (manifests by
 * repository regex and age), and the configuration changes the engine applies itself. The engine
 * (engine.ts) cuts a day at each of these minutes: the pushes of the part of the day before an
 * event see the settings and workload in force before it.
 *
 * How a day is cut, keeping common random numbers: the day's push count is drawn once (as on a
 * day without events), from the mean of each part weighted by its share of the day's push volume
 * (the peak window included); the count is then shared out over the parts by cumulative rounding
 * (deterministic, no draw). A day with only configuration changes, delete or untag events draws
 * exactly what it draws without them; a workload change alters the draws from its own day on, and
 * never those of another registry (each has its own stream).
 */
import { ManifestState, type RegistryStore } from './store.js';
import type { SimConfigEvent, SimStoreEvent, SimWorkloadEvent } from '../scenario/model.js';
import { anchoredPattern } from '../scenario/patterns.js';

/** An event the engine applies at a minute of the day. */
export type TimedAction =
  | { readonly at: number; readonly kind: 'config'; readonly event: SimConfigEvent }
  | { readonly at: number; readonly kind: 'workload'; readonly event: SimWorkloadEvent }
  | { readonly at: number; readonly kind: 'store'; readonly event: SimStoreEvent; readonly run: StoreEventRunner };

/** Orders timed actions by minute, then by event index (the order they were written). */
export function byTime(a: TimedAction, b: TimedAction): number {
  return a.at - b.at || a.event.index - b.event.index;
}

/** What a delete or untag event did. */
export interface StoreEventOutcome {
  /** Manifests untagged (untag) or deleted (delete). */
  manifests: number;
}

/** A compiled `delete` or `untag` event. */
export class StoreEventRunner {
  private readonly re: RegExp;

  constructor(readonly event: SimStoreEvent) {
    this.re = anchoredPattern(event.repoPattern);
  }

  /**
   * Runs the event at absolute minute `minute` of `day` over `repoCount` repositories: in the
   * repositories whose name matches (`repo-<i>`, or a seeded repository's own name), every manifest pushed more than `olderThan` before (pushes
   * are stamped at the start of their day) is untagged (frees nothing) or deleted (frees the
   * layers no other manifest references; soft delete applies).
   */
  run(store: RegistryStore, repoCount: number, day: number, minute: number): StoreEventOutcome {
    const cutoff = minute - this.event.olderThanMinutes;
    const del = this.event.kind === 'delete';
    const out: StoreEventOutcome = { manifests: 0 };
    for (let r = 0; r < repoCount; r++) {
      if (!this.re.test(store.repositoryName(r))) continue;
      for (let m = store.repoHead[r]!; m >= 0 && store.mPushDay[m]! * 1440 < cutoff; ) {
        const next = store.mNext[m]!;
        const state = store.mState[m];
        if (del) {
          store.delete(m, day);
          out.manifests++;
        } else if (state === ManifestState.Tagged) {
          store.untag(m, day);
          out.manifests++;
        }
        m = next;
      }
    }
    return out;
  }
}

/**
 * Shares `n` items out over parts in proportion to `weights` (cumulative rounding: part k gets
 * round(n x W_k / W) - round(n x W_{k-1} / W), where W_k sums the first k + 1 weights), into `out`.
 * Deterministic, sums to `n`; all to the last part when every weight is 0.
 */
export function shareOut(n: number, weights: ArrayLike<number>, out: Int32Array | number[]): void {
  const k = weights.length;
  let total = 0;
  for (let i = 0; i < k; i++) total += weights[i]!;
  let cum = 0;
  let given = 0;
  for (let i = 0; i < k; i++) {
    cum += weights[i]!;
    const upTo = i === k - 1 ? n : total > 0 ? Math.round((n * cum) / total) : 0;
    out[i] = upTo - given;
    given = upTo;
  }
}
