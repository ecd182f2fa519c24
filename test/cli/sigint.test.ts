/**
 * SIGINT (and SIGTERM) during `acrkit simulate --out FILE`: the compiled CLI stops its worker
 * threads, writes nothing (no FILE, no temporary file beside it) and exits 128 + the signal
 * (130, 143), as a shell reports a process the signal ended.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDistFresh } from '../support/dist.js';

const root = new URL('../../', import.meta.url).pathname;
let dir: string;

/** A scenario that takes minutes of CPU: 40 runs of a year of 10,000 pushes a day. */
const HEAVY = {
  name: 'long',
  horizon: 'P365D',
  seed: 1,
  runs: 40,
  registries: [{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['eastus'] }],
  workloads: [{ preset: 'docker-hub-2017', repositories: { initial: 1000, growthPerMonth: 0 }, pushes: { perRepositoryPerDay: 10 }, tags: { strategy: 'unique', perRepository: 1 } }],
};

beforeAll(() => {
  assertDistFresh();
  dir = mkdtempSync(join(tmpdir(), 'acrkit-sigint-'));
  writeFileSync(join(dir, 'long.json'), JSON.stringify(HEAVY));
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

/** CPU seconds process `pid` has used (Linux), or undefined elsewhere. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/**
 * Runs `acrkit simulate` on the heavy scenario, sends `signal` once the simulation is under way
 * (the process has used 1.2 s of CPU, more than loading takes; 4 s of wall time where /proc is
 * missing), and resolves with the exit code, signal and stderr.
 */
function interrupted(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [join(root, 'dist/lib/cli/main-bin.js'), 'simulate', '--scenario', 'long.json', '--allow-large', ...args], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const started = Date.now();
  const poll = setInterval(() => {
    const cpu = cpuSeconds(child.pid!);
    if ((cpu !== undefined && cpu >= 1.2) || (cpu === undefined && Date.now() - started > 4000)) {
      clearInterval(poll);
      child.kill(signal);
    }
  }, 50);
  return new Promise((resolve) => {
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stderr });
    });
  });
}

test.each([
  ['SIGINT', 130, ['--out', 'report.json', '--format', 'json', '--workers', '2']],
  ['SIGTERM', 143, ['--shard', '1/2', '--out', 'parts/1.json', '--workers', '2']],
] as Array<[NodeJS.Signals, number, string[]]>)('%s during simulate --out: exit %d, no file, no temporary file', async (signal, exit, args) => {
  const r = await interrupted(args, signal);
  expect(r).toEqual({ code: exit, signal: null, stderr: `acrkit: simulation interrupted (${signal}): the workers were stopped and nothing was written.\n` });
  expect(readdirSync(dir)).toEqual(existsSync(join(dir, 'parts')) ? ['long.json', 'parts'] : ['long.json']);
  if (existsSync(join(dir, 'parts'))) expect(readdirSync(join(dir, 'parts'))).toEqual([]);
}, 60_000);
