/**
 * What `import 'acrkit/constructs'` loads at run time: checks that the cdktf peer packages are
 * installed (a sentence naming them when they are not), then re-exports ./index.js. Types come
 * from ./index.d.ts (package.json `exports`); test/package checks the two export the same names.
 */
import { requireConstructPeers } from '../peers.js';

requireConstructPeers('acrkit/constructs');
const m = await import('./index.js');

export const {
  AcrStack,
  resolveBackend,
  resolveSubscriptionId,
  ContainerRegistry,
  isDockerHubSource,
  CustomerManagedKey,
  DEFAULT_RBAC_WAIT,
  DEPLOYER_KEY_ROLE,
  REGISTRY_KEY_ROLE,
  RegistryProfile,
  SoftDeletePolicy,
  SOFT_DELETE_API_VERSION,
  RegistrySettings,
  REGISTRY_SETTINGS_API_VERSION,
  METADATA_SEARCH_API_VERSION,
  registrySettingsBody,
  TimeProvider,
  TimeSleep,
  TIME_PROVIDER_VERSION,
  isGoDuration,
  NAME_RULES,
  keyVaultNameFor,
  nameProblem,
  ARGUMENT_PERMISSIONS,
  RESOURCE_PERMISSIONS,
  registriesOf,
  AcrPolicy,
  AcrPolicyChecks,
  InvalidSuppressionError,
  SUPPRESSIONS_METADATA,
} = m;
