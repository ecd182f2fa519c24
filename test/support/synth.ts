/**
 * Synth helpers for construct tests.
 */
import { Testing, type TerraformStack } from 'cdktf';
import { AcrStack } from '../../lib/constructs/acr-stack.js';
import { builtInRoleById } from '../../lib/catalog/roles.js';

/** Parsed synthesized JSON of a stack built by `build`, with validations run. */
export function synthJson(build: (stack: TerraformStack) => void): Record<string, any> {
  const stack = new AcrStack(Testing.app(), 'stack', { backend: 'local' });
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

/** The validation error message of a stack that must fail synth. */
export function synthError(build: (stack: TerraformStack) => void): string {
  try {
    synthJson(build);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synth to fail');
}

/** The resources of one type in synthesized JSON. */
export function resources(json: Record<string, any>, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The role a synthesized azurerm_role_assignment assigns: its name, or the catalog name of its role definition id. */
export function roleOf(assignment: Record<string, any>): string | undefined {
  if (typeof assignment.role_definition_name === 'string') return assignment.role_definition_name;
  return typeof assignment.role_definition_id === 'string' ? builtInRoleById(assignment.role_definition_id)?.name : undefined;
}
