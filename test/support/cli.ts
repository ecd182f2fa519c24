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
}

/** Runs `acrkit <argv>` with fake streams. */
export async function runCli(argv: string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (t) => { stdout += t; },
    err: (t) => { stderr += t; },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
