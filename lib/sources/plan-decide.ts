/**
 * What the tier and the configuration decide about a registry's values that a plan marks
 * "known after apply". azurerm computes several blocks and arguments (`network_rule_set`,
 * `encryption`, 3.x `retention_policy` and `trust_policy`, ...): when the user sets none of
 * them, Terraform plans them as unknown on every new registry although their outcome is fixed.
 *
 * A value that is unknown after apply is known when
 * - the registry's tier cannot have anything but the provider default there (network rules,
 *   customer-managed keys, retention, trust and the rest of the Premium features on Basic and
 *   Standard: acr-facts.md §1 and the catalog), or
 * - the plan's `configuration` shows the user did not set it: the provider then keeps the
 *   value the registry has (an update) or computes its default (a create).
 * Everything else stays unknown: a value set from another resource's computed attribute
 * (`encryption.key_vault_key_id = azurerm_key_vault_key.k.id` on a new key) is truly unknown.
 *
 * Limit: Terraform leaves `dynamic` blocks out of the configuration section, so a Premium
 * registry's block written as `dynamic` with a `for_each` known only after apply reads as
 * "not set" here (a `for_each` known at plan time gives known values, nothing to decide).
 */
import { isTier, tierSupports, type FeatureId, type Tier } from '../catalog/tiers.js';
import { isPlainObject } from './values.js';

/** What a registry argument becomes when the user leaves it out, and the tier feature it needs. */
interface ArgumentDefault {
  /** The provider's value when unset, in plan JSON form (`[]` for an absent block). */
  readonly value: unknown;
  /**
   * The catalog feature any other value needs.
   * @default - every tier may set it
   */
  readonly feature?: FeatureId;
}

/** `azurerm_container_registry` arguments the provider fills in (3.x and 4.x names). */
const REGISTRY_DEFAULTS: Readonly<Record<string, ArgumentDefault>> = {
  network_rule_set: { value: [], feature: 'networkRules' },
  encryption: { value: [], feature: 'customerManagedKey' },
  retention_policy: { value: [], feature: 'retentionPolicy' },
  trust_policy: { value: [], feature: 'contentTrust' },
  retention_policy_in_days: { value: 0, feature: 'retentionPolicy' },
  trust_policy_enabled: { value: false, feature: 'contentTrust' },
  quarantine_policy_enabled: { value: false, feature: 'quarantine' },
  data_endpoint_enabled: { value: false, feature: 'dataEndpoint' },
  anonymous_pull_enabled: { value: false, feature: 'anonymousPull' },
  zone_redundancy_enabled: { value: false, feature: 'zoneRedundancy' },
  export_policy_enabled: { value: true, feature: 'exportDisabled' },
  public_network_access_enabled: { value: true, feature: 'publicAccessDisabled' },
  georeplications: { value: [], feature: 'geoReplication' },
  admin_enabled: { value: false },
  network_rule_bypass_option: { value: 'AzureServices' },
};

/** Arguments inside the blocks above, when the block is written but the argument is not. */
const NESTED_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  network_rule_set: { default_action: 'Allow', ip_rule: [], virtual_network: [] },
  retention_policy: { enabled: false, days: 7 },
  trust_policy: { enabled: false },
  encryption: { enabled: false },
  georeplications: { zone_redundancy_enabled: false, tags: {} },
};

/** Why a value was decided. */
export type DecidedBy = 'tier' | 'configuration';

/** One value the tier or the configuration decided. */
export interface DecidedValue {
  /** Argument path, dotted (`network_rule_set`, `network_rule_set.0.ip_rule`). */
  readonly path: string;
  /** What decided it. */
  readonly by: DecidedBy;
}

/** Input of {@link decideRegistryUnknowns}. */
export interface DecideInput {
  /** The registry's values after the change (unknown values absent or null). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The change's `after_unknown`. */
  readonly afterUnknown: unknown;
  /**
   * The resource block's expressions from the plan's `configuration`.
   * @default - no configuration: only the tier decides
   */
  readonly expressions?: Readonly<Record<string, unknown>>;
  /**
   * The registry's values before the change (an update keeps what the user does not set).
   * @default - a create
   */
  readonly before?: Readonly<Record<string, unknown>>;
}

/** What {@link decideRegistryUnknowns} returns. */
export interface DecideResult {
  /** Values with the decided ones filled in. */
  readonly values: Record<string, unknown>;
  /** `after_unknown` without the decided paths. */
  readonly afterUnknown: unknown;
  /** The values decided, in argument order. */
  readonly decided: readonly DecidedValue[];
}

/** Whether an `after_unknown` mark holds no `true` (nothing unknown under it). */
function isOff(x: unknown): boolean {
  if (x === true) return false;
  // Loops, not every(): asked of every mark of every registry of a plan.
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!isOff(x[i])) return false;
    return true;
  }
  if (isPlainObject(x)) {
    for (const k in x) if (Object.prototype.hasOwnProperty.call(x, k) && !isOff(x[k])) return false;
  }
  return true;
}

/** The block expression of block `i` (list nesting as an array, single nesting as an object). */
function blockExpr(e: unknown, i: number): Record<string, unknown> | undefined {
  if (Array.isArray(e)) {
    const b = e[i] ?? (e.length === 1 ? e[0] : undefined);
    return isPlainObject(b) ? b : undefined;
  }
  return isPlainObject(e) ? e : undefined;
}

/** `before[top][i][k]` when the registry had it. */
function beforeAt(before: Readonly<Record<string, unknown>> | undefined, path: ReadonlyArray<string | number>): unknown {
  let at: unknown = before;
  for (const p of path) {
    if (Array.isArray(at) && typeof p === 'number') at = at[p];
    else if (isPlainObject(at) && typeof p === 'string') at = at[p];
    else return undefined;
  }
  return at === null ? undefined : at;
}

/**
 * A shallow copy of a parsed object that keys may be added to: `Object.assign`, not a spread
 * (V8 makes adding a key to a spread copy of a parsed object cost tens of microseconds, and a
 * plan adds `id` and the other values known only after apply to every registry), except for an
 * object with its own `__proto__` key, which only a spread copies as a key (assigning it would
 * set the copy's prototype).
 */
export function copyObject(v: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.prototype.hasOwnProperty.call(v, '__proto__') ? { ...v } : Object.assign({}, v);
}

/**
 * Fills in the registry values a plan marks unknown that the tier or the configuration
 * decides (see the module comment), and returns the rest of `after_unknown`.
 */
export function decideRegistryUnknowns(input: DecideInput): DecideResult {
  const values = copyObject(input.values);
  const au = input.afterUnknown;
  if (!isPlainObject(au)) return { values, afterUnknown: au, decided: [] };
  // A copy of `au` is made only when a mark is decided: most marks (`id`, `login_server`) are
  // of no argument the tier or the configuration decides, and `au` itself is never changed.
  let copy: Record<string, unknown> | undefined;
  const rest = (): Record<string, unknown> => (copy ??= { ...au });
  const decided: DecidedValue[] = [];
  const sku = au.sku === true ? undefined : values.sku;
  const tier: Tier | undefined = isTier(sku) ? sku : undefined;
  const exprs = input.expressions;

  for (const top of Object.keys(au)) {
    const def = REGISTRY_DEFAULTS[top];
    if (!def) continue;
    const mark = au[top];
    if (isOff(mark)) continue;
    if (tier && def.feature && !tierSupports(tier, def.feature)) {
      values[top] = def.value;
      delete rest()[top];
      decided.push({ path: top, by: 'tier' });
      continue;
    }
    if (!exprs) continue;
    if (!(top in exprs)) {
      values[top] = beforeAt(input.before, [top]) ?? def.value;
      delete rest()[top];
      decided.push({ path: top, by: 'configuration' });
      continue;
    }
    // The block is written: decide its unset arguments one by one.
    const nested = NESTED_DEFAULTS[top];
    if (!nested || !Array.isArray(mark)) continue;
    const list = Array.isArray(values[top]) ? [...(values[top] as unknown[])] : undefined;
    if (!list) continue;
    const marks = [...mark];
    mark.forEach((m, i) => {
      if (!isPlainObject(m) || !isPlainObject(list[i])) return;
      const written = blockExpr(exprs[top], i);
      if (!written) return;
      const block = copyObject(list[i]);
      const left: Record<string, unknown> = { ...m };
      for (const k of Object.keys(m)) {
        if (m[k] !== true || k in written || !(k in nested)) continue;
        block[k] = beforeAt(input.before, [top, i, k]) ?? nested[k];
        delete left[k];
        decided.push({ path: `${top}.${i}.${k}`, by: 'configuration' });
      }
      list[i] = block;
      marks[i] = Object.keys(left).length ? left : false;
    });
    values[top] = list;
    rest()[top] = marks.some((x) => !isOff(x)) ? marks : false;
  }
  return { values, afterUnknown: copy ?? au, decided };
}
