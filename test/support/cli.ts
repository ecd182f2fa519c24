/**
 * Runs the CLI in-process with captured output.
 */
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** How many times the CLI read standard input. */
  readonly stdinReads: number;
}

/**
 * Runs `acrkit <argv>` with fake streams; `stdin` is what standard input holds (the CLI
 * reads it only for `-`).
 */
export async function runCli(argv: string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean; stdin?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let stdinReads = 0;
  const io: CliIO = {
    out: (t) => { stdout += t; },
    err: (t) => { stderr += t; },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => {
      stdinReads++;
      return options.stdin ?? '';
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, stdinReads };
}
