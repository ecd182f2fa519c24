/**
 * Registry profiles: named starting points (dev, team, production) that a registry applies
 * before its own props.
 */
import type { Tier } from '../catalog/tiers.js';
import type { IRegistryProfile, PrivateEndpointProps, ProfileSettings, ReplicaProps } from './container-registry-props.js';
import type { IRegistryEncryption } from './customer-managed-key.js';

export type { ProfileSettings } from './container-registry-props.js';

/** Options of {@link RegistryProfile.production}. */
export interface ProductionProfileOptions {
  /** Replica regions (or replica props) besides the home region. */
  readonly replicas: Array<string | ReplicaProps>;
  /**
   * Private endpoints; production registries are private.
   * @default - none (give them, or override network)
   */
  readonly privateEndpoints?: PrivateEndpointProps[];
  /**
   * The key to encrypt with.
   * @default 'create' (the registry makes its own CustomerManagedKey)
   */
  readonly encryption?: IRegistryEncryption | 'create';
  /**
   * Retention for untagged manifests, days.
   * @default 7
   */
  readonly retentionDays?: number;
  /**
   * Log Analytics workspace for diagnostics.
   * @default - no diagnostics
   */
  readonly workspaceId?: string;
}

/**
 * A named set of registry settings. Props given to the registry override the profile's; a
 * profile setting the chosen tier cannot use is left out with a synth warning, never silently.
 */
export class RegistryProfile implements IRegistryProfile {
  /** Basic, public, admin off: a developer's scratch registry. */
  static dev(): RegistryProfile {
    return new RegistryProfile('dev', 'Basic', { adminEnabled: false, anonymousPull: false });
  }

  /** Standard, public, admin off, locked against deletion: a team's shared registry. */
  static team(): RegistryProfile {
    return new RegistryProfile('team', 'Standard', { adminEnabled: false, anonymousPull: false, lock: 'CanNotDelete' });
  }

  /**
   * Premium, geo-replicated, customer-managed key, retention 7 days, private (public access
   * off, export off), zone redundant, locked against deletion, with 2026's access defaults:
   *
   * - `permissionsMode: 'rbac-abac'`: repository permissions with ABAC. Microsoft says this mode
   *   will become the default and recommends it (container-registry-rbac-abac-repository-permissions.md,
   *   GA November 2025, every tier); grants can be limited to repositories, and Owner,
   *   Contributor and Reader on the subscription no longer read images. A registry created
   *   with it never has legacy assignments to migrate. For a registry already in use with
   *   AcrPull/AcrPush assignments, set `permissionsMode: 'rbac'` until the repository roles are
   *   assigned (acrkit review flags every principal that would lose access).
   * - `armAudienceAuth: false`: only ACR-scoped Entra tokens authenticate, as Microsoft recommends
   *   and Azure Policy 42781ec6 audits (container-registry-disable-authentication-as-arm.md,
   *   02/06/2026). A client that signs in with an ARM-scoped token (plain `az login`) must ask for
   *   `--scope https://containerregistry.azure.net/.default`; set `armAudienceAuth: true` for
   *   an integration that cannot.
   */
  static production(options: ProductionProfileOptions): RegistryProfile {
    return new RegistryProfile('production', 'Premium', {
      replicas: options.replicas.map((r) => (typeof r === 'string' ? { location: r } : r)),
      encryption: options.encryption ?? 'create',
      retentionDays: options.retentionDays ?? 7,
      network: { publicAccess: false, privateEndpoints: options.privateEndpoints ?? [] },
      exportEnabled: false,
      adminEnabled: false,
      anonymousPull: false,
      zoneRedundancy: true,
      lock: 'CanNotDelete',
      permissionsMode: 'rbac-abac',
      armAudienceAuth: false,
      ...(options.workspaceId ? { diagnostics: { workspaceId: options.workspaceId } } : {}),
    });
  }

  private constructor(
    /** Profile name, used in messages. */
    readonly name: string,
    /** The tier the profile is made for. */
    readonly tier: Tier,
    /** Its settings. */
    readonly settings: ProfileSettings,
  ) {}
}
