/**
 * Every tier-gated feature x 3 tiers through the construct: accepted, or rejected at synth
 * with the construct path, the prop, the tier it needs and the fix. Generated from the catalog.
 */
import { FEATURES, TIERS, tierSupports, type FeatureId, type Tier } from '../../lib/catalog/tiers.js';
import type { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { ContainerRegistry as Registry } from '../../lib/constructs/container-registry.js';
import type { ContainerRegistryProps } from '../../lib/constructs/container-registry-props.js';
import { CustomerManagedKey } from '../../lib/constructs/customer-managed-key.js';
import { synthJson } from '../support/synth.js';

const pe = { subnetId: '/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] };

/** Props that turn each feature on, and how to turn the feature on through add-methods. */
const ON: Partial<Record<FeatureId, { props?: Partial<ContainerRegistryProps>; add?: (r: ContainerRegistry) => void; prop: string }>> = {
  geoReplication: { props: { replicas: [{ location: 'eastus' }] }, prop: 'replicas' },
  customerManagedKey: {
    props: { encryption: CustomerManagedKey.fromExistingKey({ keyId: 'https://kv1.vault.azure.net/keys/acr', identityId: '/id', identityClientId: 'cid' }) },
    prop: 'encryption',
  },
  retentionPolicy: { props: { retentionDays: 7 }, prop: 'retentionDays' },
  networkRules: { props: { network: { publicAccess: true, ipRules: ['203.0.113.0/24'] } }, prop: 'network.ipRules' },
  publicAccessDisabled: { props: { network: { publicAccess: false, privateEndpoints: [pe] } }, prop: 'network.publicAccess' },
  privateEndpoints: { props: { network: { publicAccess: true, privateEndpoints: [pe] } }, prop: 'network.privateEndpoints' },
  exportDisabled: { props: { exportEnabled: false, network: { publicAccess: false, privateEndpoints: [pe] } }, prop: 'exportEnabled' },
  dataEndpoint: { props: { dataEndpoint: true }, prop: 'dataEndpoint' },
  anonymousPull: { props: { anonymousPull: true }, prop: 'anonymousPull' },
  quarantine: { props: { quarantine: true }, prop: 'quarantine' },
  zoneRedundancy: { props: { zoneRedundancy: true }, prop: 'zoneRedundancy' },
  softDelete: { props: { softDeleteDays: 7 }, prop: 'softDeleteDays' },
  cacheRules: { add: (r) => r.addCacheRule('nginx', { sourceRepo: 'docker.io/library/nginx', targetRepo: 'mirror/nginx' }), prop: 'cache rules' },
};

/** Features the construct does not expose (content trust is deprecated; the rest are separate resources). */
const NOT_EXPOSED: FeatureId[] = ['contentTrust', 'agentPools', 'connectedRegistries', 'artifactStreaming'];

function build(tier: Tier, feature: FeatureId): () => void {
  const on = ON[feature]!;
  return () =>
    synthJson((s) => {
      const network = tier === 'Premium' && !on.props?.network ? { network: { publicAccess: true } } : {};
      const r = new Registry(s, 'registry', { name: 'acrkitmatrix', resourceGroupName: 'rg', location: 'westeurope', tier, ...network, ...on.props });
      on.add?.(r);
    });
}

const cases = (Object.keys(FEATURES) as FeatureId[]).filter((f) => !NOT_EXPOSED.includes(f)).flatMap((f) => TIERS.map((t) => [f, t] as const));

test('the matrix covers every feature the construct exposes', () => {
  expect(cases.map(([f]) => f).filter((f) => !ON[f])).toEqual([]);
});

test.each(cases)('%s on %s', (feature, tier) => {
  if (tierSupports(tier, feature)) {
    expect(build(tier, feature)).not.toThrow();
  } else {
    const need = FEATURES[feature].tiers[0];
    expect(build(tier, feature)).toThrow(new RegExp(`\\[stack/registry\\] ${ON[feature]!.prop.replace('.', '\\.')}[^\\n]* needs? the ${need}[^\\n]*, got tier ${tier}: set tier: '${need}'`));
  }
});
