/**
 * premium-geo-cmk: a Premium registry in West Europe replicated to East US and Southeast Asia
 * (three geographies), encrypted with a customer-managed key that rotates, untagged manifests
 * deleted after 7 days, reachable only through a private endpoint, all logs and metrics to
 * Log Analytics, export off, locked against deletion.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, CustomerManagedKey } from '../../lib/constructs/index.js';
import { PrivateLandingZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';

/** One secure, geo-replicated Premium registry. */
export class PremiumGeoCmkStack extends AcrStack {
  /** The registry. */
  readonly registry: ContainerRegistry;
  constructor(scope: Construct, id: string) {
    super(scope, id, { backend: 'local' });
    const zone = new PrivateLandingZone(this, 'landing', 'rg-acr-prod', 'westeurope');
    const key = new CustomerManagedKey(this, 'cmk', {
      resourceGroupName: zone.group.name,
      location: 'westeurope',
      keyVaultName: 'kv-acrkit-prod-cmk',
    });
    this.registry = new ContainerRegistry(this, 'registry', {
      name: 'acrkitprod01',
      resourceGroupName: zone.group.name,
      location: 'westeurope',
      tier: 'Premium',
      replicas: [{ location: 'eastus' }, { location: 'southeastasia' }],
      encryption: key,
      retentionDays: 7,
      network: {
        publicAccess: false,
        privateEndpoints: [{ subnetId: zone.endpointSubnetId, privateDnsZoneIds: [zone.dnsZoneId] }],
      },
      diagnostics: { workspaceId: zone.workspaceId },
      lock: 'CanNotDelete',
      tags: { env: 'prod' },
    });
  }
}

if (isEntryPoint(import.meta.url)) {
  const app = new App();
  new PremiumGeoCmkStack(app, 'premium-geo-cmk');
  app.synth();
}
