/**
 * What a policy rule is: a small pure function over a RegistrySpec with a stable id, a pack,
 * a severity, `info` (what is wrong), `explanation` (why it matters and how to fix it) and
 * references to the same check in other tools.
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { show, type Unknown } from '../model/unknown.js';

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** All severities, worst first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Rule packs; each rule belongs to exactly one. */
export type PackName = 'security' | 'resilience' | 'hygiene-cost' | 'azure-rules';

/** All pack names. */
export const PACK_NAMES: readonly PackName[] = ['security', 'resilience', 'hygiene-cost', 'azure-rules'];

/** A reference to the same or a related check elsewhere. */
export interface RuleReference {
  /** Where: Checkov id, Azure Policy definition, PSRule rule, Microsoft cloud security benchmark control, or a document. */
  readonly kind: 'checkov' | 'azure-policy' | 'psrule' | 'mcsb' | 'doc';
  /** Identifier: `CKV_AZURE_137`, a policy definition GUID, `Azure.ACR.AdminUser`, `IM-1`, or a URL. */
  readonly id: string;
  /**
   * Display name (Azure Policy) or title.
   * @default - none
   */
  readonly title?: string;
}

/** Options of the `resilience` pack. */
export interface ResilienceOptions {
  /**
   * Tag that marks a production registry.
   * @default 'env'
   */
  readonly productionTagKey?: string;
  /**
   * Values of that tag that mean production (compared case-insensitively).
   * @default ['production', 'prod']
   */
  readonly productionTagValues?: readonly string[];
  /**
   * Geo-replicas a production registry must have.
   * @default 1
   */
  readonly productionMinReplicas?: number;
  /**
   * Regions a registry and its replicas may be in (PSRule's Azure.ACR.ReplicaLocation; canonical
   * names such as `westeurope`).
   * @default - any region
   */
  readonly allowedLocations?: readonly string[];
}

/** Options of the `hygiene-cost` pack. */
export interface HygieneOptions {
  /**
   * A regular expression every registry name must match (PSRule's Azure.ACR.Naming), e.g.
   * `^cr[a-z0-9]+$` for the Cloud Adoption Framework prefix.
   * @default - no naming convention is checked
   */
  readonly namePattern?: string;
}

/** Options for every pack, keyed by pack. */
export interface PackOptions {
  /**
   * Options of the resilience pack.
   * @default - the defaults of {@link ResilienceOptions}
   */
  readonly resilience?: ResilienceOptions;
  /**
   * Options of the hygiene-cost pack.
   * @default - the defaults of {@link HygieneOptions}
   */
  readonly 'hygiene-cost'?: HygieneOptions;
}

/** What a rule sees besides the spec. */
export interface RuleContext {
  /** Pack options in effect. */
  readonly options: PackOptions;
}

/** One problem a rule found. */
export interface RuleFinding {
  /** `non-compliant`, or `unknown` when a value the rule needs is Unknown. */
  readonly status: 'non-compliant' | 'unknown';
  /** The problem in construct prop names: `<what> <rule>, got <value>: <fix>.` */
  readonly message: string;
  /**
   * The same in Terraform argument names.
   * @default - same as `message`
   */
  readonly terraformMessage?: string;
  /**
   * Severity of this finding, where the registry decides it (a tier that cannot comply).
   * @default - the rule's severity
   */
  readonly severity?: Severity;
}

/** A rule's verdict. */
export type RuleResult = 'compliant' | 'not-applicable' | readonly RuleFinding[];

/** One rule. */
export interface Rule {
  /** Stable id, e.g. `ACR-SEC-001`. */
  readonly id: string;
  /** Name (the rule's file name), e.g. `AdminUserDisabled`. */
  readonly name: string;
  /** The pack it belongs to. */
  readonly pack: PackName;
  /** Severity of its findings. */
  readonly severity: Severity;
  /** What is wrong, one line. */
  readonly info: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
  /** The same check in other tools (only ones confirmed against their source). */
  readonly references: readonly RuleReference[];
  /** The check: pure, no I/O. */
  readonly check: (spec: RegistrySpec, ctx: RuleContext) => RuleResult;
}

/** A non-compliant finding with the message in both naming styles (and its own severity, if given). */
export function violation(message: string, terraformMessage?: string, severity?: Severity): RuleFinding {
  // Built key by key, no spreads: one object a finding (the keys in the order they were).
  const out: { status: 'non-compliant'; message: string; terraformMessage?: string; severity?: Severity } = { status: 'non-compliant', message };
  if (terraformMessage !== undefined) out.terraformMessage = terraformMessage;
  if (severity !== undefined) out.severity = severity;
  return out;
}

/** An unknown finding: `what` could not be checked because `value` is Unknown. */
export function undecided(what: string, value: Unknown, terraformWhat?: string): RuleFinding {
  const m = (w: string): string => `cannot check ${w}: the value is not known statically, got ${show(value)}.`;
  return terraformWhat === undefined ? { status: 'unknown', message: m(what) } : { status: 'unknown', message: m(what), terraformMessage: m(terraformWhat) };
}
