/**
 * Which argument a finding is about, and where it is written: the first argument path of the
 * message's `<what> <rule>` part (`georeplications[0].location must differ ...`) that the
 * registry's source wrote down (`.tf` inputs record every argument's line), else its nearest
 * written block. Findings about something not written (a missing setting) point at the resource.
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { argumentCandidates } from '../sources/values.js';

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
  // argumentAt for each path, with the keys it would try worked out once per message.
  for (const { name, keys } of pathsIn(message)) {
    for (const k of keys) {
      if (!Object.hasOwn(args, k)) continue;
      const at = args[k];
      if (at) return { name, file: at.file, line: at.line };
      break;
    }
  }
  return undefined;
}

/** One argument path of a message and the keys of `source.arguments` that may record it, in order. */
interface MessagePath {
  readonly name: string;
  readonly keys: readonly string[];
}

/** {@link pathsIn} by message: a rule makes the same message for many registries of a large input. */
const PATHS = new Map<string, readonly MessagePath[]>();

/** The argument paths of a message's `<what> <rule>` part (before `, got` or the first colon), in order. */
function pathsIn(message: string): readonly MessagePath[] {
  const cached = PATHS.get(message);
  if (cached) return cached;
  const head = message.split(/, got |: /)[0] ?? message;
  // A key tried twice finds nothing the first try did not: each once.
  const out = Array.from(head.matchAll(PATH), (m) => ({ name: m[0], keys: [...new Set(argumentCandidates(m[0]))] }));
  // Messages come from inputs too: bound the cache so a hostile input cannot grow it without end.
  if (PATHS.size >= 4096) PATHS.clear();
  PATHS.set(message, out);
  return out;
}
