/**
 * The one table of tier-gated settings (spec field -> Terraform attribute -> catalog feature ->
 * how to turn it off) and the one table of counted things (webhooks, private endpoints, IP
 * rules, scope maps, tokens, cache rules) with their per-tier limits from the catalog.
 *
 * `validateSpec`, the policy's feature use and smallest tier, the constructs' profile trimming,
 * the simulator's effective settings and count checks all read these tables, so a new
 * tier-gated setting is one row here plus its catalog fact (`FEATURES` in lib/catalog/tiers.ts).
 *
 * Settings are read by path (`network.ipRules`) from anything that names them like a
 * {@link RegistrySpec}: a spec, a spec input, construct props or a profile's settings, the
 * simulator's settings. A path such an object leaves out (`undefined`) is not in use.
 */
import { FEATURES, TIER_FACTS, TIERS, cheapestTierFor, tierSupports, type FeatureId, type Tier } from '../catalog/tiers.js';
import type { RegistrySpec } from './registry-spec.js';
import { isUnknown, show, type Maybe, type Unknown } from './unknown.js';

/** How to turn a tier-gated setting off. */
export interface SettingOff {
  /**
   * The value that turns the setting off, in the spec's terms (`[]`, `0`, `false`, `'Allow'`).
   * `undefined` removes the setting, so its default (off) applies.
   */
  readonly value: unknown;
  /** The fix in construct terms, for messages: `remove replicas`. */
  readonly construct: string;
  /** The fix in Terraform terms, for messages: `remove the georeplications blocks`. */
  readonly terraform: string;
}

/** One setting that needs a tier feature: where it is, when it is on, and how to turn it off. */
export interface TierGatedSetting {
  /** The model field (construct prop path) named in messages: `network.ipRules`. */
  readonly field: string;
  /**
   * Where the setting is read, as a dotted path into a spec, construct props or simulator settings.
   * @default - the same as `field`
   */
  readonly path?: string;
  /** Terraform argument or resource type: `network_rule_set.ip_rule`. */
  readonly attribute: string;
  /** The catalog feature the setting needs. */
  readonly feature: FeatureId;
  /**
   * Whether a known value of the setting uses the feature (`replicas` with at least one entry).
   * Never called with `undefined` or an Unknown.
   */
  readonly uses: (value: unknown) => boolean;
  /**
   * The start of a message about the value in construct and Terraform terms, up to the verb:
   * `['retentionDays 7 needs', 'retention_policy_in_days = 7 needs']`.
   * @default - `<field> needs` and `<attribute> needs`
   */
  readonly subject?: (value: unknown) => readonly [construct: string, terraform: string];
  /** How to turn it off. */
  readonly off: SettingOff;
  /**
   * The feature in the simulator's warnings: `does not support <featureName>`.
   * @default - the catalog title of `feature`
   */
  readonly featureName?: string;
  /**
   * The setting in the simulator's warnings: `<settingName> ignored`.
   * @default - `field`
   */
  readonly settingName?: string;
}

const isOn = (v: unknown): boolean => Boolean(v);
const nonEmpty = (v: unknown): boolean => (v as readonly unknown[]).length > 0;
const positive = (v: unknown): boolean => (v as number) > 0;

/** The rows, in the order messages report them; {@link registerTierGatedSetting} adds to it. */
const settings: TierGatedSetting[] = [
  {
    field: 'replicas', attribute: 'georeplications', feature: 'geoReplication', uses: nonEmpty,
    subject: () => ['replicas need', 'georeplications need'],
    off: { value: [], construct: 'remove replicas', terraform: 'remove the georeplications blocks' },
  },
  {
    field: 'encryption', attribute: 'encryption', feature: 'customerManagedKey',
    // A spec says { kind: 'customer-managed' }; construct props say 'create' or give the key.
    uses: (e) => (e as { readonly kind?: unknown }).kind !== 'platform',
    subject: () => ['encryption with a customer-managed key needs', 'encryption (customer-managed key) needs'],
    off: { value: undefined, construct: 'remove encryption', terraform: 'remove the encryption block' },
  },
  {
    field: 'retentionDays', attribute: 'retention_policy_in_days', feature: 'retentionPolicy', uses: positive,
    subject: (d) => [`retentionDays ${show(d)} needs`, `retention_policy_in_days = ${show(d)} needs`],
    off: { value: 0, construct: 'set retentionDays: 0', terraform: 'remove retention_policy_in_days' },
    featureName: 'the retention policy',
    settingName: 'retention',
  },
  {
    field: 'network.ipRules', attribute: 'network_rule_set.ip_rule', feature: 'networkRules', uses: nonEmpty,
    subject: () => ['network.ipRules need', 'network_rule_set.ip_rule needs'],
    off: { value: [], construct: 'remove network.ipRules', terraform: 'remove the ip_rule blocks' },
  },
  {
    field: 'network.defaultAction', attribute: 'network_rule_set.default_action', feature: 'networkRules', uses: (a) => a === 'Deny',
    subject: () => ["network.defaultAction 'Deny' needs", 'network_rule_set.default_action = "Deny" needs'],
    off: { value: 'Allow', construct: "set network.defaultAction: 'Allow'", terraform: 'remove the network_rule_set block' },
  },
  {
    // The block itself, even with only default_action = "Allow" (or 3.x virtual_network rules):
    // azurerm refuses a network rule set below Premium ("`network_rule_set` can only be specified
    // for a Premium Sku. If you are reverting from a Premium to Basic SKU please set
    // network_rule_set = []": hashicorp/terraform-provider-azurerm
    // internal/services/containers/container_registry_resource.go; acr-facts.md, azurerm
    // arguments), and Azure's IP access rules are Premium-only (container-registry-access-
    // selected-networks.md). After the rows of its arguments, so a message names the argument
    // that needs Premium when there is one.
    field: 'network.ruleSet', attribute: 'network_rule_set', feature: 'networkRules', uses: (r) => r === true,
    subject: () => ['a network rule set needs', 'network_rule_set needs'],
    off: {
      value: false,
      construct: "leave out network.defaultAction and network.ipRules",
      terraform: 'remove the network_rule_set block (network_rule_set = [] when moving an existing registry down from Premium)',
    },
    featureName: 'network rules',
    settingName: 'network rule set',
  },
  {
    field: 'network.publicAccess', attribute: 'public_network_access_enabled', feature: 'publicAccessDisabled', uses: (p) => p === false,
    subject: () => ['network.publicAccess false needs', 'public_network_access_enabled = false needs'],
    off: { value: true, construct: 'set network.publicAccess: true', terraform: 'set public_network_access_enabled = true' },
  },
  {
    field: 'network.privateEndpoints', attribute: 'azurerm_private_endpoint', feature: 'privateEndpoints', uses: nonEmpty,
    subject: () => ['network.privateEndpoints need', 'private endpoints need'],
    off: { value: [], construct: 'remove network.privateEndpoints', terraform: 'remove the private endpoints' },
  },
  {
    field: 'exportEnabled', attribute: 'export_policy_enabled', feature: 'exportDisabled', uses: (e) => e === false,
    subject: () => ['exportEnabled false needs', 'export_policy_enabled = false needs'],
    off: { value: true, construct: 'set exportEnabled: true', terraform: 'set export_policy_enabled = true' },
  },
  {
    field: 'dataEndpoint', attribute: 'data_endpoint_enabled', feature: 'dataEndpoint', uses: isOn,
    off: { value: false, construct: 'set dataEndpoint: false', terraform: 'remove data_endpoint_enabled' },
  },
  {
    field: 'anonymousPull', attribute: 'anonymous_pull_enabled', feature: 'anonymousPull', uses: isOn,
    off: { value: false, construct: 'set anonymousPull: false', terraform: 'remove anonymous_pull_enabled' },
  },
  {
    field: 'quarantine', attribute: 'quarantine_policy_enabled', feature: 'quarantine', uses: isOn,
    off: { value: false, construct: 'set quarantine: false', terraform: 'remove quarantine_policy_enabled' },
  },
  {
    field: 'trust', attribute: 'trust_policy_enabled', feature: 'contentTrust', uses: isOn,
    off: { value: false, construct: 'set trust: false', terraform: 'remove trust_policy_enabled' },
  },
  {
    field: 'zoneRedundancy', attribute: 'zone_redundancy_enabled', feature: 'zoneRedundancy', uses: isOn,
    off: { value: false, construct: 'set zoneRedundancy: false', terraform: 'remove zone_redundancy_enabled' },
  },
  {
    field: 'cacheRules', path: 'counts.cacheRules', attribute: 'azurerm_container_registry_cache_rule', feature: 'cacheRules', uses: positive,
    subject: () => ['cache rules need', 'azurerm_container_registry_cache_rule needs'],
    off: { value: 0, construct: 'remove the cache rules', terraform: 'remove the azurerm_container_registry_cache_rule resources' },
  },
  // Settings every tier supports: rows so the tier matrix, the docs and any future tier limit follow the table.
  {
    field: 'permissionsMode', attribute: 'role_assignment_mode', feature: 'abacRepositoryPermissions', uses: (m) => m === 'rbac-abac',
    subject: () => ["permissionsMode 'rbac-abac' needs", 'role_assignment_mode = "AbacRepositoryPermissions" needs'],
    off: { value: 'rbac', construct: "set permissionsMode: 'rbac'", terraform: 'remove role_assignment_mode' },
  },
  {
    field: 'armAudienceAuth', attribute: 'azuread_authentication_as_arm_policy_enabled', feature: 'armAudienceAuthDisabled', uses: (a) => a === false,
    subject: () => ['armAudienceAuth false needs', 'azuread_authentication_as_arm_policy_enabled = false needs'],
    off: { value: true, construct: 'set armAudienceAuth: true', terraform: 'remove azuread_authentication_as_arm_policy_enabled' },
  },
  {
    field: 'metadataSearch', attribute: 'metadataSearch (ARM)', feature: 'metadataSearch', uses: isOn,
    off: { value: false, construct: 'set metadataSearch: false', terraform: 'remove metadataSearch from the AzAPI body' },
  },
];

/** The tier-gated settings, in the order messages report them. */
export const TIER_GATED_SETTINGS: readonly TierGatedSetting[] = settings;

/**
 * Adds `setting` to {@link TIER_GATED_SETTINGS} until the returned function is called. For tests
 * that show every consumer follows the table; a real setting is a row in the table above.
 */
export function registerTierGatedSetting(setting: TierGatedSetting): () => void {
  settings.push(setting);
  rows = undefined;
  return () => {
    const i = settings.indexOf(setting);
    if (i >= 0) settings.splice(i, 1);
    rows = undefined;
  };
}

// Each setting's path, split once: every rule asks for it on every registry of an input.
const PATHS = new WeakMap<TierGatedSetting, readonly string[]>();

function pathOf(setting: TierGatedSetting): readonly string[] {
  let path = PATHS.get(setting);
  if (!path) {
    path = (setting.path ?? setting.field).split('.');
    PATHS.set(setting, path);
  }
  return path;
}

/** A row of {@link TIER_GATED_SETTINGS} with what every registry asks of it worked out once. */
export interface TierGatedRow {
  /** The setting. */
  readonly setting: TierGatedSetting;
  /** Its path, split. */
  readonly path: readonly string[];
  /** Whether some tier does not support its feature (a setting every tier supports fits any tier). */
  readonly gates: boolean;
}

// The rows worked out, until registerTierGatedSetting changes the table (the catalog does not
// change during a run).
let rows: readonly TierGatedRow[] | undefined;

/**
 * {@link TIER_GATED_SETTINGS} with each row's path and whether it gates a tier worked out once:
 * validation, feature use and right-sizing ask them of every registry of an input, and a
 * look-up by setting (a WeakMap) costs more than the rest of the question.
 */
export function tierGatedRows(): readonly TierGatedRow[] {
  rows ??= settings.map((setting) => ({ setting, path: pathOf(setting), gates: !TIERS.every((t) => tierSupports(t, setting.feature)) }));
  return rows;
}

/** The value at a split setting path in `holder`, as {@link settingValue} reads it. */
export function valueAtPath(holder: object, path: readonly string[]): unknown {
  let v: unknown = holder;
  for (let i = 0; i < path.length; i++) {
    if (v === undefined || v === null || isUnknown(v)) return v ?? undefined;
    v = (v as Record<string, unknown>)[path[i]!];
  }
  return v;
}

/**
 * The value of `setting` in `holder` (a spec, construct props, a profile's settings or the
 * simulator's settings): `undefined` when the holder leaves it out, an Unknown when the value
 * (or an object on its path) is Unknown.
 */
export function settingValue(holder: object, setting: TierGatedSetting): unknown {
  return valueAtPath(holder, pathOf(setting));
}

/** Whether `holder` uses `setting`: `true` or `false`, or the Unknown that keeps it from being known. */
export function settingUse(holder: object, setting: TierGatedSetting): boolean | Unknown {
  return useOf(setting, settingValue(holder, setting));
}

/** {@link settingUse} of a row of {@link tierGatedRows} (its path split once). */
export function rowUse(holder: object, row: TierGatedRow): boolean | Unknown {
  return useOf(row.setting, valueAtPath(holder, row.path));
}

/** Whether `v`, the value of `setting` in some holder, uses it (undefined: left out, not used). */
function useOf(setting: TierGatedSetting, v: unknown): boolean | Unknown {
  if (v === undefined) return false;
  if (isUnknown(v)) return v;
  return setting.uses(v);
}

/**
 * `holder` without `setting`: a copy with the setting's off value at its path (objects on the
 * path copied, the rest shared); an `undefined` off value removes the setting.
 */
export function withoutSetting<T extends object>(holder: T, setting: TierGatedSetting): T {
  const put = (obj: object, keys: readonly string[]): object => {
    const [key, ...rest] = keys;
    const copy: Record<string, unknown> = { ...obj };
    if (rest.length > 0) {
      const inner = copy[key!];
      copy[key!] = put(typeof inner === 'object' && inner !== null ? inner : {}, rest);
    } else if (setting.off.value === undefined) {
      delete copy[key!];
    } else {
      copy[key!] = setting.off.value;
    }
    return copy;
  };
  return put(holder, pathOf(setting)) as T;
}

/**
 * The settings `holder` uses (known values only) that `tier` does not support, in table order.
 * Settings whose value is Unknown are left out: the caller cannot decide them either way.
 */
export function unsupportedSettings(holder: object, tier: Tier): TierGatedSetting[] {
  return settings.filter((s) => settingUse(holder, s) === true && !tierSupports(tier, s.feature));
}

/**
 * Whether `holder` uses a setting (known values only) that `tier` does not support: whether
 * {@link unsupportedSettings} is not empty, without making the list.
 */
export function usesUnsupportedSetting(holder: object, tier: Tier): boolean {
  const all = tierGatedRows();
  for (let i = 0; i < all.length; i++) {
    const row = all[i]!;
    if (rowUse(holder, row) === true && !tierSupports(tier, row.setting.feature)) return true;
  }
  return false;
}

/** The first line of a message about a setting the tier cannot use, and its fix. */
export interface TierGateProblem {
  /** The cheapest tier that supports the setting. */
  readonly requiredTier: Tier;
  /** `<what> <rule>, got <value>` in construct terms: `replicas need the Premium tier, got tier Basic`. */
  readonly problem: string;
  /** The same in Terraform terms: `georeplications need the Premium tier, got sku "Basic"`. */
  readonly terraformProblem: string;
  /** The whole message with the fix, in construct terms. */
  readonly message: string;
  /** The whole message with the fix, in Terraform terms. */
  readonly terraformMessage: string;
}

/** What to say when `tier` cannot use `setting` at (known) `value`: the problem, the tier it needs and the fix. */
export function tierGateProblem(setting: TierGatedSetting, value: unknown, tier: Tier): TierGateProblem {
  const need = cheapestTierFor(setting.feature);
  const tiers = FEATURES[setting.feature].tiers;
  const needs = tiers.length === 2 ? `the ${tiers.join(' or ')} tier` : `the ${need} tier`;
  const [c, t] = setting.subject?.(value) ?? [`${setting.field} needs`, `${setting.attribute} needs`];
  const problem = `${c} ${needs}, got tier ${tier}`;
  const terraformProblem = `${t} ${needs}, got sku "${tier}"`;
  return {
    requiredTier: need,
    problem,
    terraformProblem,
    message: `${problem}: set tier: '${need}' or ${setting.off.construct}.`,
    terraformMessage: `${terraformProblem}: set sku = "${need}" or ${setting.off.terraform}.`,
  };
}

/** The simulator's warning when `tier` cannot use `setting`: `<tier> does not support <feature>; <setting> ignored`. */
export function ignoredSettingText(setting: TierGatedSetting, tier: Tier): string {
  return `${tier} does not support ${setting.featureName ?? FEATURES[setting.feature].title}; ${setting.settingName ?? setting.field} ignored`;
}

// ---------------------------------------------------------------------------------------------
// Counted things

/** A companion resource or list whose number the tier limits; the id is the key of its limit in `TIER_FACTS`. */
export type CountedId = 'webhooks' | 'ipRules' | 'privateEndpoints' | 'tokens' | 'scopeMaps' | 'cacheRules';

/** One thing the tier limits in number. */
export interface CountedThing {
  /** Stable id, also the key of its limit in `TIER_FACTS` and in the simulator's counts. */
  readonly id: CountedId;
  /** The model field (construct prop path) named in messages: `webhooks`. */
  readonly field: string;
  /** Terraform argument or resource type: `azurerm_container_registry_webhook`. */
  readonly attribute: string;
  /** How many a spec has, or the Unknown that keeps it from being known. */
  readonly count: (spec: RegistrySpec) => Maybe<number>;
  /** How to have fewer: `remove webhooks` and its Terraform form. */
  readonly fewer: { readonly construct: string; readonly terraform: string };
}

/** The counted things, in the order messages report them. */
export const COUNTED_THINGS: readonly CountedThing[] = [
  {
    id: 'webhooks', field: 'webhooks', attribute: 'azurerm_container_registry_webhook',
    count: (s) => s.webhooks.length, fewer: { construct: 'remove webhooks', terraform: 'remove webhooks' },
  },
  {
    id: 'ipRules', field: 'network.ipRules', attribute: 'network_rule_set.ip_rule',
    count: (s) => (isUnknown(s.network.ipRules) ? s.network.ipRules : s.network.ipRules.length),
    fewer: { construct: 'remove IP rules', terraform: 'remove ip_rule blocks' },
  },
  {
    id: 'privateEndpoints', field: 'network.privateEndpoints', attribute: 'azurerm_private_endpoint',
    count: (s) => s.network.privateEndpoints.length, fewer: { construct: 'remove private endpoints', terraform: 'remove private endpoints' },
  },
  {
    id: 'tokens', field: 'tokens', attribute: 'azurerm_container_registry_token',
    count: (s) => s.counts.tokens, fewer: { construct: 'remove tokens', terraform: 'remove tokens' },
  },
  {
    id: 'scopeMaps', field: 'scopeMaps', attribute: 'azurerm_container_registry_scope_map',
    count: (s) => s.counts.scopeMaps, fewer: { construct: 'remove scope maps', terraform: 'remove scope maps' },
  },
  {
    id: 'cacheRules', field: 'cacheRules', attribute: 'azurerm_container_registry_cache_rule',
    count: (s) => s.counts.cacheRules, fewer: { construct: 'remove cache rules', terraform: 'remove cache rules' },
  },
];

/** The most of `thing` a registry of `tier` may have (0 when the tier does not support it), from the catalog. */
export function countLimit(thing: CountedThing, tier: Tier): number {
  return TIER_FACTS[tier][thing.id].value;
}

/** The cheapest tier whose limit holds `count` of `thing`, or `undefined` when none does. */
export function tierHolding(thing: CountedThing, count: number): Tier | undefined {
  return TIERS.find((t) => countLimit(thing, t) >= count);
}
