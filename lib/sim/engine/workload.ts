/**
 * Drives one registry's workload day by day: repositories appear, images are pushed (layers
 * drawn, base layers picked from a shared pool by Zipf popularity, changed layers uploaded),
 * tags move. Works on integer ids in typed arrays; a push allocates no objects.
 */
import { sampleInt, sampler, type Sampler } from '../random/distributions.js';
import { Rng, ZipfSampler } from '../random/random.js';
import type { RegistryStore } from './store.js';
import type { Workload } from '../scenario/workload-types.js';
import type { SimChange, SimWorkloadEvent } from '../scenario/model.js';

/** Most layers an image may have (Zhao et al. 2019: max 120). */
export const MAX_LAYERS = 120;

/** What one day of pushes did. */
export interface DayPushes {
  /** Pushes. */
  pushes: number;
  /** Write requests (two per uploaded blob, one per manifest). */
  writes: number;
  /** Read requests of pushes (a HEAD per layer). */
  reads: number;
}

/** The name of repository `i` (`repo-<i>`), as purge filters see it. */
export function repositoryName(i: number): string {
  return `repo-${i}`;
}

/** The name of a tag: mutable slot 0 is `latest`, slot k is `tag-<k>`; unique tags are `build-<ordinal>`. */
export function tagName(slot: number, seq: number): string {
  return slot < 0 ? `build-${seq}` : slot === 0 ? 'latest' : `tag-${slot}`;
}

/** One registry's workload generator. */
export class WorkloadDriver {
  /** Repositories that exist. */
  repoCount = 0;
  private repoStart = new Int32Array(64);
  private repoLen = new Uint16Array(64);
  private repoBase = new Uint16Array(64);
  private repoScale = new Float64Array(64);
  private repoSeq = new Int32Array(64);
  /** The repository's last push (its layer list is the repository's image), or -1. */
  private repoLast = new Int32Array(64).fill(-1);
  /** Manifest each mutable tag points to, `repo * tagsPerRepository + slot`, or -1. */
  repoTag = new Int32Array(64).fill(-1);
  private layers = new Int32Array(1024);
  private layersLen = 0;
  private sumLayers = 0;
  private readonly pool: Int32Array;
  private readonly zipf: ZipfSampler;
  private readonly layerCount: Sampler;
  private readonly layerSize: Sampler;
  private readonly scale: Sampler;
  private readonly changed: Sampler;
  private readonly basePer: Sampler;
  private readonly scratch = new Int32Array(MAX_LAYERS);
  private carry = 0;
  private rr = 0;
  private readonly tagsPer: number;
  private mutable: boolean;
  private readonly fixed: boolean;
  /** Mean pushes per repository per day in force (workload-change events change it). */
  perRepositoryPerDay: number;
  /** Repositories added per 30 days in force. */
  private growthPerMonth: number;
  /** Repositories (fractional) at {@link anchorDay}: growth is linear from there. */
  private anchorRepos: number;
  /** Day (fractional) the growth in force began. */
  private anchorDay = 0;
  /** Factor on the size of layers created from now on. */
  private sizeScale = 1;

  constructor(
    private readonly w: Workload,
    private readonly store: RegistryStore,
    private readonly rng: Rng,
    private readonly startWeekday: number,
  ) {
    this.layerCount = sampler(w.image.layers);
    this.layerSize = sampler(w.image.layerSize);
    this.scale = sampler(w.image.repositoryScale);
    this.changed = sampler(w.image.changedLayersPerPush);
    this.basePer = sampler(w.image.baseLayers.perImage);
    const baseSize = sampler(w.image.baseLayers.layerSize);
    this.pool = new Int32Array(w.image.baseLayers.pool);
    for (let k = 0; k < this.pool.length; k++) this.pool[k] = store.addLayer(Math.max(1, Math.round(baseSize.sample(rng))));
    this.zipf = new ZipfSampler(this.pool.length, w.image.baseLayers.zipf);
    this.tagsPer = w.tags.perRepository;
    this.mutable = w.tags.strategy === 'mutable';
    this.fixed = w.pushes.arrival === 'fixed';
    this.perRepositoryPerDay = w.pushes.perRepositoryPerDay;
    this.growthPerMonth = w.repositories.growthPerMonth;
    this.anchorRepos = w.repositories.initial;
  }

  /**
   * Applies a `workload-change` at absolute minute `minute`: pushes per repository, repository
   * growth (from that minute, continuing from the repositories due then), the size of layers
   * created from then on, the tag strategy. Draws nothing. (Pulls are the engine's.)
   */
  applyChange(e: SimWorkloadEvent, minute: number): void {
    if (e.pushes) this.perRepositoryPerDay = changed(this.perRepositoryPerDay, e.pushes);
    if (e.repositories) {
      const day = minute / 1440;
      this.anchorRepos += (this.growthPerMonth * (day - this.anchorDay)) / 30;
      this.anchorDay = day;
      this.growthPerMonth = changed(this.growthPerMonth, e.repositories);
    }
    if (e.imageScale !== undefined) this.sizeScale *= e.imageScale;
    if (e.tagStrategy) this.mutable = e.tagStrategy === 'mutable';
  }

  /** Mean layers per image over existing repositories. */
  get meanLayers(): number {
    return this.repoCount ? this.sumLayers / this.repoCount : 0;
  }

  private newLayer(scale: number): number {
    return this.store.addLayer(Math.max(1, Math.round(this.layerSize.sample(this.rng) * scale * this.sizeScale)));
  }

  private addRepository(): void {
    const r = this.repoCount++;
    if (r >= this.repoStart.length) {
      const n = this.repoStart.length * 2;
      const g = <T extends Int32Array | Uint16Array | Float64Array>(a: T, fill = 0): T => {
        const b = new (a.constructor as new (n: number) => T)(n);
        b.fill(fill as never);
        b.set(a);
        return b;
      };
      this.repoStart = g(this.repoStart);
      this.repoLen = g(this.repoLen);
      this.repoBase = g(this.repoBase);
      this.repoScale = g(this.repoScale);
      this.repoSeq = g(this.repoSeq);
      this.repoLast = g(this.repoLast, -1);
    }
    const tags = (r + 1) * this.tagsPer;
    if (tags > this.repoTag.length) {
      const b = new Int32Array(Math.max(tags, this.repoTag.length * 2)).fill(-1);
      b.set(this.repoTag);
      this.repoTag = b;
    }
    const rng = this.rng;
    const len = sampleInt(this.layerCount, rng, 1, MAX_LAYERS);
    const base = len === 1 ? 0 : Math.min(sampleInt(this.basePer, rng, 0, MAX_LAYERS), len - 1);
    const scale = this.scale.sample(rng);
    if (this.layersLen + len > this.layers.length) {
      const b = new Int32Array(Math.max(this.layers.length * 2, this.layersLen + len));
      b.set(this.layers);
      this.layers = b;
    }
    const start = this.layersLen;
    this.layersLen += len;
    for (let i = 0; i < len; i++) this.layers[start + i] = i < base ? this.pool[this.zipf.sample(rng)]! : this.newLayer(scale);
    this.repoStart[r] = start;
    this.repoLen[r] = len;
    this.repoBase[r] = base;
    this.repoScale[r] = scale;
    this.store.ensureRepos(this.repoCount);
    this.sumLayers += len;
  }

  /** Repositories wanted on `day`: initial plus growth per 30 days, linear (piecewise after repository changes). */
  repositoriesOn(day: number): number {
    return Math.floor(this.anchorRepos + (this.growthPerMonth * (day - this.anchorDay)) / 30 + 1e-9);
  }

  /** Adds the repositories due on `day` (at its start). */
  addRepositories(day: number): void {
    const want = this.repositoriesOn(day);
    while (this.repoCount < want) this.addRepository();
  }

  /** Mean pushes of a whole `day` at `perRepositoryPerDay` pushes per repository. */
  meanPushes(day: number, perRepositoryPerDay = this.perRepositoryPerDay): number {
    return this.repoCount * perRepositoryPerDay * this.w.pushes.weekly[(this.startWeekday + day) % 7]!;
  }

  /** The day's push count for mean `mean`: Poisson, or the exact count with fractions carried (`fixed`). */
  drawCount(mean: number): number {
    if (this.fixed) {
      this.carry += mean;
      const n = Math.floor(this.carry + 1e-9);
      this.carry -= n;
      return n;
    }
    return this.rng.poisson(mean);
  }

  /** Pushes `n` images on `day`, adding their requests to `out` (not its push count). */
  pushMany(day: number, n: number, out: DayPushes): void {
    for (let i = 0; i < n; i++) this.push(day, out);
  }

  /** Runs `day`: adds repositories, then pushes. */
  day(day: number, out: DayPushes): void {
    this.addRepositories(day);
    out.pushes = 0;
    out.writes = 0;
    out.reads = 0;
    if (this.repoCount === 0) return;
    const n = this.drawCount(this.meanPushes(day));
    this.pushMany(day, n, out);
    out.pushes = n;
  }

  private push(day: number, out: DayPushes): void {
    const rng = this.rng;
    const store = this.store;
    const r = this.fixed ? this.rr++ % this.repoCount : rng.int(this.repoCount);
    const len = this.repoLen[r]!;
    const start = this.repoStart[r]!;
    const base = this.repoBase[r]!;
    const changed = sampleInt(this.changed, rng, 1, len);
    const s = this.scratch;
    const layers = this.layers;
    const first = len - changed;
    let uploads = 0;
    for (let i = 0; i < first; i++) {
      const l = layers[start + i]!;
      s[i] = l;
      if (!store.isStored(l)) uploads++;
    }
    for (let i = first; i < len; i++) {
      const l = i < base ? this.pool[this.zipf.sample(rng)]! : this.newLayer(this.repoScale[r]!);
      layers[start + i] = l;
      s[i] = l;
      if (!store.isStored(l)) uploads++;
    }
    const seq = this.repoSeq[r]!++;
    out.writes += 2 * uploads + 1;
    out.reads += len;
    // The layers below `first` are the last push's: the store keeps them once, there.
    const last = this.repoLast[r]!;
    if (this.mutable) {
      const slot = this.fixed ? seq % this.tagsPer : rng.int(this.tagsPer);
      const k = r * this.tagsPer + slot;
      const old = this.repoTag[k]!;
      const m = store.push(r, s, len, day, seq, slot, last, first);
      this.repoTag[k] = m;
      this.repoLast[r] = m;
      if (old >= 0) store.untag(old, day);
    } else {
      this.repoLast[r] = store.push(r, s, len, day, seq, -1, last, first);
    }
  }
}

/** `v` after change `c`: scaled or replaced. */
export function changed(v: number, c: SimChange): number {
  return c.mode === 'scale' ? v * c.value : c.value;
}
