/**
 * basic-dev: a Basic registry for one developer. Public, admin user off, no extras.
 * Synthesize with `npx tsx examples/basic-dev/main.ts`; before deploying, set
 * ACRKIT_NAME_SUFFIX (examples/shared/settings.ts) so the registry name is yours.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, RegistryProfile } from '../../lib/constructs/index.js';
import { ResourceGroupZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';
import { ExampleSettings, type ExampleSettingsProps } from '../shared/settings.js';

/** One Basic registry in West Europe. */
export class BasicDevStack extends AcrStack {
  /** The registry. */
  readonly registry: ContainerRegistry;
  constructor(scope: Construct, id: string, props: ExampleSettingsProps = {}) {
    super(scope, id, { backend: 'local', ...(props.env ? { env: props.env } : {}) });
    const settings = new ExampleSettings(this, props);
    const rg = new ResourceGroupZone(this, 'rg', settings.localName('rg-acr-dev'), 'westeurope');
    this.registry = new ContainerRegistry(this, 'registry', {
      name: settings.globalName('acrkitdev01'),
      resourceGroupName: rg.group.name,
      location: 'westeurope',
      profile: RegistryProfile.dev(),
      tags: { env: 'dev' },
    });
  }
}

if (isEntryPoint(import.meta.url)) {
  const app = new App();
  new BasicDevStack(app, 'basic-dev');
  app.synth();
}
