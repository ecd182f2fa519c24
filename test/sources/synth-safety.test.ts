/**
 * Code run by data (issue 17): a cdktf project folder is synthesized only when the user names it
 * on the command line without --no-synth; the app gets a limited environment and its output is
 * shown only as the last lines of stderr, with secrets masked. Every input here is hostile.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../lib/workflows/load-inputs.js';
import { maskSecrets, synthEnvironment } from '../../lib/workflows/synth-app.js';
import { runCli } from '../support/cli.js';

const fixtures = new URL('../fixtures/sim/', import.meta.url).pathname;

/** A cdktf project whose app leaves a marker file when it runs and dumps the environment. */
function evilApp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, 'RAN');
  const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.stderr.write(JSON.stringify(process.env)); process.exit(1)`;
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: `node -e ${JSON.stringify(script)}` }));
  return marker;
}

function scenarioTree(): { cwd: string; marker: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-synth-'));
  const marker = evilApp(join(cwd, 'app'));
  writeFileSync(join(cwd, 's.yaml'), `horizon: P5D\nseed: 1\nruns: 1\nregistries:\n  - app\nworkloads:\n  - preset: small-team\n`);
  return { cwd, marker };
}

test("a scenario's registries entry naming a cdktf project never runs its app", async () => {
  const { cwd, marker } = scenarioTree();
  process.env.ACRKIT_TEST_SECRET_TOKEN = 'hunter2-canary-value';
  try {
    const r = await runCli(['simulate', '--scenario', 's.yaml', '--workers', '0'], { cwd });
    expect(r.code).toBe(2);
    expect(existsSync(marker)).toBe(false);
    expect(r.stderr).toContain('input folder must be synthesized before acrkit reads it, got a cdktf project folder named by a scenario or config file');
    expect(r.stderr).toContain('app/cdktf.out');
    expect(r.stdout + r.stderr).not.toContain('hunter2-canary-value');
  } finally {
    delete process.env.ACRKIT_TEST_SECRET_TOKEN;
  }
});

test.each([['check'], ['simulate'], ['review']])('%s --no-synth refuses a cdktf project folder on the command line', async (verb) => {
  const { cwd, marker } = scenarioTree();
  const argv =
    verb === 'check' ? ['check', '--no-synth', 'app'] : verb === 'simulate' ? ['simulate', '--no-synth', '--scenario', 's.yaml', '--workers', '0', 'app'] : ['review', '--no-synth', '--base', 'app', '--head', 'app'];
  const r = await runCli(argv, { cwd });
  expect(r.code).toBe(2);
  expect(existsSync(marker)).toBe(false);
  expect(r.stdout + r.stderr).toContain('got a cdktf project folder with --no-synth: run `npx cdktf synth` in app and pass app/cdktf.out instead.');
});

test('loadInputs with allowSynth false never runs the app', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-synth-'));
  const marker = evilApp(join(cwd, 'app'));
  const r = await loadInputs(['app'], { cwd, allowSynth: false, noSynthReason: 'scenario' });
  expect(existsSync(marker)).toBe(false);
  expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('named by a scenario or config file (data never runs code)')]);
});

test('a cdktf.out folder named by a scenario is still read', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-synth-'));
  mkdirSync(join(cwd, 'app/cdktf.out/stacks/dev'), { recursive: true });
  writeFileSync(join(cwd, 'app/cdktf.out/stacks/dev/cdk.tf.json'), (await import('node:fs')).readFileSync(join(fixtures, 'fleet-dev.cdk.tf.json')));
  writeFileSync(join(cwd, 's.yaml'), `horizon: P5D\nseed: 1\nruns: 1\nregistries:\n  - app/cdktf.out\nworkloads:\n  - preset: small-team\n`);
  const r = await runCli(['simulate', '--scenario', 's.yaml', '--workers', '0', '--format', 'json'], { cwd });
  expect(r.code).toBe(0);
});

test('an app named on the command line runs with a limited environment, and only its masked stderr tail is shown', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-synth-'));
  const dir = join(cwd, 'app');
  mkdirSync(dir);
  const lines = [
    ...Array.from({ length: 30 }, (_, i) => `noise line ${i}`),
    'GITHUB_TOKEN=' + String(process.env.ACRKIT_LEAK_GITHUB ?? 'absent'),
    'DB_PASSWORD=correct-horse-battery',
    'Authorization: Bearer abcdefghijklmnop123456',
    'https://user:pa55word@example.com/x',
    'AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY',
  ];
  const script = `process.stdout.write('STDOUT-CANARY'); process.stderr.write(${JSON.stringify(lines.join('\n'))}.replace('absent', process.env.GITHUB_TOKEN || 'absent')); process.exit(4)`;
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: `node -e ${JSON.stringify(script)}` }));
  process.env.GITHUB_TOKEN = 'ghp_leakedleakedleakedleaked0123';
  try {
    const r = await runCli(['check', 'app', '--format', 'json'], { cwd });
    const all = r.stdout + r.stderr;
    expect(r.code).toBe(2);
    expect(all).toContain('exit code 4');
    expect(all).toContain('GITHUB_TOKEN=absent'.replace('absent', '***'));
    expect(all).not.toContain('ghp_leaked');
    expect(all).not.toContain('correct-horse-battery');
    expect(all).not.toContain('abcdefghijklmnop123456');
    expect(all).not.toContain('pa55word');
    expect(all).not.toContain('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY');
    expect(all).not.toContain('STDOUT-CANARY');
    expect(all).not.toContain('noise line 3\\n');
    expect(all).not.toContain('noise line 10');
  } finally {
    delete process.env.GITHUB_TOKEN;
  }
}, 30_000);

test('synthEnvironment keeps only what cdktf needs', () => {
  const env = synthEnvironment({ PATH: '/bin', HOME: '/h', NODE_OPTIONS: 'x', npm_config_cache: 'c', CDKTF_LOG_LEVEL: 'd', TF_VAR_a: '1', ARM_CLIENT_ID: 'i', ACRKIT_X: 'y', TMPDIR: '/t', LANG: 'C', GITHUB_TOKEN: 'g', AWS_SECRET_ACCESS_KEY: 's', ACTIONS_RUNTIME_TOKEN: 'r' });
  expect(Object.keys(env).sort()).toEqual(['ACRKIT_X', 'ARM_CLIENT_ID', 'CDKTF_LOG_LEVEL', 'HOME', 'LANG', 'NODE_OPTIONS', 'PATH', 'TF_VAR_a', 'TMPDIR', 'npm_config_cache']);
});

test.each([
  ['API_KEY=abc123', 'API_KEY=***'],
  ['client_secret: "s3cr3t value"', 'client_secret: ***'],
  ['password=hunter2&user=bob', 'password=***&user=bob'],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', '***'],
  ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'token ***'],
  ['plain words stay', 'plain words stay'],
])('maskSecrets(%j)', (input, out) => {
  expect(maskSecrets(input)).toBe(out);
});
