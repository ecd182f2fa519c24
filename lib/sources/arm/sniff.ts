/**
 * Telling an ARM template from other JSON by the start of the file, for folder walks: a folder
 * holds package.json, tsconfig.json and the like, which are not parsed, while an ARM template
 * (what `az bicep build` and a portal or `az group export` template write) names its schema
 * first. A template that does not is read when named on the command line.
 */

/** How much of a file is looked at: the first 4 KiB. */
export const ARM_HEAD_BYTES = 4096;

/** The `$schema` of an ARM deployment template (resource group, subscription, management group or tenant scope). */
const ARM_SCHEMA = /"\$schema"\s*:\s*"https?:\/\/schema\.management\.azure\.com\/schemas\/[^"]*[dD]eploymentTemplate\.json#?"/;

/** Whether the start of a JSON file ({@link ARM_HEAD_BYTES} of it) names an ARM deployment template schema. */
export function headNamesArmSchema(head: string): boolean {
  return ARM_SCHEMA.test(head);
}
