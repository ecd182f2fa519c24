/** ACR-SEC-015: every private endpoint registers the registry in a private DNS zone. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A private endpoint without a DNS zone group leaves clients resolving the public address. */
export const PrivateDnsZone: Rule = {
  id: 'ACR-SEC-015',
  name: 'PrivateDnsZone',
  pack: 'security',
  severity: 'warning',
  info: 'A private endpoint of the registry is not registered in a private DNS zone.',
  explanation:
    'Clients find the private endpoint through DNS: without a private_dns_zone_group linking privatelink.azurecr.io (and the data endpoints), <registry>.azurecr.io still resolves to the public address, and with public access off every pull fails. Add privateDnsZoneIds to the endpoint (private_dns_zone_group { private_dns_zone_ids = [...] }).',
  references: [{ kind: 'azure-policy', id: 'e9585a95-5b8c-4d03-b193-dc7eb5ac4c32', title: 'Configure Container registries to use private DNS zones' }],
  check: (s) => {
    const missing = s.network.privateEndpoints.filter((p) => p.dnsZoneGroup === false).map((p) => p.address);
    if (missing.length) {
      return [violation(`private endpoints must register in a private DNS zone, got none on ${missing.join(', ')}: add privateDnsZoneIds (privatelink.azurecr.io).`, `private_dns_zone_group must be set on the registry's private endpoints, got none on ${missing.join(', ')}: add private_dns_zone_group { private_dns_zone_ids = [<privatelink.azurecr.io zone id>] }.`)];
    }
    const u = s.network.privateEndpoints.map((p) => p.dnsZoneGroup).find(isUnknown);
    return u ? [undecided('whether the private endpoints register in a DNS zone', u)] : 'compliant';
  },
};
