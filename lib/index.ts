/**
 * acrkit: Azure Container Registry with Terraform.
 *
 * This entry point is framework-free (no cdktf, no provider): catalog, model and errors.
 * The constructs live at `acrkit/constructs`.
 */
export { AcrkitError, InputError, InputErrors, UnknownRegionError, UsageError, formatLocation, isAcrkitError, isInputError } from './errors.js';
export type { InputLocation } from './errors.js';
export { FEATURES, GIB, TIB, TIER_FACTS, TIERS, cheapestTierFor, featuresOf, isTier, tierSupports } from './catalog/tiers.js';
export type { FeatureFacts, FeatureId, FeatureStatus, RateLimit, Tier, TierFacts } from './catalog/tiers.js';
export { BILLING_ASSUMPTIONS, PRICES, monthlyBaseCostUsd } from './catalog/prices.js';
export type { BillingAssumptions, PriceFacts } from './catalog/prices.js';
export { REGIONS, REGIONS_SOURCE, closeRegionNames, distanceKm, findRegion, resolveRegion } from './catalog/regions.js';
export type { RegionFacts } from './catalog/regions.js';
export type { Fact, Source } from './catalog/fact.js';
export { isUnknown, known, unknown } from './model/unknown.js';
export type { Maybe, Unknown } from './model/unknown.js';
export type {
  CompanionCounts,
  CustomerManagedEncryption,
  DiagnosticSettingSpec,
  EncryptionSpec,
  KeyVaultSpec,
  LockSpec,
  NetworkSpec,
  PlatformEncryption,
  PrivateEndpointSpec,
  RegistrySpec,
  RegistrySpecInput,
  ReplicaSpec,
  SourceLocation,
  WebhookSpec,
} from './model/registry-spec.js';
export { canonicalRegion, normalizeSpec } from './model/normalize.js';
export { validateSpec } from './model/validate.js';
export { diagnosticText } from './model/diagnostics.js';
export type { Diagnostic, DiagnosticSeverity, NamingStyle } from './model/diagnostics.js';
