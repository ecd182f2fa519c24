/**
 * validateSpec: what Azure and the azurerm provider reject, checked before plan.
 * Constructs (at synth) and the `azure-rules` policy pack both call this one function.
 */
import { FEATURES, TIER_FACTS, TIERS, tierSupports, cheapestTierFor, type FeatureId, type Tier } from '../catalog/tiers.js';
import { closeRegionNames, findRegion } from '../catalog/regions.js';
import { counted } from '../format/counts.js';
import type { Diagnostic } from './diagnostics.js';
import type { RegistrySpec } from './registry-spec.js';
import { isUnknown, known, show, type Maybe } from './unknown.js';

/** Names of one setting in both styles, and how to turn it off in each. */
interface Names {
  readonly field: string;
  readonly attribute: string;
  /** How to undo the setting: "remove replicas" / "remove the georeplications blocks". */
  readonly undo: readonly [construct: string, terraform: string];
}

function n(field: string, attribute: string, undoC: string, undoT: string): Names {
  return { field, attribute, undo: [undoC, undoT] };
}

const setTier = (t: Tier): readonly [string, string] => [`set tier: '${t}'`, `set sku = "${t}"`];

interface Gate {
  readonly feature: FeatureId;
  readonly names: Names;
  /** Subject in both styles, already with its value where useful. */
  readonly subject: (s: RegistrySpec) => readonly [string, string] | undefined | 'unknown';
}

/** Returns the subject when `v` matches `on`, 'unknown' when `v` is Unknown. */
function when<T>(v: Maybe<T>, active: (x: T) => boolean, subject: readonly [string, string]): readonly [string, string] | undefined | 'unknown' {
  if (isUnknown(v)) return 'unknown';
  return active(v) ? subject : undefined;
}

const GATES: readonly Gate[] = [
  {
    feature: 'geoReplication',
    names: n('replicas', 'georeplications', 'remove replicas', 'remove the georeplications blocks'),
    subject: (s) => when(s.replicas, (r) => r.length > 0, ['replicas need', 'georeplications need']),
  },
  {
    feature: 'customerManagedKey',
    names: n('encryption', 'encryption', 'remove encryption', 'remove the encryption block'),
    subject: (s) =>
      when(s.encryption, (e) => e.kind === 'customer-managed', ['encryption with a customer-managed key needs', 'encryption (customer-managed key) needs']),
  },
  {
    feature: 'retentionPolicy',
    names: n('retentionDays', 'retention_policy_in_days', 'set retentionDays: 0', 'remove retention_policy_in_days'),
    subject: (s) => when(s.retentionDays, (d) => d > 0, [`retentionDays ${show(s.retentionDays)} needs`, `retention_policy_in_days = ${show(s.retentionDays)} needs`]),
  },
  {
    feature: 'networkRules',
    names: n('network.ipRules', 'network_rule_set.ip_rule', 'remove network.ipRules', 'remove the ip_rule blocks'),
    subject: (s) => when(s.network.ipRules, (r) => r.length > 0, ['network.ipRules need', 'network_rule_set.ip_rule needs']),
  },
  {
    feature: 'networkRules',
    names: n('network.defaultAction', 'network_rule_set.default_action', "set network.defaultAction: 'Allow'", 'remove the network_rule_set block'),
    subject: (s) => when(s.network.defaultAction, (a) => a === 'Deny', ["network.defaultAction 'Deny' needs", 'network_rule_set.default_action = "Deny" needs']),
  },
  {
    feature: 'publicAccessDisabled',
    names: n('network.publicAccess', 'public_network_access_enabled', 'set network.publicAccess: true', 'set public_network_access_enabled = true'),
    subject: (s) => when(s.network.publicAccess, (p) => p === false, ['network.publicAccess false needs', 'public_network_access_enabled = false needs']),
  },
  {
    feature: 'privateEndpoints',
    names: n('network.privateEndpoints', 'azurerm_private_endpoint', 'remove network.privateEndpoints', 'remove the private endpoints'),
    subject: (s) => (s.network.privateEndpoints.length > 0 ? ['network.privateEndpoints need', 'private endpoints need'] : undefined),
  },
  {
    feature: 'exportDisabled',
    names: n('exportEnabled', 'export_policy_enabled', 'set exportEnabled: true', 'set export_policy_enabled = true'),
    subject: (s) => when(s.exportEnabled, (e) => e === false, ['exportEnabled false needs', 'export_policy_enabled = false needs']),
  },
  {
    feature: 'dataEndpoint',
    names: n('dataEndpoint', 'data_endpoint_enabled', 'set dataEndpoint: false', 'remove data_endpoint_enabled'),
    subject: (s) => when(s.dataEndpoint, (d) => d, ['dataEndpoint needs', 'data_endpoint_enabled needs']),
  },
  {
    feature: 'anonymousPull',
    names: n('anonymousPull', 'anonymous_pull_enabled', 'set anonymousPull: false', 'remove anonymous_pull_enabled'),
    subject: (s) => when(s.anonymousPull, (a) => a, ['anonymousPull needs', 'anonymous_pull_enabled needs']),
  },
  {
    feature: 'quarantine',
    names: n('quarantine', 'quarantine_policy_enabled', 'set quarantine: false', 'remove quarantine_policy_enabled'),
    subject: (s) => when(s.quarantine, (q) => q, ['quarantine needs', 'quarantine_policy_enabled needs']),
  },
  {
    feature: 'contentTrust',
    names: n('trust', 'trust_policy_enabled', 'set trust: false', 'remove trust_policy_enabled'),
    subject: (s) => when(s.trust, (t) => t, ['trust needs', 'trust_policy_enabled needs']),
  },
  {
    feature: 'zoneRedundancy',
    names: n('zoneRedundancy', 'zone_redundancy_enabled', 'set zoneRedundancy: false', 'remove zone_redundancy_enabled'),
    subject: (s) => when(s.zoneRedundancy, (z) => z, ['zoneRedundancy needs', 'zone_redundancy_enabled needs']),
  },
  {
    feature: 'cacheRules',
    names: n('cacheRules', 'azurerm_container_registry_cache_rule', 'remove the cache rules', 'remove the azurerm_container_registry_cache_rule resources'),
    subject: (s) => (s.counts.cacheRules > 0 ? ['cache rules need', 'azurerm_container_registry_cache_rule needs'] : undefined),
  },
];

/** Per-tier count limits checked against the spec's companion resources. */
const COUNT_LIMITS: ReadonlyArray<{
  readonly names: Names;
  readonly limit: (t: Tier) => number;
  readonly count: (s: RegistrySpec) => Maybe<number>;
}> = [
  { names: n('webhooks', 'azurerm_container_registry_webhook', 'remove webhooks', 'remove webhooks'), limit: (t) => TIER_FACTS[t].webhooks.value, count: (s) => s.webhooks.length },
  { names: n('network.ipRules', 'network_rule_set.ip_rule', 'remove IP rules', 'remove ip_rule blocks'), limit: (t) => TIER_FACTS[t].ipRules.value, count: (s) => (isUnknown(s.network.ipRules) ? s.network.ipRules : s.network.ipRules.length) },
  { names: n('network.privateEndpoints', 'azurerm_private_endpoint', 'remove private endpoints', 'remove private endpoints'), limit: (t) => TIER_FACTS[t].privateEndpoints.value, count: (s) => s.network.privateEndpoints.length },
  { names: n('tokens', 'azurerm_container_registry_token', 'remove tokens', 'remove tokens'), limit: (t) => TIER_FACTS[t].tokens.value, count: (s) => s.counts.tokens },
  { names: n('scopeMaps', 'azurerm_container_registry_scope_map', 'remove scope maps', 'remove scope maps'), limit: (t) => TIER_FACTS[t].scopeMaps.value, count: (s) => s.counts.scopeMaps },
  { names: n('cacheRules', 'azurerm_container_registry_cache_rule', 'remove cache rules', 'remove cache rules'), limit: (t) => TIER_FACTS[t].cacheRules.value, count: (s) => s.counts.cacheRules },
];

const NAME_RE = /^[a-zA-Z0-9]{5,50}$/;

/**
 * Checks a spec against what Azure enforces: tier gating of features, cross-field rules
 * (export off needs public access off; soft delete excludes retention and replicas), replica
 * regions, the registry name, value ranges and per-tier counts. Returns every problem found,
 * never throws. Checks that need an Unknown value come back with severity `unknown`.
 */
export function validateSpec(spec: RegistrySpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }): void => {
    out.push({ severity: 'error', ...d });
  };
  const tier = spec.tier;

  // Name.
  if (!isUnknown(spec.name) && !NAME_RE.test(spec.name)) {
    const suggestion = spec.name.replace(/[^a-zA-Z0-9]/g, '').slice(0, 50).padEnd(5, '0');
    const why = `must be 5-50 letters and digits (no dashes), got ${show(spec.name)}: use a name like '${suggestion.toLowerCase()}'.`;
    push({ code: 'name', field: 'name', attribute: 'name', message: `name ${why}`, terraformMessage: `name ${why}` });
  }

  // Home region.
  regionCheck(spec.location, 'location', 'location', push);

  // Tier.
  if (!isUnknown(tier) && !TIERS.includes(tier)) {
    const why = `must be one of Basic, Standard, Premium (case-sensitive), got ${show(tier)}`;
    push({ code: 'tier', field: 'tier', attribute: 'sku', message: `tier ${why}: set tier: 'Premium' or another tier.`, terraformMessage: `sku ${why}: set sku = "Premium" or another tier.` });
  }
  const knownTier = !isUnknown(tier) && TIERS.includes(tier) ? tier : undefined;

  // Tier gating.
  for (const gate of GATES) {
    const subject = gate.subject(spec);
    if (subject === undefined) continue;
    const { field, attribute, undo } = gate.names;
    if (subject === 'unknown' || knownTier === undefined) {
      if (subject === 'unknown' && knownTier !== undefined && tierSupports(knownTier, gate.feature)) continue;
      if (isUnknown(tier) || subject === 'unknown') {
        const why = `cannot check whether ${field} fits the tier: ${subject === 'unknown' ? `${field} is unknown` : 'the tier is unknown'}`;
        push({ code: 'tier-feature', severity: 'unknown', field, attribute, message: `${why}.`, terraformMessage: `${why}.` });
      }
      continue;
    }
    if (tierSupports(knownTier, gate.feature)) continue;
    const need = cheapestTierFor(gate.feature);
    const [setC, setT] = setTier(need);
    const needs = FEATURES[gate.feature].tiers.length === 2 ? `the ${FEATURES[gate.feature].tiers.join(' or ')} tier` : `the ${need} tier`;
    push({
      code: 'tier-feature',
      field,
      attribute,
      requiredTier: need,
      message: `${subject[0]} ${needs}, got tier ${knownTier}: ${setC} or ${undo[0]}.`,
      terraformMessage: `${subject[1]} ${needs}, got sku "${knownTier}": ${setT} or ${undo[1]}.`,
    });
  }

  // Export off needs public access off.
  if (spec.exportEnabled === false && spec.network.publicAccess !== false) {
    const pa = show(spec.network.publicAccess);
    push({
      code: 'export-needs-private',
      severity: isUnknown(spec.network.publicAccess) ? 'unknown' : 'error',
      field: 'exportEnabled',
      attribute: 'export_policy_enabled',
      message: `exportEnabled false needs network.publicAccess false, got network.publicAccess ${pa}: set network: { publicAccess: false } or set exportEnabled: true.`,
      terraformMessage: `export_policy_enabled = false needs public_network_access_enabled = false, got ${pa}: set public_network_access_enabled = false or export_policy_enabled = true.`,
    });
  }

  // Replicas.
  if (!isUnknown(spec.replicas)) {
    const seen = new Map<string, number>();
    spec.replicas.forEach((r, i) => {
      const f = `replicas[${i}].location`;
      const a = `georeplications[${i}].location`;
      if (isUnknown(r.location)) return;
      regionCheck(r.location, f, a, push);
      if (!isUnknown(spec.location) && r.location === spec.location) {
        push({
          code: 'replica-home-region', field: f, attribute: a,
          message: `${f} must differ from the home region, got '${r.location}': remove this replica (the home region always holds the registry).`,
          terraformMessage: `${a} must differ from location, got "${r.location}": remove this georeplications block (the home region always holds the registry).`,
        });
      }
      const first = seen.get(r.location);
      if (first !== undefined) {
        push({
          code: 'replica-duplicate', field: f, attribute: a,
          message: `${f} must be unique, got '${r.location}' again (also replicas[${first}]): remove the duplicate.`,
          terraformMessage: `${a} must be unique, got "${r.location}" again (also georeplications[${first}]): remove the duplicate block.`,
        });
      } else seen.set(r.location, i);
    });
  }

  // Ranges.
  const ret = spec.retentionDays;
  if (!isUnknown(ret) && (!Number.isInteger(ret) || ret < 0 || ret > 365)) {
    push({
      code: 'range', field: 'retentionDays', attribute: 'retention_policy_in_days',
      message: `retentionDays must be a whole number 0-365, got ${show(ret)}: use 0 to turn retention off or 1-365 days.`,
      terraformMessage: `retention_policy_in_days must be a whole number 0-365, got ${show(ret)}: use 1-365, or remove it to turn retention off.`,
    });
  }
  const sd = spec.softDeleteDays;
  if (!isUnknown(sd) && (!Number.isInteger(sd) || sd < 0 || sd > 90)) {
    push({
      code: 'range', field: 'softDeleteDays', attribute: 'softDeletePolicy.retentionDays',
      message: `softDeleteDays must be a whole number 1-90 (0 turns soft delete off), got ${show(sd)}: use 1-90 days.`,
      terraformMessage: `soft delete retentionDays must be a whole number 1-90, got ${show(sd)}: use 1-90 days.`,
    });
  }
  const sdDays = known(sd) ?? 0;
  if (sdDays > 0) {
    if ((known(ret) ?? 0) > 0) {
      push({
        code: 'soft-delete-conflict', field: 'softDeleteDays', attribute: 'softDeletePolicy',
        message: `softDeleteDays cannot be combined with a retention policy, got softDeleteDays ${sd} and retentionDays ${ret}: keep one of them.`,
        terraformMessage: `soft delete cannot be combined with retention_policy_in_days, got retention_policy_in_days = ${ret}: keep one of them.`,
      });
    }
    const reps = known(spec.replicas);
    if (reps && reps.length > 0) {
      push({
        code: 'soft-delete-conflict', field: 'softDeleteDays', attribute: 'softDeletePolicy',
        message: `softDeleteDays cannot be combined with geo-replication, got softDeleteDays ${sd} and ${counted(reps.length, 'replica')}: remove replicas or soft delete.`,
        terraformMessage: `soft delete cannot be combined with geo-replication, got ${counted(reps.length, 'georeplications block')}: remove them or soft delete.`,
      });
    }
  }

  // Customer-managed key needs an identity and a key id.
  const enc = spec.encryption;
  if (!isUnknown(enc) && enc.kind === 'customer-managed') {
    if (!isUnknown(enc.keyId) && !/^https:\/\/[^/]+\/keys\/[^/]+(\/[^/]+)?\/?$/.test(enc.keyId)) {
      push({
        code: 'cmk-key-id', field: 'encryption.keyId', attribute: 'encryption.key_vault_key_id',
        message: `encryption.keyId must be a Key Vault key id (https://<vault>.vault.azure.net/keys/<name>[/<version>]), got ${show(enc.keyId)}: use the key's versionless id.`,
        terraformMessage: `encryption.key_vault_key_id must be a Key Vault key id (https://<vault>.vault.azure.net/keys/<name>[/<version>]), got ${show(enc.keyId)}: use the key's versionless id.`,
      });
    }
    if (!isUnknown(enc.identityClientId) && enc.identityClientId === '') {
      push({
        code: 'cmk-identity', field: 'encryption.identityClientId', attribute: 'encryption.identity_client_id',
        message: `encryption.identityClientId is required for a customer-managed key, got none: pass the client id of a user-assigned identity that can use the key.`,
        terraformMessage: `encryption.identity_client_id is required, got none: set it to the client id of a user-assigned identity listed in identity.identity_ids.`,
      });
    }
  }

  // Per-tier counts.
  if (knownTier !== undefined) {
    for (const c of COUNT_LIMITS) {
      const count = c.count(spec);
      const limit = c.limit(knownTier);
      if (isUnknown(count) || count <= limit || limit === 0) continue;
      const bigger = TIERS.find((t) => c.limit(t) >= count);
      const [setC, setT] = bigger && bigger !== knownTier ? setTier(bigger) : ['ask Azure Support for a higher limit', 'ask Azure Support for a higher limit'];
      push({
        code: 'tier-count', field: c.names.field, attribute: c.names.attribute,
        message: `${c.names.field} must number at most ${limit} on tier ${knownTier}, got ${count}: ${c.names.undo[0]} or ${setC}.`,
        terraformMessage: `${c.names.attribute} must number at most ${limit} on sku "${knownTier}", got ${count}: ${c.names.undo[1]} or ${setT}.`,
        ...(bigger && bigger !== knownTier ? { requiredTier: bigger } : {}),
      });
    }
  }
  return out;
}

function regionCheck(v: Maybe<string>, field: string, attribute: string, push: (d: Omit<Diagnostic, 'severity'>) => void): void {
  if (isUnknown(v) || findRegion(v)) return;
  const close = closeRegionNames(v);
  const hint = close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'use a canonical name such as westeurope.';
  const text = `must be an Azure public region, got ${show(v)}: ${hint}`;
  push({ code: 'region', field, attribute, message: `${field} ${text}`, terraformMessage: `${attribute} ${text}` });
}
