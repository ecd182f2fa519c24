/**
 * Every stack's problems at once. cdktf synthesizes stack after stack and stops at the first
 * with a failed validation or an error annotation; AcrStack runs this before any stack is
 * synthesized, so one synth names every registry's problems in every stack: what Azure would
 * reject (the tier gates) and the policy findings that fail the synth.
 */
import { Annotations, App, Aspects } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AcrkitError } from '../errors.js';
import { counted } from '../format/counts.js';
import { ContainerRegistry } from './container-registry.js';
import { AcrPolicyChecks } from './policy-aspect.js';
import { policyChecksAboveStack, stackOf } from './policy-forwarding.js';

/** Problems in one or more stacks of an app, found before any stack was synthesized. */
export class AppProblemsError extends AcrkitError {
  override name = 'AppProblemsError' as const;
  constructor(
    /** Each problem as `[construct path] message`. */
    readonly problems: readonly string[],
    /** Stacks with a problem. */
    readonly stacks: number,
  ) {
    super(`acrkit found ${counted(problems.length, 'problem')} in ${counted(stacks, 'stack')} (every stack is checked before synth stops):\n  ${problems.join('\n  ')}`);
  }
}

const checked = new WeakSet<IConstruct>();

/**
 * Checks every ContainerRegistry of the app `stack` belongs to, once per app, and throws
 * {@link AppProblemsError} with all problems found. With the App's `skipValidation`, tier
 * problems become warnings that say `acrkit check cdktf.out` still catches them.
 */
export function checkWholeApp(stack: IConstruct): void {
  const root = stack.node.root;
  if (checked.has(root)) return;
  checked.add(root);
  const skipValidation = App.isApp(root) && root.skipValidation;
  const registries = root.node.findAll().filter((c): c is ContainerRegistry => c instanceof ContainerRegistry);
  const problems: string[] = [];
  const stacks = new Set<IConstruct>();
  const add = (reg: ContainerRegistry, message: string): void => {
    problems.push(`[${reg.node.path}] ${message}`);
    stacks.add(stackOf(reg) ?? root);
  };
  for (const reg of registries) {
    for (const message of reg.node.validate()) {
      if (!skipValidation) add(reg, message);
      else Annotations.of(reg).addWarning(`skipValidation is on, so this does not stop the synth: ${message} (Azure rejects it at apply; acrkit check cdktf.out reports it)`);
    }
    const aspects = new Set([...reg.node.scopes.flatMap((s) => Aspects.of(s).all), ...policyChecksAboveStack(reg)]);
    for (const a of aspects) {
      if (a instanceof AcrPolicyChecks) for (const f of a.failing(reg)) add(reg, `[${f.ruleId}] ${f.message}`);
    }
  }
  if (!registries.length && Aspects.of(root).all.some((a) => a instanceof AcrPolicyChecks)) {
    Annotations.of(stack).addWarning('AcrPolicyChecks on the app visited no ContainerRegistry, got none in any stack: add registries or remove the check.');
  }
  if (problems.length) throw new AppProblemsError(problems, stacks.size);
}
