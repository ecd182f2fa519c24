/** Process exit codes of the acrkit CLI. */
export const ExitCode = {
  /** Nothing at or above the failure threshold. */
  OK: 0,
  /** Findings at or above `--fail-on`, or failed assertions. */
  FAILED: 1,
  /** Bad usage or unreadable input. */
  USAGE: 2,
  /** A bug in acrkit. */
  INTERNAL: 70,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
