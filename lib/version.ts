/**
 * acrkit's own version and project page, read once from its package.json: the CLI's
 * `--version` and the SARIF `tool.driver` read them here and nowhere else.
 */
import { readFileSync } from 'node:fs';

/** The project page reports link to (the npm package page). */
export const ACRKIT_HOME = 'https://www.npmjs.com/package/acrkit';

/**
 * The version in acrkit's package.json. This module runs as lib/version.ts (tsx, jest) and
 * as dist/lib/version.js (the built package), so both `../` and `../../` are tried, and only
 * a package.json named `acrkit` counts. `0.0.0` when none is found (never thrown).
 */
export const ACRKIT_VERSION: string = readVersion();

function readVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'acrkit' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next level up
    }
  }
  return '0.0.0';
}
