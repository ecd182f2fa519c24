/**
 * CustomerManagedKey: a Key Vault key ACR can encrypt with, and the identity that reads it.
 */
import { Construct, type IConstruct } from 'constructs';
import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault/index.js';
import type { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key/index.js';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';
import { Fn, Lazy, TerraformStack, Token, type ITerraformDependable } from 'cdktf';
import { BUILT_IN_ROLES, RBAC_PROPAGATION_SECONDS } from '../catalog/roles.js';
import type { CustomerManagedEncryption } from '../model/registry-spec.js';
import { keyVaultNameFor, nameProblem } from './names.js';
import { L1 } from './provider-classes.js';
import { isGoDuration, TimeSleep } from './time-sleep.js';
import { fromToken } from './tokens.js';

/** Role the deployer gets on the vault so it can create and rotate the key. */
export const DEPLOYER_KEY_ROLE = BUILT_IN_ROLES['Key Vault Crypto Officer'].value.name;
/** Role the registry's identity gets on the vault so ACR can wrap and unwrap with the key. */
export const REGISTRY_KEY_ROLE = BUILT_IN_ROLES['Key Vault Crypto Service Encryption User'].value.name;

/** The default wait for role assignments to apply, as a Go duration (`10m`). */
export const DEFAULT_RBAC_WAIT = `${RBAC_PROPAGATION_SECONDS.value / 60}m`;

/** What a registry needs to encrypt with a customer-managed key. */
export interface IRegistryEncryption {
  /** Key Vault key id; versionless so ACR picks up rotations. */
  readonly keyId: string;
  /** Resource id of the user-assigned identity the registry uses to read the key. */
  readonly identityId: string;
  /** Client id of that identity. */
  readonly identityClientId: string;
  /** Resources the registry must wait for (the identity's role on the key). */
  readonly dependables: readonly ITerraformDependable[];
  /** The encryption as the model sees it. */
  readonly spec: CustomerManagedEncryption;
}

/** An existing key and identity created outside this stack. */
export interface ExistingKeyProps {
  /** Key Vault key id. Prefer the versionless id (`https://<vault>.vault.azure.net/keys/<name>`). */
  readonly keyId: string;
  /** Resource id of a user-assigned identity with "Key Vault Crypto Service Encryption User" on the key. */
  readonly identityId: string;
  /** Client id of that identity. */
  readonly identityClientId: string;
}

/** Props of {@link CustomerManagedKey}. */
export interface CustomerManagedKeyProps {
  /** Resource group for the vault and the identity. */
  readonly resourceGroupName: string;
  /** Region for the vault and the identity; use the registry's home region. */
  readonly location: string;
  /**
   * Key Vault name (3-24 letters, digits and dashes, starting with a letter, globally unique;
   * with purge protection a destroyed vault keeps its name for `softDeleteRetentionDays`).
   * @default - derived from the registry: `kv-<registry name, 12 characters>-<8 hex digits of a hash of the stack, registry name and construct path>` (see `keyVaultNameFor`)
   */
  readonly keyVaultName?: string;
  /**
   * Name of the registry this key encrypts, used to derive `keyVaultName`.
   * @default - the name of the first ContainerRegistry that uses this key; the stack and construct path when none does
   */
  readonly registryName?: string;
  /**
   * Name of the user-assigned identity the registry reads the key with.
   * @default - `<keyVaultName>-acr`
   */
  readonly identityName?: string;
  /**
   * How long to wait, on the first deploy, after the two role assignments on the vault (the
   * deployer's Key Vault Crypto Officer and the identity's Key Vault Crypto Service Encryption
   * User) before creating the key and the encrypted registry. A Go duration (`90s`, `5m`). Azure
   * creates both with 403 errors inside the window and azurerm does not retry them.
   * @default '10m' (Azure RBAC: role assignment changes "can take up to 10 minutes to take effect", MicrosoftDocs/azure-docs role-based-access-control/troubleshooting.md, 2023-09-20; RBAC_PROPAGATION_SECONDS in lib/catalog/roles.ts)
   */
  readonly rbacPropagationWait?: string;
  /**
   * Key name.
   * @default 'acr-cmk'
   */
  readonly keyName?: string;
  /**
   * RSA key size in bits.
   * @default 3072
   */
  readonly keySize?: 2048 | 3072 | 4096;
  /**
   * Rotate the key this long after creation (ISO-8601 duration).
   * @default 'P90D'
   */
  readonly rotateAfter?: string;
  /**
   * Key lifetime (ISO-8601 duration); must be longer than `rotateAfter`.
   * @default 'P1Y'
   */
  readonly expireAfter?: string;
  /**
   * Key Vault soft-delete retention, 7-90 days.
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Tags for the vault and identity.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * A Key Vault (purge protection on, RBAC authorization) holding an RSA key with an automatic
 * rotation policy, and a user-assigned identity granted "Key Vault Crypto Service Encryption
 * User" on the vault. Registries reference the versionless key id, so ACR follows rotations.
 *
 * First-deploy order: vault and identity; then, at once, the deployer's "Key Vault Crypto
 * Officer" and the identity's "Key Vault Crypto Service Encryption User" on the vault (vault
 * scope, as the Key Vault RBAC guide recommends for a vault per application, so both propagate
 * together); then a `time_sleep` of `rbacPropagationWait`; then the key; then the registry,
 * which depends on the sleep through {@link IRegistryEncryption.dependables}.
 *
 * To use a key made elsewhere, see {@link CustomerManagedKey.fromExistingKey}.
 */
export class CustomerManagedKey extends Construct implements IRegistryEncryption {
  /** Wraps an existing key id and identity. */
  static fromExistingKey(props: ExistingKeyProps): IRegistryEncryption {
    const keyId = fromToken(props.keyId, 'encryption.keyId');
    return {
      ...props,
      dependables: [],
      spec: {
        kind: 'customer-managed',
        keyId,
        versionless: typeof keyId === 'string' ? /\/keys\/[^/]+\/?$/.test(keyId) : keyId,
        identityClientId: fromToken(props.identityClientId, 'encryption.identityClientId'),
      },
    };
  }

  /** The vault. */
  readonly keyVault: KeyVault;
  /** The key. */
  readonly key: KeyVaultKey;
  /** The identity the registry uses. */
  readonly identity: UserAssignedIdentity;
  /** Versionless key id (`azurerm_key_vault_key.versionless_id`), so ACR follows rotations. */
  readonly keyId: string;
  /** Resource id of the user-assigned identity. */
  readonly identityId: string;
  /** Client id of the user-assigned identity. */
  readonly identityClientId: string;
  /** The wait after the role assignments: the key and the registry are created after it. */
  readonly rbacWait: TimeSleep;
  /** The deployer's Key Vault Crypto Officer assignment on the vault. */
  readonly deployerRole: RoleAssignment;
  /** The identity's Key Vault Crypto Service Encryption User assignment on the vault. */
  readonly identityRole: RoleAssignment;
  /** The role-assignment wait: the registry depends on it. */
  readonly dependables: readonly ITerraformDependable[];

  private readonly props: CustomerManagedKeyProps;
  private registryName?: string;
  private reporterOf?: IConstruct;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    this.props = props;
    this.registryName = props.registryName;
    const client = new (L1.clientConfig())(this, 'client');
    const vaultName = props.keyVaultName ?? Lazy.stringValue({ produce: () => this.keyVaultName });
    this.keyVault = new (L1.keyVault())(this, 'vault', {
      name: vaultName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: client.tenantId,
      skuName: 'premium',
      purgeProtectionEnabled: true,
      rbacAuthorizationEnabled: true,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? 90,
      tags: props.tags,
    });
    this.identity = new (L1.identity())(this, 'identity', {
      name: props.identityName ?? Lazy.stringValue({ produce: () => this.identityName }),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    // The deployer needs to create and rotate keys in an RBAC vault; the registry's identity
    // needs to wrap and unwrap with them. Both at vault scope, so they propagate together.
    this.deployerRole = new (L1.roleAssignment())(this, 'deployer-crypto-officer', {
      scope: this.keyVault.id,
      roleDefinitionName: DEPLOYER_KEY_ROLE,
      principalId: client.objectId,
    });
    this.identityRole = new (L1.roleAssignment())(this, 'identity-encryption-user', {
      scope: this.keyVault.id,
      roleDefinitionName: REGISTRY_KEY_ROLE,
      principalId: this.identity.principalId,
    });
    this.rbacWait = new TimeSleep(this, 'rbac-propagation', {
      createDuration: props.rbacPropagationWait ?? DEFAULT_RBAC_WAIT,
      dependsOn: [this.deployerRole, this.identityRole],
      // A new assignment (a re-created identity, a new deployer) waits again.
      triggers: { deployer_crypto_officer: this.deployerRole.id, identity_encryption_user: this.identityRole.id },
    });
    this.key = new (L1.keyVaultKey())(this, 'key', {
      name: props.keyName ?? 'acr-cmk',
      keyVaultId: this.keyVault.id,
      keyType: 'RSA',
      keySize: props.keySize ?? 3072,
      keyOpts: ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'],
      rotationPolicy: {
        expireAfter: props.expireAfter ?? 'P1Y',
        notifyBeforeExpiry: 'P30D',
        automatic: { timeAfterCreation: props.rotateAfter ?? 'P90D' },
      },
      dependsOn: [this.rbacWait],
    });
    this.keyId = this.key.versionlessId;
    this.identityId = this.identity.id;
    this.identityClientId = this.identity.clientId;
    this.dependables = [this.rbacWait];
    this.node.addValidation({ validate: () => (this.reporterOf ? [] : this.problems()) });
  }

  /**
   * The vault name in effect: the prop, or derived from the registry name (see
   * {@link CustomerManagedKeyProps.keyVaultName}). A Terraform expression when the registry name
   * is a reference.
   */
  get keyVaultName(): string {
    if (this.props.keyVaultName !== undefined) return this.props.keyVaultName;
    const stack = TerraformStack.of(this).node.id;
    const registry = this.registryName;
    if (registry !== undefined && Token.isUnresolved(registry)) {
      // Known at plan only: the same recipe in Terraform (kv- and 20 hex digits).
      return Fn.format('kv-%s', [Fn.substr(Fn.sha256(Fn.join('/', [stack, registry, this.node.path])), 0, 20)]) as string;
    }
    return keyVaultNameFor(registry ?? '', stack, this.node.path);
  }

  /** The identity name in effect: the prop, or `<keyVaultName>-acr`. */
  get identityName(): string {
    return this.props.identityName ?? `${this.keyVaultName}-acr`;
  }

  /**
   * Called by the first ContainerRegistry that uses this key: names the vault after that registry
   * (unless `keyVaultName` or `registryName` was given) and makes the registry report this key's
   * problems with its own. Later registries sharing the key change nothing.
   */
  bindRegistry(registry: IConstruct, registryName: string): void {
    if (this.reporterOf) return;
    this.reporterOf = registry;
    this.registryName ??= registryName;
  }

  /** Whether `registry` reports this key's problems (it was the first to use it). */
  isReportedBy(registry: IConstruct): boolean {
    return this.reporterOf === registry;
  }

  /** Problems of the key's names and settings, each `<what> <rule>, got <value>: <fix>.` */
  problems(): string[] {
    const problems: string[] = [];
    const where = `CustomerManagedKey ${this.node.path}`;
    const check = (kind: Parameters<typeof nameProblem>[0], value: string, prop: string): void => {
      if (Token.isUnresolved(value)) return;
      const p = nameProblem(kind, value, `${where} ${prop}`);
      if (p) problems.push(p);
    };
    check('keyVault', this.keyVaultName, 'keyVaultName');
    check('identity', this.identityName, 'identityName');
    check('keyVaultKey', this.props.keyName ?? 'acr-cmk', 'keyName');
    const wait = this.props.rbacPropagationWait;
    if (wait !== undefined && !isGoDuration(wait)) {
      problems.push(`${where} rbacPropagationWait must be a Go duration such as '90s' or '10m', got '${wait}': write it as a number with a unit (s, m, h).`);
    }
    const retention = this.props.softDeleteRetentionDays;
    if (retention !== undefined && !(Number.isInteger(retention) && retention >= 7 && retention <= 90)) {
      problems.push(`${where} softDeleteRetentionDays must be a whole number of days from 7 to 90, got ${retention}: set 7-90 (90 is the default).`);
    }
    return problems;
  }

  /** The encryption as the model sees it: versionless key, purge-protected vault. */
  get spec(): CustomerManagedEncryption {
    return {
      kind: 'customer-managed',
      keyId: fromToken(this.keyId, 'encryption.keyId'),
      versionless: true,
      identityClientId: fromToken(this.identityClientId, 'encryption.identityClientId'),
      keyVault: { address: this.keyVault.node.path, purgeProtection: true },
    };
  }
}
