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
  ContainerRegistry,
  CustomerManagedKey,
  RegistryProfile,
  SoftDeletePolicy,
  SOFT_DELETE_API_VERSION,
  registriesOf,
  AcrPolicy,
  AcrPolicyChecks,
  InvalidSuppressionError,
  SUPPRESSIONS_METADATA,
} = m;
