/**
 * examples/github-workflow/plan-review.yml, run here as a script: every `run:` step in order,
 * on a throwaway git repository whose head commit removes a replica from the fleet. Steps that
 * `uses:` an action (checkout, setup-node, the comment and SARIF upload through GitHub's API)
 * are the runner's or GitHub's. `npm ci` becomes links into this checkout's node_modules (the
 * same lock file installed them) plus `.bin/acrkit`, as in a repository that depends on acrkit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { REVIEW_MARKER } from '../../lib/report/review/markdown.js';
import { assertDistFresh } from '../support/dist.js';

const root = new URL('../../', import.meta.url).pathname;

interface Step {
  id: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

const workflow = parse(readFileSync(join(root, 'examples/github-workflow/plan-review.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: { review: { env: Record<string, string>; steps: Step[] } };
};

/** What `npm ci` leaves in a repository that depends on acrkit: its packages, and `.bin/acrkit`. */
function installLinks(cwd: string, acrkitBin: string): void {
  const target = join(cwd, 'node_modules');
  if (existsSync(target)) return;
  mkdirSync(join(target, '.bin'), { recursive: true });
  for (const e of readdirSync(join(root, 'node_modules'))) {
    if (e !== '.bin') symlinkSync(join(root, 'node_modules', e), join(target, e));
  }
  for (const b of readdirSync(join(root, 'node_modules/.bin'))) symlinkSync(join(root, 'node_modules/.bin', b), join(target, '.bin', b));
  symlinkSync(acrkitBin, join(target, '.bin/acrkit'));
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=acrkit', '-c', 'user.email=ci@acrkit.dev', ...args], { cwd, encoding: 'utf8' }).trim();
}

test('the workflow runs on pull requests with the permissions its API steps need', () => {
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
  const uses = workflow.jobs.review.steps.filter((s) => s.uses).map((s) => s.uses!.split('@')[0]);
  expect(uses).toEqual(['actions/checkout', 'actions/setup-node', 'actions/github-script', 'github/codeql-action/upload-sarif']);
});

test('its steps synthesize base and head, review them, write SARIF, and fail on a destructive change', () => {
  assertDistFresh();
  const tmp = mkdtempSync(join(tmpdir(), 'acrkit-workflow-'));
  const repo = join(tmp, 'repo');
  const runnerTemp = join(tmp, 'runner');
  mkdirSync(join(runnerTemp, 'acrkit'), { recursive: true });
  // A repository of this project's tracked files: base commit, then a head that drops a replica.
  for (const f of git(root, 'ls-files').split('\n').filter((f) => !f.startsWith('test/'))) {
    mkdirSync(dirname(join(repo, f)), { recursive: true });
    cpSync(join(root, f), join(repo, f));
  }
  // A user's repository is not itself named acrkit: it depends on it (so npx finds .bin/acrkit).
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ ...pkg, name: 'contoso-registries', bin: undefined }, null, 2));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const baseSha = git(repo, 'rev-parse', 'HEAD');
  const fleet = join(repo, 'examples/fleet/main.ts');
  writeFileSync(fleet, readFileSync(fleet, 'utf8').replace("replicas: ['eastus', 'southeastasia']", "replicas: ['eastus']"));
  git(repo, 'commit', '-qam', 'head: drop the Southeast Asia replica');
  cpSync(join(root, 'dist'), join(repo, 'dist'), { recursive: true }); // `npx acrkit` runs dist/ (npm test's pretest builds it)

  const outputs: Record<string, Record<string, string>> = {};
  const expr = (s: string): string =>
    s
      .replace(/\$\{\{\s*github\.event\.pull_request\.base\.sha\s*\}\}/g, baseSha)
      .replace(/\$\{\{\s*runner\.temp\s*\}\}/g, runnerTemp)
      .replace(/\$\{\{\s*steps\.(\w+)\.outputs\.(\w+)\s*\}\}/g, (_, id: string, key: string) => outputs[id]?.[key] ?? '');
  const ran: string[] = [];
  let failedWith: number | undefined;
  for (const step of workflow.jobs.review.steps) {
    if (step.uses) continue; // GitHub's side: checkout and node are already here; the API calls are not made
    if (step.if) {
      const m = /^steps\.(\w+)\.outputs\.(\w+) != '(.*)'$/.exec(step.if);
      expect(m).not.toBeNull();
      if ((outputs[m![1]!]?.[m![2]!] ?? '') === m![3]) continue;
    }
    const cwd = step['working-directory'] ? expr(step['working-directory']) : repo;
    if (/^npm ci$/.test(step.run!.trim())) {
      installLinks(cwd, join(repo, 'bin/acrkit.js'));
      ran.push(step.id);
      continue;
    }
    const outFile = join(runnerTemp, `${step.id}.out`);
    writeFileSync(outFile, '');
    const env: Record<string, string | undefined> = { ...process.env, ...workflow.jobs.review.env, NODE_OPTIONS: '', CI: 'true', RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: outFile };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(v);
    const r = spawnSync('bash', ['-e', '-c', expr(step.run!)], { cwd, env, encoding: 'utf8' });
    outputs[step.id] = Object.fromEntries(
      readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string]),
    );
    ran.push(step.id);
    if (r.status !== 0) {
      expect(`${step.id}: ${r.stderr}`).toMatch(/^verdict: /); // only the last step may fail, and only on purpose
      expect(r.stderr).toContain('acrkit review exited 1');
      failedWith = r.status ?? undefined;
    }
  }
  expect(ran).toEqual(['install', 'base-checkout', 'base-install', 'synth', 'review', 'sarif', 'verdict']);
  expect(outputs.review).toEqual({ exit: '1' });
  expect(failedWith).toBe(1);
  const review = readFileSync(join(runnerTemp, 'acrkit/review.md'), 'utf8');
  expect(review.split('\n')[0]).toBe(REVIEW_MARKER);
  expect(review).toContain('removing the Southeast Asia replica deletes that region');
  expect(review).toContain('```mermaid');
  const sarif = JSON.parse(readFileSync(join(runnerTemp, 'acrkit/acrkit.sarif'), 'utf8'));
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs[0].tool.driver.name).toBe('acrkit');
}, 90_000);
