/**
 * Which resources of a plan belong to a registry: the registries themselves and their
 * companions (webhooks, scope maps, tokens and their passwords, cache rules, credential sets,
 * tasks, agent pools, connected registries; private endpoints and the private DNS zone and
 * records they use; role assignments, locks and diagnostic settings on the registry; the Key
 * Vault keys, vaults and identities its encryption uses and the role assignments or access
 * policies that let the identity read the key). Found through the references in the plan's
 * `configuration` (through module outputs and inputs too) and, where the configuration does
 * not say, through ids and names already known in the values. Everything else in the plan is
 * "other": counted by a review, never shown.
 */
import type { PlanConfiguration } from './plan-config.js';
import { configKey } from './plan-config.js';
import { isPlainObject, referencesIn } from './values.js';
import { appendAll } from '../mutable.js';

/** One resource instance of the plan, as the scope search sees it. */
export interface ScopeEntry {
  /** Full address. */
  readonly address: string;
  /** Resource type. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /** Module instance path (`module.acr["prod"]`), `''` for the root module. */
  readonly module: string;
  /**
   * Instance key as Terraform writes it (`[0]`, `["eu"]`).
   * @default - a single instance
   */
  readonly instanceKey?: string;
  /**
   * Values before the change.
   * @default - none (a create)
   */
  readonly before?: Readonly<Record<string, unknown>>;
  /**
   * Values after the change (unknown values absent).
   * @default - none (a delete)
   */
  readonly after?: Readonly<Record<string, unknown>>;
}

const REGISTRY = 'azurerm_container_registry';

/** Companions that point at the registry itself. */
const ON_REGISTRY = new Set([
  'azurerm_private_endpoint',
  'azurerm_role_assignment',
  'azurerm_management_lock',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_container_connected_registry',
  'azapi_update_resource',
  'azapi_resource',
]);

/** Whether `type` is one of the registry's own companion resources (webhook, token, ...). */
function registryFamily(type: string): boolean {
  return type.startsWith(`${REGISTRY}_`) || type === 'azurerm_container_connected_registry';
}

/** Key material a registry's encryption or identity uses. */
const USED_BY_REGISTRY = new Set(['azurerm_key_vault_key', 'azurerm_user_assigned_identity']);

/** Attributes whose string values name a registry by id. */
const ID_FIELDS = ['target_resource_id', 'scope', 'container_registry_id', 'resource_id', 'parent_id', 'registry_id'];

const lower = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.replace(/\/+$/, '').toLowerCase() : undefined);

/** Every string inside `v` (lower-cased, trailing slashes cut), to a bounded depth. */
function strings(v: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 8) return out;
  const s = lower(v);
  if (s !== undefined) out.add(s);
  else if (Array.isArray(v)) for (const x of v) strings(x, out, depth + 1);
  else if (isPlainObject(v)) for (const x of Object.values(v)) strings(x, out, depth + 1);
  return out;
}

/** Values of `key` in `values` and in its nested blocks (one level). */
function field(values: Readonly<Record<string, unknown>> | undefined, key: string): string[] {
  if (!values) return [];
  const out: string[] = [];
  const add = (x: unknown): void => {
    const s = lower(x);
    if (s !== undefined) out.push(s);
    else if (Array.isArray(x)) for (const y of x) add(y);
  };
  add(values[key]);
  for (const v of Object.values(values)) {
    const list = Array.isArray(v) ? v : [v];
    for (const b of list) if (isPlainObject(b)) add(b[key]);
  }
  return out;
}

/** The values of an entry on both sides. */
function sides(e: ScopeEntry): Array<Readonly<Record<string, unknown>>> {
  return [e.before, e.after].filter((x): x is Readonly<Record<string, unknown>> => x !== undefined);
}

function fieldsOf(e: ScopeEntry, key: string): string[] {
  return sides(e).flatMap((v) => field(v, key));
}

/**
 * Maps each resource that belongs to a registry to the addresses of its registries (a
 * registry maps to itself). Resources not in the map are "other".
 */
export function registryScope(entries: readonly ScopeEntry[], config: PlanConfiguration): Map<string, Set<string>> {
  const byBase = new Map<string, ScopeEntry[]>();
  for (const e of entries) {
    const base = `${e.module ? `${e.module}.` : ''}${e.type}.${e.name}`;
    const list = byBase.get(base);
    if (list) list.push(e);
    else byBase.set(base, [e]);
  }
  const modules = [...new Set(entries.map((e) => e.module))];

  /** Resources a reference string made in `module` (with the referrer's instance key) points at. */
  const resolve = (module: string, fromKey: string | undefined, ref: string, depth: number): ScopeEntry[] => {
    if (depth > 8) return [];
    const out: ScopeEntry[] = [];
    const mod = /^module\.([A-Za-z_][\w-]*)((?:\[[^\]]*\])?)\.([A-Za-z_][\w-]*)/.exec(ref);
    if (mod) {
      const child = `${module ? `${module}.` : ''}module.${mod[1]}`;
      const literal = mod[2] && !/each\.key|count\.index/.test(mod[2]) ? mod[2] : undefined;
      const instances = modules.filter((m) => (literal ? m === `${child}${literal}` : m === child || (m.startsWith(`${child}[`) && !m.slice(child.length).includes('.module.'))));
      const outRefs = config.outputs.get(child.replace(/\[[^\]]*\]/g, ''))?.get(mod[3]!) ?? [];
      for (const inst of instances) for (const r of outRefs) out.push(...resolve(inst, undefined, r, depth + 1));
      // A child module's resources are also reached by a reference to the whole module.
      return out;
    }
    const v = /^var\.([A-Za-z_][\w-]*)/.exec(ref);
    if (v && module) {
      const parent = module.replace(/\.?module\.[A-Za-z_][\w-]*(\[[^\]]*\])?$/, '');
      const inRefs = config.inputs.get(module.replace(/\[[^\]]*\]/g, ''))?.get(v[1]!) ?? [];
      for (const r of inRefs) out.push(...resolve(parent, undefined, r, depth + 1));
      return out;
    }
    for (const r of referencesIn(ref)) {
      if (!ref.startsWith(r.type)) continue; // data.azurerm_x.y is a data source, not a resource
      const list = byBase.get(`${module ? `${module}.` : ''}${r.type}.${r.name}`) ?? [];
      if (r.index !== undefined && !/each\.key|count\.index/.test(r.index)) out.push(...list.filter((e) => (e.instanceKey ?? '') === r.index));
      else if (r.index !== undefined && fromKey !== undefined && list.some((e) => e.instanceKey === fromKey)) out.push(...list.filter((e) => e.instanceKey === fromKey));
      else appendAll(out, list);
    }
    return out;
  };

  /** What each entry references, by attribute ('' collects all). */
  const refsOf = new Map<ScopeEntry, Map<string, Set<ScopeEntry>>>();
  for (const e of entries) {
    const conf = config.resources.get(configKey(e.module, e.type, e.name));
    const m = new Map<string, Set<ScopeEntry>>();
    const all = new Set<ScopeEntry>();
    for (const [attr, list] of Object.entries(conf?.refs ?? {})) {
      const set = new Set<ScopeEntry>();
      for (const ref of list) for (const t of resolve(e.module, e.instanceKey, ref, 0)) if (t !== e) set.add(t);
      m.set(attr, set);
      for (const t of set) all.add(t);
    }
    m.set('', all);
    refsOf.set(e, m);
  }
  const refs = (e: ScopeEntry, attr = ''): Set<ScopeEntry> => refsOf.get(e)?.get(attr) ?? new Set();

  const scope = new Map<string, Set<string>>();
  const relate = (e: ScopeEntry, registries: Iterable<string>): boolean => {
    const set = scope.get(e.address) ?? new Set<string>();
    const size = set.size;
    for (const r of registries) set.add(r);
    scope.set(e.address, set);
    return set.size > size;
  };

  const registries = entries.filter((e) => e.type === REGISTRY);
  for (const r of registries) relate(r, [r.address]);
  const regIds = new Map<string, ScopeEntry>();
  for (const r of registries) for (const id of fieldsOf(r, 'id')) regIds.set(id, r);

  // 1. Resources on the registry: by reference, else by the registry's id or name.
  for (const e of entries) {
    if (e.type === REGISTRY || (!ON_REGISTRY.has(e.type) && !registryFamily(e.type))) continue;
    const hits = new Set([...refs(e)].filter((t) => t.type === REGISTRY).map((t) => t.address));
    if (hits.size === 0) {
      for (const f of ID_FIELDS) for (const v of fieldsOf(e, f)) if (regIds.has(v)) hits.add(regIds.get(v)!.address);
      for (const v of fieldsOf(e, 'private_connection_resource_id')) if (regIds.has(v)) hits.add(regIds.get(v)!.address);
      for (const r of registries) {
        const names = fieldsOf(r, 'name');
        const rgs = fieldsOf(r, 'resource_group_name');
        const named = [...fieldsOf(e, 'registry_name'), ...fieldsOf(e, 'container_registry_name')];
        const rg = sides(e).map((v) => lower(v.resource_group_name)).filter((x) => x !== undefined);
        if (named.some((n) => names.includes(n)) && (rg.length === 0 || rgs.length === 0 || rg.some((x) => rgs.includes(x!)))) hits.add(r.address);
      }
    }
    if (e.type === 'azurerm_management_lock') {
      // A lock on the registry's resource group protects the registry too.
      for (const r of registries) {
        const rgRefs = refs(r, 'resource_group_name');
        if ([...refs(e, 'scope')].some((t) => t.type === 'azurerm_resource_group' && rgRefs.has(t))) hits.add(r.address);
        const rgs = fieldsOf(r, 'resource_group_name');
        if (fieldsOf(e, 'scope').some((s) => rgs.some((rg) => s.endsWith(`/resourcegroups/${rg}`)))) hits.add(r.address);
      }
    }
    if (hits.size) relate(e, hits);
  }

  // 2. Key material the registry's encryption and identity use.
  for (const r of registries) {
    for (const t of refs(r)) if (USED_BY_REGISTRY.has(t.type)) relate(t, [r.address]);
    const keyIds = fieldsOf(r, 'key_vault_key_id');
    const identities = [...fieldsOf(r, 'identity_ids'), ...fieldsOf(r, 'identity_client_id')];
    for (const e of entries) {
      if (e.type === 'azurerm_key_vault_key') {
        const ids = [...fieldsOf(e, 'id'), ...fieldsOf(e, 'versionless_id')];
        if (keyIds.some((k) => ids.some((id) => k === id || k.startsWith(`${id}/`)))) relate(e, [r.address]);
      } else if (e.type === 'azurerm_user_assigned_identity') {
        if ([...fieldsOf(e, 'id'), ...fieldsOf(e, 'client_id')].some((x) => identities.includes(x))) relate(e, [r.address]);
      }
    }
  }

  // 3. One hop further, until nothing more is found. Only the types that can be a second-hop
  // companion are looked at, so a large plan costs little here.
  const related = (e: ScopeEntry): Set<string> => scope.get(e.address) ?? new Set();
  // Related entries by type, recomputed each round (the scope grows between rounds).
  let byType = new Map<string, ScopeEntry[]>();
  const ofType = (types: readonly string[]): ScopeEntry[] => types.flatMap((t) => byType.get(t) ?? []);
  const HOP_TYPES = new Set(['azurerm_key_vault', 'azurerm_private_dns_zone', 'azurerm_private_dns_a_record', 'azurerm_private_dns_zone_virtual_network_link', 'azurerm_role_assignment', 'azurerm_key_vault_access_policy']);
  const candidates = entries.filter((e) => e.type !== REGISTRY && (HOP_TYPES.has(e.type) || registryFamily(e.type)));
  const stringCache = new Map<ScopeEntry, Set<string>>();
  const stringsOf = (e: ScopeEntry): Set<string> => {
    let set = stringCache.get(e);
    if (!set) {
      set = new Set<string>();
      for (const v of sides(e)) strings(v, set);
      stringCache.set(e, set);
    }
    return set;
  };
  const idsOf = (x: ScopeEntry): string[] => fieldsOf(x, 'id');
  for (let changed = true, round = 0; changed && round < 8; round++) {
    changed = false;
    byType = new Map();
    for (const c of entries) {
      if (!scope.has(c.address)) continue;
      const list = byType.get(c.type);
      if (list) list.push(c);
      else byType.set(c.type, [c]);
    }
    // Related companions of the registry's own family, by id: a token password names its token.
    const familyById = new Map<string, ScopeEntry[]>();
    for (const c of entries) {
      if (!scope.has(c.address) || !registryFamily(c.type)) continue;
      for (const id of idsOf(c)) {
        const list = familyById.get(id);
        if (list) list.push(c);
        else familyById.set(id, [c]);
      }
    }
    for (const e of candidates) {
      const from = new Set<string>();
      const mine = refs(e);
      const linked = (x: ScopeEntry): boolean => mine.has(x) || idsOf(x).some((id) => stringsOf(e).has(id));
      if (e.type === 'azurerm_key_vault') {
        const uris = fieldsOf(e, 'vault_uri');
        for (const k of ofType(['azurerm_key_vault_key'])) {
          if (refs(k, 'key_vault_id').has(e) || fieldsOf(k, 'key_vault_id').some((x) => idsOf(e).includes(x)) || fieldsOf(k, 'id').some((x) => uris.some((u) => x.startsWith(`${u}/`)))) {
            for (const a of related(k)) from.add(a);
          }
        }
      } else if (e.type === 'azurerm_private_dns_zone') {
        for (const pe of ofType(['azurerm_private_endpoint'])) if (refs(pe).has(e) || fieldsOf(pe, 'private_dns_zone_ids').some((x) => idsOf(e).includes(x))) for (const a of related(pe)) from.add(a);
      } else if (e.type === 'azurerm_private_dns_a_record' || e.type === 'azurerm_private_dns_zone_virtual_network_link') {
        const zoneNames = [...fieldsOf(e, 'zone_name'), ...fieldsOf(e, 'private_dns_zone_name')];
        for (const z of ofType(['azurerm_private_dns_zone'])) if (mine.has(z) || fieldsOf(z, 'name').some((n) => zoneNames.includes(n))) for (const a of related(z)) from.add(a);
      } else if (registryFamily(e.type)) {
        const linkedFamily = new Set<ScopeEntry>();
        for (const t of mine) if (scope.has(t.address) && registryFamily(t.type)) linkedFamily.add(t);
        for (const str of stringsOf(e)) for (const c of familyById.get(str) ?? []) linkedFamily.add(c);
        linkedFamily.delete(e);
        for (const c of linkedFamily) for (const a of related(c)) from.add(a);
      } else if (e.type === 'azurerm_role_assignment' || e.type === 'azurerm_key_vault_access_policy') {
        // Lets a registry's identity read its key: names both the identity and the key or vault.
        const principals = new Set([...fieldsOf(e, 'principal_id'), ...fieldsOf(e, 'object_id')]);
        for (const id of ofType(['azurerm_user_assigned_identity'])) {
          if (!mine.has(id) && !fieldsOf(id, 'principal_id').some((p) => principals.has(p))) continue;
          for (const kv of ofType(['azurerm_key_vault', 'azurerm_key_vault_key'])) {
            if (!linked(kv)) continue;
            for (const a of related(id)) if (related(kv).has(a)) from.add(a);
          }
        }
      }
      if (from.size && relate(e, from)) changed = true;
    }
  }
  return scope;
}
