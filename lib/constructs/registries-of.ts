/**
 * Finds the acrkit registries in a construct tree.
 */
import type { IConstruct } from 'constructs';
import type { RegistrySpec } from '../model/registry-spec.js';
import { ContainerRegistry } from './container-registry.js';

/** The RegistrySpec of every {@link ContainerRegistry} under `scope`, in tree order. */
export function registriesOf(scope: IConstruct): RegistrySpec[] {
  return scope.node.findAll().filter((c): c is ContainerRegistry => c instanceof ContainerRegistry).map((r) => r.spec);
}
