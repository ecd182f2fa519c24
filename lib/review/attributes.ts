/**
 * A RegistrySpec as a flat list of named attributes (Terraform's names, in the azurerm version
 * the input was written for), so two specs can be compared attribute by attribute and shown as
 * `before -> after`; and what of a companion resource may be shown at all. Sensitive values
 * show as `(sensitive)`, URIs without userinfo and query string, and attributes of resource
 * types acrkit does not model are never shown (only counted).
 */
import { redactUri } from '../format/uri.js';
import { conditionRepositories, ROLE_ASSIGNMENT_MODE, showPattern } from '../catalog/abac.js';
import type { RegistrySpec, RoleAssignmentSpec } from '../model/registry-spec.js';
import { isUnknown } from '../model/unknown.js';
import { compareStrings } from '../order.js';
import { isSensitiveValue, SENSITIVE_TEXT } from '../sources/plan-sensitive.js';

/** A displayable attribute value: JSON data, with Unknown rendered as `(known after apply)`. */
export type AttributeValue = string | number | boolean | null | readonly AttributeValue[] | { readonly [k: string]: AttributeValue };

/** Text shown for a value known only after apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** Text shown for a value the plan marks sensitive. */
export const SENSITIVE = SENSITIVE_TEXT;

function v(x: unknown): AttributeValue {
  if (isSensitiveValue(x)) return SENSITIVE;
  if (isUnknown(x)) return KNOWN_AFTER_APPLY;
  if (x === undefined) return null;
  if (typeof x === 'string') return redactUri(x);
  if (Array.isArray(x)) return x.map(v);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).sort(([a], [b]) => compareStrings(a, b)).map(([k, y]) => [k, v(y)]));
  }
  return x as AttributeValue;
}

/** Whether a spec was written for azurerm 2.x/3.x (the `retention_policy` and `trust_policy` blocks). */
function legacy(s: RegistrySpec): boolean {
  const major = s.source.azurermMajor;
  return major !== undefined && major < 4;
}

/** Retention as azurerm 2.x/3.x writes it: `retention_policy { enabled, days }`. */
function retentionBlock(days: unknown): AttributeValue {
  if (isUnknown(days)) return v(days);
  return typeof days === 'number' && days > 0 ? { days, enabled: true } : { enabled: false };
}

/**
 * Attributes of a registry in a stable order, Terraform names (acrkit names for companions:
 * `private endpoints` and `webhooks` list them by address, the others count them): the 4.x
 * names, or for an input written for azurerm 2.x/3.x its `retention_policy` and
 * `trust_policy` blocks.
 */
export function registryAttributes(s: RegistrySpec): Array<[name: string, value: AttributeValue]> {
  const enc = s.encryption;
  const encryption = isUnknown(enc) ? KNOWN_AFTER_APPLY : enc.kind === 'platform' ? 'platform-managed' : { key_vault_key_id: v(enc.keyId), identity_client_id: v(enc.identityClientId) };
  const replicas = isUnknown(s.replicas)
    ? KNOWN_AFTER_APPLY
    : [...s.replicas]
        .map((r) => ({ location: v(r.location), zone_redundancy_enabled: v(r.zoneRedundant), regional_endpoint_enabled: v(r.globalRouting) }))
        .sort((a, b) => compareStrings(String(a.location), String(b.location)));
  return [
    ['name', v(s.name)],
    ['resource_group_name', v(s.resourceGroupName)],
    ['location', v(s.location)],
    ['sku', v(s.tier)],
    ['georeplications', replicas],
    ['zone_redundancy_enabled', v(s.zoneRedundancy)],
    ['encryption', encryption],
    legacy(s) ? ['retention_policy', retentionBlock(s.retentionDays)] : ['retention_policy_in_days', v(s.retentionDays)],
    ['soft_delete_days', v(s.softDeleteDays)],
    ['public_network_access_enabled', v(s.network.publicAccess)],
    ['network_rule_set.default_action', v(s.network.defaultAction)],
    ['network_rule_set.ip_rule', v(s.network.ipRules)],
    ['network_rule_bypass_option', isUnknown(s.network.bypassAzureServices) ? KNOWN_AFTER_APPLY : s.network.bypassAzureServices ? 'AzureServices' : 'None'],
    ['admin_enabled', v(s.adminEnabled)],
    ['anonymous_pull_enabled', v(s.anonymousPull)],
    ['export_policy_enabled', v(s.exportEnabled)],
    ['data_endpoint_enabled', v(s.dataEndpoint)],
    ['quarantine_policy_enabled', v(s.quarantine)],
    ...accessAttributes(s),
    legacy(s) ? ['trust_policy', isUnknown(s.trust) ? v(s.trust) : { enabled: s.trust }] : ['trust_policy_enabled', v(s.trust)],
    ['tags', v(s.tags)],
    ['private endpoints', s.network.privateEndpoints.map((e) => ({ address: e.address, private_dns_zone_group: v(e.dnsZoneGroup) })).sort((a, b) => compareStrings(a.address, b.address))],
    ['diagnostic settings', s.diagnosticSettings.length],
    ['locks', s.locks.map((l) => v(l.level))],
    ['webhooks', s.webhooks.map((w) => w.address).sort(compareStrings)],
    ['scope maps', s.counts.scopeMaps],
    ['tokens', s.counts.tokens],
    ['cache rules', s.counts.cacheRules],
    ...(legacy(s) && s.roleAssignments.length === 0 ? [] : [['role assignments', s.roleAssignments.map(roleAssignmentText).sort(compareStrings)] as [string, AttributeValue]]),
  ];
}

/**
 * The permissions mode, the ARM-audience token policy and metadata search (azurerm 4.81 names;
 * metadata search is an acrkit name, the ARM property having no azurerm argument). An input
 * written for azurerm 2.x/3.x, which has neither argument, shows them only when not at the default.
 */
function accessAttributes(s: RegistrySpec): Array<[name: string, value: AttributeValue]> {
  const rows: Array<[string, AttributeValue]> = [
    ['role_assignment_mode', isUnknown(s.permissionsMode) ? v(s.permissionsMode) : ROLE_ASSIGNMENT_MODE.value[s.permissionsMode]],
    ['azuread_authentication_as_arm_policy_enabled', v(s.armAudienceAuth)],
    ['metadata_search', v(s.metadataSearch)],
  ];
  return legacy(s) ? rows.filter(([name, value]) => !isProviderDefault(name, value)) : rows;
}

/** One role assignment as a review lists it: `<role> to <principal>`, with the repositories a condition limits it to. */
function roleAssignmentText(ra: RoleAssignmentSpec): string {
  const role = ra.roleName !== undefined && !isUnknown(ra.roleName) ? ra.roleName : ra.roleId !== undefined && !isUnknown(ra.roleId) ? ra.roleId : KNOWN_AFTER_APPLY;
  const principal = isUnknown(ra.principalId) ? KNOWN_AFTER_APPLY : ra.principalId;
  const scope = isUnknown(ra.scope) || ra.scope === 'registry' ? '' : ` at the ${ra.scope}`;
  if (ra.condition === null) return `${role} to ${principal}${scope}`;
  if (isUnknown(ra.condition)) return `${role} to ${principal}${scope} (condition ${KNOWN_AFTER_APPLY})`;
  const repos = conditionRepositories(ra.condition);
  return `${role} to ${principal}${scope} (${repos ? `repositories ${repos.map(showPattern).join(', ')}` : 'a condition'})`;
}

/**
 * The value each registry attribute has when the user leaves it out (azurerm's defaults,
 * acr-facts.md §6), by the names of {@link registryAttributes}. A created or deleted
 * registry shows the attributes that differ from these; the rest go behind a detail.
 */
export const PROVIDER_DEFAULTS: Readonly<Record<string, AttributeValue>> = {
  georeplications: [],
  zone_redundancy_enabled: false,
  encryption: 'platform-managed',
  retention_policy_in_days: 0,
  retention_policy: { enabled: false },
  soft_delete_days: 0,
  public_network_access_enabled: true,
  'network_rule_set.default_action': 'Allow',
  'network_rule_set.ip_rule': [],
  network_rule_bypass_option: 'AzureServices',
  admin_enabled: false,
  anonymous_pull_enabled: false,
  export_policy_enabled: true,
  data_endpoint_enabled: false,
  quarantine_policy_enabled: false,
  trust_policy_enabled: false,
  trust_policy: { enabled: false },
  tags: {},
  'private endpoints': [],
  'diagnostic settings': 0,
  locks: [],
  webhooks: [],
  'scope maps': 0,
  tokens: 0,
  'cache rules': 0,
  role_assignment_mode: 'LegacyRegistryPermissions',
  azuread_authentication_as_arm_policy_enabled: true,
  metadata_search: false,
  'role assignments': [],
};

/** Whether `value` is the provider default of registry attribute `name` (required attributes have none). */
export function isProviderDefault(name: string, value: AttributeValue | undefined): boolean {
  return name in PROVIDER_DEFAULTS && same(PROVIDER_DEFAULTS[name], value);
}

/** The Terraform argument a registry attribute of {@link registryAttributes} is written in. */
export function argumentOf(name: string): string {
  return name.split('.')[0]!;
}

/**
 * Companion resource types acrkit models (lib/sources/assemble.ts reads them) and the
 * attributes of each a review may show. Every other attribute, and every attribute of a type
 * not listed, is counted but never shown: it may hold anything (keys, passwords, headers).
 */
export const SHOWN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  azurerm_container_registry_webhook: ['name', 'resource_group_name', 'registry_name', 'location', 'service_uri', 'actions', 'status', 'scope'],
  azurerm_container_registry_scope_map: ['name', 'resource_group_name', 'container_registry_name', 'actions', 'description'],
  azurerm_container_registry_token: ['name', 'resource_group_name', 'container_registry_name', 'scope_map_id', 'enabled'],
  azurerm_container_registry_cache_rule: ['name', 'container_registry_id', 'source_repo', 'target_repo', 'credential_set_id'],
  azurerm_private_endpoint: ['name', 'resource_group_name', 'location', 'subnet_id', 'private_service_connection', 'private_dns_zone_group'],
  azurerm_monitor_diagnostic_setting: ['name', 'target_resource_id', 'log_analytics_workspace_id', 'enabled_log', 'enabled_metric', 'log', 'metric'],
  azurerm_management_lock: ['name', 'scope', 'lock_level', 'notes'],
  azurerm_key_vault: ['name', 'resource_group_name', 'location', 'sku_name', 'purge_protection_enabled', 'soft_delete_retention_days'],
  azurerm_key_vault_key: ['name', 'key_vault_id', 'key_type', 'key_size', 'key_opts', 'expiration_date'],
  azapi_update_resource: ['type', 'resource_id', 'parent_id'],
};

/** Top-level attributes of any resource's raw values, sorted, without Terraform's bookkeeping. */
export function rawAttributes(values: Readonly<Record<string, unknown>> | undefined): Map<string, AttributeValue> {
  const out = new Map<string, AttributeValue>();
  if (!values) return out;
  for (const key of Object.keys(values).sort()) {
    if (key === 'timeouts' || key === 'id') continue;
    out.set(key, v(values[key]));
  }
  return out;
}

/** Whether any part of a raw value is a masked sensitive value. */
export function holdsSensitive(x: unknown): boolean {
  if (isSensitiveValue(x)) return true;
  if (Array.isArray(x)) return x.some(holdsSensitive);
  if (x !== null && typeof x === 'object' && !isUnknown(x)) return Object.values(x).some(holdsSensitive);
  return false;
}

/** Stable text of a value, for equality. */
export function same(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The two cells of an attribute change as reports show them: a sensitive value never, only that it changed. */
export function displayChange(a: { readonly before: AttributeValue; readonly after: AttributeValue; readonly sensitive?: boolean }): [before: string, after: string] {
  if (!a.sensitive) return [display(a.before), display(a.after)];
  const b = a.before === null ? '-' : SENSITIVE;
  const after = a.after === null ? '-' : a.before === null ? SENSITIVE : `${SENSITIVE}, changed`;
  return [b, after];
}

/** Short display text of a value. */
export function display(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return '-';
  if (value === '') return '""';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
