/**
 * Drift: a review whose one side is a live export (`az acr show`, source kind `live`) compares
 * the registry as it runs with the configuration. The two sides name a registry differently (an
 * ARM resource id against a Terraform address or construct path), so the live registries take
 * the identity of the configured registry with the same Azure name; what then differs is drift,
 * "the registry differs from the configuration".
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown } from '../model/unknown.js';

/** Whether a spec was read from a live export. */
export function isLive(spec: RegistrySpec): boolean {
  return spec.source.kind === 'live';
}

/** The registry's Azure name for matching (lowercase; registry names are case-insensitive), if known. */
function azureName(spec: RegistrySpec): string | undefined {
  return isUnknown(spec.name) || spec.name === '' ? undefined : spec.name.toLowerCase();
}

/** `live` with the address and construct path of `configured`, so both sides name it alike. */
function asConfigured(live: RegistrySpec, configured: RegistrySpec): RegistrySpec {
  const { constructPath: _drop, ...source } = live.source;
  void _drop;
  return {
    ...live,
    address: configured.address,
    source: { ...source, ...(configured.source.constructPath !== undefined ? { constructPath: configured.source.constructPath } : {}) },
  };
}

/**
 * Base and head with each live registry renamed after the configured registry of the other side
 * that has its Azure name (live registries without one keep their own identity).
 */
export function alignLiveRegistries(base: readonly RegistrySpec[], head: readonly RegistrySpec[]): { base: RegistrySpec[]; head: RegistrySpec[] } {
  const align = (side: readonly RegistrySpec[], other: readonly RegistrySpec[]): RegistrySpec[] =>
    side.map((s) => {
      if (!isLive(s)) return s;
      const name = azureName(s);
      const match = name === undefined ? undefined : other.find((o) => !isLive(o) && azureName(o) === name);
      return match ? asConfigured(s, match) : s;
    });
  return { base: align(base, head), head: align(head, base) };
}

/** The drift flag of a change between a live registry and its configuration, naming what differs. */
export function driftMessage(changed: readonly string[], liveIsBase: boolean): string {
  const what = changed.length ? `${changed.join(', ')} ${changed.length === 1 ? 'is' : 'are'} not what the configuration says` : 'it is not in the configuration';
  return liveIsBase
    ? `the registry differs from the configuration: ${what}; applying the configuration changes it back, or change the configuration to what runs.`
    : `the registry differs from the configuration: ${what}; the live side is the head of this review, so it shows what running it would undo.`;
}
