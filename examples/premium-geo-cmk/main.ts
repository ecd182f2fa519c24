/**
 * premium-geo-cmk: a Premium registry in West Europe replicated to East US and Southeast Asia
 * (three geographies), encrypted with a customer-managed key that rotates, untagged manifests
 * deleted after 7 days, reachable only through a private endpoint, all logs and metrics to
 * Log Analytics, export off, locked against deletion, repository permissions with ABAC and only
 * ACR-scoped Entra tokens accepted.
 *
 * The Key Vault is named after the registry (`kv-<registry>-<hash>`), so it is as unique as the
 * registry name: set ACRKIT_NAME_SUFFIX (examples/shared/settings.ts) before deploying. The first
 * deploy waits 10 minutes after the Key Vault role assignments (CustomerManagedKey
 * rbacPropagationWait) so the key and the encrypted registry are created once they apply.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, CustomerManagedKey } from '../../lib/constructs/index.js';
import { PrivateLandingZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';
import { ExampleSettings, type ExampleSettingsProps } from '../shared/settings.js';

/** One secure, geo-replicated Premium registry. */
export class PremiumGeoCmkStack extends AcrStack {
  /** The registry. */
  readonly registry: ContainerRegistry;
  constructor(scope: Construct, id: string, props: ExampleSettingsProps = {}) {
    super(scope, id, { backend: 'local', ...(props.env ? { env: props.env } : {}) });
    const settings = new ExampleSettings(this, props);
    const zone = new PrivateLandingZone(this, 'landing', settings.localName('rg-acr-prod'), 'westeurope');
    // The vault name is derived from the registry that uses the key (no fixed global name here).
    const key = new CustomerManagedKey(this, 'cmk', { resourceGroupName: zone.group.name, location: 'westeurope' });
    this.registry = new ContainerRegistry(this, 'registry', {
      name: settings.globalName('acrkitprod01'),
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
      permissionsMode: 'rbac-abac',
      armAudienceAuth: false,
      tags: { env: 'prod' },
    });
  }
}

if (isEntryPoint(import.meta.url)) {
  const app = new App();
  new PremiumGeoCmkStack(app, 'premium-geo-cmk');
  app.synth();
}
