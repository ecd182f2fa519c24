/** ACR-SEC-020: azurerm 3.x virtual network rules that do something. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** `network_rule_set.virtual_network` rules only restrict a registry whose default action is Deny. */
export const VirtualNetworkRulesEffective: Rule = {
  id: 'ACR-SEC-020',
  name: 'VirtualNetworkRulesEffective',
  pack: 'security',
  severity: 'warning',
  info: 'Virtual network rules under a default action of Allow restrict nothing.',
  explanation:
    'azurerm 3.x let a network_rule_set list virtual_network rules (service-endpoint access from subnets). A rule allows its subnet, but under default_action = "Allow" every network is already allowed: the rules read like a firewall and do nothing. Set default_action = "Deny" for them to count. azurerm 4.0 removed virtual_network (service-endpoint access to registries is a preview, Premium only): reach the registry from the network through an azurerm_private_endpoint, or allow public ranges with ip_rule under default_action = "Deny" (Premium).',
  references: [
    { kind: 'doc', id: 'https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks', title: 'Configure public IP network rules' },
  ],
  check: (s) => {
    const vnets = s.network.virtualNetworkRules ?? [];
    // An unknown rule set is reported by the rules that read its default action and IP rules.
    if (isUnknown(vnets)) return 'not-applicable';
    if (vnets.length === 0) return 'compliant';
    const { defaultAction } = s.network;
    if (isUnknown(defaultAction)) return [undecided('whether the virtual network rules take effect', defaultAction, 'whether network_rule_set.virtual_network takes effect')];
    const n = vnets.length === 1 ? '1 rule' : `${vnets.length} rules`;
    if (defaultAction === 'Allow') {
      return [
        violation(
          `virtual network rules have no effect under network.defaultAction 'Allow', got ${n} and 'Allow': every network can reach the registry; use private endpoints (network.privateEndpoints), or network.defaultAction 'Deny' with network.ipRules.`,
          `network_rule_set.virtual_network has no effect under default_action = "Allow", got ${n} and "Allow": every network can reach the registry; set default_action = "Deny" for the rules to count, and since azurerm 4.0 (which removed virtual_network) reach the registry through an azurerm_private_endpoint, or allow public ranges with ip_rule under default_action = "Deny".`,
        ),
      ];
    }
    return [
      violation(
        `virtual network rules are not in azurerm 4.x, got ${n} under network.defaultAction 'Deny': reach the registry through network.privateEndpoints instead.`,
        `network_rule_set.virtual_network was removed in azurerm 4.0, got ${n} under default_action = "Deny": reach the registry through an azurerm_private_endpoint (or allow public ranges with ip_rule) before upgrading the provider.`,
        'info',
      ),
    ];
  },
};
