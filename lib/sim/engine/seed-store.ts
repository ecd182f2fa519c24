/**
 * Fills a registry's store on day 0 with its initial content (lib/sim/scenario/initial.ts):
 * each initial manifest is one manifest with one layer of its own bytes (the layer-sharing
 * assumption: no layer shared between initial manifests or with new pushes), pushed on day
 * -age; an untagged one is untagged on that day, so retention in force on day 0 deletes it on
 * day max(0, retentionDays - age) and `acr purge --ago` sees its age. Deterministic: draws no
 * random numbers, so the workload's random streams are those of a scenario without it.
 */
import type { InitialInventory } from '../scenario/initial-types.js';
import type { RegistryStore } from './store.js';

/** Manifests the inventory puts in the store. */
export function initialManifestCount(inv: InitialInventory | undefined): number {
  if (!inv) return 0;
  let n = 0;
  for (const g of inv.groups) n += g.repository < 0 ? g.count * inv.repositories : g.count;
  return n;
}

/**
 * Seeds `store` with `inv` (call before the first day, after retention is set). Returns the
 * repositories the inventory spans (repository ids 0 to that minus one).
 */
export function seedStore(store: RegistryStore, inv: InitialInventory): number {
  const total = initialManifestCount(inv);
  store.ensureRepos(inv.repositories);
  const extra = new Int32Array(total);
  const tagNames: Array<readonly string[] | undefined> = inv.repositoryNames ? new Array<readonly string[] | undefined>(total) : [];
  let anyExtra = false;
  const layer = new Int32Array(1);
  const seq = new Int32Array(inv.repositories);
  const first = store.manifestCount;
  const put = (repo: number, tags: number, ageDays: number, bytes: number, names: readonly string[] | undefined): void => {
    layer[0] = store.addLayer(Math.max(0, bytes - store.manifestBytes));
    const day = -ageDays;
    const m = store.push(repo, layer, 1, day, seq[repo]!++, -1);
    if (tags > 1) {
      extra[m - first] = tags - 1;
      store.addTags(repo, tags - 1);
      anyExtra = true;
    }
    if (names?.length) tagNames[m - first] = names;
    if (tags === 0) store.untag(m, day);
  };
  // Oldest first within each repository, as pushes would have come.
  const order = [...inv.groups].sort((a, b) => b.ageDays - a.ageDays);
  for (const g of order) {
    if (g.repository >= 0) for (let k = 0; k < g.count; k++) put(g.repository, g.tags, g.ageDays, g.bytes, g.tagNames);
    else for (let r = 0; r < inv.repositories; r++) for (let k = 0; k < g.count; k++) put(r, g.tags, g.ageDays, g.bytes, g.tagNames);
  }
  // Seeded manifests are the store's first ids (the workload pushes after day 0 starts).
  if (anyExtra && first === 0) store.seedExtraTags = extra;
  if (inv.repositoryNames) store.seedNames = { repositories: inv.repositoryNames, tags: first === 0 ? tagNames : [] };
  store.takeNewBytes(); // day 0's content is not a day-0 push (replication exposure)
  return inv.repositories;
}
