/** ACR-SEC-009: a network-restricted registry still lets trusted Azure services in. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A registry with network restrictions should let trusted Azure services bypass them. */
export const TrustedServicesAllowed: Rule = {
  id: 'ACR-SEC-009',
  name: 'TrustedServicesAllowed',
  pack: 'security',
  severity: 'warning',
  info: 'Network rules block trusted Azure services.',
  explanation:
    'When public access is off or the firewall denies by default, trusted Azure services (Microsoft Defender for Containers vulnerability scanning, ACR Tasks, and others) reach the registry only through the trusted-services bypass. With the bypass off, image scanning stops silently. Set network.bypassAzureServices: true (network_rule_bypass_option = "AzureServices").',
  references: [],
  check: (s) => {
    const { publicAccess, defaultAction, bypassAzureServices } = s.network;
    const restricted = publicAccess === false || defaultAction === 'Deny';
    if (!restricted) {
      const open = isUnknown(publicAccess) ? publicAccess : isUnknown(defaultAction) ? defaultAction : undefined;
      if (open === undefined) return 'not-applicable';
      return bypassAzureServices === true ? 'compliant' : [undecided('whether network access is restricted', open)];
    }
    if (isUnknown(bypassAzureServices)) return [undecided('network.bypassAzureServices', bypassAzureServices, 'network_rule_bypass_option')];
    return bypassAzureServices
      ? 'compliant'
      : [violation('network.bypassAzureServices must be true when network access is restricted, got false: set network.bypassAzureServices: true so Defender scanning and ACR Tasks keep working.', 'network_rule_bypass_option must be "AzureServices" when network access is restricted, got "None": set network_rule_bypass_option = "AzureServices".')];
  },
};
