/**
 * A registry's content on day 0 ("start from today"), resolved: plain numbers (bytes, whole days
 * of age), ready for the engine's seeding (lib/sim/engine/seed-store.ts) and for structured
 * cloning to workers. Written by hand in the scenario (`initial:`) or imported from Azure CLI
 * exports (initial-exports.ts, initial.ts).
 */

/** Manifests alike in age, size and tags: one line of the inventory. */
export interface InitialManifestGroup {
  /** Repository index, or -1 for the same manifests in every repository. */
  readonly repository: number;
  /** Manifests (in each repository when {@link repository} is -1). */
  readonly count: number;
  /** Tags of each manifest (0 = untagged). */
  readonly tags: number;
  /** Age on day 0 in whole days (their last update, day -age). */
  readonly ageDays: number;
  /** Bytes each manifest holds alone (its share of layer bytes plus the manifest). */
  readonly bytes: number;
  /**
   * The names of each manifest's {@link tags} (imports), as purge filters see them: a purge
   * deletes the tags it matches, and untags the manifest only with its last.
   * @default - the first tag is `build-<n>`, like the workload's unique tags, and a purge
   *   matching it takes every tag of the manifest
   */
  readonly tagNames?: readonly string[];
}

/** A registry's content on day 0. */
export interface InitialInventory {
  /** Where it came from: the scenario (`hand`) or Azure CLI exports (`az`). */
  readonly source: 'hand' | 'az';
  /** Repositories. */
  readonly repositories: number;
  /**
   * Repository names by index, as purge filters see them.
   * @default - `repo-<index>`, like the workload's repositories
   */
  readonly repositoryNames?: readonly string[];
  /** The manifests. */
  readonly groups: readonly InitialManifestGroup[];
  /** Bytes held by tagged manifests. */
  readonly taggedBytes: number;
  /** Bytes held only by untagged manifests. */
  readonly untaggedBytes: number;
  /** Manifests in all. */
  readonly manifests: number;
  /** Tags in all. */
  readonly tags: number;
  /** What the inventory assumes (layer sharing, ages), shown with the registry's notes. */
  readonly assumptions: readonly string[];
}
