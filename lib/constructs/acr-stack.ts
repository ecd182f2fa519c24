/**
 * AcrStack: a TerraformStack with the azurerm provider and a backend chosen by props or
 * environment, so a team can move from local state to shared state without code changes.
 */
import { Construct } from 'constructs';
import { Annotations, AzurermBackend, LocalBackend, TerraformStack, Token } from 'cdktf';
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
   * Subscription id for the azurerm provider, written into the synthesized stack so `plan`
   * does not depend on whichever subscription the shell happens to select. azurerm 4.x needs
   * one (provider `subscription_id` or `ARM_SUBSCRIPTION_ID`).
   * @default - `ARM_SUBSCRIPTION_ID` from `env` at synth; when that is unset too, none is written and azurerm reads `ARM_SUBSCRIPTION_ID` at plan (a synth warning says so)
   */
  readonly subscriptionId?: string;
  /**
   * Environment to read `ARM_SUBSCRIPTION_ID` and, when `backend` is `'env'`, the
   * `ACRKIT_BACKEND` settings from (for tests).
   * @default process.env
   */
  readonly env?: Record<string, string | undefined>;
}

const ENV_KEYS = {
  resourceGroupName: 'ACRKIT_STATE_RESOURCE_GROUP',
  storageAccountName: 'ACRKIT_STATE_STORAGE_ACCOUNT',
  containerName: 'ACRKIT_STATE_CONTAINER',
} as const;

/** A subscription id: a GUID. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The subscription id in effect: the prop, else `ARM_SUBSCRIPTION_ID` from `env`, else none.
 * Throws a UsageError when the value is not a GUID.
 */
export function resolveSubscriptionId(prop: string | undefined, env: Record<string, string | undefined>): string | undefined {
  const [value, from] = prop !== undefined ? [prop, 'subscriptionId'] : [env.ARM_SUBSCRIPTION_ID || undefined, 'ARM_SUBSCRIPTION_ID'];
  if (value === undefined || Token.isUnresolved(value)) return value;
  if (!GUID.test(value)) {
    throw new UsageError(`${from} must be a subscription id (a GUID), got '${value}': copy it from az account show --query id.`);
  }
  return value;
}

/** A stack with the azurerm provider configured and a chosen backend. */
export class AcrStack extends TerraformStack {
  /** The backend kind in effect. */
  readonly backendKind: 'local' | 'azurerm';
  /** The subscription the provider is pinned to, or undefined when `ARM_SUBSCRIPTION_ID` is read at plan. */
  readonly subscriptionId?: string;

  constructor(scope: Construct, id: string, props: AcrStackProps = {}) {
    super(scope, id);
    const env = props.env ?? process.env;
    this.subscriptionId = resolveSubscriptionId(props.subscriptionId, env);
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      ...(this.subscriptionId ? { subscriptionId: this.subscriptionId } : {}),
    });
    if (!this.subscriptionId) {
      Annotations.of(this).addWarning(
        'subscriptionId is not set, got no ARM_SUBSCRIPTION_ID at synth either: terraform plan uses ARM_SUBSCRIPTION_ID from its own environment; set subscriptionId (or ARM_SUBSCRIPTION_ID before cdktf synth) to pin the stack to one subscription.',
      );
    }
    const backend = resolveBackend(props.backend ?? 'env', env);
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
