// The package as users get it: `npm pack`, the tarball installed into fresh projects outside
// the repository, and every verb run from there. Two installs: check-only (no cdktf peers) and
// with the cdktf peers (constructs, `acrkit start`). Run by `npm run test:package` (in .ci/run;
// too slow for `npm test`). Prints the install figures the README quotes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const PEERS = Object.keys(pkg.peerDependencies).map((name) => `${name}@${pkg.devDependencies[name]}`);
const env = { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1', NODE_OPTIONS: '', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
for (const k of Object.keys(env)) if (k.startsWith('npm_package_') || k === 'npm_lifecycle_event' || k === 'INIT_CWD') delete env[k];

const work = mkdtempSync(join(tmpdir(), 'acrkit-consumer-'));
let tarball = '';

/** Bytes under `dir` (files only, symlinks not followed), as `du` counts apparent sizes. */
function bytesUnder(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

/** A new project folder with a package.json, then `npm install` of `specs`; returns figures. */
function project(name, specs) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, type: 'module' }));
  const t0 = process.hrtime.bigint();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], { cwd: dir, env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  assert.equal(r.status, 0, `npm install failed:\n${r.stdout}\n${r.stderr}`);
  return { dir, log: r.stdout + r.stderr, seconds, mib: bytesUnder(join(dir, 'node_modules')) / 2 ** 20 };
}

/** Runs the installed `acrkit` bin in `dir`; returns status and output. */
function acrkit(dir, args, input) {
  const r = spawnSync(join(dir, 'node_modules/.bin/acrkit'), args, { cwd: dir, env, encoding: 'utf8', input, timeout: 120_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'azurerm_container_registry.shop',
          mode: 'managed',
          type: 'azurerm_container_registry',
          name: 'shop',
          provider_name: 'registry.terraform.io/hashicorp/azurerm',
          schema_version: 2,
          values: { name: 'shopacr01', resource_group_name: 'rg-shop', location: 'westeurope', sku: 'Standard', admin_enabled: true, public_network_access_enabled: true, tags: { env: 'prod' } },
          sensitive_values: { tags: {} },
        },
      ],
    },
  },
  resource_changes: [
    {
      address: 'azurerm_container_registry.shop',
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: 'shop',
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: {
        actions: ['create'],
        before: null,
        after: { name: 'shopacr01', resource_group_name: 'rg-shop', location: 'westeurope', sku: 'Standard', admin_enabled: true, public_network_access_enabled: true, tags: { env: 'prod' } },
        after_unknown: { id: true, login_server: true },
        before_sensitive: false,
        after_sensitive: { tags: {} },
      },
    },
  ],
};

const TF = `variable "sku" {
  type    = string
  default = "Basic"
}

resource "azurerm_container_registry" "team" {
  name                = "teamacr01"
  resource_group_name = "rg-team"
  location            = "northeurope"
  sku                 = var.sku
  admin_enabled       = true
}
`;

const SCENARIO = `name: consumer what-if
horizon: P30D
seed: 7
runs: 2
registries:
  - { name: shop, tier: Standard, location: westeurope }
workloads:
  - preset: small-team
assertions:
  - kind: storage-below
    of: limit
`;

const APP = `import { App } from 'cdktf';
import { AcrStack, ContainerRegistry, RegistryProfile } from 'acrkit/constructs';

const app = new App({ outdir: 'cdktf.out' });
const stack = new AcrStack(app, 'shop-dev');
new ContainerRegistry(stack, 'registry', {
  name: 'shopdevacr01',
  resourceGroupName: 'rg-shop-dev',
  location: 'westeurope',
  profile: RegistryProfile.dev(),
});
app.synth();
`;

before(() => {
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repo, env, encoding: 'utf8' });
  tarball = join(work, out.trim().split('\n').pop());
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('check-only install (no cdktf peers)', () => {
  let p;
  before(() => {
    p = project('check-only', [tarball]);
    writeFileSync(join(p.dir, 'plan.json'), JSON.stringify(PLAN, null, 2));
    writeFileSync(join(p.dir, 'main.tf'), TF);
    writeFileSync(join(p.dir, 'terraform.tfvars'), 'sku = "Standard"\n');
    writeFileSync(join(p.dir, 'what-if.yaml'), SCENARIO);
    writeFileSync(join(p.dir, 'head.json'), JSON.stringify(PLAN).replaceAll('"admin_enabled":true', '"admin_enabled":false'));
  });

  test('installs without engine or install-script warnings, without the cdktf packages, small', () => {
    assert.doesNotMatch(p.log, /EBADENGINE/);
    assert.doesNotMatch(p.log, /install-scripts|acrkit@[\d.]+ \(/);
    for (const name of Object.keys(pkg.peerDependencies)) assert.throws(() => statSync(join(p.dir, 'node_modules', name)), { code: 'ENOENT' }, `${name} was installed`);
    console.log(`figure (node ${process.version}): check-only install ${p.mib.toFixed(1)} MiB in ${p.seconds.toFixed(1)} s`);
    assert.ok(p.mib < 64, `check-only install is ${p.mib.toFixed(1)} MiB, over a fifth of 321 MB`);
  });

  test('the CLI runs its bundle, with the code cache on the Node that built it; the build scripts are not shipped', () => {
    const installed = join(p.dir, 'node_modules/acrkit');
    assert.ok(statSync(join(installed, 'dist/lib/cli-bundle/main.cjs')).isFile());
    assert.ok(statSync(join(installed, 'dist/lib/cli-bundle/main.cjs.v8cache')).size > 0);
    assert.deepEqual(readdirSync(join(installed, 'bin')), ['acrkit.cjs']);
    // The tarball was packed by this Node (CI packs it again per Node version): V8 takes the cache.
    const code = `process.stdout.write(String(require(${JSON.stringify(join(installed, 'bin/acrkit.cjs'))}).loadCliBundle().cacheRejected))`;
    const probe = spawnSync(process.execPath, ['-e', code], { cwd: p.dir, env: { ...env, NODE_OPTIONS: '' }, encoding: 'utf8' });
    assert.equal(probe.stdout, 'false', probe.stderr);
  });

  test('--version and tiers', () => {
    assert.equal(acrkit(p.dir, ['--version']).out.trim(), pkg.version);
    const r = acrkit(p.dir, ['tiers', '--format', 'json']);
    assert.equal(r.status, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).map((t) => t.includedStorageGiB), [10, 100, 500]);
  });

  test('check a plan: the admin user is an error, exit 1', () => {
    const r = acrkit(p.dir, ['check', 'plan.json', '--format', 'json']);
    assert.equal(r.status, 1, r.err);
    const ids = JSON.parse(r.out).findings.filter((f) => f.status === 'non-compliant').map((f) => f.ruleId);
    assert.ok(ids.includes('ACR-SEC-001'), `findings: ${ids.join(', ')}`);
  });

  test('check a .tf folder with terraform.tfvars', () => {
    const r = acrkit(p.dir, ['check', '.', '--format', 'json']);
    assert.equal(r.status, 1, r.err);
    const report = JSON.parse(r.out);
    assert.ok(report.findings.some((f) => f.address === 'azurerm_container_registry.team' && f.ruleId === 'ACR-SEC-001'));
  });

  test('simulate an inline registry', () => {
    const r = acrkit(p.dir, ['simulate', '--scenario', 'what-if.yaml', '--format', 'json', '--workers', '0']);
    assert.equal(r.status, 0, r.err);
    const result = JSON.parse(r.out);
    assert.equal(result.runs, 2);
    assert.equal(result.registries[0].name, 'shop');
    // The schemas' validators come precompiled (dist/validators), one module per schema.
    const validators = readdirSync(join(p.dir, 'node_modules/acrkit/dist/validators'));
    assert.equal(validators.filter((f) => f.endsWith('.cjs')).length, 3, validators.join(', '));
    // Worker threads start from the bundled CLI too, with the same results.
    const pooled = acrkit(p.dir, ['simulate', '--scenario', 'what-if.yaml', '--format', 'json', '--workers', '2']);
    assert.equal(pooled.status, 0, pooled.err);
    assert.equal(pooled.out, r.out);
    const bad = acrkit(p.dir, ['simulate', '--scenario', 'plan.json', '--workers', '0']);
    assert.equal(bad.status, 2, bad.err);
    assert.match(bad.err, /rule additionalProperties/);
    // Two shards as binary parts, merged: the report of the one process.
    for (const i of [1, 2]) assert.equal(acrkit(p.dir, ['simulate', '--scenario', 'what-if.yaml', '--shard', `${i}/2`, '--out', `parts/${i}.part`, '--workers', '0']).status, 0);
    const merged = acrkit(p.dir, ['simulate', 'merge', 'parts/1.part', 'parts/2.part', '--format', 'json']);
    assert.equal(merged.status, 0, merged.err);
    assert.equal(merged.out, r.out);
  });

  test('review base vs head', () => {
    const r = acrkit(p.dir, ['review', '--base', 'plan.json', '--head', 'head.json', '--format', 'markdown']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^<!-- acrkit-review -->/);
    assert.match(r.out, /1 change, 0 new findings, 1 fixed/);
    assert.match(r.out, /`azurerm_container_registry\.shop` \| ✏️ update/);
  });

  test('start and acrkit/constructs say which packages to add (exit 2, no stack trace)', () => {
    const r = acrkit(p.dir, ['start']);
    assert.equal(r.status, 2);
    assert.match(r.err, /npm install cdktf@[\d.]+ constructs@[\d.]+ @cdktf\/provider-azurerm@[\d.]+/);
    assert.doesNotMatch(r.err, /\n\s+at /);
    const imp = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('acrkit/constructs')"], { cwd: p.dir, env, encoding: 'utf8' });
    assert.notEqual(imp.status, 0);
    assert.match(imp.stderr, /MissingPeerError: acrkit\/constructs needs the cdktf packages/);
  });

  test('the library API works without cdktf', () => {
    const code = "import { runCheck, TIER_FACTS } from 'acrkit'; const r = await runCheck(['plan.json'], { cwd: process.cwd() }); console.log(JSON.stringify({ n: r.result.report.findings.length, tiers: Object.keys(TIER_FACTS) }));";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: p.dir, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.ok(o.n > 0);
    assert.deepEqual(o.tiers, ['Basic', 'Standard', 'Premium']);
  });
});

describe('install with the cdktf peers', () => {
  let p;
  before(() => {
    p = project('with-cdktf', [tarball, ...PEERS]);
    writeFileSync(join(p.dir, 'main.js'), APP);
  });

  test('installs without engine warnings', () => {
    assert.doesNotMatch(p.log, /EBADENGINE/);
    console.log(`figure (node ${process.version}): install with cdktf peers ${p.mib.toFixed(1)} MiB in ${p.seconds.toFixed(1)} s`);
  });

  test('acrkit start synthesizes the fleet, checks and simulates it', () => {
    const r = acrkit(p.dir, ['start', '--runs', '2']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /synthesized the fleet example to cdktf\.out\/stacks \(3 stacks\)/);
    assert.match(r.out, /fleet-prod\/registry\s+Premium/);
    assert.match(r.out, /What-if \(2 runs/);
    assert.ok(statSync(join(p.dir, 'acrkit-report/what-if.html')).size > 10_000);
  });

  test('a cdktf app importing acrkit/constructs synthesizes, and check reads it', () => {
    execFileSync(process.execPath, ['main.js'], { cwd: p.dir, env, encoding: 'utf8' });
    const stack = JSON.parse(readFileSync(join(p.dir, 'cdktf.out/stacks/shop-dev/cdk.tf.json'), 'utf8'));
    assert.equal(Object.values(stack.resource.azurerm_container_registry)[0].sku, 'Basic');
    const r = acrkit(p.dir, ['check', 'cdktf.out', '--format', 'json']);
    assert.ok(r.status === 0 || r.status === 1, r.err);
    assert.ok(JSON.parse(r.out).findings.some((f) => f.location.constructPath === 'shop-dev/registry/registry'));
  });
});
