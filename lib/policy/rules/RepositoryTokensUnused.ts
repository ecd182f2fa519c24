/** ACR-SEC-013: no repository-scoped tokens (passwords outside Entra ID). */
import { counted } from '../../format/counts.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** Repository-scoped tokens are passwords that Entra ID, Conditional Access and role reviews never see. */
export const RepositoryTokensUnused: Rule = {
  id: 'ACR-SEC-013',
  name: 'RepositoryTokensUnused',
  pack: 'security',
  severity: 'info',
  info: 'The registry has repository-scoped tokens.',
  explanation:
    'A token (azurerm_container_registry_token) authenticates with a password that is not an Entra identity: Conditional Access, sign-in logs and access reviews do not cover it, and it works until someone rotates or deletes it or turns it off. Prefer identities with repository permissions (ABAC), disable tokens you keep for later (tokensEnabled: false, enabled = false), and keep enabled tokens for clients that cannot use Entra ID (say so with a suppression).',
  references: [{ kind: 'azure-policy', id: 'ff05e24e-195c-447e-b322-5e90c9f9f366', title: 'Container registries should have repository scoped access token disabled.' }],
  check: (s) => {
    // A disabled token cannot authenticate (Azure Policy ff05e24e passes it, as acrkit does).
    if (isUnknown(s.enabledTokens)) return [undecided('whether the tokens are enabled', s.enabledTokens, 'enabled of azurerm_container_registry_token')];
    const n = s.enabledTokens;
    return n === 0
      ? 'compliant'
      : [violation(`tokens should not be used, got ${counted(n, 'enabled token')}: grant identities repository roles instead, set tokensEnabled: false, or suppress with the reason the client needs a token.`, `azurerm_container_registry_token should not be used, got ${counted(n, 'enabled token')}: grant identities repository roles instead, set enabled = false, or suppress with the reason the client needs a token.`)];
  },
};
