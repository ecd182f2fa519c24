/**
 * Registry settings the pinned provider bindings (azurerm 4.55) cannot write, set through the
 * AzAPI provider: the role assignment permissions mode, the ARM-audience token policy and
 * metadata search.
 *
 * azurerm 4.81 added `role_assignment_mode` and `azuread_authentication_as_arm_policy_enabled`
 * (PR #31667, ACR API 2025-11-01). When @cdktf/provider-azurerm carries them, ContainerRegistry
 * writes them on `azurerm_container_registry` and drops this resource: destroying an
 * `azapi_update_resource` changes nothing in Azure, so the move needs no state surgery.
 * azurerm 4.55 sends none of these properties when it updates the registry, so its updates keep
 * what this resource set.
 */
import { Construct } from 'constructs';
import { TerraformResource, type ITerraformDependable } from 'cdktf';
import { ROLE_ASSIGNMENT_MODE, type PermissionsMode } from '../catalog/abac.js';
import { azapiProvider } from './soft-delete.js';

/**
 * ARM API version for `roleAssignmentMode` and `policies.azureADAuthenticationAsArmPolicy`: the
 * stable version azurerm 4.81 moved to for them (hashicorp/terraform-provider-azurerm PR #31667).
 */
export const REGISTRY_SETTINGS_API_VERSION = '2025-11-01';

/**
 * ARM API version for `metadataSearch`, a preview property (ARM template reference of
 * Microsoft.ContainerRegistry/registries, 2025-05-01-preview); it carries `roleAssignmentMode`
 * and the ARM-audience policy too.
 */
export const METADATA_SEARCH_API_VERSION = '2025-05-01-preview';

/** Props of {@link RegistrySettings}. */
export interface RegistrySettingsProps {
  /** Registry resource id. */
  readonly registryId: string;
  /**
   * Role assignment permissions mode.
   * @default - not written
   */
  readonly permissionsMode?: PermissionsMode;
  /**
   * Accept Entra tokens with the Azure Resource Manager audience.
   * @default - not written
   */
  readonly armAudienceAuth?: boolean;
  /**
   * Metadata search (preview; switches the API version to 2025-05-01-preview).
   * @default - not written
   */
  readonly metadataSearch?: boolean;
  /**
   * Resources to update the registry after (another `azapi_update_resource` of it, so two never PUT at once).
   * @default - none
   */
  readonly after?: ITerraformDependable[];
}

/** The body an {@link RegistrySettings} writes: only the properties given. */
export function registrySettingsBody(props: Omit<RegistrySettingsProps, 'registryId' | 'after'>): { properties: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  if (props.permissionsMode !== undefined) properties.roleAssignmentMode = ROLE_ASSIGNMENT_MODE.value[props.permissionsMode];
  if (props.armAudienceAuth !== undefined) properties.policies = { azureADAuthenticationAsArmPolicy: { status: props.armAudienceAuth ? 'enabled' : 'disabled' } };
  if (props.metadataSearch !== undefined) properties.metadataSearch = props.metadataSearch ? 'Enabled' : 'Disabled';
  return { properties };
}

/** Sets the permissions mode, the ARM-audience token policy and metadata search of a registry with `azapi_update_resource`. */
export class RegistrySettings extends TerraformResource {
  constructor(scope: Construct, id: string, props: RegistrySettingsProps) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: { providerName: 'azapi' },
      provider: azapiProvider(scope),
      ...(props.after?.length ? { dependsOn: props.after } : {}),
    });
    const version = props.metadataSearch !== undefined ? METADATA_SEARCH_API_VERSION : REGISTRY_SETTINGS_API_VERSION;
    this.addOverride('type', `Microsoft.ContainerRegistry/registries@${version}`);
    this.addOverride('resource_id', props.registryId);
    this.addOverride('body', registrySettingsBody(props));
  }
}
