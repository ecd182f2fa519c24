/**
 * The content-addressed store of one registry: layer blobs with reference counts, manifests,
 * tags, retention and soft delete, in typed arrays indexed by integer ids (no per-push objects).
 *
 * Semantics (MicrosoftDocs/azure-management-docs container-registry-{concepts,delete,
 * retention-policy,soft-delete-policy}.md):
 * - a layer is stored once per registry however many manifests reference it;
 * - a re-push to a tag untags the old manifest, which keeps its layers; untag frees nothing;
 * - deleting a manifest frees the layers no other manifest references;
 * - retention deletes manifests untagged after the policy was enabled, N days after untagging;
 * - soft delete keeps deleted bytes (billed) for its window, then purges them.
 * Stored bytes are unique layer bytes plus one `manifestBytes` per live manifest.
 */

import { LIST_PAGE_SIZE } from '../../catalog/listing.js';

/** Entries per listing page (catalog and tag listing), from the catalog. */
const PAGE = LIST_PAGE_SIZE.value;

/** Manifest states, as stored in {@link RegistryStore.mState}. */
export const ManifestState = {
  /** Has a tag. */
  Tagged: 1,
  /** No tag; still stored. */
  Untagged: 2,
  /** Deleted. */
  Deleted: 3,
} as const;

/** The typed-array kinds the store uses. */
type StoreArray = Int32Array | Int16Array | Float64Array | Uint8Array | Uint16Array;

/** `a` copied into a new array of `n` elements (the tail filled with `fill`), or `a` if it is that long already. */
function grow<T extends StoreArray>(a: T, n: number, fill?: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

/**
 * Most parents a layer list is read through: every 16th push of a repository stores its whole
 * list, so reading one (an untag, a delete) walks at most 15 parents, while a push stores about
 * two layer ids where it stored about nine.
 */
export const MAX_CHAIN = 15;

/**
 * Layer ids the store keeps for `pushes` pushes of images of `layers` layers (a mean) that change
 * `changed` of them each (a mean), with 10% slack: each push keeps the layers it changed, and
 * every {@link MAX_CHAIN} + 1-th push of a repository its whole list.
 */
export function expectedRefs(pushes: number, layers: number, changed: number): number {
  const c = Math.min(changed, layers);
  return Math.ceil(pushes * (c + (layers - c) / (MAX_CHAIN + 1)) * 1.1) + 64;
}

/** Sizing hints so the arrays rarely grow. */
export interface StoreCapacity {
  /** Expected manifests (pushes). */
  readonly manifests: number;
  /** Expected layer blobs. */
  readonly layers: number;
  /** Expected layer references (manifests times layers per image). */
  readonly refs: number;
  /** Days the retention and soft-delete queues cover (horizon plus the longest window). */
  readonly days: number;
}

/**
 * Typed arrays kept from finished stores for the next store in the same thread, so that a
 * sequence of runs (a Monte Carlo worker) touches, and page-faults in, its memory once rather
 * than once per run. A store takes arrays in its constructor and hands them back with
 * {@link RegistryStore.release}; every element it reads it has written first, so a reused
 * array gives the same results as a fresh one.
 */
export class StoreBufferPool {
  private readonly free = new Map<string, StoreArray>();

  /** A `Kind` array of at least `n` elements for `key`: the kept one if large enough, else a new one. */
  take<T extends StoreArray>(key: string, Kind: new (n: number) => T, n: number): T {
    const kept = this.free.get(key);
    this.free.delete(key);
    return kept instanceof Kind && kept.length >= n ? kept : new Kind(n);
  }

  /** Keeps `a` for `key`, unless the array already kept is larger. */
  give(key: string, a: StoreArray): void {
    const kept = this.free.get(key);
    if (!kept || kept.length < a.length) this.free.set(key, a);
  }
}

/** Allocates store arrays, from a pool when there is one. */
function arrayOf<T extends StoreArray>(pool: StoreBufferPool | undefined, key: string, Kind: new (n: number) => T, n: number): T {
  return pool ? pool.take(key, Kind, n) : new Kind(n);
}

/** One per-manifest array of the store: its element type, and the elements it holds beyond one per manifest. */
interface ManifestColumn<T extends StoreArray> {
  /** The typed-array class. */
  readonly Kind: new (n: number) => T;
  /** Elements beyond one per manifest. */
  readonly extra: number;
}

function column<T extends StoreArray>(Kind: new (n: number) => T, extra = 0): ManifestColumn<T> {
  return { Kind, extra };
}

/**
 * The per-manifest arrays of a {@link RegistryStore}, indexed by manifest id: the one list from
 * which the store's fields are typed and its arrays allocated (from the pool), grown together
 * (copied into longer ones), measured and given back to the pool. A new per-manifest array is one
 * line here.
 */
const MANIFEST_COLUMNS = Object.freeze({
  /**
   * Offset of each manifest's own layers in {@link RegistryStore.refs}: manifest `m` stores
   * `refs[mRefStart[m]]` to `refs[mRefStart[m + 1] - 1]`, its layers from position
   * `mShared[m]` on (lists are stored in push order, so one offset per manifest, plus one past
   * the last, gives both start and length).
   */
  mRefStart: column(Int32Array, 1),
  /**
   * The manifest whose layer list begins this one's, or -1: a push changes only the top layers
   * of its repository's image, so a manifest stores the layers it changed and takes the first
   * {@link mShared} from the repository's previous push ({@link RegistryStore.layersOf}).
   */
  mParent: column(Int32Array),
  /** Layers taken from {@link mParent} (0 when the whole list is stored here). */
  mShared: column(Uint8Array),
  /** Parents to walk up to a manifest that stores its whole list (at most {@link MAX_CHAIN}). */
  mChain: column(Uint8Array),
  /** Repository of each manifest. */
  mRepo: column(Int32Array),
  /** Day each manifest was pushed (days fit 16 bits: horizons end before day 4,050). */
  mPushDay: column(Int16Array),
  /**
   * What names the manifest's tag, one number for both kinds ({@link RegistryStore.tagSlot}, {@link RegistryStore.tagSeq}): the ordinal of the
   * push within its repository (>= 0) for a unique tag (`build-<ordinal>`), or `~slot` (< 0) for
   * mutable tag slot `slot`.
   */
  mTagCode: column(Int32Array),
  /** {@link ManifestState}. */
  mState: column(Uint8Array),
  /** Retention generation the manifest's scheduled delete belongs to (set when it is scheduled). */
  mRetGen: column(Int32Array),
  /** Next manifest in the same retention bucket (set when it is scheduled). */
  mRetNext: column(Int32Array),
  /** Previous live manifest of the same repository (oldest first), or -1. */
  mPrev: column(Int32Array),
  /** Next live manifest of the same repository (oldest first), or -1. */
  mNext: column(Int32Array),
});

/** Names of the per-manifest arrays. */
export type ManifestColumnName = keyof typeof MANIFEST_COLUMNS;

/** The per-manifest arrays as fields of a {@link RegistryStore}, typed from {@link MANIFEST_COLUMNS}. */
export type ManifestColumns = {
  [K in keyof typeof MANIFEST_COLUMNS]: (typeof MANIFEST_COLUMNS)[K] extends ManifestColumn<infer T> ? T : never;
};

const COLUMN_NAMES = Object.keys(MANIFEST_COLUMNS) as ManifestColumnName[];

/** The store's per-manifest fields, by name (how the column loops write them). */
function columnsOf(store: RegistryStore): Record<ManifestColumnName, StoreArray> {
  return store;
}

/**
 * The per-manifest fields of {@link RegistryStore} (`mRefStart`, `mRepo`, ..., `mNext`), declared
 * by the column table {@link MANIFEST_COLUMNS} and merged into the class.
 */
export interface RegistryStore extends ManifestColumns {}

/** One registry's blobs and manifests. */
export class RegistryStore {
  /** Bytes of each layer. */
  layerSize: Float64Array;
  /**
   * Reference counts, interleaved for cache locality: `rc[2l]` manifests referencing layer `l`,
   * `rc[2l+1]` tagged manifests referencing it.
   */
  rc: Int32Array;
  /** Layers allocated. */
  layerCount = 0;

  // The per-manifest arrays (mRefStart, mRepo, ..., mNext) are fields too, from MANIFEST_COLUMNS.
  /** Manifests allocated. */
  manifestCount = 0;

  /** Each manifest's own layer ids (from position `mShared` on), back to back. */
  refs: Int32Array;
  /** Used length of {@link refs}. */
  refsLen = 0;
  /** A manifest's layer list, read out by {@link layersOf} for an untag or a delete. */
  private readonly scratch = new Int32Array(256);

  /** Oldest live manifest per repository, or -1. */
  repoHead: Int32Array;
  /** Newest live manifest per repository, or -1. */
  repoTail: Int32Array;

  /** Bytes of layers referenced by a tagged manifest, plus tagged manifests. */
  taggedBytes = 0;
  /** Bytes of layers referenced only by untagged manifests, plus untagged manifests. */
  untaggedBytes = 0;
  /** Soft-deleted bytes still kept. */
  softDeletedBytes = 0;
  /** Live manifests. */
  liveManifests = 0;
  /** Live (referenced) layers. */
  liveLayers = 0;
  /** Repositories holding at least one live manifest (what the catalog lists). */
  liveRepos = 0;
  /** Live tags: one per tagged manifest, more for a seeded manifest with several (seed-store.ts). */
  liveTags = 0;
  /** Tags of each repository. */
  repoTags: Int32Array;
  /** Repositories with at least one tag. */
  taggedRepos = 0;
  /** Most tags of any repository. */
  maxRepoTags = 0;
  /** Sum over repositories of their tag-listing pages, ceil(tags / page size). */
  tagPages = 0;
  /** `tagHist[c]`: repositories with `c` tags (c >= 1), so {@link maxRepoTags} drops in O(1). */
  private tagHist = new Int32Array(64);
  /** Tags beyond the first of each seeded manifest (ids below its length; empty without a seed). */
  seedExtraTags: Int32Array = new Int32Array(0);
  /** Names of seeded repositories and the tags of seeded manifests (imports keep real names). */
  seedNames: { readonly repositories: readonly string[]; readonly tags: readonly (readonly string[] | undefined)[] } | null = null;
  /** Per seeded manifest whose tags purge has begun deleting one by one: which of its tag names are gone. */
  private readonly seedTagsGone = new Map<number, Uint8Array>();
  /** Bytes that became stored since the last {@link takeNewBytes}. */
  private newBytes = 0;

  /** Retention: days after untagging (0 = delete at once); meaningful when enabled. */
  retentionDays = 0;
  /** Retention policy on. */
  retentionEnabled = false;
  /** Bumps when retention is disabled, cancelling scheduled deletes. */
  private retentionGen = 0;
  private readonly retHead: Int32Array;
  /** Soft-delete window in days (0 = off). */
  softDeleteDays = 0;
  private readonly softExpire: Float64Array;

  private pool: StoreBufferPool | undefined;
  /** Layers the layer arrays hold (pooled arrays may be longer than asked for, not all alike). */
  private layerCapacity: number;
  /** Manifests every manifest array holds. */
  private manifestCapacity: number;

  constructor(
    /** Bytes of a manifest (with its config blob). */
    readonly manifestBytes: number,
    capacity: StoreCapacity,
    /**
     * Where to take the large arrays from (and give them back to on {@link release}).
     * @default - fresh arrays
     */
    pool?: StoreBufferPool,
  ) {
    this.pool = pool;
    const m = Math.max(16, capacity.manifests);
    const l = Math.max(16, capacity.layers);
    this.layerSize = arrayOf(pool, 'layerSize', Float64Array, l);
    this.rc = arrayOf(pool, 'rc', Int32Array, 2 * l);
    const columns = columnsOf(this);
    let manifestCapacity = Number.POSITIVE_INFINITY;
    for (const name of COLUMN_NAMES) {
      const { Kind, extra }: ManifestColumn<StoreArray> = MANIFEST_COLUMNS[name];
      const a = arrayOf(pool, name, Kind, m + extra);
      columns[name] = a;
      manifestCapacity = Math.min(manifestCapacity, a.length - extra);
    }
    this.manifestCapacity = manifestCapacity;
    this.refs = arrayOf(pool, 'refs', Int32Array, Math.max(64, capacity.refs));
    this.layerCapacity = Math.min(this.layerSize.length, this.rc.length >> 1);
    this.mRefStart[0] = 0;
    this.repoHead = new Int32Array(64).fill(-1);
    this.repoTail = new Int32Array(64).fill(-1);
    this.repoTags = new Int32Array(64);
    this.retHead = new Int32Array(capacity.days + 1).fill(-1);
    this.softExpire = new Float64Array(capacity.days + 1);
  }

  /** Stored bytes: unique live layers plus live manifests (what the storage limit counts). */
  get storedBytes(): number {
    return this.taggedBytes + this.untaggedBytes;
  }

  /** Allocates a layer blob of `size` bytes, not yet referenced (stores nothing until referenced). */
  addLayer(size: number): number {
    if (this.layerCount === this.layerCapacity) {
      const n = Math.ceil(this.layerCount * 1.5) + 16;
      this.layerSize = grow(this.layerSize, n);
      this.rc = grow(this.rc, 2 * n);
      this.layerCapacity = n;
    }
    const id = this.layerCount++;
    this.layerSize[id] = size;
    // Written, not assumed zero: the array may be reused, and writing first spares the page a
    // second fault (a read maps the shared zero page, the later write copies it).
    this.rc[id << 1] = 0;
    this.rc[(id << 1) + 1] = 0;
    return id;
  }

  /** Makes room for repository ids below `n`. */
  ensureRepos(n: number): void {
    if (n <= this.repoHead.length) return;
    const c = Math.max(n, this.repoHead.length * 2);
    this.repoHead = grow(this.repoHead, c, -1);
    this.repoTail = grow(this.repoTail, c, -1);
    this.repoTags = grow(this.repoTags, c);
  }

  /** Adds `k` tags to repository `r` (counters only, O(k)). */
  addTags(r: number, k: number): void {
    this.liveTags += k;
    for (; k > 0; k--) {
      const c = this.repoTags[r]!;
      this.repoTags[r] = c + 1;
      if (c % PAGE === 0) this.tagPages++;
      if (c === 0) this.taggedRepos++;
      else this.tagHist[c]!--;
      if (c + 1 >= this.tagHist.length) this.tagHist = grow(this.tagHist, 2 * (c + 1));
      this.tagHist[c + 1]!++;
      if (c + 1 > this.maxRepoTags) this.maxRepoTags = c + 1;
    }
  }

  /** Removes `k` tags from repository `r` (counters only, O(k)). */
  private removeTags(r: number, k: number): void {
    this.liveTags -= k;
    for (; k > 0; k--) {
      const c = this.repoTags[r]!;
      this.repoTags[r] = c - 1;
      if ((c - 1) % PAGE === 0) this.tagPages--;
      this.tagHist[c]!--;
      if (c === 1) this.taggedRepos--;
      else this.tagHist[c - 1]!++;
      if (c === this.maxRepoTags && this.tagHist[c] === 0) this.maxRepoTags = c - 1;
    }
  }

  /** Read requests of one full listing: the catalog's pages plus every live repository's tag pages (one for a repository without tags). */
  get listingRequests(): number {
    return Math.max(1, Math.ceil(this.liveRepos / PAGE)) + this.tagPages + (this.liveRepos - this.taggedRepos);
  }

  /** The name purge filters see for repository `r`: the seeded (imported) name, else `repo-<r>`. */
  repositoryName(r: number): string {
    return this.seedNames?.repositories[r] ?? `repo-${r}`;
  }

  /** The tag names of seeded manifest `m` as imported (live or not: {@link seededTagLive}); undefined for any other manifest. */
  seededTagNames(m: number): readonly string[] | undefined {
    return this.seedNames?.tags[m];
  }

  /** Whether tag `i` of seeded manifest `m` ({@link seededTagNames}) is still live. */
  seededTagLive(m: number, i: number): boolean {
    return this.mState[m] === ManifestState.Tagged && !this.seedTagsGone.get(m)?.[i];
  }

  /**
   * Deletes tag `i` of seeded manifest `m` on `day` (a purge matching some of an imported
   * manifest's tags): the manifest keeps its other tags, and is untagged with its last one.
   */
  untagSeededTag(m: number, i: number, day: number): void {
    if (!this.seededTagLive(m, i)) return;
    const extra = m < this.seedExtraTags.length ? this.seedExtraTags[m]! : 0;
    if (extra === 0) {
      this.untag(m, day);
      return;
    }
    let gone = this.seedTagsGone.get(m);
    if (!gone) this.seedTagsGone.set(m, (gone = new Uint8Array(this.seedNames!.tags[m]!.length)));
    gone[i] = 1;
    this.seedExtraTags[m] = extra - 1;
    this.removeTags(this.mRepo[m]!, 1);
  }

  private ensureManifest(): void {
    if (this.manifestCount < this.manifestCapacity) return;
    this.growManifests();
  }

  /** Grows every per-manifest array by half (the rare path of {@link push}, kept out of it). */
  private growManifests(): void {
    const n = Math.ceil(this.manifestCount * 1.5) + 16;
    const columns = columnsOf(this);
    for (const name of COLUMN_NAMES) columns[name] = grow(columns[name], n + MANIFEST_COLUMNS[name].extra);
    this.manifestCapacity = n;
  }

  /**
   * Pushes a tagged manifest referencing `len` layers from `layers` into `repo`. Layers not yet
   * stored become stored. Returns the manifest id. Untagging the manifest the tag pointed to
   * before is the caller's job (push first, then untag, as a registry does).
   *
   * @param parent the repository's previous push, whose first `shared` layers are this one's
   *   first `shared` (the store then keeps only the others here); -1 for none
   * @param shared how many leading layers `parent` holds already
   * @default parent -1
   * @default shared 0
   */
  push(repo: number, layers: Int32Array, len: number, day: number, seq: number, tag: number, parent = -1, shared = 0): number {
    this.ensureManifest();
    const id = this.manifestCount++;
    // The first `shared` layers are the parent's: stored there, unless the chain is long enough.
    const chain = parent >= 0 && shared > 0 ? this.mChain[parent]! + 1 : 0;
    const from = chain > 0 && chain <= MAX_CHAIN ? shared : 0;
    this.mParent[id] = from > 0 ? parent : -1;
    this.mShared[id] = from;
    this.mChain[id] = from > 0 ? chain : 0;
    const own = len - from;
    if (this.refsLen + own > this.refs.length) this.refs = grow(this.refs, Math.ceil((this.refsLen + own) * 1.5));
    const start = this.refsLen - from;
    const refs = this.refs;
    const rc = this.rc;
    const size = this.layerSize;
    let added = this.manifestBytes;
    let toTagged = 0;
    let born = 0;
    for (let i = 0; i < len; i++) {
      const l = layers[i]!;
      if (i >= from) refs[start + i] = l;
      const k = l << 1;
      const r = rc[k]!;
      const t = rc[k + 1]!;
      if (r === 0) {
        added += size[l]!;
        born++;
      } else if (t === 0) {
        toTagged += size[l]!;
      }
      rc[k] = r + 1;
      rc[k + 1] = t + 1;
    }
    this.liveLayers += born;
    this.refsLen = start + len;
    this.newBytes += added;
    this.taggedBytes += added + toTagged;
    this.untaggedBytes -= toTagged;
    this.mRefStart[id + 1] = this.refsLen;
    this.mRepo[id] = repo;
    this.mPushDay[id] = day;
    this.mTagCode[id] = tag >= 0 ? ~tag : seq;
    this.mState[id] = ManifestState.Tagged;
    const tail = this.repoTail[repo]!;
    this.mPrev[id] = tail;
    this.mNext[id] = -1;
    if (tail < 0) {
      this.repoHead[repo] = id;
      this.liveRepos++;
    } else this.mNext[tail] = id;
    this.addTags(repo, 1);
    this.repoTail[repo] = id;
    this.liveManifests++;
    return id;
  }

  /** Layers of manifest `m`. */
  layerCountOf(m: number): number {
    return this.mShared[m]! + this.mRefStart[m + 1]! - this.mRefStart[m]!;
  }

  /**
   * Writes manifest `m`'s layer ids, in order, to `out` (at least 120 long) and returns how many:
   * its own layers, then those it shares, read from its parents (at most {@link MAX_CHAIN}).
   */
  layersOf(m: number, out: Int32Array): number {
    const len = this.layerCountOf(m);
    const refs = this.refs;
    let hi = len;
    for (let q = m; hi > 0; q = this.mParent[q]!) {
      const s = this.mShared[q]!;
      if (hi > s) {
        const base = this.mRefStart[q]! - s;
        for (let p = s; p < hi; p++) out[p] = refs[base + p]!;
        hi = s;
      }
    }
    return len;
  }

  /** Manifest `m`'s mutable tag slot, or -1 for a unique tag. */
  tagSlot(m: number): number {
    const c = this.mTagCode[m]!;
    return c < 0 ? ~c : -1;
  }

  /** Ordinal of manifest `m`'s push within its repository, for a unique tag (-1 for a mutable one). */
  tagSeq(m: number): number {
    const c = this.mTagCode[m]!;
    return c < 0 ? -1 : c;
  }

  /** Whether layer `l` is stored (referenced by a live manifest). */
  isStored(l: number): boolean {
    return this.rc[l << 1]! > 0;
  }

  /** Manifests referencing layer `l`. */
  refCount(l: number): number {
    return this.rc[l << 1]!;
  }

  /** Tagged manifests referencing layer `l`. */
  taggedRefCount(l: number): number {
    return this.rc[(l << 1) + 1]!;
  }

  /** Removes the tag of manifest `m` on `day` (frees nothing); schedules its retention delete. */
  untag(m: number, day: number): void {
    if (this.mState[m] !== ManifestState.Tagged) return;
    this.dropTag(m);
    this.mState[m] = ManifestState.Untagged;
    if (this.retentionEnabled) {
      // A seeded manifest untagged before day 0 is due on day 0 at the latest.
      const due = Math.max(0, day + this.retentionDays);
      if (due < this.retHead.length) {
        this.mRetGen[m] = this.retentionGen;
        this.mRetNext[m] = this.retHead[due]!;
        this.retHead[due] = m;
      }
    }
  }

  private dropTag(m: number): void {
    const list = this.scratch;
    const len = this.layersOf(m, list);
    const rc = this.rc;
    let moved = this.manifestBytes;
    for (let i = 0; i < len; i++) {
      const l = list[i]!;
      if (--rc[(l << 1) + 1]! === 0) moved += this.layerSize[l]!;
    }
    this.taggedBytes -= moved;
    this.untaggedBytes += moved;
    this.removeTags(this.mRepo[m]!, m < this.seedExtraTags.length ? 1 + this.seedExtraTags[m]! : 1);
  }

  /**
   * Deletes manifest `m` on `day` (and its tag, if any): frees the layers no other live manifest
   * references, moving them to soft delete when it is on. Returns the bytes freed.
   */
  delete(m: number, day: number): number {
    const state = this.mState[m];
    if (state === ManifestState.Deleted) return 0;
    if (state === ManifestState.Tagged) {
      this.dropTag(m);
    }
    this.mState[m] = ManifestState.Deleted;
    const list = this.scratch;
    const len = this.layersOf(m, list);
    const rc = this.rc;
    let freed = this.manifestBytes;
    for (let i = 0; i < len; i++) {
      const l = list[i]!;
      if (--rc[l << 1]! === 0) {
        freed += this.layerSize[l]!;
        this.liveLayers--;
      }
    }
    this.untaggedBytes -= freed;
    this.liveManifests--;
    const repo = this.mRepo[m]!;
    const p = this.mPrev[m]!;
    const n = this.mNext[m]!;
    if (p < 0) this.repoHead[repo] = n;
    else this.mNext[p] = n;
    if (n < 0) this.repoTail[repo] = p;
    else this.mPrev[n] = p;
    if (p < 0 && n < 0) this.liveRepos--;
    if (this.softDeleteDays > 0) {
      this.softDeletedBytes += freed;
      const until = day + this.softDeleteDays;
      if (until < this.softExpire.length) this.softExpire[until]! += freed;
    }
    return freed;
  }

  /**
   * Turns retention on (`days` > 0: delete `days` after untagging) or off (`days` = 0, as azurerm
   * writes it). Enabling does not reach manifests untagged before; disabling cancels scheduled
   * deletes; changing the days keeps the dates already scheduled (ACR schedules at untag time).
   */
  setRetention(days: number): void {
    if (days > 0) {
      if (!this.retentionEnabled) this.retentionGen++;
      this.retentionEnabled = true;
      this.retentionDays = days;
    } else if (this.retentionEnabled) {
      this.retentionEnabled = false;
      this.retentionGen++;
    }
  }

  /** Runs the retention deletes due on `day`; returns how many manifests it deleted. */
  runRetention(day: number): number {
    if (day >= this.retHead.length) return 0;
    let m = this.retHead[day]!;
    this.retHead[day] = -1;
    let n = 0;
    while (m >= 0) {
      const next = this.mRetNext[m]!;
      if (this.retentionEnabled && this.mRetGen[m] === this.retentionGen && this.mState[m] === ManifestState.Untagged) {
        this.delete(m, day);
        n++;
      }
      m = next;
    }
    return n;
  }

  /** Expires the soft-deleted bytes whose window ends on `day`. */
  expireSoftDeleted(day: number): void {
    if (day < this.softExpire.length) {
      this.softDeletedBytes -= this.softExpire[day]!;
      this.softExpire[day] = 0;
      if (this.softDeletedBytes < 1e-6) this.softDeletedBytes = Math.max(0, this.softDeletedBytes);
    }
  }

  /** Bytes that became stored since the last call (for replication exposure). */
  takeNewBytes(): number {
    const b = this.newBytes;
    this.newBytes = 0;
    return b;
  }

  /**
   * Gives the large arrays back to the pool the store was built with (if any). The store must not
   * be used afterwards.
   */
  release(): void {
    const pool = this.pool;
    if (!pool) return;
    this.pool = undefined;
    pool.give('layerSize', this.layerSize);
    pool.give('rc', this.rc);
    const columns = columnsOf(this);
    for (const name of COLUMN_NAMES) pool.give(name, columns[name]);
    pool.give('refs', this.refs);
  }

  /** Sum of the sizes of referenced layers plus live manifests, recomputed from scratch (for tests). */
  recount(): { stored: number; tagged: number } {
    let stored = this.liveManifests * this.manifestBytes;
    let tagged = 0;
    for (let l = 0; l < this.layerCount; l++) {
      if (this.rc[l << 1]! > 0) stored += this.layerSize[l]!;
      if (this.rc[(l << 1) + 1]! > 0) tagged += this.layerSize[l]!;
    }
    for (let m = 0; m < this.manifestCount; m++) if (this.mState[m] === ManifestState.Tagged) tagged += this.manifestBytes;
    return { stored, tagged };
  }
}
