/**
 * CustomerManagedKey: a Key Vault key ACR can encrypt with, and the identity that reads it.
 */
import { Construct } from 'constructs';
import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault/index.js';
import type { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key/index.js';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';
import type { ITerraformDependable } from 'cdktf';
import type { CustomerManagedEncryption } from '../model/registry-spec.js';
import { L1 } from './provider-classes.js';
import { fromToken } from './tokens.js';

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
   * Key Vault name (3-24 letters, digits and dashes, globally unique).
   * @default - `kv` followed by a hash of the construct path
   */
  readonly keyVaultName?: string;
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
 * User" on that key. Registries reference the versionless key id, so ACR follows rotations.
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
  /** The identity's role assignment on the key: the registry waits for it. */
  readonly dependables: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const client = new (L1.clientConfig())(this, 'client');
    const vaultName = props.keyVaultName ?? `kv${this.node.addr.slice(0, 20)}`;
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
    // The deployer needs to create and rotate keys in an RBAC vault.
    const officer = new (L1.roleAssignment())(this, 'deployer-crypto-officer', {
      scope: this.keyVault.id,
      roleDefinitionName: 'Key Vault Crypto Officer',
      principalId: client.objectId,
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
      dependsOn: [officer],
    });
    this.identity = new (L1.identity())(this, 'identity', {
      name: `${vaultName}-acr`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    const reader = new (L1.roleAssignment())(this, 'identity-encryption-user', {
      scope: this.key.resourceVersionlessId,
      roleDefinitionName: 'Key Vault Crypto Service Encryption User',
      principalId: this.identity.principalId,
    });
    this.keyId = this.key.versionlessId;
    this.identityId = this.identity.id;
    this.identityClientId = this.identity.clientId;
    this.dependables = [reader];
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
