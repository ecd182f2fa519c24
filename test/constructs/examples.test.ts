/**
 * One snapshot per example, and what each example promises.
 */
import { App, Testing } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BasicDevStack } from '../../examples/basic-dev/main.js';
import { buildFleet } from '../../examples/fleet/main.js';
import { PremiumGeoCmkStack } from '../../examples/premium-geo-cmk/main.js';
import { TeamStack } from '../../examples/team/main.js';
import { registriesOf } from '../../lib/constructs/registries-of.js';
import { findRegion } from '../../lib/catalog/regions.js';
import { validateSpec } from '../../lib/model/validate.js';

describe('examples', () => {
  test.each([
    ['basic-dev', BasicDevStack],
    ['team', TeamStack],
    ['premium-geo-cmk', PremiumGeoCmkStack],
  ] as const)('%s synthesizes cleanly and matches its snapshot', (name, Stack) => {
    const stack = new Stack(Testing.app(), name, { env: {} });
    const json = Testing.synth(stack, true);
    expect(json).toMatchSnapshot();
    for (const spec of registriesOf(stack)) expect(validateSpec(spec)).toEqual([]);
  });

  test('premium-geo-cmk: two replicas in two other geographies, CMK, retention 7, private, diagnostics', () => {
    const stack = new PremiumGeoCmkStack(Testing.app(), 'p', { env: {} });
    const [spec] = registriesOf(stack);
    const home = findRegion(spec!.location as string)!;
    const geos = (spec!.replicas as unknown as { location: string }[]).map((r) => findRegion(r.location)!.geography);
    expect(new Set([home.geography, ...geos]).size).toBe(3);
    expect(spec).toMatchObject({ tier: 'Premium', retentionDays: 7, exportEnabled: false, encryption: { kind: 'customer-managed', versionless: true } });
    expect(spec!.network.publicAccess).toBe(false);
    expect(spec!.network.privateEndpoints).toHaveLength(1);
    expect(spec!.diagnosticSettings).toHaveLength(1);
  });

  test('fleet: dev, staging and prod stacks from profiles, written to cdktf.out/stacks/*/cdk.tf.json', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'acrkit-fleet-'));
    const app = buildFleet(new App({ outdir }), { env: {} });
    app.synth();
    const stacks = readdirSync(join(outdir, 'stacks')).sort();
    expect(stacks).toEqual(['fleet-dev', 'fleet-prod', 'fleet-staging']);
    for (const s of stacks) {
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
      expect(Object.keys(json.resource.azurerm_container_registry)).toHaveLength(1);
    }
    const tiers = registriesOf(app).map((r) => [r.address, r.tier]);
    expect(tiers).toEqual([
      ['fleet-dev/registry', 'Basic'],
      ['fleet-staging/registry', 'Standard'],
      ['fleet-prod/registry', 'Premium'],
    ]);
    expect(Testing.synth(app.node.findChild('fleet-prod') as never)).toMatchSnapshot();
  });
});
