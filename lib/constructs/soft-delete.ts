/**
 * Soft-delete policy through the AzAPI provider: azurerm 4.x has no argument for it.
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';

/** ARM API version that carries `properties.policies.softDeletePolicy` (preview). */
export const SOFT_DELETE_API_VERSION = '2023-11-01-preview';

/** The `azure/azapi` provider, declared once per stack. */
class AzapiProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: { providerName: 'azapi', providerVersionConstraint: '~> 2.0' },
      terraformProviderSource: 'azure/azapi',
    });
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}

/** The stack's `azure/azapi` provider, created on first use. */
export function azapiProvider(scope: Construct): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild('acrkit-azapi');
  return (existing as AzapiProvider | undefined) ?? new AzapiProvider(stack, 'acrkit-azapi');
}

/** Props of {@link SoftDeletePolicy}. */
export interface SoftDeletePolicyProps {
  /** Registry resource id. */
  readonly registryId: string;
  /** Days soft-deleted artifacts are kept (1-90). */
  readonly days: number;
}

/** Turns on the (preview) soft-delete policy of a registry with `azapi_update_resource`. */
export class SoftDeletePolicy extends TerraformResource {
  constructor(scope: Construct, id: string, props: SoftDeletePolicyProps) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: { providerName: 'azapi' },
      provider: azapiProvider(scope),
    });
    this.addOverride('type', `Microsoft.ContainerRegistry/registries@${SOFT_DELETE_API_VERSION}`);
    this.addOverride('resource_id', props.registryId);
    this.addOverride('body', {
      properties: { policies: { softDeletePolicy: { retentionDays: props.days, status: 'enabled' } } },
    });
  }
}
