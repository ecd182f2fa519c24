/**
 * ARM JSON to RegistrySpecs: one reader for the three shapes Azure users have.
 *
 * - An ARM template (`$schema` .../deploymentTemplate.json#) or `az bicep build` output: the
 *   registries of `resources` with their children (replications, webhooks, scope maps, tokens,
 *   cache rules) and the resources that target them (role assignments, private endpoints,
 *   diagnostic settings, locks, Key Vaults), parameters at their defaults; what a template
 *   expression cannot know before deployment is Unknown (lib/sources/arm/expressions.ts).
 * - A live export: `az acr show`, `az acr replication list`, `az resource list` and the other
 *   `az` lists of the registry's resources, one per file or several in one JSON list.
 *
 * The resources are put in azurerm's terms and assembled as Terraform resources are, so an ARM
 * input gives the same RegistrySpec as the equivalent `.tf` (lib/sources/arm/to-terraform.ts).
 * Specs carry `source.kind` `arm-template` or `live` with the JSON pointer of the registry.
 */
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { unknown } from '../model/unknown.js';
import { assemble } from './assemble.js';
import type { SourceResult } from './from-tf-json.js';
import { isLiveExport, liveResources } from './arm/live.js';
import type { ArmShape } from './arm/resource.js';
import { isArmTemplate, isBicepOutput, templateResources } from './arm/template.js';
import { toTerraform } from './arm/to-terraform.js';

export type { ArmShape } from './arm/resource.js';

/** Which ARM shape a parsed JSON document is, or `undefined` when it is none. */
export function armShape(doc: unknown): ArmShape | undefined {
  if (isArmTemplate(doc)) return isBicepOutput(doc) ? 'bicep' : 'arm-template';
  return isLiveExport(doc) ? 'live' : undefined;
}

/** Whether a parsed JSON document is ARM JSON: a template, Bicep build output or a live export. */
export function isArmJson(doc: unknown): boolean {
  return armShape(doc) !== undefined;
}

/** What {@link fromArm} returns: the registries, problems found, and the shape read. */
export interface ArmSourceResult extends SourceResult {
  /**
   * The shape of the document.
   * @default - none: the document is not ARM JSON (an input error says so)
   */
  readonly shape?: ArmShape;
}

/** Reads an ARM template, Bicep build output or live export (`doc` already parsed) into RegistrySpecs. */
export function fromArm(doc: unknown, file: string): ArmSourceResult {
  const errors: InputError[] = [];
  const shape = armShape(doc);
  if (shape === undefined) {
    errors.push(new InputError({ file, pointer: '' }, `ARM input must be a template ($schema deploymentTemplate.json), az bicep build output or az export JSON (objects with an id and a type), got none of these: pass the template, or the output of az acr show.`));
    return { registries: [], errors };
  }
  const arm = shape === 'live' ? liveResources(doc, file, errors) : templateResources(doc as Record<string, unknown>, file, errors);
  const { resources, extras } = toTerraform(arm, file, shape, errors);
  if (shape === 'live' && !arm.some((r) => /^microsoft\.containerregistry\/registries$/i.test(r.type)) && arm.length > 0) {
    errors.push(new InputError({ file, pointer: '' }, `a live export must hold the registry (az acr show output), got only ${arm[0]!.type} resources: pass az acr show output in the same file (a JSON list) or as another input.`));
  }
  const registries = assemble(resources, errors).map((spec): RegistrySpec => {
    const extra = extras.get(spec.address);
    if (!extra) return spec;
    return {
      ...spec,
      ...(extra.softDeleteDays !== undefined ? { softDeleteDays: extra.softDeleteDays } : {}),
      ...(extra.metadataSearch !== undefined ? { metadataSearch: extra.metadataSearch } : {}),
      ...(extra.replicasUnknown !== undefined ? { replicas: unknown(extra.replicasUnknown) } : {}),
    };
  });
  return { registries, errors, shape };
}
