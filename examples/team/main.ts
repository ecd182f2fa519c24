/**
 * team: a Standard registry shared by a team: locked against deletion, a CI push identity and a
 * cluster pull identity (when their object ids are given), a scope-mapped read token for a
 * partner, a Microsoft Artifact Registry cache rule, a Docker Hub cache rule with its credential
 * set (when the Key Vault secrets are given: Docker Hub supports authenticated pulls only), and a
 * webhook to the team's deploy hook.
 *
 * No placeholder principals: a role assignment to an object id that does not exist makes azurerm
 * retry for about 30 minutes, then fail. The grants are left out until the ids are set
 * (examples/shared/settings.ts lists the context keys and environment variables).
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { AcrStack, ContainerRegistry, RegistryProfile } from '../../lib/constructs/index.js';
import { ResourceGroupZone } from '../shared/landing-zone.js';
import { isEntryPoint } from '../shared/run.js';
import { ExampleSettings, type ExampleSettingsProps } from '../shared/settings.js';

/** Key Vault secrets holding a Docker Hub user name and access token. */
export interface DockerHubSecrets {
  /** Versionless id of the user-name secret. */
  readonly usernameSecretId: string;
  /** Versionless id of the access-token secret. */
  readonly passwordSecretId: string;
  /**
   * Resource id of the (RBAC) vault holding them: the credential set's identity gets Key Vault Secrets User on it.
   * @default - no role assignment (grant the credential set's identity read access yourself)
   */
  readonly keyVaultId?: string;
}

/** Props of {@link TeamStack}. */
export interface TeamStackProps extends ExampleSettingsProps {
  /**
   * Object id of the CI identity that pushes (AcrPush).
   * @default - context `acrkit:ciPrincipalId`, else `ACRKIT_CI_PRINCIPAL_ID`, else no grant
   */
  readonly ciPrincipalId?: string;
  /**
   * Object id of the cluster identity that pulls (AcrPull).
   * @default - context `acrkit:clusterPrincipalId`, else `ACRKIT_CLUSTER_PRINCIPAL_ID`, else no grant
   */
  readonly clusterPrincipalId?: string;
  /**
   * Docker Hub credentials for the Docker Hub cache rule.
   * @default - from context `acrkit:dockerHub*` or `ACRKIT_DOCKERHUB_*` (examples/shared/settings.ts), else no Docker Hub rule
   */
  readonly dockerHub?: DockerHubSecrets;
}

/** One Standard registry in North Europe. */
export class TeamStack extends AcrStack {
  /** The registry. */
  readonly registry: ContainerRegistry;
  constructor(scope: Construct, id: string, props: TeamStackProps = {}) {
    super(scope, id, { backend: 'local', ...(props.env ? { env: props.env } : {}) });
    const settings = new ExampleSettings(this, props);
    const rg = new ResourceGroupZone(this, 'rg', settings.localName('rg-acr-team'), 'northeurope');
    this.registry = new ContainerRegistry(this, 'registry', {
      name: settings.globalName('acrkitteam01'),
      resourceGroupName: rg.group.name,
      location: 'North Europe',
      profile: RegistryProfile.team(),
      tags: { env: 'shared', team: 'platform' },
    });
    const ci = props.ciPrincipalId ?? settings.principalId('acrkit:ciPrincipalId', 'ACRKIT_CI_PRINCIPAL_ID');
    if (ci) this.registry.grantPush(ci, 'ci-push');
    const cluster = props.clusterPrincipalId ?? settings.principalId('acrkit:clusterPrincipalId', 'ACRKIT_CLUSTER_PRINCIPAL_ID');
    if (cluster) this.registry.grantPull(cluster, 'cluster-pull');
    this.registry.addScopeMap('partner-read', {
      actions: ['repositories/partner/content/read', 'repositories/partner/metadata/read'],
      description: 'Read-only access for the partner pipeline',
      tokens: ['partner-ci'],
    });
    // Microsoft Artifact Registry: unauthenticated pulls only, so no credential set.
    this.registry.addCacheRule('mcr-dotnet-runtime', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'mirror/dotnet-runtime' });
    const dockerHub = props.dockerHub ?? dockerHubFrom(settings);
    if (dockerHub) {
      const credentials = this.registry.addCredentialSet('dockerhub', {
        loginServer: 'docker.io',
        usernameSecretId: dockerHub.usernameSecretId,
        passwordSecretId: dockerHub.passwordSecretId,
        ...(dockerHub.keyVaultId ? { keyVaultId: dockerHub.keyVaultId } : {}),
      });
      this.registry.addCacheRule('dockerhub-nginx', { sourceRepo: 'docker.io/library/nginx', targetRepo: 'mirror/nginx', credentialSet: credentials });
    }
    this.registry.addWebhook('deployhook', { serviceUri: 'https://deploy.example.com/hooks/acr', actions: ['push'], scope: 'app:*' });
  }
}

/** Docker Hub secrets from the context or environment, when both secret ids are set. */
function dockerHubFrom(settings: ExampleSettings): DockerHubSecrets | undefined {
  const usernameSecretId = settings.value('acrkit:dockerHubUsernameSecretId', 'ACRKIT_DOCKERHUB_USERNAME_SECRET_ID');
  const passwordSecretId = settings.value('acrkit:dockerHubPasswordSecretId', 'ACRKIT_DOCKERHUB_PASSWORD_SECRET_ID');
  if (!usernameSecretId || !passwordSecretId) return undefined;
  const keyVaultId = settings.value('acrkit:dockerHubKeyVaultId', 'ACRKIT_DOCKERHUB_KEY_VAULT_ID');
  return { usernameSecretId, passwordSecretId, ...(keyVaultId ? { keyVaultId } : {}) };
}

if (isEntryPoint(import.meta.url)) {
  const app = new App();
  new TeamStack(app, 'team');
  app.synth();
}
