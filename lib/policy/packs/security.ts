/** The `security` pack: identity, network exposure, encryption, data exfiltration. */
import type { Rule } from '../rule.js';
import { PrivateDnsZone } from '../rules/PrivateDnsZone.js';
import { CacheRulesReviewed } from '../rules/CacheRulesReviewed.js';
import { RepositoryTokensUnused } from '../rules/RepositoryTokensUnused.js';
import { DedicatedDataEndpoint } from '../rules/DedicatedDataEndpoint.js';
import { QuarantineEnabled } from '../rules/QuarantineEnabled.js';
import { AdminUserDisabled } from '../rules/AdminUserDisabled.js';
import { AnonymousPullDisabled } from '../rules/AnonymousPullDisabled.js';
import { CustomerManagedKey } from '../rules/CustomerManagedKey.js';
import { ExportDisabled } from '../rules/ExportDisabled.js';
import { KeyVaultPurgeProtection } from '../rules/KeyVaultPurgeProtection.js';
import { PrivateEndpointPresent } from '../rules/PrivateEndpointPresent.js';
import { PublicAccessRestricted } from '../rules/PublicAccessRestricted.js';
import { TrustedServicesAllowed } from '../rules/TrustedServicesAllowed.js';
import { VersionlessKeyId } from '../rules/VersionlessKeyId.js';
import { WebhookHttps } from '../rules/WebhookHttps.js';
import { LegacyRolesInAbacMode } from '../rules/LegacyRolesInAbacMode.js';
import { AbacPermissionsMode } from '../rules/AbacPermissionsMode.js';
import { RepositoryScopedGrants } from '../rules/RepositoryScopedGrants.js';
import { ArmAudienceTokensDisabled } from '../rules/ArmAudienceTokensDisabled.js';
import { VirtualNetworkRulesEffective } from '../rules/VirtualNetworkRulesEffective.js';

/** Rules of the security pack, in id order. */
export const SECURITY_RULES: readonly Rule[] = [
  AdminUserDisabled,
  AnonymousPullDisabled,
  PublicAccessRestricted,
  PrivateEndpointPresent,
  CustomerManagedKey,
  VersionlessKeyId,
  KeyVaultPurgeProtection,
  ExportDisabled,
  TrustedServicesAllowed,
  WebhookHttps,
  QuarantineEnabled,
  DedicatedDataEndpoint,
  RepositoryTokensUnused,
  CacheRulesReviewed,
  PrivateDnsZone,
  LegacyRolesInAbacMode,
  AbacPermissionsMode,
  RepositoryScopedGrants,
  ArmAudienceTokensDisabled,
  VirtualNetworkRulesEffective,
];
