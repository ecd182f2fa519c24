/**
 * `acrkit/constructs` at run time is entry.ts (a peer check, then ./index.js re-exported by
 * name); its types are index.d.ts. The two must export the same names.
 */
import * as entry from '../../lib/constructs/entry.js';
import * as index from '../../lib/constructs/index.js';
import { MissingPeerError, missingConstructPeers } from '../../lib/peers.js';

test('entry.ts re-exports every runtime export of index.ts, the same objects', () => {
  expect(Object.keys(entry).sort()).toEqual(Object.keys(index).sort());
  for (const [name, value] of Object.entries(index)) expect((entry as Record<string, unknown>)[name]).toBe(value);
});

test('the peers are installed here, and a missing one gives a sentence naming all three', () => {
  expect(missingConstructPeers()).toEqual([]);
  const e = new MissingPeerError('acrkit/constructs', ['cdktf']);
  expect(e.name).toBe('MissingPeerError');
  expect(e.message).toBe(
    'acrkit/constructs needs the cdktf packages, got cdktf not installed: run `npm install cdktf@0.21.0 constructs@10.8.1 @cdktf/provider-azurerm@14.23.1` in your project (check, simulate, review and tiers work without them).',
  );
});

test('the peer list matches package.json: optional peers, tested at the devDependency versions', async () => {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const { CONSTRUCT_PEERS } = await import('../../lib/peers.js');
  expect(CONSTRUCT_PEERS.map((p) => p.name).sort()).toEqual(Object.keys(pkg.peerDependencies).sort());
  for (const p of CONSTRUCT_PEERS) {
    expect(pkg.devDependencies[p.name]).toBe(p.version);
    expect(pkg.peerDependenciesMeta[p.name]).toEqual({ optional: true });
    expect(pkg.dependencies[p.name]).toBeUndefined();
  }
});
