/**
 * One name per registry in every report: the construct path where a cdktf input gives one
 * (what the user wrote: `prod/registry/registry`), the Terraform address otherwise. cdktf's
 * generated logical ids (`azurerm_container_registry.registry_71CE07F6`) are the same in every
 * stack, so they only ever appear as a detail.
 */
import { formatLocation, type Location } from '../input/location.js';

/** The name a report shows for a registry at `address` found at `loc`. */
export function registryName(address: string, loc: Location): string {
  return loc.constructPath ?? address;
}

/** Where the registry is, for the line under its name: `file:line (address)` or `file:line`. */
export function registryDetail(address: string, loc: Location): string {
  const where = formatLocation({ ...loc, constructPath: undefined });
  if (loc.constructPath === undefined) return where;
  return where ? `${where} (${address})` : address;
}
