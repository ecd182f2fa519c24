/**
 * Maps the arguments of one `azurerm_container_registry` (azurerm 2.x, 3.x and 4.x syntax)
 * to the model's fields.
 */
import { modeOfRoleAssignmentMode, ROLE_ASSIGNMENT_MODE, type PermissionsMode } from '../catalog/abac.js';
import type { RegistrySpecInput, ReplicaSpec } from '../model/registry-spec.js';
import { isUnknown, unknown, type Maybe } from '../model/unknown.js';
import type { RawResource } from './raw-resource.js';
import { asBool, asNumber, asString, asStringList, asStringMap, block, blocks, invalid, type ValueSite } from './values.js';

type Writable<T> = { -readonly [K in keyof T]?: T[K] };

/** The registry's own arguments as a partial {@link RegistrySpecInput} (companions excluded). */
export function registryFields(res: RawResource, site: ValueSite): Writable<RegistrySpecInput> {
  const v = res.values;
  // Every key the spec input has, from the start (undefined: not set, as normalizeSpec reads
  // it): one object shape for every registry, filled in place by this function and by
  // assemble, never grown key by key (a plan has thousands of registries).
  const out: Writable<RegistrySpecInput> = {
    address: undefined,
    name: undefined,
    resourceGroupName: undefined,
    location: undefined,
    tier: undefined,
    replicas: undefined,
    zoneRedundancy: undefined,
    encryption: undefined,
    retentionDays: undefined,
    softDeleteDays: undefined,
    network: undefined,
    adminEnabled: undefined,
    anonymousPull: undefined,
    exportEnabled: undefined,
    dataEndpoint: undefined,
    quarantine: undefined,
    trust: undefined,
    permissionsMode: undefined,
    armAudienceAuth: undefined,
    metadataSearch: undefined,
    roleAssignments: undefined,
    enabledTokens: undefined,
    tags: undefined,
    webhooks: undefined,
    diagnosticSettings: undefined,
    locks: undefined,
    counts: undefined,
    source: undefined,
  };
  out.name = asString(v.name, site, 'name');
  out.resourceGroupName = asString(v.resource_group_name, site, 'resource_group_name');
  out.location = asString(v.location, site, 'location');
  // A tier that is none of the three is kept: validateSpec reports the bad tier with its fix.
  out.tier = asString(v.sku, site, 'sku') as RegistrySpecInput['tier'];
  out.adminEnabled = asBool(v.admin_enabled, site, 'admin_enabled');
  out.anonymousPull = asBool(v.anonymous_pull_enabled, site, 'anonymous_pull_enabled');
  out.exportEnabled = asBool(v.export_policy_enabled, site, 'export_policy_enabled');
  out.dataEndpoint = asBool(v.data_endpoint_enabled, site, 'data_endpoint_enabled');
  out.quarantine = asBool(v.quarantine_policy_enabled, site, 'quarantine_policy_enabled');
  out.zoneRedundancy = asBool(v.zone_redundancy_enabled, site, 'zone_redundancy_enabled');
  out.tags = asStringMap(v.tags, site, 'tags');

  // azurerm >= 4.81: the permissions mode and the ARM-audience token policy.
  const mode = asString(v.role_assignment_mode, site, 'role_assignment_mode');
  if (mode !== undefined) out.permissionsMode = permissionsMode(mode, site, 'role_assignment_mode');
  out.armAudienceAuth = asBool(v.azuread_authentication_as_arm_policy_enabled, site, 'azuread_authentication_as_arm_policy_enabled');

  // Content trust: 4.x trust_policy_enabled, 2.x/3.x trust_policy { enabled }.
  const trust = asBool(v.trust_policy_enabled, site, 'trust_policy_enabled');
  if (trust !== undefined) out.trust = trust;
  else {
    const tp = block(v.trust_policy, site, 'trust_policy');
    if (tp !== undefined) out.trust = isUnknown(tp) ? tp : (asBool(tp.enabled, site, 'trust_policy.enabled') ?? false);
  }

  // Retention: 4.x retention_policy_in_days, 2.x/3.x retention_policy { days, enabled }.
  const days = asNumber(v.retention_policy_in_days, site, 'retention_policy_in_days');
  if (days !== undefined) out.retentionDays = days;
  else {
    const rp = block(v.retention_policy, site, 'retention_policy');
    if (rp !== undefined) {
      if (isUnknown(rp)) out.retentionDays = rp;
      else {
        const enabled = asBool(rp.enabled, site, 'retention_policy.enabled') ?? false;
        const d = asNumber(rp.days, site, 'retention_policy.days') ?? 7;
        out.retentionDays = isUnknown(enabled) ? enabled : enabled ? d : 0;
      }
    }
  }

  out.replicas = replicas(v, site);

  // Network.
  const network: Writable<NonNullable<RegistrySpecInput['network']>> = {};
  const pa = asBool(v.public_network_access_enabled, site, 'public_network_access_enabled');
  if (pa !== undefined) network.publicAccess = pa;
  const bypass = asString(v.network_rule_bypass_option, site, 'network_rule_bypass_option');
  if (bypass !== undefined) network.bypassAzureServices = isUnknown(bypass) ? bypass : bypass === 'AzureServices';
  const nrs = block(v.network_rule_set, site, 'network_rule_set');
  // A written block (or one a plan keeps from the state) is a network rule set, whatever it
  // holds; `network_rule_set = []` and an absent block are none.
  network.ruleSet = nrs === undefined ? false : isUnknown(nrs) ? nrs : true;
  if (nrs !== undefined) {
    if (isUnknown(nrs)) {
      network.defaultAction = nrs;
      network.ipRules = nrs;
      network.virtualNetworkRules = nrs;
    } else {
      const da = asString(nrs.default_action, site, 'network_rule_set.default_action');
      if (da !== undefined) {
        if (isUnknown(da) || da === 'Allow' || da === 'Deny') network.defaultAction = da;
        else network.defaultAction = invalid(site, 'network_rule_set.default_action', 'must be "Allow" or "Deny"', da, 'set default_action = "Deny" (or "Allow")');
      }
      const rules = blocks(nrs.ip_rule, site, 'network_rule_set.ip_rule');
      if (rules !== undefined) {
        if (isUnknown(rules)) network.ipRules = rules;
        else {
          const ranges: string[] = [];
          let unk: Maybe<readonly string[]> | undefined;
          for (const [i, r] of rules.entries()) {
            const range = asString(r.ip_range, site, `network_rule_set.ip_rule.${i}.ip_range`);
            if (range === undefined) continue;
            if (isUnknown(range)) unk = range;
            else ranges.push(range);
          }
          network.ipRules = unk ?? ranges;
        }
      }
      // 3.x service-endpoint rules (removed in 4.0): the subnets they allow.
      const vnets = blocks(nrs.virtual_network, site, 'network_rule_set.virtual_network');
      if (vnets !== undefined) {
        if (isUnknown(vnets)) network.virtualNetworkRules = vnets;
        else {
          // The rule is there even when its subnet id comes from another resource: keep the
          // expression as written for messages.
          network.virtualNetworkRules = vnets.flatMap((r, i) => {
            const subnet = asString(r.subnet_id, site, `network_rule_set.virtual_network.${i}.subnet_id`);
            return subnet === undefined ? [] : [isUnknown(subnet) ? (subnet.expression ?? `network_rule_set.virtual_network[${i}].subnet_id`) : subnet];
          });
        }
      }
    }
  }
  out.network = network;
  return out;
}

function replicas(v: Readonly<Record<string, unknown>>, site: ValueSite): Maybe<ReplicaSpec[]> | undefined {
  // 3.x/4.x georeplications blocks; 2.x georeplication_locations list.
  const geo = blocks(v.georeplications, site, 'georeplications');
  if (geo !== undefined) {
    if (isUnknown(geo)) return geo;
    return geo.map((g, i) => {
      const location = asString(g.location, site, `georeplications.${i}.location`) ?? unknown(`georeplications[${i}].location is missing`);
      const zr = asBool(g.zone_redundancy_enabled, site, `georeplications.${i}.zone_redundancy_enabled`) ?? false;
      const routing =
        asBool(g.regional_endpoint_enabled, site, `georeplications.${i}.regional_endpoint_enabled`) ??
        asBool(g.global_endpoint_routing_enabled, site, `georeplications.${i}.global_endpoint_routing_enabled`) ??
        true;
      return { location, zoneRedundant: zr, globalRouting: routing };
    });
  }
  const locs = asStringList(v.georeplication_locations, site, 'georeplication_locations');
  if (locs !== undefined) {
    if (isUnknown(locs)) return locs;
    return locs.map((location) => ({ location, zoneRedundant: false, globalRouting: true }));
  }
  return undefined;
}

/**
 * The permissions mode of a `role_assignment_mode` (or ARM `roleAssignmentMode`) value at
 * `attribute`; anything but the two values is an input error and Unknown.
 */
export function permissionsMode(v: Maybe<string>, site: ValueSite, attribute: string): Maybe<PermissionsMode> {
  if (isUnknown(v)) return v;
  const { rbac, 'rbac-abac': abac } = ROLE_ASSIGNMENT_MODE.value;
  return modeOfRoleAssignmentMode(v) ?? invalid(site, attribute, `must be "${abac}" or "${rbac}"`, v, `use "${abac}" for repository permissions (ABAC) or "${rbac}"`);
}
