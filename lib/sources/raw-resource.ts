/**
 * RawResource: one Terraform resource instance as every source reads it, before it becomes
 * part of a RegistrySpec. Values hold JSON with {@link Unknown} where a value is not known.
 */
import type { SourceLocation } from '../model/registry-spec.js';

/** One resource instance, source-independent. */
export interface RawResource {
  /** Resource type, e.g. `azurerm_container_registry`. */
  readonly type: string;
  /** Resource name, e.g. `main`. */
  readonly name: string;
  /** Full address with module path and instance key: `module.a.azurerm_container_registry.main[0]`. */
  readonly address: string;
  /** Module path, `''` for the root module, e.g. `module.a` or `module.a[0]`. */
  readonly module: string;
  /**
   * Instance key as Terraform writes it: `[0]` or `["eu"]`.
   * @default - a single instance
   */
  readonly instanceKey?: string;
  /** Attribute values; Unknown where not known statically (an expression keeps its text). */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * References per top-level attribute, as written in the configuration
   * (`azurerm_container_registry.main.id`), relative to the resource's module.
   */
  readonly refs: Readonly<Record<string, readonly string[]>>;
  /**
   * Whether `refs` are absolute addresses with their module path
   * (`module.acr.azurerm_container_registry.main.id`) rather than relative to `module`: the .tf
   * source follows references through module inputs and outputs.
   * @default false
   */
  readonly refsFromRoot?: boolean;
  /** Where it came from. */
  readonly source: SourceLocation;
}
