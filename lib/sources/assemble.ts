/**
 * Turns the resources of one configuration (any source) into RegistrySpecs: each
 * `azurerm_container_registry` instance with the companion resources that reference it
 * (private endpoints, diagnostic settings, locks, webhooks, scope maps, tokens, cache rules,
 * role assignments, the `azapi_update_resource` that sets soft delete, the permissions mode,
 * ARM-audience tokens or metadata search) and the Key Vault behind its customer-managed key.
 */
import type { InputError } from '../errors.js';
import { normalizeSpec } from '../model/normalize.js';
import type {
  CustomerManagedEncryption,
  DiagnosticSettingSpec,
  EncryptionSpec,
  KeyVaultSpec,
  LockSpec,
  PrivateEndpointSpec,
  RegistrySpec,
  RegistrySpecInput,
  RoleAssignmentScope,
  RoleAssignmentSpec,
  WebhookSpec,
} from '../model/registry-spec.js';
import { builtInRoleById, builtInRoleByName } from '../catalog/roles.js';
import { isUnknown, unknown, type Maybe } from '../model/unknown.js';
import type { RawResource } from './raw-resource.js';
import { permissionsMode, registryFields } from './registry-fields.js';
import { redactUri } from '../format/uri.js';
import { asBool, asNumber, asString, asStringList, block, blocks, isPlainObject, referencesIn, type ValueSite } from './values.js';
import type { Mutable } from '../mutable.js';

/** Resource type of a registry. */
export const REGISTRY_TYPE = 'azurerm_container_registry';

/** Resource type of a role assignment. */
export const ROLE_ASSIGNMENT_TYPE = 'azurerm_role_assignment';

/**
 * The companion types {@link assemble} reads into a registry's spec (the cases of its switch):
 * a resource of another type that references a registry adds nothing to it, so it is not linked.
 */
export const COMPANION_TYPES: ReadonlySet<string> = new Set([
  'azurerm_private_endpoint',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_management_lock',
  'azurerm_container_registry_webhook',
  'azurerm_container_registry_scope_map',
  'azurerm_container_registry_token',
  ROLE_ASSIGNMENT_TYPE,
  'azurerm_container_registry_cache_rule',
  'azapi_update_resource',
]);

/**
 * Every resource type whose values or references {@link assemble} reads: registries, their
 * companions, resource groups (a lock or role on a registry's group), and the Key Vault keys
 * and vaults of customer-managed encryption (vaults only when a registry sets `encryption`).
 * A source may leave resources of other types out of what it passes to `assemble` (the `.tf`
 * reader does not evaluate them): the specs are the same.
 */
export const ASSEMBLED_TYPES: ReadonlySet<string> = new Set([REGISTRY_TYPE, ...COMPANION_TYPES, 'azurerm_resource_group', 'azurerm_key_vault_key', 'azurerm_key_vault']);

/** The site (file, line, pointer, address) of a resource for error messages. */
export function siteOf(res: RawResource, errors: InputError[]): ValueSite {
  const { file = '<inline>', line, pointer } = res.source;
  const site: Mutable<ValueSite> = { file, address: res.address, errors };
  if (line !== undefined) site.line = line;
  if (pointer !== undefined) site.pointer = pointer;
  if (res.source.arguments !== undefined) site.arguments = res.source.arguments;
  return site;
}

/** A resource's address without its instance key: `<module>.<type>.<name>`, or `<type>.<name>` at the root. */
function baseAddress(module: string | undefined, type: string, name: string): string {
  return module ? `${module}.${type}.${name}` : `${type}.${name}`;
}

/** Whether `res` is among the resources of `list`. */
function seenIn(list: ReadonlyArray<{ readonly res: RawResource }>, res: RawResource): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.res === res) return true;
  return false;
}

/** Index of resources by address, with reference resolution relative to a module. */
class ResourceIndex {
  private readonly byAddress = new Map<string, RawResource>();
  private readonly byBase = new Map<string, RawResource[]>();
  constructor(readonly all: readonly RawResource[]) {
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!;
      this.byAddress.set(r.address, r);
      const base = baseAddress(r.module, r.type, r.name);
      const list = this.byBase.get(base);
      if (list) list.push(r);
      else this.byBase.set(base, [r]);
    }
  }

  /** Resources of `type` that `from` references in `attributes` (all attributes when omitted). */
  referenced(from: RawResource, type: string, attributes?: readonly string[]): Array<{ res: RawResource; attribute?: string }> {
    const out: Array<{ res: RawResource; attribute?: string }> = [];
    const attrs = attributes ?? Object.keys(from.refs);
    // Indexed loops: a plan's companions are thousands, each asked several times.
    for (let a = 0; a < attrs.length; a++) {
      const texts = from.refs[attrs[a]!];
      if (texts === undefined || texts === null) continue;
      for (let t = 0; t < texts.length; t++) {
        const refs = referencesIn(texts[t]!);
        for (let k = 0; k < refs.length; k++) {
          const ref = refs[k]!;
          if (ref.type !== type) continue;
          // Relative references start at the referrer's module; .tf ones are absolute already.
          const scope = from.refsFromRoot ? (ref.module ?? '') : from.module ? (ref.module ? `${from.module}.${ref.module}` : from.module) : (ref.module ?? '');
          const base = baseAddress(scope, ref.type, ref.name);
          const targets = this.resolve(base, ref.index, from.instanceKey);
          for (let r = 0; r < targets.length; r++) {
            const res = targets[r]!;
            if (!seenIn(out, res)) out.push(ref.attribute ? { res, attribute: ref.attribute } : { res });
          }
        }
      }
    }
    return out;
  }

  private resolve(base: string, index: string | undefined, fromKey: string | undefined): RawResource[] {
    if (index !== undefined) {
      const exact = this.byAddress.get(`${base}${index}`);
      if (exact) return [exact];
      // `x[count.index]` / `x[each.key]`: the same instance key as the referrer.
      if (fromKey !== undefined && /\[(count\.index|each\.key)\]/.test(index)) {
        const same = this.byAddress.get(`${base}${fromKey}`);
        if (same) return [same];
      }
      return this.byBase.get(base) ?? [];
    }
    const list = this.byBase.get(base) ?? [];
    if (list.length <= 1) return list;
    const same = fromKey !== undefined ? list.find((r) => r.instanceKey === fromKey) : undefined;
    return same ? [same] : list;
  }

  private readonly byType = new Map<string, readonly RawResource[]>();

  /** The resources of `type`, in input order (worked out once a type: asked once a registry). */
  ofType(type: string): readonly RawResource[] {
    let list = this.byType.get(type);
    if (!list) {
      list = this.all.filter((r) => r.type === type);
      this.byType.set(type, list);
    }
    return list;
  }
}

/** The companions of a registry that has none. */
const NO_COMPANIONS: readonly RawResource[] = [];

/** The attributes a role assignment's registry is found in. */
const SCOPE: readonly string[] = ['scope'];

/** Options of {@link assemble}. */
export interface AssembleOptions {
  /**
   * The 1-based line of a registry in its file, set as `source.line` of its spec.
   * @default - the line its source already has, if any
   */
  readonly lineOf?: (address: string) => number | undefined;
}

/**
 * Builds a {@link RegistrySpec} for each registry in `resources`, linking companions by
 * reference (or, for values already known in a plan, by matching id or name).
 * Invalid argument values are added to `errors` and become Unknown in the spec.
 */
export function assemble(resources: readonly RawResource[], errors: InputError[], options?: AssembleOptions): RegistrySpec[] {
  const index = new ResourceIndex(resources);
  const registries = index.ofType(REGISTRY_TYPE);
  const companions = resources.filter((r) => COMPANION_TYPES.has(r.type));
  // The companions of each registry that has any (targets are always registries of the index).
  const linked = new Map<RawResource, RawResource[]>();
  // The resource groups each registry references, looked up once a registry (not once a lock).
  const groups = new Map<RawResource, ReadonlyArray<{ res: RawResource }>>();
  const groupsOf = (reg: RawResource): ReadonlyArray<{ res: RawResource }> => {
    let g = groups.get(reg);
    if (!g) {
      g = index.referenced(reg, 'azurerm_resource_group', ['resource_group_name']);
      groups.set(reg, g);
    }
    return g;
  };

  for (let i = 0; i < companions.length; i++) {
    const c = companions[i]!;
    // A role assignment belongs to the registry it is scoped to, not to one whose identity it names.
    const refd = index.referenced(c, REGISTRY_TYPE, c.type === ROLE_ASSIGNMENT_TYPE ? SCOPE : undefined);
    const targets = new Set<RawResource>();
    for (let k = 0; k < refd.length; k++) targets.add(refd[k]!.res);
    if (c.type === 'azurerm_management_lock' || c.type === ROLE_ASSIGNMENT_TYPE) {
      // A lock (or a role) on the registry's resource group applies to the registry too.
      for (const rg of index.referenced(c, 'azurerm_resource_group', SCOPE)) {
        for (const reg of registries) {
          if (groupsOf(reg).some((x) => x.res === rg.res)) targets.add(reg);
        }
      }
    }
    if (targets.size === 0) for (const reg of registries) if (matchesByValue(c, reg)) targets.add(reg);
    for (const t of targets) {
      const list = linked.get(t);
      if (list) list.push(c);
      else linked.set(t, [c]);
    }
  }

  return registries.map((reg) => {
    const site = siteOf(reg, errors);
    // registryFields returns a fresh object: it is completed in place rather than copied.
    const fields = registryFields(reg, site);
    const network = (fields.network ?? {}) as Record<string, unknown>;
    const pes: PrivateEndpointSpec[] = [];
    const diags: DiagnosticSettingSpec[] = [];
    const locks: LockSpec[] = [];
    const hooks: WebhookSpec[] = [];
    const counts = { scopeMaps: 0, tokens: 0, cacheRules: 0 };
    const roles: RoleAssignmentSpec[] = [];
    let enabledTokens: Maybe<number> = 0;
    let softDeleteDays: Maybe<number> | undefined;
    const mine = linked.get(reg) ?? NO_COMPANIONS;
    for (let ci = 0; ci < mine.length; ci++) {
      const c = mine[ci]!;
      const cs = siteOf(c, errors);
      switch (c.type) {
        case 'azurerm_private_endpoint': {
          const psc = block(c.values.private_service_connection, cs, 'private_service_connection');
          const sub = psc && !isUnknown(psc) ? asStringList(psc.subresource_names, cs, 'private_service_connection.subresource_names') : undefined;
          if (sub && !isUnknown(sub) && sub.length > 0 && !sub.includes('registry')) break;
          const group = block(c.values.private_dns_zone_group, cs, 'private_dns_zone_group');
          pes.push({ address: c.address, dnsZoneGroup: group === undefined ? false : isUnknown(group) ? group : true });
          break;
        }
        case 'azurerm_monitor_diagnostic_setting':
          diags.push(diagnostic(c, cs));
          break;
        case 'azurerm_management_lock': {
          const level = asString(c.values.lock_level, cs, 'lock_level') ?? unknown('lock_level is missing');
          locks.push({ address: c.address, level: isUnknown(level) || level === 'CanNotDelete' || level === 'ReadOnly' ? level : unknown(`lock_level '${level}' is not CanNotDelete or ReadOnly`) });
          break;
        }
        case 'azurerm_container_registry_webhook':
          hooks.push({
            address: c.address,
            serviceUri: redacted(asString(c.values.service_uri, cs, 'service_uri')) ?? unknown('service_uri is missing'),
            actions: asStringList(c.values.actions, cs, 'actions') ?? [],
          });
          break;
        case 'azurerm_container_registry_scope_map':
          counts.scopeMaps++;
          break;
        case 'azurerm_container_registry_token': {
          counts.tokens++;
          const enabled = asBool(c.values.enabled, cs, 'enabled') ?? true;
          if (isUnknown(enabledTokens)) break;
          if (isUnknown(enabled)) enabledTokens = enabled;
          else if (enabled) enabledTokens++;
          break;
        }
        case ROLE_ASSIGNMENT_TYPE:
          roles.push(roleAssignment(c, cs, scopeOf(c, reg, index)));
          break;
        case 'azurerm_container_registry_cache_rule':
          counts.cacheRules++;
          break;
        case 'azapi_update_resource': {
          const body = registryBody(c, cs);
          if (body === undefined) break;
          softDeleteDays = softDelete(body, cs) ?? softDeleteDays;
          Object.assign(fields, bodySettings(body, cs));
          break;
        }
        default:
          // Only the types of COMPANION_TYPES are linked: a new case here belongs there too.
          break;
      }
    }
    network.privateEndpoints = pes;
    if (softDeleteDays !== undefined) fields.softDeleteDays = softDeleteDays;
    fields.roleAssignments = roles;
    fields.enabledTokens = enabledTokens;
    const line = options?.lineOf?.(reg.address);
    // Set one by one, not Object.assign(fields, { ... }): that copy made a few kilobytes of
    // garbage a registry (a quarter of what reading a plan allocates).
    fields.address = reg.address;
    fields.source = line === undefined ? reg.source : { ...reg.source, line };
    fields.network = network as RegistrySpecInput['network'];
    fields.encryption = encryption(reg, site, index);
    fields.webhooks = hooks;
    fields.diagnosticSettings = diags;
    fields.locks = locks;
    fields.counts = counts;
    return normalizeSpec(fields as RegistrySpecInput);
  });
}

/** A webhook URI without userinfo, query and fragment (they carry credentials): no report shows them. */
function redacted(uri: Maybe<string> | undefined): Maybe<string> | undefined {
  return uri === undefined || isUnknown(uri) ? uri : redactUri(uri);
}

/** Whether a companion names the registry by a known value (plans with ids already known). */
function matchesByValue(c: RawResource, reg: RawResource): boolean {
  const id = reg.values.id;
  const name = reg.values.name;
  const rg = reg.values.resource_group_name;
  const v = c.values;
  if (typeof id === 'string' && id !== '') {
    const psc = Array.isArray(v.private_service_connection) ? v.private_service_connection[0] : v.private_service_connection;
    const candidates = [v.target_resource_id, v.scope, v.container_registry_id, v.resource_id, isPlainObject(psc) ? psc.private_connection_resource_id : undefined];
    if (candidates.some((x) => typeof x === 'string' && x.toLowerCase() === id.toLowerCase())) return true;
  }
  if (typeof name === 'string' && name !== '') {
    const n = v.registry_name ?? v.container_registry_name;
    if (typeof n === 'string' && n === name && (typeof rg !== 'string' || v.resource_group_name === rg)) return true;
  }
  return false;
}

function diagnostic(c: RawResource, site: ValueSite): DiagnosticSettingSpec {
  const v = c.values;
  const workspaceId = asString(v.log_analytics_workspace_id, site, 'log_analytics_workspace_id') ?? '';
  const logs = enabledAny(v.enabled_log, site, 'enabled_log', true) ?? enabledAny(v.log, site, 'log', false) ?? false;
  const metrics = enabledAny(v.enabled_metric, site, 'enabled_metric', true) ?? enabledAny(v.metric, site, 'metric', false) ?? false;
  return { address: c.address, workspaceId, logs, metrics };
}

/** Whether any of the blocks is on (4.x `enabled_log` blocks are on by presence; 3.x `log { enabled }`). */
function enabledAny(v: unknown, site: ValueSite, attribute: string, byPresence: boolean): Maybe<boolean> | undefined {
  const list = blocks(v, site, attribute);
  if (list === undefined) return undefined;
  if (isUnknown(list)) return list;
  if (list.length === 0) return undefined;
  if (byPresence) return true;
  return list.some((b) => asBool(b.enabled, site, `${attribute}.enabled`) !== false);
}

/**
 * The body of an `azapi_update_resource` of a registry (`type` Microsoft.ContainerRegistry/registries@...):
 * an object, or a JSON string (`jsonencode(...)` of azapi 1.x); Unknown when not known statically,
 * `undefined` for another resource type or no body.
 */
function registryBody(c: RawResource, site: ValueSite): Maybe<Record<string, unknown>> | undefined {
  const type = asString(c.values.type, site, 'type');
  if (typeof type === 'string' && !/^microsoft\.containerregistry\/registries@/i.test(type)) return undefined;
  let body = c.values.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      return undefined;
    }
  }
  if (isUnknown(body)) return body;
  return isPlainObject(body) ? body : undefined;
}

/** Settings an AzAPI body of a registry sets besides soft delete: permissions mode, ARM-audience tokens, metadata search. */
function bodySettings(body: Maybe<Record<string, unknown>>, site: ValueSite): Partial<Pick<RegistrySpecInput, 'permissionsMode' | 'armAudienceAuth' | 'metadataSearch'>> {
  if (isUnknown(body)) return {};
  const props = body.properties;
  if (isUnknown(props)) return { permissionsMode: props, armAudienceAuth: props, metadataSearch: props };
  if (!isPlainObject(props)) return {};
  const out: Mutable<Partial<Pick<RegistrySpecInput, 'permissionsMode' | 'armAudienceAuth' | 'metadataSearch'>>> = {};
  const mode = asString(props.roleAssignmentMode, site, 'body.properties.roleAssignmentMode');
  if (mode !== undefined) out.permissionsMode = permissionsMode(mode, site, 'body.properties.roleAssignmentMode');
  const policies = props.policies;
  const arm = isPlainObject(policies) ? policies.azureADAuthenticationAsArmPolicy : isUnknown(policies) ? policies : undefined;
  if (isUnknown(arm)) out.armAudienceAuth = arm;
  else if (isPlainObject(arm)) {
    const status = asString(arm.status, site, 'body.properties.policies.azureADAuthenticationAsArmPolicy.status');
    if (status !== undefined) out.armAudienceAuth = isUnknown(status) ? status : status.toLowerCase() === 'enabled';
  }
  const search = asString(props.metadataSearch, site, 'body.properties.metadataSearch');
  if (search !== undefined) out.metadataSearch = isUnknown(search) ? search : search.toLowerCase() === 'enabled';
  return out;
}

/** Where a role assignment linked to `reg` applies: the registry, or a scope that contains it. */
function scopeOf(c: RawResource, reg: RawResource, index: ResourceIndex): Maybe<RoleAssignmentScope> {
  if (index.referenced(c, REGISTRY_TYPE, ['scope']).some((t) => t.res === reg)) return 'registry';
  if (index.referenced(c, 'azurerm_resource_group', ['scope']).length) return 'resource-group';
  const scope = c.values.scope;
  return typeof scope === 'string' ? scopeKind(scope) : unknown('the scope is not known statically');
}

/** The kind of scope an Azure resource id names. */
export function scopeKind(id: string): RoleAssignmentScope {
  if (/\/providers\/microsoft\.containerregistry\/registries\//i.test(id)) return 'registry';
  if (/\/resourcegroups\/[^/]+\/?$/i.test(id)) return 'resource-group';
  if (/^\/?providers\/microsoft\.management\/managementgroups\//i.test(id)) return 'management-group';
  return /^\/subscriptions\/[^/]+\/?$/i.test(id) ? 'subscription' : 'registry';
}

/** A role assignment (azurerm names): role by name or id, principal, condition, at `scope`. */
function roleAssignment(c: RawResource, site: ValueSite, scope: Maybe<RoleAssignmentScope>): RoleAssignmentSpec {
  const v = c.values;
  const name = asString(v.role_definition_name, site, 'role_definition_name');
  const id = roleDefinitionGuid(v.role_definition_id);
  const condition = asString(v.condition, site, 'condition');
  return roleAssignmentSpec({ address: c.address, name, id, principalId: asString(v.principal_id, site, 'principal_id') ?? unknown('principal_id is missing'), condition, scope });
}

/**
 * The GUID at the end of a role definition id: of a known string, or of an expression's text
 * (`${...}/providers/Microsoft.Authorization/roleDefinitions/<guid>`); Unknown when neither.
 */
export function roleDefinitionGuid(v: unknown): Maybe<string> | undefined {
  if (v === undefined || v === null) return undefined;
  const text = isUnknown(v) ? (v.expression ?? '') : typeof v === 'string' ? v : '';
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})['"\]\)}\s]*$/i.exec(text)?.[1];
  if (guid) return guid.toLowerCase();
  return isUnknown(v) ? v : unknown(`role definition id ${JSON.stringify(text)} does not end in a GUID`);
}

/**
 * A {@link RoleAssignmentSpec} from what a source read: the role's name and id completed from
 * the catalog where it knows the other, the condition `null` when there is none.
 */
export function roleAssignmentSpec(r: {
  readonly address: string;
  readonly name?: Maybe<string> | undefined;
  readonly id?: Maybe<string> | undefined;
  readonly principalId: Maybe<string>;
  readonly condition?: Maybe<string> | undefined;
  readonly scope: Maybe<RoleAssignmentScope>;
}): RoleAssignmentSpec {
  const byId = typeof r.id === 'string' ? builtInRoleById(r.id) : undefined;
  const byName = typeof r.name === 'string' ? builtInRoleByName(r.name) : undefined;
  const roleName = byId?.name ?? (typeof r.name === 'string' ? (byName?.name ?? r.name) : r.name);
  const roleId = typeof r.id === 'string' ? r.id.toLowerCase() : (byName?.id ?? r.id);
  const condition = r.condition === undefined || r.condition === '' ? null : r.condition;
  return {
    address: r.address,
    principalId: r.principalId,
    ...(roleName !== undefined ? { roleName } : {}),
    ...(roleId !== undefined ? { roleId } : {}),
    condition,
    scope: r.scope,
  };
}

function softDelete(body: Maybe<Record<string, unknown>>, site: ValueSite): Maybe<number> | undefined {
  if (isUnknown(body)) return body;
  const sd = (((body.properties as Record<string, unknown> | undefined)?.policies as Record<string, unknown> | undefined)?.softDeletePolicy) as unknown;
  if (isUnknown(sd)) return sd;
  if (!isPlainObject(sd)) return undefined;
  const status = asString(sd.status, site, 'body.properties.policies.softDeletePolicy.status');
  if (status !== undefined && !isUnknown(status) && status.toLowerCase() !== 'enabled') return 0;
  return asNumber(sd.retentionDays, site, 'body.properties.policies.softDeletePolicy.retentionDays');
}

const VERSIONLESS_ID = /^https:\/\/[^/]+\/keys\/[^/]+\/?$/;

function encryption(reg: RawResource, site: ValueSite, index: ResourceIndex): Maybe<EncryptionSpec> | undefined {
  const enc = block(reg.values.encryption, site, 'encryption');
  if (enc === undefined) return undefined;
  if (isUnknown(enc)) return enc;
  // 2.x/3.x: `encryption { enabled = false }` means platform keys.
  const enabled = asBool(enc.enabled, site, 'encryption.enabled');
  if (enabled === false) return { kind: 'platform' };
  const keyId = asString(enc.key_vault_key_id, site, 'encryption.key_vault_key_id') ?? '';
  const identityClientId = asString(enc.identity_client_id, site, 'encryption.identity_client_id') ?? '';
  const keyRefs = index.referenced(reg, 'azurerm_key_vault_key', ['encryption']);
  let versionless: Maybe<boolean>;
  if (!isUnknown(keyId)) versionless = VERSIONLESS_ID.test(keyId);
  else if (keyRefs.some((k) => k.attribute === 'versionless_id' || k.attribute === 'resource_versionless_id')) versionless = true;
  else if (keyRefs.some((k) => k.attribute === 'id' || k.attribute === 'resource_id')) versionless = false;
  else versionless = unknown('the key id is not known statically', keyId.expression);
  const vault = keyVault(reg, keyId, keyRefs.map((k) => k.res), site, index);
  const out: CustomerManagedEncryption = { kind: 'customer-managed', keyId, versionless, identityClientId, ...(vault ? { keyVault: vault } : {}) };
  return out;
}

function keyVault(reg: RawResource, keyId: Maybe<string>, keys: RawResource[], site: ValueSite, index: ResourceIndex): KeyVaultSpec | undefined {
  let vaults = keys.flatMap((k) => index.referenced(k, 'azurerm_key_vault', ['key_vault_id']).map((x) => x.res));
  if (vaults.length === 0 && !isUnknown(keyId)) {
    const host = /^https:\/\/([^./]+)\./.exec(keyId)?.[1]?.toLowerCase();
    if (host) vaults = index.ofType('azurerm_key_vault').filter((v) => typeof v.values.name === 'string' && v.values.name.toLowerCase() === host);
  }
  const vault = vaults[0];
  if (!vault) return undefined;
  void reg;
  const vs = siteOf(vault, site.errors);
  return { address: vault.address, purgeProtection: asBool(vault.values.purge_protection_enabled, vs, 'purge_protection_enabled') ?? false };
}
