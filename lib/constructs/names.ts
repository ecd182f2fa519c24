/**
 * Name rules of the resources acrkit creates around a registry, as the azurerm provider checks
 * them at plan (or, where azurerm does not check, as the Azure API checks them at apply), and the
 * names acrkit derives when the user gives none. A name a rule rejects fails synth with the
 * registry's other problems, instead of failing `terraform plan` or, worse, `apply`.
 *
 * No cdktf import: docs/tools reads the rules to document them.
 */
import { createHash } from 'node:crypto';
import type { Source } from '../catalog/fact.js';

/** azurerm's validator for a name (hashicorp/terraform-provider-azurerm, main as of 2026-07). */
function tfValidator(path: string, note?: string): Source {
  return {
    ref: `hashicorp/terraform-provider-azurerm ${path}`,
    asOf: '2026-07-14',
    confirmed: true,
    ...(note ? { note } : {}),
  };
}

/** The resource kinds whose names acrkit checks. */
export type NamedKind =
  | 'scopeMap'
  | 'token'
  | 'webhook'
  | 'cacheRule'
  | 'credentialSet'
  | 'privateEndpoint'
  | 'keyVault'
  | 'keyVaultKey'
  | 'identity'
  | 'diagnosticSetting'
  | 'managementLock';

/** One name rule: what it applies to, the rule in words, the test, and where it comes from. */
export interface NameRule {
  /** The resource kind. */
  readonly kind: NamedKind;
  /** Terraform resource type (and block, for names inside a block). */
  readonly resource: string;
  /** What the name is, in messages: `scope map name`. */
  readonly what: string;
  /** The rule in words, completing "<what> must ...". */
  readonly rule: string;
  /** Whether `name` passes. */
  readonly test: (name: string) => boolean;
  /** Who rejects a bad name, and when. */
  readonly rejectedBy: 'azurerm at plan' | 'Azure at apply';
  /** Where the rule is stated. */
  readonly source: Source;
  /** Characters a suggested fix keeps; others become `-` (or are dropped when `-` is not allowed). */
  readonly keep: RegExp;
  /** Length bounds, for suggestions. */
  readonly length: readonly [min: number, max: number];
  /** Whether a dash is allowed at all (for suggestions). */
  readonly dashes: boolean;
}

const len = (min: number, max: number) => (s: string): boolean => s.length >= min && s.length <= max;

/** Every name rule, by kind. */
export const NAME_RULES: Readonly<Record<NamedKind, NameRule>> = {
  scopeMap: {
    kind: 'scopeMap', resource: 'azurerm_container_registry_scope_map', what: 'scope map name',
    rule: 'be 5-49 letters, digits and dashes',
    test: (s) => /^[a-zA-Z0-9-]+$/.test(s) && len(5, 49)(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/containers/validate/container_registry_scope_map_name.go'),
    keep: /[a-zA-Z0-9-]/, length: [5, 49], dashes: true,
  },
  token: {
    kind: 'token', resource: 'azurerm_container_registry_token', what: 'token name',
    rule: 'be 5-49 letters, digits and dashes, starting with a letter',
    test: (s) => /^[a-zA-Z][a-zA-Z0-9-]{4,48}$/.test(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/containers/validate/container_registry_token_name.go'),
    keep: /[a-zA-Z0-9-]/, length: [5, 49], dashes: true,
  },
  webhook: {
    kind: 'webhook', resource: 'azurerm_container_registry_webhook', what: 'webhook name',
    rule: 'be 5-50 letters and digits (no dashes)',
    test: (s) => /^[a-zA-Z0-9]{5,50}$/.test(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/containers/validate/container_registry_webhook_name.go'),
    keep: /[a-zA-Z0-9]/, length: [5, 50], dashes: false,
  },
  cacheRule: {
    kind: 'cacheRule', resource: 'azurerm_container_registry_cache_rule', what: 'cache rule name',
    rule: 'be 5-49 letters and digits, optionally separated by single dashes',
    test: (s) => /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/.test(s) && len(5, 49)(s),
    rejectedBy: 'azurerm at plan',
    source: tfValidator(
      'internal/services/containers/validate/container_registry_cache_rule_name.go',
      'Older provider versions allowed any mix of letters, digits and dashes; acrkit checks the stricter current rule.',
    ),
    keep: /[a-zA-Z0-9-]/, length: [5, 49], dashes: true,
  },
  credentialSet: {
    kind: 'credentialSet', resource: 'azurerm_container_registry_credential_set', what: 'credential set name',
    rule: 'be 5-50 letters, digits and dashes',
    test: (s) => /^[a-zA-Z0-9-]{5,50}$/.test(s),
    rejectedBy: 'Azure at apply',
    source: {
      ref: 'Azure/azure-rest-api-specs specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/stable/2023-07-01/containerregistry.json (CredentialSetNameParameter)',
      asOf: '2023-07-01',
      confirmed: true,
      note: 'azurerm does not validate credential set names (container_registry_credential_set_resource.go), so a bad one fails at apply.',
    },
    keep: /[a-zA-Z0-9-]/, length: [5, 50], dashes: true,
  },
  privateEndpoint: {
    kind: 'privateEndpoint', resource: 'azurerm_private_endpoint (name, private_service_connection.name, private_dns_zone_group.name)',
    what: 'private endpoint name',
    rule: 'be 1-80 letters, digits, dashes, underscores and periods, starting with a letter or digit and ending with a letter, digit or underscore',
    test: (s) => /^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_]$/.test(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/network/validate/private_link_name.go'),
    keep: /[a-zA-Z0-9_.-]/, length: [1, 80], dashes: true,
  },
  keyVault: {
    kind: 'keyVault', resource: 'azurerm_key_vault', what: 'Key Vault name',
    rule: 'be 3-24 letters, digits and dashes, starting with a letter, ending with a letter or digit, without "--"',
    test: (s) => /^[a-zA-Z0-9-]{3,24}$/.test(s) && /^[a-zA-Z].*[a-zA-Z0-9]$/.test(s) && !s.includes('--'),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/keyvault/validate/vault_name.go'),
    keep: /[a-zA-Z0-9-]/, length: [3, 24], dashes: true,
  },
  keyVaultKey: {
    kind: 'keyVaultKey', resource: 'azurerm_key_vault_key', what: 'key name',
    rule: 'be 1-127 letters, digits and dashes',
    test: (s) => /^[a-zA-Z0-9-]{1,127}$/.test(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/keyvault/validate/nested_item_name.go'),
    keep: /[a-zA-Z0-9-]/, length: [1, 127], dashes: true,
  },
  identity: {
    kind: 'identity', resource: 'azurerm_user_assigned_identity', what: 'identity name',
    rule: 'be 3-128 letters, digits, dashes and underscores, starting with a letter or digit',
    test: (s) => /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/.test(s),
    rejectedBy: 'Azure at apply',
    source: {
      ref: 'MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md (Microsoft.ManagedIdentity userAssignedIdentities)',
      asOf: '2026-08-20',
      confirmed: true,
      note: 'azurerm does not validate the name (user_assigned_identity_resource.go), so a bad one fails at apply.',
    },
    keep: /[a-zA-Z0-9_-]/, length: [3, 128], dashes: true,
  },
  diagnosticSetting: {
    kind: 'diagnosticSetting', resource: 'azurerm_monitor_diagnostic_setting', what: 'diagnostic setting name',
    rule: 'be 1-260 characters without < > * % & : \\ ? + /',
    test: (s) => !/[<>*%&:\\?+/]/.test(s) && len(1, 260)(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/monitor/validate/monitor_diagnostic_setting_name.go'),
    keep: /[^<>*%&:\\?+/]/, length: [1, 260], dashes: true,
  },
  managementLock: {
    kind: 'managementLock', resource: 'azurerm_management_lock', what: 'lock name',
    rule: 'be at most 259 characters and contain a letter, digit, dash or underscore',
    test: (s) => /[A-Za-z0-9_-]/.test(s) && len(1, 259)(s),
    rejectedBy: 'azurerm at plan', source: tfValidator('internal/services/resource/validate/management_lock_name.go'),
    keep: /[A-Za-z0-9_-]/, length: [1, 259], dashes: true,
  },
};

/** A name that follows `rule`, made from `name` (bad characters replaced, padded, cut), or none. */
export function suggestName(rule: NameRule, name: string, pad: string): string | undefined {
  const sep = rule.dashes ? '-' : '';
  let s = [...name].map((c) => (rule.keep.test(c) ? c : sep)).join('');
  if (rule.dashes) s = s.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-zA-Z]/.test(s)) s = `${pad.charAt(0) || 'x'}${s}`;
  while (s.length < rule.length[0]) s = `${s}${sep}${pad}`.replace(/^-/, '');
  s = s.slice(0, rule.length[1]).replace(/-+$/, '');
  return rule.test(s) ? s : undefined;
}

/**
 * The problem with `name` under the rule of `kind`, as `<what> <rule>, got <value>: <fix>.`, or
 * undefined when it passes. `where` says which prop or call gave it (`addScopeMap('ro')`).
 */
export function nameProblem(kind: NamedKind, name: string, where: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (rule.test(name)) return undefined;
  const pad = kind === 'webhook' ? 'hook' : kind === 'token' ? 'token' : kind === 'keyVault' ? 'kv' : 'acr';
  const suggestion = suggestName(rule, name, pad);
  const fix = suggestion ? `rename it, e.g. '${suggestion}'` : 'rename it';
  return `${where}: ${rule.what} must ${rule.rule} (${rule.rejectedBy === 'azurerm at plan' ? 'azurerm rejects it at plan' : 'Azure rejects it at apply'}), got '${name}': ${fix}.`;
}

/** First `n` hex digits of the SHA-256 of `parts` joined with `/`. */
export function shortHash(parts: readonly string[], n = 8): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, n);
}

/**
 * The default Key Vault name of a registry's customer-managed key: `kv-`, up to 12 characters of
 * the registry name (lower case) and 8 hex digits of a hash of the stack, the registry name and
 * the key's construct path, e.g. `kv-acrkitprod01-3f9a0c12`. Registry names are globally unique,
 * so two apps with the same construct paths but different registries get different vaults; the
 * hash keeps two keys of one registry apart. Always 3-24 characters, starts with a letter, ends
 * with a letter or digit, and has no `--` (the registry name is letters and digits).
 */
export function keyVaultNameFor(registryName: string, stackName: string, keyPath: string): string {
  const stem = registryName.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12);
  const hash = shortHash([stackName, registryName, keyPath]);
  return stem ? `kv-${stem}-${hash}` : `kv-${hash}`;
}
