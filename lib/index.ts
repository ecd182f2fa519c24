/**
 * acrkit: Azure Container Registry with Terraform.
 *
 * This entry point is framework-free (no cdktf, no provider): catalog, model and errors.
 * The constructs live at `acrkit/constructs`.
 */
export { ACRKIT_HOME, ACRKIT_VERSION } from './version.js';
export { AcrkitError, InputError, InputErrors, UnknownRegionError, UsageError, isAcrkitError, isInputError } from './errors.js';
export type { InputLocation } from './errors.js';
export { formatLocation } from './input/location.js';
export type { Location } from './input/location.js';
export { FEATURES, GIB, TIB, TIER_FACTS, TIERS, cheapestTierFor, featuresOf, isTier, tierSupports } from './catalog/tiers.js';
export type { FeatureFacts, FeatureId, FeatureStatus, RateLimit, Tier, TierFacts } from './catalog/tiers.js';
export { BILLING_ASSUMPTIONS, PRICES, monthlyBaseCostUsd } from './catalog/prices.js';
export type { BillingAssumptions, PriceFacts } from './catalog/prices.js';
export { REGIONS, REGIONS_SOURCE, closeRegionNames, distanceKm, findRegion, resolveRegion } from './catalog/regions.js';
export type { RegionFacts } from './catalog/regions.js';
export type { Fact, Source } from './catalog/fact.js';
export { BUILT_IN_ROLES, builtInRoleById, builtInRoleByName } from './catalog/roles.js';
export type { BuiltInRole, BuiltInRoleName } from './catalog/roles.js';
export { LEGACY_DATA_PLANE_ROLES, PERMISSIONS_MODES, REPOSITORY_ROLES, ROLE_ASSIGNMENT_MODE, conditionRepositories, parseRepositoryPattern, repositoryCondition } from './catalog/abac.js';
export type { LegacyRole, PermissionsMode, RepositoryPattern } from './catalog/abac.js';
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
  RoleAssignmentScope,
  RoleAssignmentSpec,
  SourceLocation,
  WebhookSpec,
} from './model/registry-spec.js';
export { canonicalRegion, normalizeSpec } from './model/normalize.js';
export { validateSpec } from './model/validate.js';
export { diagnosticText } from './model/diagnostics.js';
export type { Diagnostic, DiagnosticSeverity, NamingStyle } from './model/diagnostics.js';

// Sources: every input kind into RegistrySpecs.
export { loadRegistries } from './workflows/load.js';
export type { LoadResult } from './workflows/load.js';
export { loadInputs } from './workflows/load-inputs.js';
export type { InputKind, LoadedInputs, LoadInputsOptions } from './workflows/load-inputs.js';
export { STDIN_NAME, STDIN_PATH } from './sources/stdin.js';
export { planChanges } from './sources/from-plan.js';
export { armShape, fromArm, isArmJson } from './sources/from-arm.js';
export type { ArmShape, ArmSourceResult } from './sources/from-arm.js';
export type { PlanAction, PlanChanges, PlanResourceChange } from './sources/from-plan.js';

// Policy: rules, packs, engine, suppressions, config.
export { runCheck } from './workflows/check.js';
export type { CheckOptions, CheckRun } from './workflows/check.js';
export { evaluate, runRule } from './policy/engine.js';
export type { CheckedRegistry, EvaluateOptions, PolicyReport } from './policy/engine.js';
export { PACK_NAMES, SEVERITIES } from './policy/rule.js';
export type { HygieneOptions, PackName, PackOptions, ResilienceOptions, Rule, RuleContext, RuleFinding, RuleReference, RuleResult, Severity } from './policy/rule.js';
export { ALL_RULES, PACKS, findRule } from './policy/packs/index.js';
export { PEER_CHECKS, peerChecksOf } from './policy/parity.js';
export type { PeerCheck } from './policy/parity.js';
export { failing, summarize } from './policy/finding.js';
export type { FailOn, Finding, FindingLocation, FindingStatus, FindingSummary } from './policy/finding.js';
export type { Suppression } from './policy/suppressions.js';
export { CONFIG_FILE, parseConfig } from './policy/config.js';
export { loadConfig } from './workflows/load-config.js';
export type { PolicyConfig } from './policy/config.js';
export { CONFIG_SCHEMA } from './policy/config-schema.js';

// Reports.
export type { CheckResult, RenderOptions } from './report/check/check-result.js';
export { renderText } from './report/check/text.js';
export { renderJson, toJsonReport } from './report/check/json.js';
export type { JsonFinding, JsonReport } from './report/check/json.js';
export { renderMarkdown } from './report/check/markdown.js';
export { renderSarif, toSarif } from './report/check/sarif.js';
export { renderJunit } from './report/check/junit.js';
export { renderGithubActions } from './report/check/github-actions.js';
export { renderReviewHtml, renderSimulationHtml } from './report/html/html.js';
export { writeSimulationReport } from './workflows/write-report.js';
export { GITHUB_COMMENT_LIMIT, REVIEW_MARKER, renderReviewMarkdown } from './report/review/markdown.js';
export { renderReviewJson, toJsonReview } from './report/review/json.js';
export type { JsonReview } from './report/review/json.js';
export { renderReviewText } from './report/review/text.js';

// Simulator.
export { loadScenario } from './workflows/load-scenario.js';
export type { LoadScenarioOptions } from './workflows/load-scenario.js';
export { inlineSpec, parseScenario, resolveScenarioDocument, scenarioFromObject, scenarioFromText } from './sim/scenario/resolve.js';
export type { ScenarioDocument } from './sim/scenario/resolve.js';
export { SCENARIO_SCHEMA } from './sim/scenario/parse.js';
export type { AssertionInput, EventInput, InlineRegistryInput, PercentileName, PurgeInput, ScenarioInput, WorkloadInput } from './sim/scenario/types.js';
export type { ResolvedScenario, SimRegistry } from './sim/scenario/model.js';
export { PRESETS } from './sim/scenario/presets.js';
export type { PresetName } from './sim/scenario/presets.js';
export { simulateRun } from './sim/engine/engine.js';
export { aggregate, runMonteCarlo, simulateRuns } from './sim/montecarlo.js';
export type { MonteCarloOptions } from './sim/montecarlo.js';
export type { AssertionResult, OutageSummary, RegistrySummary as SimRegistrySummary, SimulationResult } from './sim/results/result.js';
export type { RegistryRunResult, RunResult } from './sim/results/run-result.js';
export type { SeriesSummary, Summary } from './sim/results/stats.js';
export { renderSimulation } from './report/simulation/render.js';
export { SIMULATION_FORMATS, renderSimulationAs } from './report/simulation/formats.js';
export type { SimulationFormat } from './report/simulation/formats.js';
export { DEFAULT_WHAT_IF, defaultWhatIf } from './workflows/what-if.js';
export { headline } from './report/simulation/headline.js';
export type { WhatIfOptions } from './workflows/what-if.js';
export { DEFAULT_FAILOVER_DELAY_MINUTES, DEFAULT_REPLICATION_LAG_MINUTES, DEFAULT_ZONE_DOWNTIME_MINUTES } from './sim/constants.js';
export { SimulationInputError, SimulationWorkerError } from './sim/errors.js';
export { runVariants } from './sim/variants/run.js';
export { applyVariant } from './sim/variants/apply.js';
export { variantsFromVary } from './sim/variants/vary.js';
export { COMPARISON_METRICS } from './sim/variants/metrics.js';
export type { SimVariant, VariantSet } from './sim/variants/types.js';
export type { ComparisonResult, DeltaSummary, Recommendation, VariantOutcome } from './sim/variants/compare.js';
export type { VariantInput } from './sim/scenario/types.js';
export { chooseVariants, compareScenarioVariants } from './workflows/variants.js';
export type { CompareVariantsOptions } from './workflows/variants.js';
export { renderComparison } from './report/simulation/comparison.js';
export { renderComparisonAs } from './report/simulation/comparison-formats.js';
export { parseMetricsExport, METRICS_COMMAND } from './sim/calibrate/metrics.js';
export type { MetricsHistory } from './sim/calibrate/metrics.js';
export { fitWorkload } from './sim/calibrate/fit.js';
export type { CalibrationFit, CalibrationOptions, FitQuality, ReplayDay } from './sim/calibrate/fit.js';
export { fittedScenario } from './sim/calibrate/scenario.js';
export type { CalibrationResult } from './sim/calibrate/result.js';
export { calibrateFromFile } from './workflows/calibrate.js';
export type { CalibrateOptions } from './workflows/calibrate.js';
export { renderCalibration, renderCalibrationAs } from './report/simulation/calibration.js';

// Review.
export { runReview, costDelta, findingsDelta } from './workflows/review.js';
export type { ReviewInputs, ReviewOptions } from './workflows/review.js';
export { simulationDelta } from './workflows/review-forecast.js';
export type { SimulationDeltaOptions } from './workflows/review-forecast.js';
export { FORCE_NEW, actionOf, classifyCompanion, classifyRegistry, diffRegistries, registryKey } from './review/diff.js';
export type { AttributeChange, ChangeAction, ChangeReason, ClassifyOptions, ResourceChange } from './review/diff.js';
export type { AssertionDelta, AssertionOutcome, CostDelta, FindingsDelta, ForecastDelta, ForecastStorage, RegistryCost, ReviewResult, SimulationDelta, SimulationDeltaRow, VerdictReason } from './review/review-types.js';
export { itemText, listItemChanges } from './review/lists.js';
export type { ItemField, ItemOp, ItemTextOptions, ListItemChange } from './review/lists.js';
export { REVIEW_SCHEMA } from './review/review-schema.js';
