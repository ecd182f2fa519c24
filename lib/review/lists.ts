/**
 * List and map attributes compared element by element, keyed by what identifies an element:
 * a replica by its location, an IP rule by its range, a private endpoint or a webhook by its
 * address, a tag by its name. A review then reads
 *
 * ```
 * - eastus
 * + southeastasia
 * ~ northeurope: zone redundancy off -> on
 * ```
 *
 * instead of two JSON arrays that run off the page. Plain data in, plain data out: the
 * reporters escape and lay out the parts ({@link itemText} takes their escaping function).
 */
import { display, KNOWN_AFTER_APPLY, SENSITIVE, same, type AttributeValue } from './attributes.js';

/** What happens to one element of a list or one entry of a map. */
export type ItemOp = 'add' | 'remove' | 'change';

/** One field of a list element (or the value of a map entry, named `value`). */
export interface ItemField {
  /** Field name (Terraform's), or `value` for a map entry. */
  readonly name: string;
  /** Value before (`null` when absent). */
  readonly before: AttributeValue;
  /** Value after (`null` when absent). */
  readonly after: AttributeValue;
}

/** One element of a list attribute (or entry of a map attribute) that is added, removed or changed. */
export interface ListItemChange {
  /** Added, removed, or changed in place. */
  readonly op: ItemOp;
  /** What identifies the element: a replica's location, an IP rule's range, a tag's name. */
  readonly key: string;
  /**
   * For `change`, the fields that differ; for `add`, the fields not at their default (a
   * replica's zone redundancy), so the line says what the element is; for `remove`, none. A
   * map entry has one field, `value`.
   */
  readonly fields: readonly ItemField[];
}

/** How the elements of one list attribute are identified and described. */
interface ListShape {
  /** Field that identifies an element of a list of objects. */
  readonly key?: string;
  /** Field values an added or removed element is not described by (they say nothing). */
  readonly defaults?: Readonly<Record<string, AttributeValue>>;
  /** The attribute is a map: entries keyed by name. */
  readonly map?: boolean;
}

/**
 * Registry attributes ({@link registryAttributes} names) that are lists or maps, and what
 * identifies their elements. Attributes of companion resources are keyed by the first of
 * {@link KEY_FIELDS} every element has.
 */
const SHAPES: Readonly<Record<string, ListShape>> = {
  georeplications: { key: 'location', defaults: { zone_redundancy_enabled: false, regional_endpoint_enabled: true } },
  'network_rule_set.ip_rule': {},
  'private endpoints': { key: 'address', defaults: { private_dns_zone_group: true } },
  webhooks: { key: 'address' },
  locks: {},
  tags: { map: true },
  encryption: { map: true },
  retention_policy: { map: true },
  trust_policy: { map: true },
};

/** Fields that identify an element of a companion's list of blocks, in order of preference. */
const KEY_FIELDS: readonly string[] = ['location', 'name', 'ip_range', 'subnet_id', 'address', 'id'];

function isScalar(v: AttributeValue | undefined): boolean {
  return v === null || v === undefined || typeof v !== 'object';
}

function isMap(v: AttributeValue | undefined): v is { readonly [k: string]: AttributeValue } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

/** A value that is not a collection at all: unknown, sensitive, or a plain string such as `platform-managed`. */
function opaque(v: AttributeValue | undefined): boolean {
  return v === KNOWN_AFTER_APPLY || v === SENSITIVE || (typeof v !== 'object' && v !== undefined) || (v !== null && v !== undefined && holdsMarker(v));
}

function holdsMarker(v: AttributeValue): boolean {
  if (v === SENSITIVE || v === KNOWN_AFTER_APPLY) return true;
  if (Array.isArray(v)) return v.some(holdsMarker);
  if (isMap(v)) return Object.values(v).some(holdsMarker);
  return false;
}

function keyText(v: AttributeValue | undefined): string {
  return typeof v === 'string' ? v : display(v);
}

/** Multiset difference of two lists of plain values: what went, what came. */
function scalarItems(before: readonly AttributeValue[], after: readonly AttributeValue[]): ListItemChange[] {
  const left = new Map<string, number>();
  for (const v of before) left.set(keyText(v), (left.get(keyText(v)) ?? 0) + 1);
  const added: ListItemChange[] = [];
  for (const v of after) {
    const k = keyText(v);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else added.push({ op: 'add', key: k, fields: [] });
  }
  const removed: ListItemChange[] = [];
  const seen = new Map<string, number>();
  for (const v of before) {
    const k = keyText(v);
    const extra = left.get(k) ?? 0;
    const used = seen.get(k) ?? 0;
    if (used < extra) {
      removed.push({ op: 'remove', key: k, fields: [] });
      seen.set(k, used + 1);
    }
  }
  return [...removed, ...added];
}

/** The field that identifies every element on both sides, uniquely on each side, or undefined. */
function keyField(before: readonly AttributeValue[], after: readonly AttributeValue[], preferred?: string): string | undefined {
  const all = [...before, ...after];
  if (!all.every(isMap)) return undefined;
  const unique = (list: readonly AttributeValue[], f: string): boolean => new Set(list.map((e) => keyText((e as Record<string, AttributeValue>)[f]))).size === list.length;
  const candidates = preferred ? [preferred] : KEY_FIELDS;
  return candidates.find(
    (f) => all.every((e) => isScalar((e as Record<string, AttributeValue>)[f]) && (e as Record<string, AttributeValue>)[f] !== null && (e as Record<string, AttributeValue>)[f] !== undefined) && unique(before, f) && unique(after, f),
  );
}

/** Fields of an added element worth naming: those not at the shape's default. */
function describing(element: Readonly<Record<string, AttributeValue>>, key: string, shape: ListShape | undefined): ItemField[] {
  if (!shape?.defaults) return [];
  return Object.keys(element)
    .filter((f) => f !== key && f in shape.defaults! && !same(element[f], shape.defaults![f]))
    .map((f) => ({ name: f, before: null, after: element[f]! }));
}

/** Keyed difference of two lists of objects. */
function keyedItems(before: readonly AttributeValue[], after: readonly AttributeValue[], key: string, shape: ListShape | undefined): ListItemChange[] {
  type Obj = Readonly<Record<string, AttributeValue>>;
  const b = new Map((before as Obj[]).map((e) => [keyText(e[key]), e]));
  const a = new Map((after as Obj[]).map((e) => [keyText(e[key]), e]));
  const removed: ListItemChange[] = [];
  const added: ListItemChange[] = [];
  const changed: ListItemChange[] = [];
  // A removed element is named by its key alone: what it was matters less than that it goes.
  for (const k of b.keys()) if (!a.has(k)) removed.push({ op: 'remove', key: k, fields: [] });
  for (const [k, e] of a) {
    const old = b.get(k);
    if (!old) {
      added.push({ op: 'add', key: k, fields: describing(e, key, shape) });
      continue;
    }
    const names = [...new Set([...Object.keys(old), ...Object.keys(e)])].filter((f) => f !== key).sort();
    const fields = names.filter((f) => !same(old[f], e[f])).map((f) => ({ name: f, before: old[f] ?? null, after: e[f] ?? null }));
    if (fields.length) changed.push({ op: 'change', key: k, fields });
  }
  return [...removed, ...added, ...changed];
}

/** Entry by entry difference of two maps. */
function mapItems(before: Readonly<Record<string, AttributeValue>>, after: Readonly<Record<string, AttributeValue>>): ListItemChange[] {
  const removed: ListItemChange[] = [];
  const added: ListItemChange[] = [];
  const changed: ListItemChange[] = [];
  for (const k of Object.keys(before).sort()) if (!(k in after)) removed.push({ op: 'remove', key: k, fields: [{ name: 'value', before: before[k]!, after: null }] });
  for (const k of Object.keys(after).sort()) {
    if (!(k in before)) added.push({ op: 'add', key: k, fields: [{ name: 'value', before: null, after: after[k]! }] });
    else if (!same(before[k], after[k])) changed.push({ op: 'change', key: k, fields: [{ name: 'value', before: before[k]!, after: after[k]! }] });
  }
  return [...removed, ...added, ...changed];
}

/**
 * The element-by-element changes of list or map attribute `name` (a registry attribute, or a
 * companion's top-level attribute), or undefined when the values are not lists or maps on
 * both sides (absent counts as empty), hold a value known only after apply or a sensitive
 * one, or have no element that identifies itself. An empty array: only the order changed.
 */
export function listItemChanges(name: string, before: AttributeValue | undefined, after: AttributeValue | undefined): ListItemChange[] | undefined {
  if (opaque(before) || opaque(after)) return undefined;
  const shape = SHAPES[name] ?? (name === 'tags' ? { map: true } : undefined);
  const bothMaps = (before == null || isMap(before)) && (after == null || isMap(after)) && (isMap(before) || isMap(after));
  if (bothMaps) {
    // Only known maps (tags, encryption) and companion maps of plain values read well entry by entry.
    const values = [...Object.values(before ?? {}), ...Object.values(after ?? {})];
    if (!shape?.map && !values.every(isScalar)) return undefined;
    return mapItems((before ?? {}) as Record<string, AttributeValue>, (after ?? {}) as Record<string, AttributeValue>);
  }
  const bothLists = (before == null || Array.isArray(before)) && (after == null || Array.isArray(after)) && (Array.isArray(before) || Array.isArray(after));
  if (!bothLists) return undefined;
  const b = (before ?? []) as readonly AttributeValue[];
  const a = (after ?? []) as readonly AttributeValue[];
  if ([...b, ...a].every(isScalar)) return scalarItems(b, a);
  const key = keyField(b, a, shape?.key);
  return key === undefined ? undefined : keyedItems(b, a, key, shape);
}

/** Options of {@link itemText} and {@link valueText}. */
export interface ItemTextOptions {
  /**
   * Escapes a piece that comes from an input (a key, a value, a field name) for the output
   * format; the marks and words acrkit adds are left alone.
   * @default - the identity
   */
  readonly escape?: (text: string) => string;
  /**
   * The arrow between a value before and after.
   * @default '->'
   */
  readonly arrow?: string;
}

/** A field's name as a reader says it: `zone_redundancy_enabled` is "zone redundancy". */
export function fieldLabel(name: string): string {
  return name.replace(/_enabled$/, '').replace(/_/g, ' ');
}

/** A field value as a reader says it: on / off for booleans, `-` for none. */
function fieldValue(v: AttributeValue, escape: (s: string) => string): string {
  if (v === true) return 'on';
  if (v === false) return 'off';
  return escape(valueText(v));
}

/** The mark an item's line starts with: `-`, `+` or `~`. */
export function itemMark(op: ItemOp): '-' | '+' | '~' {
  return op === 'add' ? '+' : op === 'remove' ? '-' : '~';
}

/**
 * An item as one line, without its mark: `southeastasia (zone redundancy on)`,
 * `northeurope: zone redundancy off -> on`, `env: dev -> prod`.
 */
export function itemBody(item: ListItemChange, options: ItemTextOptions = {}): string {
  const escape = options.escape ?? ((s: string) => s);
  const arrow = options.arrow ?? '->';
  const key = escape(item.key);
  const entry = item.fields.length === 1 && item.fields[0]!.name === 'value' ? item.fields[0]! : undefined;
  if (entry) {
    if (item.op === 'add') return `${key}: ${fieldValue(entry.after, escape)}`;
    if (item.op === 'remove') return `${key}: ${fieldValue(entry.before, escape)}`;
    return `${key}: ${fieldValue(entry.before, escape)} ${arrow} ${fieldValue(entry.after, escape)}`;
  }
  if (!item.fields.length) return key;
  if (item.op === 'change') {
    return `${key}: ${item.fields.map((f) => `${escape(fieldLabel(f.name))} ${fieldValue(f.before, escape)} ${arrow} ${fieldValue(f.after, escape)}`).join(', ')}`;
  }
  const side = item.op === 'add' ? 'after' : 'before';
  return `${key} (${item.fields.map((f) => `${escape(fieldLabel(f.name))} ${fieldValue(f[side], escape)}`).join(', ')})`;
}

/** An item as one line with its mark: `- eastus`, `+ southeastasia`, `~ northeurope: zone redundancy off -> on`. */
export function itemText(item: ListItemChange, options: ItemTextOptions = {}): string {
  return `${itemMark(item.op)} ${itemBody(item, options)}`;
}

/**
 * A whole value in a few words for a table cell: a list of plain values or of blocks as
 * their keys (`eastus, northeurope`), a map as `key: value` pairs, anything else as
 * {@link display} gives it.
 */
export function valueText(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return '-';
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    if (value.every(isScalar)) return value.map(keyText).join(', ');
    const key = keyField(value, []);
    if (key) return value.map((e) => keyText((e as Record<string, AttributeValue>)[key])).join(', ');
    return display(value);
  }
  if (isMap(value)) {
    const entries = Object.entries(value);
    if (!entries.length) return 'none';
    if (entries.every(([, v]) => isScalar(v))) return entries.map(([k, v]) => `${k}: ${keyText(v)}`).join(', ');
    return display(value);
  }
  return display(value);
}
