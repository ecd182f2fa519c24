/**
 * team: a Standard registry shared by a team: locked against deletion, a CI push identity,
 * a cluster pull identity, a scope-mapped read token for a partner, a Docker Hub cache rule
 * and a webhook to the team's deploy hook.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, RegistryProfile } from '../../lib/constructs/index.js';
import { ResourceGroupZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';

/** Principal ids of the team's CI and cluster identities (placeholders to replace). */
export const TEAM_PRINCIPALS = {
  ci: '11111111-1111-1111-1111-111111111111',
  cluster: '22222222-2222-2222-2222-222222222222',
};

/** One Standard registry in North Europe. */
export class TeamStack extends AcrStack {
  /** The registry. */
  readonly registry: ContainerRegistry;
  constructor(scope: Construct, id: string) {
    super(scope, id, { backend: 'local' });
    const rg = new ResourceGroupZone(this, 'rg', 'rg-acr-team', 'northeurope');
    this.registry = new ContainerRegistry(this, 'registry', {
      name: 'acrkitteam01',
      resourceGroupName: rg.group.name,
      location: 'North Europe',
      profile: RegistryProfile.team(),
      tags: { env: 'shared', team: 'platform' },
    });
    this.registry.grantPush(TEAM_PRINCIPALS.ci);
    this.registry.grantPull(TEAM_PRINCIPALS.cluster);
    this.registry.addScopeMap('partner-read', {
      actions: ['repositories/partner/content/read', 'repositories/partner/metadata/read'],
      description: 'Read-only access for the partner pipeline',
      tokens: ['partner-ci'],
    });
    this.registry.addCacheRule('dockerhub-nginx', { sourceRepo: 'docker.io/library/nginx', targetRepo: 'mirror/nginx' });
    this.registry.addWebhook('deployhook', { serviceUri: 'https://deploy.example.com/hooks/acr', actions: ['push'], scope: 'app:*' });
  }
}

if (isEntryPoint(import.meta.url)) {
  const app = new App();
  new TeamStack(app, 'team');
  app.synth();
}
