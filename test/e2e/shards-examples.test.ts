/**
 * examples/fleet-shards, run here as scripts with the compiled CLI (dist/):
 * - what-if-shards.yml: each matrix leg's `run:` steps in a workspace of its own, with
 *   `${{ matrix.shard }}` substituted; upload-artifact and download-artifact become folder copies;
 *   then the merge job's steps;
 * - k8s/shards-job.yaml: the pod command once per completion index (JOB_COMPLETION_INDEX 0..3),
 *   the volumes as folders; then k8s/merge-job.yaml's command.
 * Both must give the JSON (and Markdown) of one process, byte for byte. Steps that `uses:` any
 * other action (checkout, setup-node) are the runner's; `npm ci` becomes `.bin/acrkit`, as in a
 * repository that depends on acrkit, and `npx acrkit` runs it (binFolder). RUNS is lowered to 4
 * (one run a shard) to keep this quick.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { assertDistFresh } from '../support/dist.js';

const root = new URL('../../', import.meta.url).pathname;
const example = join(root, 'examples/fleet-shards');
const SCENARIO = 'examples/fleet-shards/what-if.yaml';
const RUNS = '4';
const acrkitBin = join(root, 'bin/acrkit.cjs');
let tmp: string;

interface Step {
  id: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
const workflow = parse(readFileSync(join(example, 'what-if-shards.yml'), 'utf8')) as { on: Record<string, unknown>; permissions: Record<string, string>; env: Record<string, string>; jobs: { shard: Job; merge: Job } };

beforeAll(() => {
  assertDistFresh();
  tmp = mkdtempSync(join(tmpdir(), 'acrkit-shards-examples-'));
});
afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

/** A user's repository after checkout: the scenario, a package.json; after `npm ci`, `.bin/acrkit`. */
function checkout(dir: string): string {
  mkdirSync(join(dir, dirname(SCENARIO)), { recursive: true });
  cpSync(join(root, SCENARIO), join(dir, SCENARIO));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'contoso-platform', private: true, devDependencies: { acrkit: '0.1.0' } }));
  return dir;
}
function npmCi(dir: string): void {
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(acrkitBin, join(dir, 'node_modules/.bin/acrkit'));
}

/**
 * A folder for the PATH with `npx`, as it behaves for a package installed in the working
 * directory: `npx acrkit ARGS` runs `node_modules/.bin/acrkit ARGS` (the real npx costs a second of
 * CPU a call, 7 calls here), and `acrkit` for the pods, as in the image.
 */
function binFolder(): string {
  const bin = join(tmp, 'bin');
  if (!existsSync(bin)) {
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'npx'), '#!/bin/sh\ncmd="$1"; shift\nexec "$PWD/node_modules/.bin/$cmd" "$@"\n', { mode: 0o755 });
    symlinkSync(acrkitBin, join(bin, 'acrkit'));
  }
  return bin;
}

const oneProcessCache = new Map<string, string>();
/** What one process gives: `acrkit simulate --runs 4` in a fresh checkout (run once a format). */
function oneProcess(format: string): string {
  if (!oneProcessCache.has(format)) {
    const dir = checkout(join(tmp, `one-${format}`));
    // --workers 0: the same result as any worker count, without starting threads.
    const r = spawnSync(process.execPath, [acrkitBin, 'simulate', '--scenario', SCENARIO, '--runs', RUNS, '--workers', '0', '--format', format], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 28 }); // the JSON is over spawnSync's 1 MiB default
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0); // the example's assertions hold
    oneProcessCache.set(format, r.stdout);
  }
  return oneProcessCache.get(format)!;
}

/** Runs a command to its end: exit status, stdout, stderr (many at once, as jobs and pods run). */
function exec(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** stderr but for the note that the HTML report was written. */
function quiet(stderr: string): string {
  return stderr.replace(/^acrkit: wrote the HTML report to .*\n/gm, '');
}

/** `*` in an artifact name pattern as a regular expression. */
function globName(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * Runs a job's steps in `workspace`: `run:` through bash -e (GitHub's default shell), artifacts
 * to and from `artifacts/<name>/`; returns the ids of the steps run and the outputs.
 */
async function runJob(job: Job, workspace: string, matrix: Record<string, string>, artifacts: string): Promise<{ ran: string[]; outputs: Record<string, Record<string, string>>; summary: string }> {
  const outputs: Record<string, Record<string, string>> = {};
  const expr = (s: string): string =>
    s
      .replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, k: string) => matrix[k] ?? '')
      .replace(/\$\{\{\s*steps\.(\w+)\.outputs\.(\w+)\s*\}\}/g, (_, id: string, key: string) => outputs[id]?.[key] ?? '');
  const summary = join(workspace, '..', `${workspace.split('/').pop()}.summary.md`);
  writeFileSync(summary, '');
  const ran: string[] = [];
  for (const step of job.steps) {
    if (step.if) {
      const m = /^steps\.(\w+)\.outputs\.(\w+) != '(.*)'$/.exec(step.if);
      expect(m).not.toBeNull();
      if ((outputs[m![1]!]?.[m![2]!] ?? '') === m![3]) continue;
    }
    const uses = step.uses?.split('@')[0];
    const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, typeof v === 'string' ? expr(v) : v])) as Record<string, unknown>;
    if (uses === 'actions/upload-artifact') {
      const from = join(workspace, w.path as string);
      expect(existsSync(from)).toBe(true); // if-no-files-found: error
      const to = join(artifacts, w.name as string);
      mkdirSync(to, { recursive: true });
      cpSync(from, (w.path as string).endsWith('/') ? to : join(to, from.split('/').pop()!), { recursive: true });
    } else if (uses === 'actions/download-artifact') {
      expect(w['merge-multiple']).toBe(true);
      const to = join(workspace, w.path as string);
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(artifacts).filter((n) => globName(w.pattern as string).test(n))) cpSync(join(artifacts, name), to, { recursive: true });
    } else if (uses) {
      expect(['actions/checkout', 'actions/setup-node']).toContain(uses); // the runner's side
      continue;
    } else if (/^npm ci$/.test(step.run!.trim())) {
      npmCi(workspace);
    } else {
      const outFile = join(workspace, '..', `${step.id}.out`);
      writeFileSync(outFile, '');
      const env: Record<string, string | undefined> = { ...process.env, ...workflow.env, RUNS, NODE_OPTIONS: '', CI: 'true', GITHUB_OUTPUT: outFile, GITHUB_STEP_SUMMARY: summary, PATH: `${binFolder()}:${process.env.PATH}` };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(v);
      const r = await exec('bash', ['-e', '-c', expr(step.run!)], workspace, env);
      expect(`${step.id}: exit ${r.status} ${quiet(r.stderr)}`).toBe(`${step.id}: exit 0 `);
      outputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string]));
    }
    ran.push(step.id);
  }
  return { ran, outputs, summary: readFileSync(summary, 'utf8') };
}

test('the workflow: a matrix of 4 shards, each uploading its part, and a merge job after them', () => {
  const { shard, merge } = workflow.jobs;
  expect(shard.strategy!.matrix.shard).toEqual([1, 2, 3, 4]);
  const simulate = shard.steps.find((s) => s.id === 'simulate')!.run!;
  expect(simulate).toContain('--shard ${{ matrix.shard }}/4');
  expect(merge.needs).toBe('shard');
  expect(workflow.permissions).toEqual({ contents: 'read' });
  expect(workflow.env.SCENARIO).toBe(SCENARIO);
});

test('the workflow steps, run in order: 4 shards + merge give the JSON and Markdown of one process, byte for byte', async () => {
  const artifacts = join(tmp, 'gh/artifacts');
  mkdirSync(artifacts, { recursive: true });
  // The matrix legs at once, as on GitHub, each in a workspace of its own.
  const legs = await Promise.all(workflow.jobs.shard.strategy!.matrix.shard.map((shard) => runJob(workflow.jobs.shard, checkout(join(tmp, `gh/shard-${shard}/ws`)), { shard: String(shard) }, artifacts)));
  for (const { ran } of legs) expect(ran).toEqual(['install', 'simulate', 'upload-part']);
  expect(readdirSync(artifacts).sort()).toEqual(['what-if-part-1', 'what-if-part-2', 'what-if-part-3', 'what-if-part-4']);
  const ws = checkout(join(tmp, 'gh/merge/ws'));
  const { ran, outputs, summary } = await runJob(workflow.jobs.merge, ws, {}, artifacts);
  expect(ran).toEqual(['install', 'download-parts', 'merge', 'upload-report']); // no verdict: the assertions hold
  expect(outputs.merge).toEqual({ exit: '0' });
  expect(readdirSync(join(ws, 'parts')).sort()).toEqual(['part-1.part', 'part-2.part', 'part-3.part', 'part-4.part']);
  expect(readFileSync(join(artifacts, 'what-if-report/result.json'), 'utf8')).toBe(oneProcess('json'));
  expect(summary).toBe(oneProcess('markdown'));
  expect(readFileSync(join(artifacts, 'what-if-report/report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
}, 120_000);

/** The one Job in a manifest file. */
function job(file: string): { spec: Record<string, unknown> & { template: { spec: { containers: Array<{ name: string; command: string[]; args: string[]; env: Array<{ name: string; value: string }>; volumeMounts: Array<{ name: string; mountPath: string }> }>; volumes: Array<Record<string, unknown> & { name: string }> } } } } {
  const docs = parseAllDocuments(readFileSync(join(example, 'k8s', file), 'utf8')).map((d) => d.toJS() as { kind: string });
  expect(docs.map((d) => d.kind)).toEqual(['Job']);
  return docs[0] as unknown as ReturnType<typeof job>;
}

/**
 * Runs a Job's container command as its pod would: `sh -c`, the container env (RUNS lowered),
 * the volumes as folders (their mount paths rewritten to the folders), acrkit on the PATH.
 */
function runPod(j: ReturnType<typeof job>, mounts: Record<string, string>, extraEnv: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const c = j.spec.template.spec.containers[0]!;
  expect(c.command).toEqual(['/bin/sh', '-c']);
  const mount = (s: string): string => c.volumeMounts.reduce((t, m) => t.split(m.mountPath).join(mounts[m.name]!), s);
  const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '', PATH: `${binFolder()}:${process.env.PATH}` };
  for (const e of c.env) env[e.name] = mount(e.value);
  Object.assign(env, extraEnv);
  return exec('/bin/sh', ['-c', mount(c.args[0]!)], join(tmp, 'k8s'), env);
}

test('the Kubernetes Indexed Job: pod k writes shard k+1 of 4; the merge Job gives the JSON of one process, byte for byte', async () => {
  const shards = job('shards-job.yaml');
  expect(shards.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4 });
  const container = shards.spec.template.spec.containers[0]!;
  expect(container.env.find((e) => e.name === 'SHARDS')!.value).toBe(String(shards.spec.completions));
  expect(shards.spec.template.spec.volumes.map((v) => v.name).sort()).toEqual(['parts', 'scenario']);
  // The volumes, as folders relative to the pod's working directory (tmp/k8s): the ConfigMap holds
  // the example scenario, at the path it has in the repository (the reports show the path given,
  // so they compare with the one process of the workflow test); the claim is a shared folder.
  const pod = join(tmp, 'k8s');
  const mounts = { scenario: dirname(SCENARIO), parts: 'pvc' };
  mkdirSync(join(pod, mounts.scenario), { recursive: true });
  mkdirSync(join(pod, mounts.parts), { recursive: true });
  cpSync(join(root, SCENARIO), join(pod, SCENARIO));
  // The pods at once (parallelism 4), pod k with JOB_COMPLETION_INDEX=k.
  const indices = Array.from({ length: shards.spec.completions as number }, (_, k) => k);
  const pods = await Promise.all(indices.map((index) => runPod(shards, mounts, { JOB_COMPLETION_INDEX: String(index), RUNS })));
  expect(pods.map((r, index) => `pod ${index}: exit ${r.status} ${r.stderr}`)).toEqual(indices.map((index) => `pod ${index}: exit 0 `));
  const folder = join(pod, mounts.parts, 'what-if');
  expect(readdirSync(folder).sort()).toEqual(['part-1.part', 'part-2.part', 'part-3.part', 'part-4.part']); // no temporary file left
  const [magic, header] = readFileSync(join(folder, 'part-2.part'), 'latin1').split('\n', 2);
  expect(magic).toBe('acrkit-simulation-part binary');
  expect(JSON.parse(header!)).toMatchObject({ shard: { index: 2, count: 4 }, runIndices: [1] });

  const merge = job('merge-job.yaml');
  const r = await runPod(merge, mounts, {});
  expect(quiet(r.stderr)).toBe('');
  expect(r.status).toBe(0);
  // The log is the Markdown report, and the JSON beside the parts is that of one process.
  expect(readFileSync(join(folder, 'report/what-if.json'), 'utf8')).toBe(oneProcess('json'));
  expect(r.stdout).toBe(oneProcess('markdown'));
  expect(existsSync(join(folder, 'report/what-if.html'))).toBe(true);
}, 120_000);
