/**
 * fleet: dev, staging and prod registries from profiles, one stack each, in one app.
 * `npx cdktf synth` (cdktf.json) and `npm start` synthesize this app. Before `cdktf deploy`,
 * set ACRKIT_NAME_SUFFIX (or `"context": { "acrkit:nameSuffix": "..." }` in cdktf.json) so the
 * registry names are yours (examples/shared/settings.ts); docs/deploying.md has the commands.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, RegistryProfile } from '../../lib/constructs/index.js';
import { PrivateLandingZone, ResourceGroupZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';
import { ExampleSettings, type ExampleSettingsProps } from '../shared/settings.js';

/** Props of the fleet's stacks. */
export type FleetStackProps = ExampleSettingsProps;

/** AcrStack props from the example settings: the environment to read, when given. */
function stackProps(props: FleetStackProps): { env?: Record<string, string | undefined> } {
  return props.env ? { env: props.env } : {};
}

/** Dev: Basic, from the dev profile. */
export class FleetDevStack extends AcrStack {
  constructor(scope: Construct, id: string, props: FleetStackProps = {}) {
    super(scope, id, stackProps(props));
    const settings = new ExampleSettings(this, props);
    const rg = new ResourceGroupZone(this, 'rg', settings.localName('rg-acr-fleet-dev'), 'westeurope');
    new ContainerRegistry(this, 'registry', {
      name: settings.globalName('acrkitfleetdev'),
      resourceGroupName: rg.group.name,
      location: 'westeurope',
      profile: RegistryProfile.dev(),
      tags: { env: 'dev' },
    });
  }
}

/** Staging: Standard, from the team profile. */
export class FleetStagingStack extends AcrStack {
  constructor(scope: Construct, id: string, props: FleetStackProps = {}) {
    super(scope, id, stackProps(props));
    const settings = new ExampleSettings(this, props);
    const rg = new ResourceGroupZone(this, 'rg', settings.localName('rg-acr-fleet-staging'), 'westeurope');
    new ContainerRegistry(this, 'registry', {
      name: settings.globalName('acrkitfleetstaging'),
      resourceGroupName: rg.group.name,
      location: 'westeurope',
      profile: RegistryProfile.team(),
      tags: { env: 'staging' },
    });
  }
}

/** Prod: Premium from the production profile, replicated to East US and Southeast Asia. */
export class FleetProdStack extends AcrStack {
  constructor(scope: Construct, id: string, props: FleetStackProps = {}) {
    super(scope, id, stackProps(props));
    const settings = new ExampleSettings(this, props);
    const zone = new PrivateLandingZone(this, 'landing', settings.localName('rg-acr-fleet-prod'), 'westeurope');
    new ContainerRegistry(this, 'registry', {
      name: settings.globalName('acrkitfleetprod'),
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

/** Builds the fleet app: three stacks, with the settings given (or read from context and environment). */
export function buildFleet(app: App, props: FleetStackProps = {}): App {
  new FleetDevStack(app, 'fleet-dev', props);
  new FleetStagingStack(app, 'fleet-staging', props);
  new FleetProdStack(app, 'fleet-prod', props);
  return app;
}

if (isEntryPoint(import.meta.url)) {
  buildFleet(new App()).synth();
}
