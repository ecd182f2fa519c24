/**
 * Parity with the registry checks of peer tools (Checkov, PSRule for Azure, the Azure Policy
 * built-ins of the Container Registry category): each peer check maps to the acrkit rule that
 * makes the same decision, or states why acrkit decides differently. docs/rules.md shows this
 * table; a test holds every mapped rule to list the peer id in its references.
 */
import type { RuleReference } from './rule.js';

/** One peer check and where acrkit stands on it. */
export interface PeerCheck {
  /** The tool. */
  readonly tool: Extract<RuleReference['kind'], 'checkov' | 'psrule' | 'azure-policy'>;
  /** Its id: `CKV_AZURE_137`, `Azure.ACR.AdminUser`, or a policy definition GUID. */
  readonly id: string;
  /** What it checks, in a few words. */
  readonly checks: string;
  /**
   * The acrkit rule that makes the same decision.
   * @default - none: see `divergence`
   */
  readonly rule?: string;
  /**
   * Why acrkit decides differently or not at all (required without `rule`; with `rule`, how
   * the two differ in detail).
   * @default - none: the rule decides the same
   */
  readonly divergence?: string;
}

const DEFENDER = 'Microsoft Defender for Containers pricing is a subscription setting (azurerm_security_center_subscription_pricing), not part of a registry; acrkit checks registries and what they own.';
const RUNTIME = 'Needs data from the running registry (usage, scan results), not from configuration; acrkit reads configuration.';

/** Every peer check acrkit knows of, by tool. */
export const PEER_CHECKS: readonly PeerCheck[] = [
  { tool: 'checkov', id: 'CKV_AZURE_137', checks: 'admin user disabled', rule: 'ACR-SEC-001' },
  { tool: 'checkov', id: 'CKV_AZURE_138', checks: 'anonymous pull disabled', rule: 'ACR-SEC-002' },
  { tool: 'checkov', id: 'CKV_AZURE_139', checks: 'public network access disabled', rule: 'ACR-SEC-003', divergence: 'acrkit also passes a public registry whose network rule set denies by default; on Basic and Standard, which cannot restrict the network, the finding is a warning with the cost of Premium.' },
  { tool: 'checkov', id: 'CKV_AZURE_163', checks: 'vulnerability scanning (passes on Standard or Premium)', divergence: `The tier does not scan images; Defender for Containers does, at subscription level. ${DEFENDER} acrkit's right-size advice (ACR-HYG-002) never suggests a tier the configuration cannot run on.` },
  { tool: 'checkov', id: 'CKV_AZURE_164', checks: 'trust policy (content trust) enabled', divergence: 'Docker Content Trust is deprecated by Microsoft (new registries cannot enable it); acrkit warns when it is on (ACR-HYG-003) and recommends Notation signing instead.' },
  { tool: 'checkov', id: 'CKV_AZURE_165', checks: 'Premium with geo-replicas', rule: 'ACR-RES-001', divergence: 'acrkit asks for a replica in another geography, not only for one replica.' },
  { tool: 'checkov', id: 'CKV_AZURE_166', checks: 'quarantine policy enabled', rule: 'ACR-SEC-011', divergence: 'Info, and only on Premium (the only tier with quarantine): quarantine blocks pulls until a scanner releases the image.' },
  { tool: 'checkov', id: 'CKV_AZURE_167', checks: 'retention policy for untagged manifests', rule: 'ACR-HYG-001' },
  { tool: 'checkov', id: 'CKV_AZURE_233', checks: 'zone redundancy on the registry and every replica', rule: 'ACR-RES-002' },
  { tool: 'checkov', id: 'CKV_AZURE_237', checks: 'dedicated data endpoints enabled', rule: 'ACR-SEC-012' },
  { tool: 'checkov', id: 'CKV_AZURE_243', checks: 'dedicated data endpoints enabled (id in other versions)', rule: 'ACR-SEC-012' },
  { tool: 'checkov', id: 'CKV2_AZURE_30', checks: 'webhook service URI uses https', rule: 'ACR-SEC-010' },
  { tool: 'checkov', id: 'CKV_AZURE_86', checks: 'Defender pricing for container registries', divergence: DEFENDER },
  { tool: 'psrule', id: 'Azure.ACR.AdminUser', checks: 'admin user disabled', rule: 'ACR-SEC-001' },
  { tool: 'psrule', id: 'Azure.ACR.AnonymousAccess', checks: 'anonymous pull disabled', rule: 'ACR-SEC-002' },
  { tool: 'psrule', id: 'Azure.ACR.Firewall', checks: 'public access off or default action Deny', rule: 'ACR-SEC-003' },
  { tool: 'psrule', id: 'Azure.ACR.ExportPolicy', checks: 'exports disabled', rule: 'ACR-SEC-008' },
  { tool: 'psrule', id: 'Azure.ACR.GeoReplica', checks: 'geo-replicated', rule: 'ACR-RES-001' },
  { tool: 'psrule', id: 'Azure.ACR.Retention', checks: 'retention policy (Premium)', rule: 'ACR-HYG-001' },
  { tool: 'psrule', id: 'Azure.ACR.ContentTrust', checks: 'content trust (Premium)', divergence: 'Docker Content Trust is deprecated by Microsoft; acrkit warns when it is on (ACR-HYG-003).' },
  { tool: 'psrule', id: 'Azure.ACR.Quarantine', checks: 'quarantine policy (preview)', rule: 'ACR-SEC-011' },
  { tool: 'psrule', id: 'Azure.ACR.MinSku', checks: 'Standard or Premium', divergence: "acrkit does not require a minimum tier: Basic is right for a developer's registry. Its right-size advice (ACR-HYG-002, cost pack) suggests the cheapest tier that supports every feature and count the configuration uses, and never one it cannot run on." },
  { tool: 'psrule', id: 'Azure.ACR.Name', checks: 'registry name 5-50 alphanumerics', rule: 'ACR-AZ-001' },
  { tool: 'psrule', id: 'Azure.ACR.Naming', checks: 'naming convention (configurable)', rule: 'ACR-HYG-005' },
  { tool: 'psrule', id: 'Azure.ACR.ReplicaLocation', checks: 'replicas in allowed regions (configurable)', rule: 'ACR-RES-006' },
  { tool: 'psrule', id: 'Azure.ACR.SoftDelete', checks: 'soft delete (preview)', rule: 'ACR-RES-007' },
  { tool: 'psrule', id: 'Azure.ACR.AuditLogs', checks: 'diagnostic setting with login and repository events', rule: 'ACR-HYG-004', divergence: 'acrkit checks that a diagnostic setting sends logs, not which categories.' },
  { tool: 'psrule', id: 'Azure.ACR.Logs', checks: 'diagnostic logs', rule: 'ACR-HYG-004' },
  { tool: 'psrule', id: 'Azure.ACR.Usage', checks: 'storage usage under the quota', divergence: `${RUNTIME} acrkit simulate forecasts usage against the included storage and the limit.` },
  { tool: 'psrule', id: 'Azure.ACR.ContainerScan', checks: 'images scanned', divergence: RUNTIME },
  { tool: 'psrule', id: 'Azure.ACR.ImageHealth', checks: 'no vulnerable images', divergence: RUNTIME },
  { tool: 'azure-policy', id: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2', checks: 'local admin account disabled', rule: 'ACR-SEC-001' },
  { tool: 'azure-policy', id: '9f2dea28-e834-476c-99c5-3507b4728395', checks: 'anonymous authentication disabled', rule: 'ACR-SEC-002' },
  { tool: 'azure-policy', id: '5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580', checks: 'encrypted with a customer-managed key', rule: 'ACR-SEC-005' },
  { tool: 'azure-policy', id: '524b0254-c285-4903-bee6-bb8126cde579', checks: 'exports disabled', rule: 'ACR-SEC-008' },
  { tool: 'azure-policy', id: 'd0793b48-0edc-4296-a390-4c75d1bdfd71', checks: 'no unrestricted network access', rule: 'ACR-SEC-003' },
  { tool: 'azure-policy', id: '0fdf0491-d080-4575-b627-ad0e843cba0f', checks: 'public network access disabled', rule: 'ACR-SEC-003' },
  { tool: 'azure-policy', id: 'bd560fc0-3c69-498a-ae9f-aa8eb7de0e13', checks: 'SKU that supports private links', rule: 'ACR-SEC-003', divergence: 'acrkit asks for the Premium tier where the registry is public and says what it costs (a warning), rather than requiring Premium everywhere.' },
  { tool: 'azure-policy', id: 'e8eef0a8-67cf-4eb4-9386-14b0e78733d4', checks: 'private link used', rule: 'ACR-SEC-004' },
  { tool: 'azure-policy', id: 'e9585a95-5b8c-4d03-b193-dc7eb5ac4c32', checks: 'private DNS zone for private endpoints', rule: 'ACR-SEC-015' },
  { tool: 'azure-policy', id: 'ff05e24e-195c-447e-b322-5e90c9f9f366', checks: 'repository-scoped tokens disabled', rule: 'ACR-SEC-013' },
  { tool: 'azure-policy', id: '42781ec6-6127-4c30-bdfa-fb423a0047d3', checks: 'ARM audience token authentication disabled', rule: 'ACR-SEC-019', divergence: 'Info, not audit-as-error: some Azure integrations still sign in with ARM-scoped tokens. acrkit reads the setting from azuread_authentication_as_arm_policy_enabled (azurerm >= 4.81), AzAPI bodies and ARM/Bicep/live inputs.' },
];

/** The peer checks a rule covers, for its documentation. */
export function peerChecksOf(ruleId: string): PeerCheck[] {
  return PEER_CHECKS.filter((p) => p.rule === ruleId);
}
