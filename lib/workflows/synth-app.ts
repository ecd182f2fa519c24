/**
 * A cdktf project directory as an input: run its app (the `app` command of its cdktf.json, as
 * `cdktf synth` does) into `<dir>/cdktf.out`, then read the synthesized stacks.
 *
 * Running the app runs the folder's code: acrkit does it only for a folder the user names on the
 * command line (never for a path from a scenario or a config file, never with `--no-synth`), with
 * an environment limited to what cdktf needs, and shows only the last lines of the app's stderr
 * with secret-looking values masked.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** How long an app may take to synthesize. */
export const SYNTH_TIMEOUT_MS = 180_000;

/** How many of the app's last stderr lines an error shows. */
export const SYNTH_STDERR_LINES = 8;

/** Names of the environment variables passed to a cdktf app, exactly. */
const ENV_NAMES = new Set(['PATH', 'HOME', 'TMPDIR', 'LANG']);
/** Prefixes of the environment variables passed to a cdktf app. */
const ENV_PREFIXES = ['NODE_', 'npm_', 'CDKTF_', 'TF_', 'ARM_', 'ACRKIT_'];

/**
 * The environment a cdktf app runs with: only PATH, HOME, TMPDIR, LANG and the `NODE_*`,
 * `npm_*`, `CDKTF_*`, `TF_*`, `ARM_*` and `ACRKIT_*` variables of `env`.
 *
 * @param env the environment to filter (usually process.env)
 */
export function synthEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (ENV_NAMES.has(k) || ENV_PREFIXES.some((p) => k.startsWith(p))) out[k] = v;
  }
  return out;
}

/** Names that make a `NAME=value` or `NAME: value` pair secret. */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PWD|KEY|CREDENTIAL|AUTH)/i;

/**
 * Masks secret-looking values in a line of a child's output: `NAME=value` / `NAME: value` pairs
 * whose name contains SECRET, TOKEN, PASSWORD, KEY and the like, `Bearer`/`Basic` credentials,
 * userinfo in URLs, PEM blocks, JWTs, GitHub and npm tokens, and long base64 or hex runs.
 *
 * @param text output of a child process
 */
export function maskSecrets(text: string): string {
  return text
    .replace(/-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g, '***')
    .replace(/\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 ***')
    .replace(/\b([A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/g, (m, name: string, sep: string) => (SECRET_NAME.test(name) ? `${name}${sep}***` : m))
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@')
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '***')
    .replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|npm_[A-Za-z0-9]{20,}|xox[a-z]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g, '***')
    .replace(/\b[A-Za-z0-9+/_-]{32,}={0,2}/g, '***');
}

/** Runs a shell command in `cwd` and collects its exit code and the end of its stderr. */
function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'ignore', 'pipe'], timeout: SYNTH_TIMEOUT_MS });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-4000);
    });
    child.on('error', () => resolve({ code: null, stderr: '' }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** The last lines of a child's stderr, masked and without control characters. */
function tailOf(stderr: string): string {
  // Masked as a whole first (a PEM block spans lines), then per line (the cut may split one).
  return maskSecrets(stderr)
    .trim()
    .split(/\r?\n/)
    .slice(-SYNTH_STDERR_LINES)
    .map((l) => maskSecrets(l).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').slice(0, 300))
    .join('\n  ');
}

/**
 * The input error for a cdktf project folder acrkit must not synthesize.
 *
 * @param shownDir the folder as the user (or the scenario) wrote it
 * @param why who named it: `'scenario'` (a data file) or `'no-synth'` (`--no-synth` given)
 */
export function noSynthError(shownDir: string, why: 'scenario' | 'no-synth'): InputError {
  const got = why === 'scenario' ? 'a cdktf project folder named by a scenario or config file (data never runs code)' : 'a cdktf project folder with --no-synth';
  return new InputError(
    { file: join(shownDir, 'cdktf.json') },
    `input folder must be synthesized before acrkit reads it, got ${got}: run \`npx cdktf synth\` in ${shownDir} and pass ${join(shownDir, 'cdktf.out')} instead.`,
  );
}

/**
 * Synthesizes the cdktf app in `dir` into `<dir>/cdktf.out` and returns that folder, or an
 * InputError naming cdktf.json, the exit code and the app's last lines of stderr (masked).
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
    const why = e instanceof SyntaxError ? 'invalid JSON' : ((e as NodeJS.ErrnoException).code ?? 'an unreadable file');
    return new InputError({ file }, `cdktf.json must be readable JSON, got ${why}: fix the file or pass the synthesized cdktf.out folder instead.`);
  }
  if (typeof app !== 'string' || app.trim() === '') {
    return new InputError({ file, pointer: '/app' }, `app must be the command that runs the cdktf app, got ${typeof app === 'string' ? 'an empty string' : typeof app}: set it (e.g. "npx tsx main.ts") or pass the synthesized cdktf.out folder.`);
  }
  const outdir = join(dir, 'cdktf.out');
  const { code, stderr } = await run(app, dir, { ...synthEnvironment(process.env), CDKTF_OUTDIR: outdir });
  if (code !== 0) {
    const tail = tailOf(stderr);
    return new InputError(
      { file, pointer: '/app' },
      `the cdktf app must synthesize, got ${code === null ? 'no exit (it failed to start or timed out)' : `exit code ${code}`}${tail ? `; the end of its stderr (secrets masked):\n  ${tail}\n` : ''}: fix the app (run \`npx cdktf synth\` in ${shownDir} to see it) or pass a synthesized cdktf.out folder.`,
    );
  }
  return outdir;
}
