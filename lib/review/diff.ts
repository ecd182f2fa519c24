/**
 * What a change does to each registry and companion resource: action, attributes before and
 * after, and whether it destroys data or cannot be undone, with the reason and the way out.
 */
import { findRegion } from '../catalog/regions.js';
import { tierSupports } from '../catalog/tiers.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, known } from '../model/unknown.js';
import { accessReasons } from './access.js';
import { driftMessage, isLive } from './drift.js';
import { argumentOf, display, holdsSensitive, isProviderDefault, rawAttributes, registryAttributes, same, SENSITIVE, SHOWN_ATTRIBUTES, type AttributeValue } from './attributes.js';
import { listItemChanges, type ListItemChange } from './lists.js';

/** What happens to a resource. */
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

/** One attribute that changes. */
export interface AttributeChange {
  /** Terraform argument name (or an acrkit name for companion counts). */
  readonly name: string;
  /** Value before (`null` when absent). */
  readonly before: AttributeValue;
  /** Value after (`null` when absent). */
  readonly after: AttributeValue;
  /**
   * The value is marked sensitive in the plan: both sides show `(sensitive)`, and the entry
   * says that it changed.
   * @default false
   */
  readonly sensitive?: boolean;
  /**
   * For a list or map attribute, its elements that are added, removed or changed, keyed by
   * what identifies them (a replica by location, an IP rule by range, a tag by name): what
   * reports show instead of the two whole values.
   * @default - not a list or map, or its elements do not identify themselves: show before and after
   */
  readonly items?: readonly ListItemChange[];
}

/** Why a change is flagged. */
export interface ChangeReason {
  /**
   * `destructive`: data is deleted; `irreversible`: cannot be undone later; `rejected`: Azure
   * refuses it at apply; `access-loss`: principals lose access (a permissions mode switch);
   * `access-widened`: principals gain access; `drift`: the registry as it runs differs from the
   * configuration (a review with a live export on one side).
   */
  readonly kind: 'destructive' | 'irreversible' | 'rejected' | 'access-loss' | 'access-widened' | 'drift';
  /** What happens and what to do instead. */
  readonly message: string;
}

/** One resource's change. */
export interface ResourceChange {
  /** Address as the user knows it: construct path for cdktf inputs, Terraform address otherwise. */
  readonly address: string;
  /**
   * The Terraform address, when {@link address} is a construct path (reports show it as a
   * detail: the generated logical id is the same in every stack).
   * @default - `address` is the Terraform address
   */
  readonly terraformAddress?: string;
  /** Resource type. */
  readonly type: string;
  /** Action. */
  readonly action: ChangeAction;
  /** Whether data is deleted. */
  readonly destructive: boolean;
  /** Whether the change cannot be undone (or can only be made at creation). */
  readonly irreversible: boolean;
  /**
   * Whether principals lose access to the registry's data (a switch to the ABAC permissions mode
   * while legacy role assignments exist): each is an `access-loss` reason.
   * @default false
   */
  readonly accessLoss?: boolean;
  /** Attributes that change (for a created or deleted registry: those not at the provider default). */
  readonly attributes: readonly AttributeChange[];
  /**
   * A created or deleted registry's attributes at the provider default (shown behind a detail).
   * @default []
   */
  readonly defaults?: readonly AttributeChange[];
  /**
   * Attributes that change but are not shown: of a resource type acrkit does not model, or
   * not among the attributes it shows for the type (they may hold keys, passwords or headers).
   * @default 0
   */
  readonly hiddenAttributes?: number;
  /** Why it is flagged, one line each. */
  readonly reasons: readonly ChangeReason[];
}

/** Arguments whose change makes Terraform replace the registry (ForceNew in azurerm 4.x). */
export const FORCE_NEW: readonly string[] = ['name', 'resource_group_name', 'location', 'zone_redundancy_enabled'];

/** Companion types whose deletion makes a registry's encrypted data unreadable. */
const KEY_TYPES = new Set(['azurerm_key_vault', 'azurerm_key_vault_key', 'azurerm_user_assigned_identity']);

/** The identity two inputs share for the same registry: stack plus address for cdktf, else the address. */
export function registryKey(spec: RegistrySpec): string {
  // A live registry matched to a cdktf one carries its construct path (lib/review/drift.ts).
  const stack = spec.source.kind === 'cdk-tf-json' || spec.source.kind === 'construct' || spec.source.kind === 'live' ? spec.source.constructPath?.split('/')[0] : undefined;
  return stack ? `${stack}:${spec.address}` : spec.address;
}

/** Address to show: the construct path when there is one. */
export function displayAddress(spec: RegistrySpec): string {
  return spec.source.constructPath ?? spec.address;
}

/** Options of {@link classifyRegistry} and {@link classifyCompanion}. */
export interface ClassifyOptions {
  /**
   * Top-level Terraform arguments with a sensitive part that changes (from the plan): listed
   * as changed with `(sensitive)` on both sides.
   * @default []
   */
  readonly sensitiveChanged?: readonly string[];
}

/** A sensitive attribute that changes: the values are never shown. */
function sensitiveChange(name: string, before: boolean, after: boolean): AttributeChange {
  return { name, before: before ? SENSITIVE : null, after: after ? SENSITIVE : null, sensitive: true };
}

/**
 * Attribute changes between two registries (either may be absent). For a registry that
 * appears or goes, attributes at the provider default go to `defaults`, so `attributes`
 * shows what the configuration sets (a non-default `false` included).
 */
export function registryAttributeChanges(
  before: RegistrySpec | undefined,
  after: RegistrySpec | undefined,
  options: ClassifyOptions = {},
): { attributes: AttributeChange[]; defaults: AttributeChange[] } {
  const b = new Map(before ? registryAttributes(before) : []);
  const a = new Map(after ? registryAttributes(after) : []);
  const names = [...new Set([...b.keys(), ...a.keys()])];
  const whole = !before || !after;
  const sensitive = new Set(options.sensitiveChanged ?? []);
  const attributes: AttributeChange[] = [];
  const defaults: AttributeChange[] = [];
  for (const name of names) {
    const bv = b.get(name);
    const av = a.get(name);
    if (sensitive.has(argumentOf(name))) {
      attributes.push(sensitiveChange(name, before !== undefined, after !== undefined));
      continue;
    }
    if (same(bv, av)) continue;
    const secret = bv === SENSITIVE || av === SENSITIVE;
    const change = withItems({ name, before: bv ?? null, after: av ?? null, ...(secret ? { sensitive: true } : {}) });
    if (whole && isProviderDefault(name, before ? bv : av)) defaults.push(change);
    else attributes.push(change);
  }
  return { attributes, defaults };
}

/** Attribute changes between two registries; for a registry that appears or goes, without those at the provider default. */
export function attributeChanges(before: RegistrySpec | undefined, after: RegistrySpec | undefined): AttributeChange[] {
  return registryAttributeChanges(before, after).attributes;
}

/**
 * Attribute changes between two raw value maps of a companion of `type`: only the attributes
 * acrkit shows for the type ({@link SHOWN_ATTRIBUTES}), sensitive ones as `(sensitive)`; the
 * others that change are counted in `hidden`.
 */
export function rawAttributeChanges(
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
  type?: string,
  options: ClassifyOptions = {},
): { attributes: AttributeChange[]; hidden: number } {
  const b = rawAttributes(before);
  const a = rawAttributes(after);
  const shown = type === undefined ? undefined : new Set(SHOWN_ATTRIBUTES[type] ?? []);
  const sensitive = new Set(options.sensitiveChanged ?? []);
  const names = [...new Set([...b.keys(), ...a.keys()])].sort();
  const attributes: AttributeChange[] = [];
  let hidden = 0;
  for (const name of names) {
    const secret = sensitive.has(name) || holdsSensitive(before?.[name]) || holdsSensitive(after?.[name]);
    const changed = sensitive.has(name) || !same(b.get(name), a.get(name));
    if (!changed) continue;
    if (shown && !shown.has(name)) hidden++;
    else if (secret) attributes.push(sensitiveChange(name, before?.[name] !== undefined && before?.[name] !== null, after?.[name] !== undefined && after?.[name] !== null));
    else attributes.push(withItems({ name, before: b.get(name) ?? null, after: a.get(name) ?? null }));
  }
  return { attributes, hidden };
}

/** `change` with its list items when it is a list or map whose elements identify themselves. */
function withItems(change: AttributeChange): AttributeChange {
  if (change.sensitive) return change;
  const items = listItemChanges(change.name, change.before, change.after);
  return items?.length ? { ...change, items } : change;
}

/**
 * Classifies a registry change. `terraformActions` (from a plan) wins over acrkit's own
 * inference from ForceNew arguments.
 */
export function classifyRegistry(
  before: RegistrySpec | undefined,
  after: RegistrySpec | undefined,
  terraformActions?: readonly string[],
  options: ClassifyOptions = {},
): Omit<ResourceChange, 'address' | 'type'> {
  const { attributes, defaults } = registryAttributeChanges(before, after, options);
  const reasons: ChangeReason[] = [];
  let action: ChangeAction;
  const forced = attributes.filter((c) => FORCE_NEW.includes(c.name));
  if (terraformActions) {
    action = actionOf(terraformActions);
  } else if (!before) action = 'create';
  else if (!after) action = 'delete';
  else if (forced.length) action = 'replace';
  else action = attributes.length ? 'update' : 'no-op';

  const name = before ? display(registryAttributes(before)[0]![1]) : '';
  if (action === 'delete') {
    reasons.push({ kind: 'destructive', message: `deleting registry ${name} deletes every repository, manifest and layer in it, and deleted data cannot be recovered: keep it, or import the images you need into another registry first (az acr import).` });
  }
  if (action === 'replace') {
    const why = forced.length ? forced.map((c) => `${c.name} ${display(c.before)} -> ${display(c.after)}`).join(', ') : 'Terraform plans to replace it';
    reasons.push({ kind: 'destructive', message: `replacing registry ${name} (${why}) deletes it with every image, and deleted data cannot be recovered: create the new registry beside the old one and import the images before removing it.` });
  }
  if (before && after) reasons.push(...updateReasons(before, after), ...accessReasons(before, after));
  if (before && after && isLive(before) !== isLive(after) && attributes.length) reasons.push({ kind: 'drift', message: driftMessage(attributes.map((a) => a.name), isLive(before)) });
  const destructive = reasons.some((r) => r.kind === 'destructive');
  const irreversible = destructive || reasons.some((r) => r.kind === 'irreversible');
  const accessLoss = reasons.some((r) => r.kind === 'access-loss');
  return { action, destructive, irreversible, ...(accessLoss ? { accessLoss } : {}), attributes, ...(defaults.length ? { defaults } : {}), reasons };
}

function updateReasons(before: RegistrySpec, after: RegistrySpec): ChangeReason[] {
  const out: ChangeReason[] = [];
  const br = known(before.replicas) ?? [];
  const ar = known(after.replicas) ?? [];
  const loc = (l: unknown): string => (typeof l === 'string' ? l : '?');
  for (const r of br) {
    const still = ar.find((x) => known(x.location) === known(r.location));
    const where = findRegion(loc(r.location))?.displayName ?? loc(r.location);
    if (!still) {
      out.push({ kind: 'destructive', message: `removing the ${where} replica deletes that region's copy, and deletes cannot be recovered (writes not yet replicated from it are lost): keep the replica, or wait until replication has caught up.` });
    } else if (!isUnknown(r.zoneRedundant) && !isUnknown(still.zoneRedundant) && r.zoneRedundant !== still.zoneRedundant) {
      out.push({ kind: 'destructive', message: `changing zone_redundancy_enabled of the ${where} replica deletes and recreates that replica: plan it for a quiet window; clients there fall back to other replicas meanwhile.` });
    }
  }
  const be = known(before.encryption);
  const ae = known(after.encryption);
  if (be?.kind === 'platform' && ae?.kind === 'customer-managed') {
    out.push({ kind: 'rejected', message: 'adding a customer-managed key to an existing registry is rejected by Azure (the key can only be set at creation): create a new registry with the key and import the images.' });
    out.push({ kind: 'irreversible', message: 'a customer-managed key cannot be turned off once the registry uses it: be sure before creating a registry with one.' });
  }
  if (be?.kind === 'customer-managed' && ae?.kind === 'platform') {
    out.push({ kind: 'rejected', message: 'removing the customer-managed key is rejected by Azure (encryption cannot be disabled once enabled): keep the encryption block.' });
  }
  const bt = known(before.tier);
  const at = known(after.tier);
  if (bt && at && tierSupports(bt, 'geoReplication') && !tierSupports(at, 'geoReplication') && br.length > 0) {
    out.push({ kind: 'destructive', message: `moving from ${bt} to ${at} needs every geo-replica deleted first (${br.map((r) => loc(r.location)).join(', ')}), and their copies are deleted with them: keep ${bt}, or remove the replicas in a change of their own first.` });
  }
  if (before.exportEnabled !== false && after.exportEnabled === false && after.network.publicAccess === true) {
    out.push({ kind: 'rejected', message: 'disabling export needs public network access disabled, and this registry still takes public traffic: add private endpoints and set public_network_access_enabled = false in the same change, or keep export enabled.' });
  }
  return out;
}

/** What registries' customer-managed keys depend on, from their values before a plan. */
export interface KeyDependencies {
  /** `encryption.key_vault_key_id` values (versioned or not). */
  readonly keyIds: readonly string[];
  /** `identity.identity_ids` and `encryption.identity_client_id` values. */
  readonly identities: readonly string[];
}

/** Collects the key ids and identities the registries in `values` encrypt with. */
export function keyDependencies(values: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>): KeyDependencies {
  const keyIds: string[] = [];
  const identities: string[] = [];
  const first = (v: unknown): Record<string, unknown> | undefined =>
    (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;
  for (const v of values) {
    const enc = first(v?.encryption);
    if (typeof enc?.key_vault_key_id === 'string') keyIds.push(enc.key_vault_key_id.replace(/\/+$/, '').toLowerCase());
    if (typeof enc?.identity_client_id === 'string') identities.push(enc.identity_client_id.toLowerCase());
    const ids = first(v?.identity)?.identity_ids;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') identities.push(id.toLowerCase());
  }
  return { keyIds, identities };
}

/** Whether a Key Vault, key or identity (by its values before the change) is one a registry's key depends on. */
function keyDependency(type: string, values: Readonly<Record<string, unknown>> | undefined, deps: KeyDependencies): boolean {
  const str = (k: string): string | undefined => (typeof values?.[k] === 'string' ? (values[k] as string).replace(/\/+$/, '').toLowerCase() : undefined);
  if (type === 'azurerm_key_vault_key') {
    const versionless = str('versionless_id');
    const id = str('id');
    return deps.keyIds.some((k) => k === id || k === versionless || (versionless !== undefined && k.startsWith(`${versionless}/`)));
  }
  if (type === 'azurerm_key_vault') {
    const uri = str('vault_uri');
    return uri !== undefined && deps.keyIds.some((k) => k.startsWith(`${uri}/keys/`));
  }
  return [str('id'), str('client_id')].some((x) => x !== undefined && deps.identities.includes(x));
}

/** Classifies a companion resource change from a plan. */
export function classifyCompanion(
  type: string,
  actions: readonly string[],
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
  deps: KeyDependencies = { keyIds: [], identities: [] },
  options: ClassifyOptions = {},
): Omit<ResourceChange, 'address' | 'type'> {
  const action = actionOf(actions);
  const { attributes, hidden } = rawAttributeChanges(before, after, type, options);
  const reasons: ChangeReason[] = [];
  if ((action === 'delete' || action === 'replace') && KEY_TYPES.has(type) && keyDependency(type, before, deps)) {
    reasons.push({ kind: 'destructive', message: `${action === 'delete' ? 'deleting' : 'replacing'} a ${type} that a customer-managed key depends on makes the registry's encrypted data unreadable: keep it (and keep purge protection on).` });
  }
  const destructive = reasons.some((r) => r.kind === 'destructive');
  return { action, destructive, irreversible: destructive, attributes, ...(hidden ? { hiddenAttributes: hidden } : {}), reasons };
}

/** Maps Terraform's action list to one action. */
export function actionOf(actions: readonly string[]): ChangeAction {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('create')) return 'create';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('update')) return 'update';
  return 'no-op';
}

/** Matches base and head registries by {@link registryKey} and classifies each pair. */
export function diffRegistries(base: readonly RegistrySpec[], head: readonly RegistrySpec[]): ResourceChange[] {
  const b = new Map(base.map((s) => [registryKey(s), s]));
  const h = new Map(head.map((s) => [registryKey(s), s]));
  const keys = [...new Set([...b.keys(), ...h.keys()])];
  return keys.map((k) => {
    const before = b.get(k);
    const after = h.get(k);
    const spec = (after ?? before)!;
    const address = displayAddress(spec);
    return { address, ...(address !== spec.address ? { terraformAddress: spec.address } : {}), type: 'azurerm_container_registry', ...classifyRegistry(before, after) };
  });
}
