/**
 * AcrStack: a TerraformStack with the azurerm provider and a backend chosen by props or
 * environment, so a team can move from local state to shared state without code changes.
 */
import { Construct } from 'constructs';
import { AzurermBackend, LocalBackend, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider/index.js';
import { UsageError } from '../errors.js';
import { checkWholeApp } from './app-checks.js';

/** Settings of an `azurerm` state backend (a blob in a storage account). */
export interface AzureBackendProps {
  /** Resource group of the storage account. */
  readonly resourceGroupName: string;
  /** Storage account name. */
  readonly storageAccountName: string;
  /** Blob container name. */
  readonly containerName: string;
  /**
   * Blob name of the state.
   * @default - `<stack id>.tfstate`
   */
  readonly key?: string;
  /**
   * Authenticate to the storage account with Entra ID instead of access keys.
   * @default true
   */
  readonly useAzureadAuth?: boolean;
}

/** Props of {@link AcrStack}. */
export interface AcrStackProps {
  /**
   * Where state lives: `'local'`, an azurerm backend, or `'env'` to read
   * `ACRKIT_BACKEND=azurerm` with `ACRKIT_STATE_RESOURCE_GROUP`, `ACRKIT_STATE_STORAGE_ACCOUNT`,
   * `ACRKIT_STATE_CONTAINER` and optionally `ACRKIT_STATE_KEY` from the environment
   * (local when `ACRKIT_BACKEND` is unset or `local`).
   * @default 'env'
   */
  readonly backend?: 'local' | 'env' | AzureBackendProps;
  /**
   * Subscription id for the provider.
   * @default - from the environment (`ARM_SUBSCRIPTION_ID`) at plan time
   */
  readonly subscriptionId?: string;
  /**
   * Environment to read when `backend` is `'env'` (for tests).
   * @default process.env
   */
  readonly env?: Record<string, string | undefined>;
}

const ENV_KEYS = {
  resourceGroupName: 'ACRKIT_STATE_RESOURCE_GROUP',
  storageAccountName: 'ACRKIT_STATE_STORAGE_ACCOUNT',
  containerName: 'ACRKIT_STATE_CONTAINER',
} as const;

/** A stack with the azurerm provider configured and a chosen backend. */
export class AcrStack extends TerraformStack {
  /** The backend kind in effect. */
  readonly backendKind: 'local' | 'azurerm';

  constructor(scope: Construct, id: string, props: AcrStackProps = {}) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      ...(props.subscriptionId ? { subscriptionId: props.subscriptionId } : {}),
    });
    const backend = resolveBackend(props.backend ?? 'env', props.env ?? process.env);
    if (backend === 'local') {
      this.backendKind = 'local';
      new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    } else {
      this.backendKind = 'azurerm';
      new AzurermBackend(this, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: backend.key ?? `${id}.tfstate`,
        useAzureadAuth: backend.useAzureadAuth ?? true,
      });
    }
  }

  /**
   * Before cdktf synthesizes the first stack: checks every registry of every stack in the app
   * (tier gates and failing policy findings) and stops with all problems at once.
   */
  override prepareStack(): void {
    checkWholeApp(this);
    super.prepareStack();
  }
}

/** Resolves the backend choice, reading the environment for `'env'`. */
export function resolveBackend(choice: 'local' | 'env' | AzureBackendProps, env: Record<string, string | undefined>): 'local' | AzureBackendProps {
  if (choice !== 'env') return choice;
  const kind = env.ACRKIT_BACKEND ?? 'local';
  if (kind === 'local') return 'local';
  if (kind !== 'azurerm') {
    throw new UsageError(`ACRKIT_BACKEND must be 'local' or 'azurerm', got '${kind}': unset it for local state or set it to azurerm.`);
  }
  const missing = Object.values(ENV_KEYS).filter((k) => !env[k]);
  if (missing.length) {
    throw new UsageError(`ACRKIT_BACKEND=azurerm needs ${missing.join(', ')}, got none for ${missing.length === 1 ? 'it' : 'them'}: set them or unset ACRKIT_BACKEND.`);
  }
  return {
    resourceGroupName: env[ENV_KEYS.resourceGroupName]!,
    storageAccountName: env[ENV_KEYS.storageAccountName]!,
    containerName: env[ENV_KEYS.containerName]!,
    ...(env.ACRKIT_STATE_KEY ? { key: env.ACRKIT_STATE_KEY } : {}),
  };
}
