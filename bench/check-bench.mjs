// Benchmark (not part of npm test): whole-process `acrkit check plan.json --format json` on
// generated plans of 1,000 (goal <= 3x) and 10,000 registries (goal <= 2.5x), against a whole
// process that only reads and JSON.parse's the same file. Runs the compiled CLI (node
// bin/acrkit.cjs, after `npm run build`) when dist/ exists, else the sources through tsx (`--tsx`
// forces that). Prints median times and the median of
// per-round ratios, each with ok or MISS. BENCH_QUICK=1: 1,000 registries only, 2 rounds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { QUICK, figure, median, rounds } from './timing.mjs';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.REGISTRIES ?? (QUICK ? '1000' : '1000,10000')).split(',').map(Number);
const GOALS = { 1000: 3, 10000: 2.5 };
const RUNS = rounds(7);
const regions = ['westeurope', 'northeurope', 'eastus', 'westus2', 'southeastasia', 'japaneast', 'australiaeast'];
const skus = ['Basic', 'Standard', 'Premium'];

function registry(i) {
  const sku = skus[i % 3];
  const premium = sku === 'Premium';
  return {
    name: `acrkitbench${String(i).padStart(5, '0')}`,
    resource_group_name: `rg-${i % 17}`,
    location: regions[i % regions.length],
    sku,
    admin_enabled: i % 11 === 0,
    anonymous_pull_enabled: false,
    export_policy_enabled: !premium,
    public_network_access_enabled: !premium,
    network_rule_bypass_option: 'AzureServices',
    retention_policy_in_days: premium ? 7 : 0,
    zone_redundancy_enabled: premium,
    trust_policy_enabled: false,
    georeplications: premium ? [{ location: regions[(i + 2) % regions.length], zone_redundancy_enabled: true, regional_endpoint_enabled: true, tags: {} }] : [],
    network_rule_set: [],
    encryption: [],
    tags: { env: i % 4 === 0 ? 'prod' : 'dev', team: `t${i % 9}` },
  };
}

const compiled = existsSync(join(root, 'dist/lib/cli/main.js')) && !process.argv.includes('--tsx');
const checkCmd = compiled ? [join(root, 'bin/acrkit.cjs')] : ['--import', 'tsx', join(root, 'lib/cli/main-bin.ts')];

function time(args, ok = [0, 1]) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

/** Writes a plan of `N` registries; returns its path. */
function writePlan(N) {
  const resources = [];
  const changes = [];
  for (let i = 0; i < N; i++) {
    const address = `module.m${i % 10}.azurerm_container_registry.r${i}`;
    const values = registry(i);
    resources.push({ address, mode: 'managed', type: 'azurerm_container_registry', name: `r${i}`, provider_name: 'registry.terraform.io/hashicorp/azurerm', values, sensitive_values: {} });
    changes.push({ address, module_address: `module.m${i % 10}`, mode: 'managed', type: 'azurerm_container_registry', name: `r${i}`, change: { actions: ['create'], before: null, after: values, after_unknown: { id: true, login_server: true } } });
    if (values.sku === 'Premium') {
      const pe = `module.m${i % 10}.azurerm_private_endpoint.pe${i}`;
      resources.push({ address: pe, mode: 'managed', type: 'azurerm_private_endpoint', name: `pe${i}`, values: { name: `pe${i}`, private_service_connection: [{ name: 'psc', subresource_names: ['registry'] }] }, sensitive_values: {} });
    }
  }
  const modules = Array.from({ length: 10 }, (_, m) => ({ address: `module.m${m}`, resources: resources.filter((r) => r.address.startsWith(`module.m${m}.`)) }));
  const configuration = {
    root_module: {
      module_calls: Object.fromEntries(
        modules.map((m, k) => [
          `m${k}`,
          { source: './reg', module: { resources: m.resources.filter((r) => r.type === 'azurerm_private_endpoint').map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, expressions: { private_service_connection: [{ private_connection_resource_id: { references: [`azurerm_container_registry.r${r.name.slice(2)}.id`, `azurerm_container_registry.r${r.name.slice(2)}`] } }] } })) } },
        ]),
      ),
    },
  };
  const plan = { format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { resources: [], child_modules: modules } }, resource_changes: changes, configuration };
  const dir = mkdtempSync(join(tmpdir(), 'acrkit-bench-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

/**
 * A process that does the least any check must: read and parse the plan, then print the same
 * number of findings, each shaped and sized as the check's (one of its first findings, with the
 * change's address and pointer), as pretty JSON. No rule runs; it bounds what a ratio can reach.
 */
function writeFloor(file, dir, report) {
  const perChange = Math.round(report.findings.length / JSON.parse(readFileSync(file, 'utf8')).resource_changes.length);
  const templates = join(dir, 'templates.json');
  writeFileSync(templates, JSON.stringify(report.findings.slice(0, perChange)));
  return `import { readFileSync, writeSync } from 'node:fs';
const plan = JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));
const templates = JSON.parse(readFileSync(${JSON.stringify(templates)}, 'utf8'));
const findings = [];
plan.resource_changes.forEach((r, i) => { for (const t of templates) findings.push({ ...t, address: r.address, location: { ...t.location, pointer: '/resource_changes/' + i } }); });
writeSync(1, '{\\n  "findings": [\\n');
for (let i = 0; i < findings.length; i += 64) writeSync(1, (i ? ',\\n' : '') + findings.slice(i, i + 64).map((f) => '    ' + JSON.stringify(f, null, 2).replaceAll('\\n', '\\n    ')).join(',\\n'));
writeSync(1, '\\n  ]\\n}\\n');`;
}

for (const N of SIZES) {
  const file = writePlan(N);
  const baselineCode = `import { readFileSync } from 'node:fs'; const d = JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8')); process.stdout.write(String(Object.keys(d).length));`;
  const warm = time(checkCmd.concat(['check', file, '--format', 'json'])); // warm the disk cache
  const writeFloorCode = writeFloor(file, dirname(file), JSON.parse(warm.out));
  const checks = [];
  const bases = [];
  const writes = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const c = time(checkCmd.concat(['check', file, '--format', 'json']));
    findings = JSON.parse(c.out).findings.length;
    checks.push(c.ms);
    bases.push(time(['--input-type=module', '-e', baselineCode], [0]).ms);
    writes.push(time(['--input-type=module', '-e', writeFloorCode], [0]).ms);
  }
  const mc = median(checks);
  const mb = median(bases);
  console.log(`plan: ${N.toLocaleString('en-US')} registries, ${(statSync(file).size / 1e6).toFixed(1)} MB; CLI: ${compiled ? 'node bin/acrkit.cjs (compiled dist/)' : 'node --import tsx lib/cli/main-bin.ts'}; ${RUNS} interleaved rounds`);
  console.log(`  acrkit check --format json: median ${mc.toFixed(0)} ms (${findings} findings)`);
  console.log(`  read + JSON.parse only:     median ${mb.toFixed(0)} ms`);
  figure(`  ratio ${N.toLocaleString('en-US')} registries`, checks.map((c, i) => c / bases[i]), '<=', GOALS[N] ?? 2.5);
  console.log(`  floor of any check: read + JSON.parse, then print as many findings as pretty JSON: median ${median(writes).toFixed(0)} ms`);
  figure('    that floor / read + JSON.parse', writes.map((w, i) => w / bases[i]));
  rmSync(dirname(file), { recursive: true, force: true });
}
