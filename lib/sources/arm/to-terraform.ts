/**
 * ARM resources in azurerm's terms: each registry as an `azurerm_container_registry` with
 * azurerm 4.x arguments, and its replications, webhooks, scope maps, tokens, cache rules, role
 * assignments, private endpoints, diagnostic settings, locks and Key Vaults as the azurerm
 * resources that express them, linked to their registry by reference. The shared assembly
 * (lib/sources/assemble.ts) then builds the specs, so an ARM input and the equivalent `.tf` give
 * the same RegistrySpec. ARM values are checked here, with the JSON pointer of the property.
 *
 * What the azurerm arguments cannot carry (the soft-delete policy, metadata search, replicas of a
 * Premium registry exported without its replication list) comes back as {@link ArmExtras}.
 */
import { ROLE_ASSIGNMENT_MODE } from '../../catalog/abac.js';
import { InputError } from '../../errors.js';
import type { RawResource } from '../raw-resource.js';
import type { SourceLocation } from '../../model/registry-spec.js';
import { isUnknown, unknown, type Maybe } from '../../model/unknown.js';
import { preview } from '../values.js';
import { display, nameKey, nameSegments, refersTo, type ArmResource, type ArmShape } from './resource.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

/** ARM resource types, lowercase. */
const T = {
  registry: 'microsoft.containerregistry/registries',
  replication: 'microsoft.containerregistry/registries/replications',
  webhook: 'microsoft.containerregistry/registries/webhooks',
  scopeMap: 'microsoft.containerregistry/registries/scopemaps',
  token: 'microsoft.containerregistry/registries/tokens',
  cacheRule: 'microsoft.containerregistry/registries/cacherules',
  roleAssignment: 'microsoft.authorization/roleassignments',
  lock: 'microsoft.authorization/locks',
  diagnostic: 'microsoft.insights/diagnosticsettings',
  privateEndpoint: 'microsoft.network/privateendpoints',
  dnsZoneGroup: 'microsoft.network/privateendpoints/privatednszonegroups',
  keyVault: 'microsoft.keyvault/vaults',
} as const;

/** What a registry has that azurerm arguments do not carry, by its raw address. */
export interface ArmExtras {
  /** Soft-delete days (0 off), from `policies.softDeletePolicy`. */
  readonly softDeleteDays?: Maybe<number>;
  /** Metadata search, from `metadataSearch`. */
  readonly metadataSearch?: Maybe<boolean>;
  /** Replicas that cannot be known (a Premium registry exported without `az acr replication list`). */
  readonly replicasUnknown?: string;
}

/** The converted resources and the extras of each registry (keyed by the raw registry's address). */
export interface ArmConversion {
  /** Resources in azurerm's terms. */
  readonly resources: RawResource[];
  /** Extras per registry address. */
  readonly extras: Map<string, ArmExtras>;
}

/** A property of an ARM object by name, case-insensitively (the CLI prints `azureAdAuthenticationAsArmPolicy`, ARM `azureADAuthenticationAsArmPolicy`). */
function prop(o: unknown, name: string): unknown {
  if (isUnknown(o)) return o;
  if (!isObj(o)) return undefined;
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : o[key];
}

/** Reads typed ARM values at a resource, recording problems with the property's pointer. */
class Reader {
  constructor(
    private readonly res: ArmResource,
    private readonly file: string,
    private readonly errors: InputError[],
    private readonly base = '/properties',
  ) {}

  private fail(path: string, rule: string, v: unknown, fix: string): Maybe<never> {
    this.errors.push(new InputError({ file: this.file, pointer: `${this.res.pointer}${this.base}/${path.split('.').join('/')}` }, `${this.res.address}: properties.${path} ${rule}, got ${preview(v)}: ${fix}.`));
    return unknown(`properties.${path} has an invalid value`);
  }

  /** The value at a dotted path of the properties (Unknown when an object on the way is). */
  at(path: string): unknown {
    let v: unknown = this.res.properties;
    for (const k of path.split('.')) {
      if (v === undefined || isUnknown(v)) return v;
      v = prop(v, k);
    }
    return v;
  }

  bool(path: string): Maybe<boolean> | undefined {
    const v = this.at(path);
    if (v === undefined || v === null || isUnknown(v) || typeof v === 'boolean') return v ?? undefined;
    return this.fail(path, 'must be true or false', v, 'write true or false');
  }

  str(path: string): Maybe<string> | undefined {
    const v = this.at(path);
    if (v === undefined || v === null || isUnknown(v) || typeof v === 'string') return v ?? undefined;
    return this.fail(path, 'must be a string', v, 'write a string');
  }

  num(path: string): Maybe<number> | undefined {
    const v = this.at(path);
    if (v === undefined || v === null || isUnknown(v) || typeof v === 'number') return v ?? undefined;
    return this.fail(path, 'must be a number', v, 'write a number');
  }

  /** An `Enabled`/`Disabled` (or `enabled`/`disabled`) switch as a boolean. */
  switch(path: string): Maybe<boolean> | undefined {
    const v = this.str(path);
    if (v === undefined || isUnknown(v)) return v;
    if (/^enabled$/i.test(v)) return true;
    if (/^disabled$/i.test(v)) return false;
    return this.fail(path, 'must be "Enabled" or "Disabled"', v, 'write "Enabled" or "Disabled"');
  }

  /** A string that must be one of `allowed` (compared case-insensitively; the allowed spelling is returned). */
  oneOf(path: string, allowed: readonly string[]): Maybe<string> | undefined {
    const v = this.str(path);
    if (v === undefined || isUnknown(v)) return v;
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (hit !== undefined) return hit;
    const list = allowed.map((a) => `"${a}"`);
    return this.fail(path, `must be ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`, v, `write ${list[0]}`);
  }

  list(path: string): Maybe<unknown[]> | undefined {
    const v = this.at(path);
    if (v === undefined || v === null || isUnknown(v) || Array.isArray(v)) return v ?? undefined;
    return this.fail(path, 'must be a list', v, 'write a list');
  }
}

/** The value of an `Enabled`/`Disabled` policy status, where `absent` is the default. */
function status(r: Reader, path: string): Maybe<boolean> | undefined {
  return r.switch(`${path}.status`);
}

/** Converts the ARM resources of one input. */
export function toTerraform(resources: readonly ArmResource[], file: string, shape: ArmShape, errors: InputError[]): ArmConversion {
  const of = (t: string): ArmResource[] => resources.filter((r) => r.type.toLowerCase() === t);
  const registries = of(T.registry);
  const out: RawResource[] = [];
  const extras = new Map<string, ArmExtras>();
  const kind: SourceLocation['kind'] = shape === 'live' ? 'live' : 'arm-template';
  const source = (r: ArmResource): SourceLocation => ({ kind, file, pointer: r.pointer, azurermMajor: 4 });
  const refName = (i: number): string => `r${i}`;
  /** The registry a child (by the first segment of its name, or its id) belongs to. */
  const parentOf = (child: ArmResource): number => {
    const first = nameSegments(child.name)?.[0]?.toLowerCase();
    const byName = registries.findIndex((g) => nameKey(g.name) === first);
    if (byName >= 0 || registries.length !== 1) return byName;
    return first === undefined ? 0 : -1;
  };
  /** The registries a reference (scope, private link id) names. */
  const named = (ref: unknown): number[] => registries.flatMap((g, i) => {
    const key = nameKey(g.name);
    const sym = g.symbolic?.toLowerCase();
    const text = typeof ref === 'string' ? ref.toLowerCase() : undefined;
    return (key !== undefined && refersTo(ref, 'Microsoft.ContainerRegistry/registries', key)) || (sym !== undefined && text === sym) ? [i] : [];
  });
  // A resource group every registry of a template is in (the deployment's), or of live ones by name.
  const groups = new Map<string, string>();
  const groupOf = (g: ArmResource): string => {
    const rg = (g.resourceGroup ?? '<deployment>').toLowerCase();
    if (!groups.has(rg)) groups.set(rg, `g${groups.size}`);
    return groups.get(rg)!;
  };

  registries.forEach((g, i) => {
    const r = new Reader(g, file, errors);
    const v: Record<string, unknown> = {};
    const set = (k: string, x: unknown): void => {
      if (x !== undefined) v[k] = x;
    };
    set('name', g.name);
    set('location', g.location ?? unknown('the registry has no location'));
    set('resource_group_name', g.resourceGroup ?? unknown('the resource group is chosen at deployment', '[resourceGroup().name]'));
    const sku = isUnknown(g.sku) ? g.sku : prop(g.sku, 'name');
    set('sku', sku ?? unknown('the registry has no sku'));
    set('tags', g.tags);
    set('admin_enabled', r.bool('adminUserEnabled'));
    set('anonymous_pull_enabled', r.bool('anonymousPullEnabled'));
    set('data_endpoint_enabled', r.bool('dataEndpointEnabled'));
    set('zone_redundancy_enabled', r.switch('zoneRedundancy'));
    set('public_network_access_enabled', r.switch('publicNetworkAccess'));
    set('network_rule_bypass_option', r.str('networkRuleBypassOptions'));
    set('export_policy_enabled', status(r, 'policies.exportPolicy'));
    set('quarantine_policy_enabled', status(r, 'policies.quarantinePolicy'));
    set('trust_policy_enabled', status(r, 'policies.trustPolicy'));
    set('azuread_authentication_as_arm_policy_enabled', status(r, 'policies.azureADAuthenticationAsArmPolicy'));
    set('role_assignment_mode', r.oneOf('roleAssignmentMode', [ROLE_ASSIGNMENT_MODE.value['rbac-abac'], ROLE_ASSIGNMENT_MODE.value.rbac]));
    const retention = status(r, 'policies.retentionPolicy');
    if (retention !== undefined) set('retention_policy_in_days', isUnknown(retention) ? retention : retention ? (r.num('policies.retentionPolicy.days') ?? 7) : 0);
    const nrs = r.at('networkRuleSet');
    if (isUnknown(nrs)) set('network_rule_set', nrs);
    else if (nrs !== undefined && nrs !== null) {
      const rules = r.list('networkRuleSet.ipRules');
      const vnets = r.list('networkRuleSet.virtualNetworkRules');
      const defaultAction = r.str('networkRuleSet.defaultAction');
      // Azure reports a Premium registry's rule set even when nobody set one ({ defaultAction:
      // Allow } and no rules): in a live export that is the service default, not a setting. A
      // template's networkRuleSet is what its author asks for.
      const serviceDefault = shape === 'live' && defaultAction === 'Allow' && (rules === undefined || (Array.isArray(rules) && rules.length === 0)) && (vnets === undefined || (Array.isArray(vnets) && vnets.length === 0));
      if (!serviceDefault) {
        set('network_rule_set', [{
          default_action: defaultAction,
          ip_rule: isUnknown(rules) ? rules : (rules ?? []).map((x) => ({ action: prop(x, 'action') ?? 'Allow', ip_range: prop(x, 'value') ?? prop(x, 'ipAddressOrRange') })),
          ...(vnets === undefined ? {} : { virtual_network: isUnknown(vnets) ? vnets : vnets.map((x) => ({ action: prop(x, 'action') ?? 'Allow', subnet_id: prop(x, 'id') ?? prop(x, 'virtualNetworkResourceId') })) }),
        }]);
      }
    }
    const enc = r.at('encryption');
    if (isUnknown(enc)) set('encryption', enc);
    else if (enc !== undefined && enc !== null) {
      const on = r.switch('encryption.status');
      const keyId = r.str('encryption.keyVaultProperties.keyIdentifier');
      if (isUnknown(on)) set('encryption', on);
      else if (on === true || (on === undefined && keyId !== undefined)) {
        set('encryption', [{ key_vault_key_id: keyId ?? '', identity_client_id: r.str('encryption.keyVaultProperties.identity') ?? '' }]);
      }
    }
    // Replicas: the replication children, without the home region (az acr replication list includes it).
    const reps = of(T.replication).filter((x) => parentOf(x) === i);
    const home = typeof g.location === 'string' ? g.location.replace(/\s/g, '').toLowerCase() : undefined;
    const georeplications = reps
      .filter((x) => !(typeof x.location === 'string' && x.location.replace(/\s/g, '').toLowerCase() === home))
      .map((x) => {
        const rr = new Reader(x, file, errors);
        return {
          location: x.location ?? unknown(`replication ${display(x.name)} has no location`),
          zone_redundancy_enabled: rr.switch('zoneRedundancy') ?? false,
          regional_endpoint_enabled: rr.bool('regionEndpointEnabled') ?? true,
        };
      })
      .sort((a, b) => String(display(a.location)).localeCompare(String(display(b.location))));
    v.georeplications = georeplications;
    const extra: { -readonly [K in keyof ArmExtras]: ArmExtras[K] } = {};
    if (shape === 'live' && reps.length === 0 && !isUnknown(sku) && String(sku).toLowerCase() === 'premium') {
      extra.replicasUnknown = 'az acr show does not list replications: pass the output of az acr replication list with it';
    }
    if (isUnknown(g.properties) && shape === 'live' && reps.length === 0) extra.replicasUnknown = g.properties.reason;
    const sd = status(r, 'policies.softDeletePolicy');
    if (sd !== undefined) extra.softDeleteDays = isUnknown(sd) ? sd : sd ? (r.num('policies.softDeletePolicy.retentionDays') ?? 7) : 0;
    const search = r.switch('metadataSearch');
    if (search !== undefined) extra.metadataSearch = search;
    if (isUnknown(g.properties)) {
      extra.softDeleteDays = g.properties;
      extra.metadataSearch = g.properties;
      for (const k of ['admin_enabled', 'anonymous_pull_enabled', 'data_endpoint_enabled', 'zone_redundancy_enabled', 'public_network_access_enabled', 'network_rule_bypass_option', 'export_policy_enabled', 'quarantine_policy_enabled', 'trust_policy_enabled', 'azuread_authentication_as_arm_policy_enabled', 'role_assignment_mode', 'retention_policy_in_days', 'network_rule_set', 'encryption']) v[k] = g.properties;
    }
    const address = `${g.address}`;
    extras.set(address, extra);
    out.push({
      type: 'azurerm_container_registry',
      name: refName(i),
      address,
      module: '',
      values: v,
      refs: { resource_group_name: [`azurerm_resource_group.${groupOf(g)}.name`] },
      refsFromRoot: true,
      source: source(g),
    });
  });
  for (const [, ref] of groups) out.push({ type: 'azurerm_resource_group', name: ref, address: `resource group ${ref}`, module: '', values: {}, refs: {}, refsFromRoot: true, source: { kind, file } });

  const link = (i: number, attribute: string): Record<string, string[]> => ({ [attribute]: [`azurerm_container_registry.${refName(i)}.id`] });
  const child = (t: string, type: string, values: (x: ArmResource, r: Reader) => Record<string, unknown>): void => {
    for (const x of of(t)) {
      const i = parentOf(x);
      if (i < 0) continue;
      out.push({ type, name: `c${out.length}`, address: x.address, module: '', values: values(x, new Reader(x, file, errors)), refs: link(i, 'container_registry_id'), refsFromRoot: true, source: source(x) });
    }
  };
  child(T.webhook, 'azurerm_container_registry_webhook', (x, r) => ({
    service_uri: r.str('serviceUri') ?? unknown(shape === 'live' ? 'az acr webhook list does not show the service URI (az acr webhook get-config does)' : 'the webhook has no serviceUri'),
    actions: r.list('actions') ?? [],
    status: r.str('status'),
    name: x.name,
  }));
  child(T.scopeMap, 'azurerm_container_registry_scope_map', (x) => ({ name: x.name }));
  child(T.token, 'azurerm_container_registry_token', (x, r) => {
    const s = r.str('status');
    return { name: x.name, enabled: s === undefined ? true : isUnknown(s) ? s : !/^disabled$/i.test(s) };
  });
  child(T.cacheRule, 'azurerm_container_registry_cache_rule', (x, r) => ({ name: x.name, source_repo: r.str('sourceRepository'), target_repo: r.str('targetRepository') }));

  // Extension resources, by scope: the registry, or the resource group of the registries.
  const extension = (t: string, type: string, values: (x: ArmResource, r: Reader) => Record<string, unknown>): void => {
    for (const x of of(t)) {
      const scope = x.scope;
      const regs = scope === undefined ? [] : named(scope);
      let refs: Record<string, string[]> | undefined;
      if (regs.length) refs = { scope: regs.map((i) => `azurerm_container_registry.${refName(i)}.id`) };
      else if (scope === undefined && shape !== 'live') refs = { scope: [...groups.values()].map((g) => `azurerm_resource_group.${g}.id`) };
      else if (typeof scope === 'string' && /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(scope)) {
        const rg = /\/resourceGroups\/([^/]+)/i.exec(scope)![1]!.toLowerCase();
        if (groups.has(rg)) refs = { scope: [`azurerm_resource_group.${groups.get(rg)}.id`] };
      }
      if (!refs) continue;
      out.push({ type, name: `x${out.length}`, address: x.address, module: '', values: { ...values(x, new Reader(x, file, errors)), ...(typeof scope === 'string' ? { scope } : {}) }, refs, refsFromRoot: true, source: source(x) });
    }
  };
  extension(T.roleAssignment, 'azurerm_role_assignment', (x, r) => ({
    role_definition_id: r.str('roleDefinitionId'),
    role_definition_name: r.str('roleDefinitionName'),
    principal_id: r.str('principalId') ?? unknown(`${x.address} has no principalId`),
    condition: r.str('condition'),
  }));
  extension(T.lock, 'azurerm_management_lock', (_x, r) => ({ lock_level: r.str('level') }));
  extension(T.diagnostic, 'azurerm_monitor_diagnostic_setting', (_x, r) => {
    const enabled = (list: Maybe<unknown[]> | undefined): unknown => (isUnknown(list) ? list : (list ?? []).map((e) => ({ enabled: prop(e, 'enabled') !== false })));
    return { log_analytics_workspace_id: r.str('workspaceId') ?? '', log: enabled(r.list('logs')), metric: enabled(r.list('metrics')) };
  });

  // Private endpoints: by their private link service connection to a registry.
  for (const pe of of(T.privateEndpoint)) {
    const r = new Reader(pe, file, errors);
    const conns = [...((known(r.list('privateLinkServiceConnections')) ?? []) as unknown[]), ...((known(r.list('manualPrivateLinkServiceConnections')) ?? []) as unknown[])];
    for (const c of conns) {
      const target = prop(prop(c, 'properties'), 'privateLinkServiceId') ?? prop(c, 'privateLinkServiceId');
      const regs = named(target);
      if (!regs.length) continue;
      const groupIds = prop(prop(c, 'properties'), 'groupIds') ?? prop(c, 'groupIds');
      const peKey = nameKey(pe.name);
      const zoneGroup = of(T.dnsZoneGroup).some((z) => nameSegments(z.name)?.[0]?.toLowerCase() === peKey);
      out.push({
        type: 'azurerm_private_endpoint',
        name: `p${out.length}`,
        address: pe.address,
        module: '',
        values: {
          private_service_connection: [{ subresource_names: groupIds ?? ['registry'], private_connection_resource_id: target }],
          ...(zoneGroup ? { private_dns_zone_group: [{}] } : shape === 'live' ? { private_dns_zone_group: unknown('the DNS zone group is a child resource: add az network private-endpoint dns-zone-group list output') } : {}),
        },
        refs: { private_service_connection: regs.map((i) => `azurerm_container_registry.${refName(i)}.id`) },
        refsFromRoot: true,
        source: source(pe),
      });
    }
  }
  // A live registry's private endpoint connections, when the endpoints themselves are not exported.
  if (shape === 'live') {
    registries.forEach((g, i) => {
      const conns = known(new Reader(g, file, errors).list('privateEndpointConnections')) ?? [];
      for (const c of conns as unknown[]) {
        const peId = prop(prop(c, 'privateEndpoint') ?? prop(prop(c, 'properties'), 'privateEndpoint'), 'id');
        if (typeof peId === 'string' && out.some((o) => o.type === 'azurerm_private_endpoint' && resources.some((x) => x.address === o.address && x.id?.toLowerCase() === peId.toLowerCase()))) continue;
        out.push({
          type: 'azurerm_private_endpoint',
          name: `p${out.length}`,
          address: typeof peId === 'string' ? peId : `${g.address} private endpoint connection`,
          module: '',
          values: { private_dns_zone_group: unknown('az acr show lists the private endpoint connections, not their DNS zone groups') },
          refs: link(i, 'private_service_connection'),
          refsFromRoot: true,
          source: source(g),
        });
      }
    });
  }
  // Key Vaults: by name, for the customer-managed key's vault (purge protection).
  for (const kv of of(T.keyVault)) {
    const r = new Reader(kv, file, errors);
    out.push({ type: 'azurerm_key_vault', name: `k${out.length}`, address: kv.address, module: '', values: { name: kv.name, purge_protection_enabled: r.bool('enablePurgeProtection') ?? false }, refs: {}, refsFromRoot: true, source: source(kv) });
  }
  return { resources: out, extras };
}

function known<T>(v: Maybe<T> | undefined): T | undefined {
  return v === undefined || isUnknown(v) ? undefined : v;
}
