/** ACR-SEC-004: a Premium registry has a private endpoint. */
import { tierSupports } from '../../catalog/tiers.js';
import { undecided, violation, type Rule } from '../rule.js';
import { isUnknown } from '../../model/unknown.js';

/** A Premium registry should be reachable through at least one private endpoint. */
export const PrivateEndpointPresent: Rule = {
  id: 'ACR-SEC-004',
  name: 'PrivateEndpointPresent',
  pack: 'security',
  severity: 'warning',
  info: 'The Premium registry has no private endpoint.',
  explanation:
    'A private endpoint gives the registry a private IP in your virtual network, so pulls from your workloads never cross the internet and the public endpoint can be turned off. Add network.privateEndpoints (an azurerm_private_endpoint with private_connection_resource_id = the registry id and subresource_names = ["registry"]) with a privatelink.azurecr.io DNS zone group. Only Premium supports private endpoints; other tiers are not checked.',
  references: [{ kind: 'azure-policy', id: 'e8eef0a8-67cf-4eb4-9386-14b0e78733d4', title: 'Container Registries should use private links' }],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports private endpoints', s.tier, 'whether sku supports private endpoints')];
    if (!tierSupports(s.tier, 'privateEndpoints')) return 'not-applicable';
    return s.network.privateEndpoints.length > 0
      ? 'compliant'
      : [violation('network.privateEndpoints must hold at least one endpoint on Premium, got none: add network.privateEndpoints: [{ subnetId, privateDnsZoneIds }].', 'an azurerm_private_endpoint must target the registry on Premium, got none: add one with private_connection_resource_id = the registry id and subresource_names = ["registry"].')];
  },
};
