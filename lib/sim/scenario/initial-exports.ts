/**
 * Parses what the Azure CLI prints with `-o json` about a registry's content (pure: text in,
 * data or {@link InputError}s out; lib/workflows/load-initial.ts reads the files):
 *
 * - `az acr show-usage -n <registry> -o json`: `{ "value": [ { "name": "Size", "currentValue":
 *   <bytes>, "limit": <bytes>, "unit": "Bytes" }, { "name": "Webhooks", ..., "unit": "Count" }, ... ] }`
 *   (ARM `registries/listUsages`, RegistryUsageListResult).
 * - `az acr repository list -n <registry> -o json`: an array of repository names.
 * - `az acr repository show-tags -n <registry> --repository <repo> --detail -o json`: an array of
 *   `{ "name", "digest", "createdTime", "lastUpdateTime", "signed", "changeableAttributes" }`.
 * - `az acr manifest list-metadata -r <registry> -n <repo> -o json`: an array of
 *   `{ "digest", "imageSize", "createdTime", "lastUpdateTime", "architecture", "os", "mediaType",
 *   "tags": [...], "changeableAttributes" }` (`tags` absent or empty for an untagged manifest).
 *
 * Every problem names the file, the line and JSON pointer, the value seen and the fix.
 */
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../errors.js';
import { preview } from '../../format/values.js';
import { MAX_NESTING, nestingDepth } from '../../input/depth.js';
import { escapeToken } from '../../input/pointer.js';
import { lineOf } from './parse.js';

/** `az acr show-usage`: the figures acrkit uses. */
export interface UsageExport {
  /** Stored bytes (`Size` currentValue): unique blobs, counted once. */
  readonly sizeBytes: number;
  /**
   * The tier's storage limit as Azure reports it (`Size` limit).
   * @default - not in the export
   */
  readonly limitBytes?: number;
  /**
   * Webhooks (`Webhooks` currentValue).
   * @default - not in the export
   */
  readonly webhooks?: number;
}

/** One tag of `az acr repository show-tags --detail`. */
export interface TagExport {
  /** Tag name. */
  readonly name: string;
  /** Manifest digest. */
  readonly digest: string;
  /** Last update, ms since the epoch. */
  readonly lastUpdate: number;
}

/** One manifest of `az acr manifest list-metadata`. */
export interface ManifestExport {
  /** Digest. */
  readonly digest: string;
  /** Bytes of its layers and config (shared layers counted in every manifest). */
  readonly imageSize: number;
  /** Last update, ms since the epoch. */
  readonly lastUpdate: number;
  /** Tag names (empty = untagged). */
  readonly tags: readonly string[];
}

/** A parsed JSON export, with lines for pointers. */
interface JsonFile {
  readonly data: unknown;
  line(pointer: string): number | undefined;
}

/** Collects problems of one export file. */
class Problems {
  readonly errors: InputError[] = [];
  constructor(
    readonly file: string,
    readonly what: string,
    readonly json: JsonFile | undefined,
  ) {}

  add(pointer: string, text: string): void {
    this.errors.push(new InputError({ file: this.file, line: this.json?.line(pointer), pointer }, `${text}.`));
  }
}

/** Parses export text as JSON (YAML 1.2 parses JSON, and keeps lines), or returns the problem. */
function parseJson(text: string, file: string, command: string): { json?: JsonFile; error?: InputError } {
  const fix = `export it again with \`${command} -o json\``;
  if (nestingDepth(text, MAX_NESTING, 'yaml') > MAX_NESTING) return { error: new InputError({ file }, `${file} must nest at most ${MAX_NESTING} levels, got more: ${fix}.`) };
  const counter = new LineCounter();
  try {
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      return { error: new InputError({ file, line: counter.linePos(e.pos[0]).line }, `${file} must be JSON, got a syntax error (${e.message.split('\n')[0]}): ${fix}.`) };
    }
    const data = doc.toJS({ maxAliasCount: 0 });
    return { json: { data, line: (p) => lineOf(doc, counter, p) } };
  } catch (e) {
    return { error: new InputError({ file }, `${file} must be plain JSON, got ${(e as Error).message}: ${fix}.`) };
  }
}

/**
 * What a value is, never what it holds: `an object`, `an array of 3`, `a string`. A document of
 * the wrong shape may be any file (a credentials file behind a link): its content is not shown.
 */
export function jsonType(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string of ${v.length} characters`;
  if (typeof v === 'boolean') return 'true or false';
  return `a ${typeof v}`;
}

/** An element as a message shows it: a short scalar previewed, a container by its type. */
function shown(v: unknown): string {
  return typeof v === 'object' && v !== null ? jsonType(v) : preview(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A timestamp field (ISO-8601) as ms since the epoch, or a problem. */
function time(p: Problems, v: unknown, pointer: string, command: string): number | undefined {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) {
    p.add(pointer, `${pointer} must be an ISO-8601 time like '2026-11-30T08:15:00Z', got ${preview(v)}: export it again with \`${command} -o json\``);
    return undefined;
  }
  return t;
}

/** The outcome of parsing one export. */
export type ExportResult<T> = { readonly value: T; readonly errors: readonly [] } | { readonly value?: undefined; readonly errors: readonly InputError[] };

function done<T>(p: Problems, value: T): ExportResult<T> {
  return p.errors.length ? { errors: p.errors } : { value, errors: [] };
}

const USAGE_CMD = 'az acr show-usage -n <registry>';

/** Parses `az acr show-usage -o json`. */
export function parseUsageExport(text: string, file: string): ExportResult<UsageExport> {
  const { json, error } = parseJson(text, file, USAGE_CMD);
  if (!json) return { errors: [error!] };
  const p = new Problems(file, 'usage', json);
  const d = json.data;
  if (!isRecord(d) || !Array.isArray(d.value)) {
    p.add('/value', `/value must be the list of usages \`${USAGE_CMD} -o json\` prints, got ${jsonType(isRecord(d) ? d.value : d)}: export it again with \`${USAGE_CMD} -o json\``);
    return { errors: p.errors };
  }
  let size: number | undefined;
  let limit: number | undefined;
  let webhooks: number | undefined;
  d.value.forEach((u, i) => {
    if (!isRecord(u)) return;
    const num = (k: string): number | undefined => {
      const v = u[k];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
      p.add(`/value/${i}/${k}`, `/value/${i}/${k} must be a number of at least 0, got ${preview(v)}: export it again with \`${USAGE_CMD} -o json\``);
      return undefined;
    };
    if (u.name === 'Size') {
      if (u.unit !== undefined && u.unit !== 'Bytes') p.add(`/value/${i}/unit`, `/value/${i}/unit must be 'Bytes' for Size, got ${preview(u.unit)}: export it again with \`${USAGE_CMD} -o json\``);
      size = num('currentValue');
      if (u.limit !== undefined) limit = num('limit');
    } else if (u.name === 'Webhooks') webhooks = num('currentValue');
  });
  if (size === undefined && !p.errors.length) {
    p.add('/value', `/value must hold the usage named 'Size', got ${preview(d.value.map((u) => (isRecord(u) ? u.name : u)))}: export it again with \`${USAGE_CMD} -o json\``);
  }
  return done(p, { sizeBytes: size ?? 0, ...(limit !== undefined ? { limitBytes: limit } : {}), ...(webhooks !== undefined ? { webhooks } : {}) });
}

const REPOS_CMD = 'az acr repository list -n <registry>';

/** Parses `az acr repository list -o json`. */
export function parseRepositoryListExport(text: string, file: string): ExportResult<readonly string[]> {
  const { json, error } = parseJson(text, file, REPOS_CMD);
  if (!json) return { errors: [error!] };
  const p = new Problems(file, 'repositories', json);
  if (!Array.isArray(json.data)) {
    p.add('', `${file} must be the array of repository names \`${REPOS_CMD} -o json\` prints, got ${jsonType(json.data)}: export it again with \`${REPOS_CMD} -o json\``);
    return { errors: p.errors };
  }
  const names: string[] = [];
  json.data.forEach((n, i) => {
    if (typeof n === 'string' && n.length > 0) names.push(n);
    else p.add(`/${i}`, `/${i} must be a repository name, got ${shown(n)}: export it again with \`${REPOS_CMD} -o json\``);
  });
  return done(p, names);
}

const TAGS_CMD = 'az acr repository show-tags -n <registry> --repository <repository> --detail';

/** Parses `az acr repository show-tags --detail -o json`. */
export function parseTagsExport(text: string, file: string): ExportResult<readonly TagExport[]> {
  const { json, error } = parseJson(text, file, TAGS_CMD);
  if (!json) return { errors: [error!] };
  const p = new Problems(file, 'tags', json);
  if (!Array.isArray(json.data)) {
    p.add('', `${file} must be the array \`${TAGS_CMD} -o json\` prints, got ${jsonType(json.data)}: export it again with \`${TAGS_CMD} -o json\``);
    return { errors: p.errors };
  }
  const out: TagExport[] = [];
  json.data.forEach((t, i) => {
    if (!isRecord(t)) {
      const fix = typeof t === 'string' ? 'add --detail to the command (it prints names only without it)' : `export it again with \`${TAGS_CMD} -o json\``;
      p.add(`/${i}`, `/${i} must be a tag with name, digest and lastUpdateTime, got ${shown(t)}: ${fix}`);
      return;
    }
    const name = t.name;
    const digest = t.digest;
    if (typeof name !== 'string' || !name) p.add(`/${i}/name`, `/${i}/name must be a tag name, got ${preview(name)}: export it again with \`${TAGS_CMD} -o json\``);
    if (typeof digest !== 'string' || !digest) p.add(`/${i}/digest`, `/${i}/digest must be a manifest digest, got ${preview(digest)}: export it again with \`${TAGS_CMD} -o json\``);
    const last = time(p, t.lastUpdateTime ?? t.createdTime, `/${i}/lastUpdateTime`, TAGS_CMD);
    if (typeof name === 'string' && name && typeof digest === 'string' && digest && last !== undefined) out.push({ name, digest, lastUpdate: last });
  });
  return done(p, out);
}

const MANIFESTS_CMD = 'az acr manifest list-metadata -r <registry> -n <repository>';

/** Parses `az acr manifest list-metadata -o json`. */
export function parseManifestsExport(text: string, file: string): ExportResult<readonly ManifestExport[]> {
  const { json, error } = parseJson(text, file, MANIFESTS_CMD);
  if (!json) return { errors: [error!] };
  const p = new Problems(file, 'manifests', json);
  if (!Array.isArray(json.data)) {
    p.add('', `${file} must be the array \`${MANIFESTS_CMD} -o json\` prints, got ${jsonType(json.data)}: export it again with \`${MANIFESTS_CMD} -o json\``);
    return { errors: p.errors };
  }
  const out: ManifestExport[] = [];
  json.data.forEach((m, i) => {
    if (!isRecord(m)) {
      p.add(`/${i}`, `/${i} must be a manifest with digest, imageSize and lastUpdateTime, got ${shown(m)}: export it again with \`${MANIFESTS_CMD} -o json\``);
      return;
    }
    const digest = m.digest;
    const size = m.imageSize;
    if (typeof digest !== 'string' || !digest) p.add(`/${i}/digest`, `/${i}/digest must be a manifest digest, got ${preview(digest)}: export it again with \`${MANIFESTS_CMD} -o json\``);
    const sizeOk = typeof size === 'number' && Number.isFinite(size) && size >= 0;
    if (!sizeOk) p.add(`/${i}/imageSize`, `/${i}/imageSize must be a number of bytes of at least 0, got ${preview(size)}: export it again with \`${MANIFESTS_CMD} -o json\``);
    const last = time(p, m.lastUpdateTime ?? m.createdTime, `/${i}/lastUpdateTime`, MANIFESTS_CMD);
    const tags = m.tags ?? [];
    const tagsOk = Array.isArray(tags) && tags.every((t) => typeof t === 'string');
    if (!tagsOk) p.add(`/${i}/tags`, `/${i}/tags must be a list of tag names, got ${shown(tags)}: export it again with \`${MANIFESTS_CMD} -o json\``);
    if (typeof digest === 'string' && digest && sizeOk && last !== undefined && tagsOk) out.push({ digest, imageSize: size, lastUpdate: last, tags: tags as string[] });
  });
  return done(p, out);
}

/** What a scenario's `initial.from` holds once its files are read and parsed. */
export interface AzExports {
  /** Directory-relative file names, for the assumptions text. */
  readonly files: readonly string[];
  /**
   * `az acr show-usage`.
   * @default - none
   */
  readonly usage?: UsageExport;
  /**
   * `az acr repository list`.
   * @default - the repositories named in manifests and tags
   */
  readonly repositories?: readonly string[];
  /** `az acr manifest list-metadata`, by repository. */
  readonly manifests: Readonly<Record<string, readonly ManifestExport[]>>;
  /** `az acr repository show-tags --detail`, by repository. */
  readonly tags: Readonly<Record<string, readonly TagExport[]>>;
  /**
   * The files could not all be read or parsed, and the errors are reported already: resolving
   * skips this `from` rather than report it again.
   * @default false
   */
  readonly reported?: boolean;
}

/** A JSON pointer below `base` for key `k`. */
export function childPointer(base: string, k: string | number): string {
  return `${base}/${escapeToken(k)}`;
}
