/**
 * Policy checks over the construct tree, like cdk-nag: an Aspect that evaluates every
 * ContainerRegistry during synth and reports findings as annotations at the registry's
 * construct path (errors fail the synth), and `AcrPolicy.suppress` to accept a finding
 * on a construct or any of its ancestors.
 */
import { Annotations, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { evaluate } from '../policy/engine.js';
import type { FailOn, Finding } from '../policy/finding.js';
import type { PackOptions, Severity } from '../policy/rule.js';
import { suppressionProblem, type Suppression } from '../policy/suppressions.js';
import { AcrkitError } from '../errors.js';
import { ContainerRegistry } from './container-registry.js';
import { POLICY_CHECKS, stackOf } from './policy-forwarding.js';

/** Metadata type under which suppressions are stored on a construct. */
export const SUPPRESSIONS_METADATA = 'acrkit:policy-suppressions';

/** A suppression written in code. */
export interface PolicySuppression {
  /** Rule id, e.g. `ACR-SEC-004`. */
  readonly id: string;
  /** Why the finding is accepted (at least 10 characters). */
  readonly reason: string;
}

/** A suppression that breaks the rules (unknown rule id, reason too short). */
export class InvalidSuppressionError extends AcrkitError {
  override name = 'InvalidSuppressionError' as const;
  constructor(
    /** Construct path the suppression was added to. */
    readonly path: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`[${path}] ${reason}`);
  }
}

/** Suppressions on constructs. */
export class AcrPolicy {
  /**
   * Accepts findings of the given rules on `construct` and everything below it.
   * Throws {@link InvalidSuppressionError} for an unknown rule id or a reason under 10 characters.
   */
  static suppress(construct: IConstruct, suppressions: readonly PolicySuppression[]): void {
    for (const s of suppressions) {
      const problem = suppressionProblem(s);
      if (problem) throw new InvalidSuppressionError(construct.node.path, problem);
    }
    construct.node.addMetadata(SUPPRESSIONS_METADATA, suppressions.map((s) => ({ id: s.id, reason: s.reason })));
  }

  /** The suppressions on `construct` and its ancestors, as the engine takes them. */
  static suppressionsOf(construct: IConstruct): Suppression[] {
    const out: Suppression[] = [];
    for (const scope of construct.node.scopes) {
      for (const m of scope.node.metadata) {
        if (m.type !== SUPPRESSIONS_METADATA) continue;
        for (const s of m.data as PolicySuppression[]) {
          out.push({ id: s.id, reason: s.reason, kind: 'inSource', origin: scope.node.path || '(app)' });
        }
      }
    }
    return out;
  }
}

/** Props of {@link AcrPolicyChecks}. */
export interface AcrPolicyChecksProps {
  /**
   * Packs to run.
   * @default - every pack
   */
  readonly packs?: readonly string[];
  /**
   * Findings at or above this severity become error annotations and fail the synth; the
   * rest become warnings (severity warning) or infos.
   * @default 'error'
   */
  readonly failOn?: FailOn;
  /**
   * Pack options.
   * @default {}
   */
  readonly options?: PackOptions;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * The Aspect: `Aspects.of(app).add(new AcrPolicyChecks({ packs: ['security'] }))` checks every
 * ContainerRegistry of every stack (cdktf itself runs only stack-level aspects; see
 * policy-forwarding.ts); `Aspects.of(stack)` checks one stack. Each finding becomes an
 * annotation on the ContainerRegistry, prefixed with its rule id; findings at or above
 * `failOn` are errors and fail the synth. A stack it visits without a registry gets a warning,
 * so a check attached to the wrong scope is never silent.
 */
export class AcrPolicyChecks implements IAspect {
  /** Marks the aspect for the App-level forwarding. */
  readonly [POLICY_CHECKS] = true as const;
  private readonly visited = new WeakSet<IConstruct>();
  private readonly stacksWithRegistry = new WeakSet<IConstruct>();
  private readonly watchedStacks = new WeakSet<IConstruct>();
  constructor(private readonly props: AcrPolicyChecksProps = {}) {}

  /** Called by cdktf for every construct during synth. */
  visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) this.watch(node);
    if (!(node instanceof ContainerRegistry) || this.visited.has(node)) return;
    this.visited.add(node);
    const stack = stackOf(node);
    if (stack) this.stacksWithRegistry.add(stack);
    const failOn = this.props.failOn ?? 'error';
    const a = Annotations.of(node);
    for (const f of this.findings(node)) {
      const text = `[${f.ruleId}] ${f.message}`;
      if (f.suppressed) a.addInfo(`${text} (suppressed: ${f.reason ?? ''})`);
      else if (f.status === 'unknown') a.addInfo(`${text} (unknown)`);
      else if (failOn !== 'never' && RANK[f.severity] >= RANK[failOn]) a.addError(text);
      else if (f.severity === 'info') a.addInfo(text);
      else a.addWarning(text);
    }
  }

  /** The findings of the packs on one registry, its suppressions applied. */
  findings(registry: ContainerRegistry): Finding[] {
    return evaluate([registry.spec], {
      ...(this.props.packs ? { packs: this.props.packs } : {}),
      ...(this.props.options ? { options: this.props.options } : {}),
      suppressions: AcrPolicy.suppressionsOf(registry),
    }).findings;
  }

  /** The findings on `registry` that fail the synth (unsuppressed, decided, at or above `failOn`). */
  failing(registry: ContainerRegistry): Finding[] {
    const failOn = this.props.failOn ?? 'error';
    if (failOn === 'never') return [];
    return this.findings(registry).filter((f) => !f.suppressed && f.status === 'non-compliant' && RANK[f.severity] >= RANK[failOn]);
  }

  /** After the stack's aspects ran: a warning on the stack when no registry was visited in it. */
  private watch(stack: IConstruct): void {
    if (this.watchedStacks.has(stack)) return;
    this.watchedStacks.add(stack);
    stack.node.addValidation({
      validate: () => {
        if (!this.stacksWithRegistry.has(stack)) {
          Annotations.of(stack).addWarning(
            `AcrPolicyChecks visited no ContainerRegistry in stack ${stack.node.path}, got none to check: attach it to the stack or the app that holds the registries, or remove it.`,
          );
        }
        return [];
      },
    });
  }
}
