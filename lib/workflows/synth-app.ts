/**
 * A cdktf project directory as an input: run its app (the `app` command of its cdktf.json, as
 * `cdktf synth` does) into `<dir>/cdktf.out`, then read the synthesized stacks.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** How long an app may take to synthesize. */
export const SYNTH_TIMEOUT_MS = 180_000;

/** Runs a shell command in `cwd` and collects its exit code and the end of its output. */
function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'], timeout: SYNTH_TIMEOUT_MS });
    let output = '';
    const keep = (b: Buffer): void => {
      output = (output + b.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => resolve({ code: null, output: e.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Synthesizes the cdktf app in `dir` into `<dir>/cdktf.out` and returns that folder, or an
 * InputError naming cdktf.json, the exit code and the app's last lines of output.
 *
 * @param dir absolute path of a directory holding cdktf.json
 * @param shownDir the directory as the user wrote it, for messages
 */
export async function synthesizeApp(dir: string, shownDir: string): Promise<string | InputError> {
  const file = join(shownDir, 'cdktf.json');
  let app: unknown;
  try {
    app = (JSON.parse(await readFile(join(dir, 'cdktf.json'), 'utf8')) as { app?: unknown }).app;
  } catch (e) {
    return new InputError({ file }, `cdktf.json must be readable JSON, got ${(e as Error).message}: fix the file or pass the synthesized cdktf.out folder instead.`);
  }
  if (typeof app !== 'string' || app.trim() === '') {
    return new InputError({ file, pointer: '/app' }, `app must be the command that runs the cdktf app, got ${JSON.stringify(app) ?? 'nothing'}: set it (e.g. "npx tsx main.ts") or pass the synthesized cdktf.out folder.`);
  }
  const outdir = join(dir, 'cdktf.out');
  const { code, output } = await run(app, dir, { ...process.env, CDKTF_OUTDIR: outdir });
  if (code !== 0) {
    const tail = output.trim().split('\n').slice(-8).join('\n  ');
    return new InputError(
      { file, pointer: '/app' },
      `the cdktf app must synthesize, got ${code === null ? 'no exit (it failed to start or timed out)' : `exit code ${code}`} from \`${app}\`:\n  ${tail}\n  fix the app (run \`npx cdktf synth\` in ${shownDir} to see it) or pass a synthesized cdktf.out folder.`,
    );
  }
  return outdir;
}
