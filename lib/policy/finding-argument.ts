/**
 * Which argument a finding is about, and where it is written: the first argument path of the
 * message's `<what> <rule>` part (`georeplications[0].location must differ ...`) that the
 * registry's source wrote down (`.tf` inputs record every argument's line), else its nearest
 * written block. Findings about something not written (a missing setting) point at the resource.
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { argumentAt } from '../sources/values.js';

/** The argument a finding is about: its path as the message names it, file and line. */
export interface FindingArgument {
  /** Argument path as the message names it, e.g. `georeplications[0].location`. */
  readonly name: string;
  /** File it is written in (a module's caller for a value passed in). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

const PATH = /[a-z_][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])?)*/g;

/** The written argument a finding's message (in Terraform names) is about, when the source recorded it. */
export function findingArgument(spec: RegistrySpec, message: string): FindingArgument | undefined {
  const args = spec.source.arguments;
  if (!args) return undefined;
  // The `<what> <rule>` part: before `, got` or the first colon.
  const head = message.split(/, got |: /)[0] ?? message;
  for (const m of head.matchAll(PATH)) {
    const name = m[0];
    const at = argumentAt(args, name);
    if (at) return { name, file: at.file, line: at.line };
  }
  return undefined;
}
