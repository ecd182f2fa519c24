/**
 * Diagnostics: what `validateSpec` reports. Each carries two renderings, one in the
 * construct's prop names and one in Terraform's argument names, so the user reads the
 * name they wrote.
 */
import type { Tier } from '../catalog/tiers.js';

/** How sure a diagnostic is. */
export type DiagnosticSeverity =
  /** Azure (or the azurerm provider) rejects this at plan or apply. */
  | 'error'
  /** A value the check needs is Unknown, so it could not be decided. */
  | 'unknown';

/** One problem found in a {@link RegistrySpec}. */
export interface Diagnostic {
  /** Stable code, e.g. `tier-feature`, `replica-home-region`. */
  readonly code: string;
  /** How sure it is. */
  readonly severity: DiagnosticSeverity;
  /** Model field (construct prop path), e.g. `replicas`, `network.publicAccess`. */
  readonly field: string;
  /** Terraform argument or resource type, e.g. `georeplications`. */
  readonly attribute: string;
  /** One line in construct terms: `<what> <rule>, got <value>: <fix>.` */
  readonly message: string;
  /** The same line in Terraform terms. */
  readonly terraformMessage: string;
  /**
   * The tier the setting needs.
   * @default - not a tier problem
   */
  readonly requiredTier?: Tier;
}

/** Naming style of a rendered diagnostic. */
export type NamingStyle = 'construct' | 'terraform';

/** Picks the message for a naming style. */
export function diagnosticText(d: Diagnostic, style: NamingStyle): string {
  return style === 'construct' ? d.message : d.terraformMessage;
}
