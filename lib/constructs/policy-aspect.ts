/**
 * Policy checks over the construct tree, like cdk-nag: an Aspect that evaluates every
 * ContainerRegistry during synth and reports findings as annotations at the registry's
 * construct path (errors fail the synth), and `AcrPolicy.suppress` to accept a finding
 * on a construct or any of its ancestors.
 */
import { Annotations, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { evaluate } from '../policy/engine.js';
import type { FailOn } from '../policy/finding.js';
import type { PackOptions, Severity } from '../policy/rule.js';
import { suppressionProblem, type Suppression } from '../policy/suppressions.js';
import { AcrkitError } from '../errors.js';
import { ContainerRegistry } from './container-registry.js';

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
 * The Aspect: `Aspects.of(app).add(new AcrPolicyChecks({ packs: ['security'] }))`.
 * Each finding becomes an annotation on the ContainerRegistry, prefixed with its rule id.
 */
export class AcrPolicyChecks implements IAspect {
  private readonly visited = new WeakSet<IConstruct>();
  constructor(private readonly props: AcrPolicyChecksProps = {}) {}

  /** Called by cdktf for every construct during synth. */
  visit(node: IConstruct): void {
    if (!(node instanceof ContainerRegistry) || this.visited.has(node)) return;
    this.visited.add(node);
    const failOn = this.props.failOn ?? 'error';
    const report = evaluate([node.spec], {
      ...(this.props.packs ? { packs: this.props.packs } : {}),
      ...(this.props.options ? { options: this.props.options } : {}),
      suppressions: AcrPolicy.suppressionsOf(node),
    });
    const a = Annotations.of(node);
    for (const f of report.findings) {
      const text = `[${f.ruleId}] ${f.message}`;
      if (f.suppressed) a.addInfo(`${text} (suppressed: ${f.reason ?? ''})`);
      else if (f.status === 'unknown') a.addInfo(`${text} (unknown)`);
      else if (failOn !== 'never' && RANK[f.severity] >= RANK[failOn]) a.addError(text);
      else if (f.severity === 'info') a.addInfo(text);
      else a.addWarning(text);
    }
  }
}
