/**
 * A RegistrySpec as a flat list of named attributes (Terraform's names), so two specs can be
 * compared attribute by attribute and shown as `before -> after`.
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown } from '../model/unknown.js';
import { compareStrings } from '../order.js';

/** A displayable attribute value: JSON data, with Unknown rendered as `(known after apply)`. */
export type AttributeValue = string | number | boolean | null | readonly AttributeValue[] | { readonly [k: string]: AttributeValue };

/** Text shown for a value known only after apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

function v(x: unknown): AttributeValue {
  if (isUnknown(x)) return KNOWN_AFTER_APPLY;
  if (x === undefined) return null;
  if (Array.isArray(x)) return x.map(v);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).sort(([a], [b]) => compareStrings(a, b)).map(([k, y]) => [k, v(y)]));
  }
  return x as AttributeValue;
}

/** Attributes of a registry in a stable order, Terraform names (acrkit names for companions). */
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
    ['retention_policy_in_days', v(s.retentionDays)],
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
    ['trust_policy_enabled', v(s.trust)],
    ['tags', v(s.tags)],
    ['private endpoints', s.network.privateEndpoints.length],
    ['diagnostic settings', s.diagnosticSettings.length],
    ['locks', s.locks.map((l) => v(l.level))],
    ['webhooks', s.webhooks.length],
    ['scope maps', s.counts.scopeMaps],
    ['tokens', s.counts.tokens],
    ['cache rules', s.counts.cacheRules],
  ];
}

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

/** Stable text of a value, for equality. */
export function same(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Short display text of a value. */
export function display(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
