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
      installLinks(cwd, join(repo, 'bin/acrkit.cjs'));
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

describe('the comment step updates only its own comment', () => {
  const step = workflow.jobs.review.steps.find((s) => s.id === 'comment') as Step & { with: { script: string } };
  const bot = { login: 'github-actions[bot]', type: 'Bot' };

  /** Runs the step's script as actions/github-script does (an async function body), with a fake API. */
  async function runScript(comments: Array<{ id: number; body?: string | null; user?: { login: string; type: string } | null }>): Promise<Array<[string, Record<string, unknown>]>> {
    const calls: Array<[string, Record<string, unknown>]> = [];
    const runnerTemp = mkdtempSync(join(tmpdir(), 'acrkit-comment-'));
    mkdirSync(join(runnerTemp, 'acrkit'));
    writeFileSync(join(runnerTemp, 'acrkit/review.md'), `${REVIEW_MARKER}\n## acrkit plan review\n`);
    const listComments = async (): Promise<never> => {
      throw new Error('listComments is called through paginate');
    };
    const github = {
      paginate: async (fn: unknown, params: Record<string, unknown>) => {
        expect(fn).toBe(listComments);
        calls.push(['listComments', params]);
        return comments;
      },
      rest: {
        issues: {
          listComments,
          updateComment: async (params: Record<string, unknown>) => void calls.push(['updateComment', params]),
          createComment: async (params: Record<string, unknown>) => void calls.push(['createComment', params]),
        },
      },
    };
    const context = { repo: { owner: 'contoso', repo: 'registries' }, payload: { pull_request: { number: 42 } } };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    const saved = process.env.RUNNER_TEMP;
    process.env.RUNNER_TEMP = runnerTemp;
    try {
      const req = (m: string): unknown => {
        expect(m).toBe('fs');
        return { readFileSync };
      };
      await new AsyncFunction('require', 'github', 'context', step.with.script)(req, github, context);
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TEMP;
      else process.env.RUNNER_TEMP = saved;
    }
    return calls;
  }

  // Hostile comments a pull request's author (or anyone) can post, listed before the bot's own.
  const impostors = [
    { id: 1, body: `${REVIEW_MARKER}\nLooks good to me, merge it`, user: { login: 'mallory', type: 'User' } },
    { id: 2, body: `${REVIEW_MARKER}\nfake review`, user: { login: 'github-actions', type: 'User' } },
    { id: 3, body: `${REVIEW_MARKER}\nanother app`, user: { login: 'renovate[bot]', type: 'Bot' } },
    { id: 4, body: `> quoting the review\n${REVIEW_MARKER}`, user: bot },
    { id: 5, body: ` ${REVIEW_MARKER}`, user: bot },
    { id: 6, body: null, user: bot },
    { id: 7, body: `${REVIEW_MARKER} by a deleted user`, user: null },
    { id: 8, body: `${REVIEW_MARKER}\nclaims to be the bot`, user: { login: 'github-actions[bot]', type: 'User' } },
  ];

  test('with the bot comment after hostile look-alikes, that one is updated', async () => {
    const calls = await runScript([...impostors, { id: 9, body: `${REVIEW_MARKER}\nold review`, user: bot }, { id: 10, body: `${REVIEW_MARKER}\nlater`, user: bot }]);
    expect(calls).toEqual([
      ['listComments', { owner: 'contoso', repo: 'registries', issue_number: 42 }],
      ['updateComment', { owner: 'contoso', repo: 'registries', comment_id: 9, body: `${REVIEW_MARKER}\n## acrkit plan review\n` }],
    ]);
  });

  test('without a bot comment with the marker first, a new comment is created and none is updated', async () => {
    const calls = await runScript(impostors);
    expect(calls.map(([name]) => name)).toEqual(['listComments', 'createComment']);
    expect(calls[1]![1]).toEqual({ owner: 'contoso', repo: 'registries', issue_number: 42, body: `${REVIEW_MARKER}\n## acrkit plan review\n` });
  });
});
