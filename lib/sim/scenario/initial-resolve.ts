/**
 * Attaches each registry's `initial:` content (top-level `initial:` keyed by registry name or
 * address, or an inline registry's own `initial`) to the resolved registries: figures by hand
 * through initial.ts, Azure CLI exports through the files lib/workflows/load-initial.ts read.
 */
import { pointerSegment, showValue } from './parse.js';
import { initialFromExports, initialFromFigures, type ErrorSink } from './initial.js';
import type { AzExports } from './initial-exports.js';
import type { SimRegistry } from './model.js';
import type { InitialInput, ScenarioInput } from './types.js';

/** Every `initial` of a scenario with its JSON pointer and the registry it names. */
export function initialEntries(s: ScenarioInput): Array<{ readonly key: string; readonly input: InitialInput; readonly pointer: string }> {
  const out: Array<{ key: string; input: InitialInput; pointer: string }> = [];
  (s.registries ?? []).forEach((r, i) => {
    if (typeof r !== 'string' && r.initial) out.push({ key: r.name, input: r.initial, pointer: `/registries/${i}/initial` });
  });
  for (const [key, input] of Object.entries(s.initial ?? {})) out.push({ key, input, pointer: `/initial/${pointerSegment(key)}` });
  return out;
}

/** Time of day 0 in ms for imports: `from.asOf`, else the scenario's `start`. */
function asOfMs(input: InitialInput, start: string | undefined, p: string, err: ErrorSink): number | undefined {
  const v = input.from?.asOf ?? start;
  if (v === undefined) return undefined;
  const t = Date.parse(`${v}T00:00:00Z`);
  if (Number.isNaN(t)) {
    // A bad `start` is reported where it is checked (resolve.ts), once.
    if (input.from?.asOf !== undefined) err(`${p}/from/asOf`, `${p}/from/asOf must be a date, got ${showValue(v)}: write YYYY-MM-DD`);
    return undefined;
  }
  return t;
}

/**
 * The registries with their `initial` content. `exports` holds the parsed files of each
 * `initial.from`, keyed by the pointer of that `from` (absent: the scenario was not loaded from
 * a file, and `from` is an error).
 */
export function withInitial(s: ScenarioInput, registries: readonly SimRegistry[], err: ErrorSink, exports?: ReadonlyMap<string, AzExports>): SimRegistry[] {
  const out = [...registries];
  const seen = new Set<number>();
  for (const { key, input, pointer: p } of initialEntries(s)) {
    const i = out.findIndex((r) => r.name === key || r.address === key);
    if (i < 0) {
      if (out.length) err(p, `${p} must name a registry of the scenario, got ${showValue(key)}: use one of ${out.map((r) => `'${r.name}'`).join(', ')}`);
      continue;
    }
    if (seen.has(i)) {
      err(p, `${p} must be the only initial content of registry ${showValue(out[i]!.name)}, got a second one: keep one`);
      continue;
    }
    seen.add(i);
    let inv;
    if (input.from) {
      const figures = (['taggedBytes', 'untaggedBytes', 'repositories', 'tagsPerRepository', 'manifestsPerRepository', 'age'] as const).filter((k) => input[k] !== undefined);
      if (figures.length) {
        err(`${p}/${figures[0]}`, `${p} must give figures or from, got both (${figures.join(', ')} beside from): drop the figures, the exports give them`);
        continue;
      }
      const x = exports?.get(`${p}/from`);
      if (x?.reported) continue; // its files' errors are reported already
      if (!x) {
        err(`${p}/from`, `${p}/from needs its files read, got a scenario given as data: load it with acrkit simulate --scenario (or loadScenario)`);
        continue;
      }
      inv = initialFromExports(x, asOfMs(input, s.start, p, err), p, err);
    } else inv = initialFromFigures(input, p, err);
    if (!inv) continue;
    const reg = out[i]!;
    out[i] = { ...reg, initial: inv, assumptions: [...(reg.assumptions ?? []), ...inv.assumptions] };
  }
  return out;
}
