/**
 * validateSpec: what Azure and the azurerm provider reject, checked before plan.
 * Constructs (at synth) and the `azure-rules` policy pack both call this one function.
 */
import { RETENTION_DAYS, SOFT_DELETE_DAYS, TIERS, tierSupports, type Tier } from '../catalog/tiers.js';
import { closeRegionNames, findRegion } from '../catalog/regions.js';
import { counted } from '../format/counts.js';
import type { Diagnostic } from './diagnostics.js';
import { COUNTED_THINGS, countLimit, tierGatedRows, tierGateProblem, tierHolding, valueAtPath } from './features.js';
import type { RegistrySpec, ReplicaSpec } from './registry-spec.js';
import { isUnknown, known, sameUnknown, show, type Maybe } from './unknown.js';

const setTier = (t: Tier): readonly [string, string] => [`set tier: '${t}'`, `set sku = "${t}"`];

const NAME_RE = /^[a-zA-Z0-9]{5,50}$/;

/**
 * Checks a spec against what Azure enforces: tier gating of features, cross-field rules
 * (export off needs public access off; soft delete excludes retention and replicas), replica
 * regions, the registry name, value ranges and per-tier counts. Returns every problem found,
 * never throws. Checks that need an Unknown value come back with severity `unknown`.
 */
export function validateSpec(spec: RegistrySpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Nothing is allocated for a registry without problems (most of them: a rule of every check
  // calls this on every registry of an input).
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

  // Tier gating. A block's row (network_rule_set) is left out when a row of an argument inside
  // it (network_rule_set.ip_rule) already reported: one message per problem.
  const gated: string[] = [];
  const rows = tierGatedRows();
  for (let i = 0; i < rows.length; i++) {
    const { setting, path, gates } = rows[i]!;
    if (gated.length > 0 && gated.some((a) => a.startsWith(`${setting.attribute}.`))) continue;
    // A setting every tier supports fits whatever the tier (or its value) is.
    if (!gates) continue;
    const value = valueAtPath(spec, path);
    if (value === undefined) continue;
    const unknownValue = isUnknown(value);
    if (!unknownValue && !setting.uses(value)) continue;
    const { field, attribute } = setting;
    if (unknownValue || knownTier === undefined) {
      if (unknownValue && knownTier !== undefined && tierSupports(knownTier, setting.feature)) continue;
      if (isUnknown(tier) || unknownValue) {
        const why = `cannot check whether ${field} fits the tier: ${unknownValue ? `${field} is unknown` : 'the tier is unknown'}`;
        push({ code: 'tier-feature', severity: 'unknown', field, attribute, message: `${why}.`, terraformMessage: `${why}.` });
        gated.push(attribute);
      }
      continue;
    }
    if (tierSupports(knownTier, setting.feature)) continue;
    const p = tierGateProblem(setting, value, knownTier);
    gated.push(attribute);
    push({ code: 'tier-feature', field, attribute, requiredTier: p.requiredTier, message: p.message, terraformMessage: p.terraformMessage });
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

  // Replicas. A loop that makes nothing for a replica without a problem (the common case: a
  // rule of every check validates every registry of an input).
  const reps = spec.replicas;
  if (!isUnknown(reps)) {
    for (let i = 0; i < reps.length; i++) {
      if (!(i in reps)) continue; // a hole, which forEach skipped
      const r = reps[i]!;
      const loc = r.location;
      const first = isUnknown(loc) ? undefined : firstAt(reps, loc, i);
      const fine = !sameUnknown(loc, spec.location) && (isUnknown(loc) || (findRegion(loc) !== undefined && (isUnknown(spec.location) || loc !== spec.location) && first === undefined));
      if (fine) continue;
      const f = `replicas[${i}].location`;
      const a = `georeplications[${i}].location`;
      if (sameUnknown(r.location, spec.location)) {
        // The same expression as the home region: the same region, whatever its value.
        const expr = (r.location as { expression?: string }).expression ?? '';
        push({
          code: 'replica-home-region', field: f, attribute: a,
          message: `${f} must differ from the home region, got the same value as location (${expr}): remove this replica (the home region always holds the registry).`,
          terraformMessage: `${a} must differ from location, got the same expression as location (${expr}): remove this georeplications block (the home region always holds the registry).`,
        });
      }
      if (isUnknown(r.location)) continue;
      regionCheck(r.location, f, a, push);
      if (!isUnknown(spec.location) && r.location === spec.location) {
        push({
          code: 'replica-home-region', field: f, attribute: a,
          message: `${f} must differ from the home region, got '${r.location}': remove this replica (the home region always holds the registry).`,
          terraformMessage: `${a} must differ from location, got "${r.location}": remove this georeplications block (the home region always holds the registry).`,
        });
      }
      if (first !== undefined) {
        push({
          code: 'replica-duplicate', field: f, attribute: a,
          message: `${f} must be unique, got '${r.location}' again (also replicas[${first}]): remove the duplicate.`,
          terraformMessage: `${a} must be unique, got "${r.location}" again (also georeplications[${first}]): remove the duplicate block.`,
        });
      }
    }
  }

  // Ranges (from the catalog).
  const ret = spec.retentionDays;
  const r = RETENTION_DAYS.value;
  if (!isUnknown(ret) && (!Number.isInteger(ret) || ret < r.min || ret > r.max)) {
    push({
      code: 'range', field: 'retentionDays', attribute: 'retention_policy_in_days',
      message: `retentionDays must be a whole number ${r.min}-${r.max}, got ${show(ret)}: use 0 to turn retention off or 1-${r.max} days.`,
      terraformMessage: `retention_policy_in_days must be a whole number ${r.min}-${r.max}, got ${show(ret)}: use 1-${r.max}, or remove it to turn retention off.`,
    });
  }
  const sd = spec.softDeleteDays;
  const d = SOFT_DELETE_DAYS.value;
  if (!isUnknown(sd) && (!Number.isInteger(sd) || sd < 0 || (sd > 0 && sd < d.min) || sd > d.max)) {
    push({
      code: 'range', field: 'softDeleteDays', attribute: 'softDeletePolicy.retentionDays',
      message: `softDeleteDays must be a whole number ${d.min}-${d.max} (0 turns soft delete off), got ${show(sd)}: use ${d.min}-${d.max} days.`,
      terraformMessage: `soft delete retentionDays must be a whole number ${d.min}-${d.max}, got ${show(sd)}: use ${d.min}-${d.max} days.`,
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

  // ABAC conditions need the ABAC permissions mode.
  if (spec.permissionsMode === 'rbac') {
    for (const ra of spec.roleAssignments) {
      if (ra.condition === null || isUnknown(ra.condition)) continue;
      push({
        code: 'abac-condition', field: 'permissionsMode', attribute: 'role_assignment_mode',
        message: `a repository condition on ${ra.address} needs permissionsMode 'rbac-abac', got 'rbac' (legacy mode takes no ABAC conditions): set permissionsMode: 'rbac-abac', or grant without repositories.`,
        terraformMessage: `condition on ${ra.address} needs role_assignment_mode = "AbacRepositoryPermissions", got "LegacyRegistryPermissions" (legacy mode takes no ABAC conditions): set role_assignment_mode = "AbacRepositoryPermissions" (azurerm >= 4.81), or remove the condition.`,
      });
    }
  }

  // Per-tier counts.
  if (knownTier !== undefined) {
    for (const thing of COUNTED_THINGS) {
      const count = thing.count(spec);
      const limit = countLimit(thing, knownTier);
      if (isUnknown(count) || count <= limit || limit === 0) continue;
      const bigger = tierHolding(thing, count);
      const [setC, setT] = bigger && bigger !== knownTier ? setTier(bigger) : ['ask Azure Support for a higher limit', 'ask Azure Support for a higher limit'];
      push({
        code: 'tier-count', field: thing.field, attribute: thing.attribute,
        message: `${thing.field} must number at most ${limit} on tier ${knownTier}, got ${count}: ${thing.fewer.construct} or ${setC}.`,
        terraformMessage: `${thing.attribute} must number at most ${limit} on sku "${knownTier}", got ${count}: ${thing.fewer.terraform} or ${setT}.`,
        ...(bigger && bigger !== knownTier ? { requiredTier: bigger } : {}),
      });
    }
  }
  return out;
}

/** The index of the first replica before `before` whose (known) location is `location`. */
function firstAt(replicas: readonly ReplicaSpec[], location: string, before: number): number | undefined {
  for (let j = 0; j < before; j++) if (j in replicas && replicas[j]!.location === location) return j;
  return undefined;
}

function regionCheck(v: Maybe<string>, field: string, attribute: string, push: (d: Omit<Diagnostic, 'severity'>) => void): void {
  if (isUnknown(v) || findRegion(v)) return;
  const close = closeRegionNames(v);
  const hint = close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'use a canonical name such as westeurope.';
  const text = `must be an Azure public region, got ${show(v)}: ${hint}`;
  push({ code: 'region', field, attribute, message: `${field} ${text}`, terraformMessage: `${attribute} ${text}` });
}
