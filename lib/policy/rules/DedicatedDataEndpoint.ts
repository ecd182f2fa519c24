/** ACR-SEC-012: a Premium registry serves layers from dedicated data endpoints. */
import { tierSupports } from '../../catalog/tiers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** On Premium, dedicated data endpoints let firewalls allow the registry's own blob hosts only. */
export const DedicatedDataEndpoint: Rule = {
  id: 'ACR-SEC-012',
  name: 'DedicatedDataEndpoint',
  pack: 'security',
  severity: 'info',
  info: 'Clients behind a firewall must allow the shared *.blob.core.windows.net wildcard to pull layers.',
  explanation:
    'Layers are served from a storage host; without dedicated data endpoints a client firewall has to allow the wildcard *.blob.core.windows.net, which also lets data out to any storage account. With dedicated data endpoints (Premium) the rule names <registry>.<region>.data.azurecr.io instead. Set dataEndpoint: true (data_endpoint_enabled = true). Basic and Standard have none, so they are not checked.',
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_237', title: 'Ensure dedicated data endpoints are enabled' },
    { kind: 'checkov', id: 'CKV_AZURE_243', title: 'Ensure dedicated data endpoints are enabled (id in other Checkov versions)' },
  ],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports data endpoints', s.tier, 'whether sku supports data endpoints')];
    if (!tierSupports(s.tier, 'dataEndpoint')) return 'not-applicable';
    if (isUnknown(s.dataEndpoint)) return [undecided('dataEndpoint', s.dataEndpoint, 'data_endpoint_enabled')];
    return s.dataEndpoint
      ? 'compliant'
      : [violation('dataEndpoint should be true on Premium, got false: set dataEndpoint: true.', 'data_endpoint_enabled should be true on Premium, got false: set data_endpoint_enabled = true.')];
  },
};
