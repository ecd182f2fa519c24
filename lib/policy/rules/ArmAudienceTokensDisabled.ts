/** ACR-SEC-019: the registry accepts only ACR-scoped Entra tokens, not ARM-audience ones. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** An ARM-audience token works against every Azure resource its holder may manage; an ACR-scoped one only against registries. */
export const ArmAudienceTokensDisabled: Rule = {
  id: 'ACR-SEC-019',
  name: 'ArmAudienceTokensDisabled',
  pack: 'security',
  severity: 'info',
  info: 'The registry accepts Entra tokens with the Azure Resource Manager audience.',
  explanation:
    'By default a registry accepts, at `az acr login`, Entra tokens scoped to Azure Resource Manager as well as ones scoped to the registry service. An ARM-scoped token is much broader than registry access needs: a token leaked from any tool that manages Azure also opens the registry. Microsoft recommends accepting only ACR-scoped tokens (`az login --scope https://containerregistry.azure.net/.default`). Set armAudienceAuth: false (azuread_authentication_as_arm_policy_enabled = false with azurerm >= 4.81, policies.azureADAuthenticationAsArmPolicy.status = "disabled" in ARM or AzAPI) after checking that every client asks for the ACR scope; some Azure integrations may not yet.',
  references: [
    { kind: 'azure-policy', id: '42781ec6-6127-4c30-bdfa-fb423a0047d3', title: 'Container registries should have ARM audience token authentication disabled.' },
    { kind: 'doc', id: 'https://learn.microsoft.com/azure/container-registry/container-registry-disable-authentication-as-arm', title: 'Configure registry acceptance of Microsoft Entra authentication scopes' },
    { kind: 'mcsb', id: 'IM-1' },
  ],
  check: (s) => {
    if (isUnknown(s.armAudienceAuth)) return [undecided('armAudienceAuth', s.armAudienceAuth, 'azuread_authentication_as_arm_policy_enabled')];
    return s.armAudienceAuth
      ? [
          violation(
            'armAudienceAuth should be false (accept only ACR-scoped Entra tokens), got true: set armAudienceAuth: false once clients sign in with --scope https://containerregistry.azure.net/.default.',
            'azuread_authentication_as_arm_policy_enabled should be false (accept only ACR-scoped Entra tokens), got true: set azuread_authentication_as_arm_policy_enabled = false (azurerm >= 4.81; policies.azureADAuthenticationAsArmPolicy.status = "disabled" through AzAPI before) once clients sign in with --scope https://containerregistry.azure.net/.default.',
          ),
        ]
      : 'compliant';
  },
};
