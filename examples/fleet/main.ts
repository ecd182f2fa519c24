/**
 * fleet: dev, staging and prod registries from profiles, one stack each, in one app.
 * `npx cdktf synth` (cdktf.json) and `npm start` synthesize this app.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, RegistryProfile } from '../../lib/constructs/index.js';
import { PrivateLandingZone, ResourceGroupZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';

/** Dev: Basic, from the dev profile. */
export class FleetDevStack extends AcrStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const rg = new ResourceGroupZone(this, 'rg', 'rg-acr-fleet-dev', 'westeurope');
    new ContainerRegistry(this, 'registry', {
      name: 'acrkitfleetdev',
      resourceGroupName: rg.group.name,
      location: 'westeurope',
      profile: RegistryProfile.dev(),
      tags: { env: 'dev' },
    });
  }
}

/** Staging: Standard, from the team profile. */
export class FleetStagingStack extends AcrStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const rg = new ResourceGroupZone(this, 'rg', 'rg-acr-fleet-staging', 'westeurope');
    new ContainerRegistry(this, 'registry', {
      name: 'acrkitfleetstaging',
      resourceGroupName: rg.group.name,
      location: 'westeurope',
      profile: RegistryProfile.team(),
      tags: { env: 'staging' },
    });
  }
}

/** Prod: Premium from the production profile, replicated to East US and Southeast Asia. */
export class FleetProdStack extends AcrStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const zone = new PrivateLandingZone(this, 'landing', 'rg-acr-fleet-prod', 'westeurope');
    new ContainerRegistry(this, 'registry', {
      name: 'acrkitfleetprod',
      resourceGroupName: zone.group.name,
      location: 'westeurope',
      profile: RegistryProfile.production({
        replicas: ['eastus', 'southeastasia'],
        privateEndpoints: [{ subnetId: zone.endpointSubnetId, privateDnsZoneIds: [zone.dnsZoneId] }],
        workspaceId: zone.workspaceId,
      }),
      tags: { env: 'prod' },
    });
  }
}

/** Builds the fleet app: three stacks. */
export function buildFleet(app: App): App {
  new FleetDevStack(app, 'fleet-dev');
  new FleetStagingStack(app, 'fleet-staging');
  new FleetProdStack(app, 'fleet-prod');
  return app;
}

if (isEntryPoint(import.meta.url)) {
  buildFleet(new App()).synth();
}
