/**
 * The optional peer packages acrkit's constructs need. `check`, `simulate`, `review` and
 * `tiers` never load them; `acrkit/constructs` and `acrkit start` do, and say what to add
 * when they are missing instead of failing on a module-resolution stack trace.
 */
import { createRequire } from 'node:module';
import { AcrkitError } from './errors.js';

/** The packages the constructs import, with the versions acrkit is built and tested with. */
export const CONSTRUCT_PEERS = [
  { name: 'cdktf', version: '0.21.0' },
  { name: 'constructs', version: '10.8.1' },
  { name: '@cdktf/provider-azurerm', version: '14.23.1' },
] as const;

/** Names of the {@link CONSTRUCT_PEERS} that cannot be resolved from acrkit's own folder. */
export function missingConstructPeers(): string[] {
  const require = createRequire(import.meta.url);
  return CONSTRUCT_PEERS.filter((p) => {
    try {
      require.resolve(p.name);
      return false;
    } catch {
      return true;
    }
  }).map((p) => p.name);
}

/** The cdktf peer packages are not installed beside acrkit. */
export class MissingPeerError extends AcrkitError {
  override name = 'MissingPeerError' as const;
  constructor(
    /** What needed them, e.g. `acrkit/constructs`. */
    readonly feature: string,
    /** The package names that could not be resolved. */
    readonly missing: readonly string[],
  ) {
    const all = CONSTRUCT_PEERS.map((p) => `${p.name}@${p.version}`).join(' ');
    super(
      `${feature} needs the cdktf packages, got ${missing.join(', ')} not installed: ` +
        `run \`npm install ${all}\` in your project (check, simulate, review and tiers work without them).`,
    );
  }
}

/** Throws {@link MissingPeerError} for `feature` when any construct peer is missing. */
export function requireConstructPeers(feature: string): void {
  const missing = missingConstructPeers();
  if (missing.length) throw new MissingPeerError(feature, missing);
}
