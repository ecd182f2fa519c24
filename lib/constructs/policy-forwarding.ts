/**
 * cdktf 0.21 runs the aspects of each stack and of the stack's descendants only: an aspect
 * attached to the App (`Aspects.of(app).add(...)`) is never invoked. acrkit's policy checks
 * mark themselves with {@link POLICY_CHECKS}; every ContainerRegistry carries a small aspect
 * that hands itself to the policy checks attached above its stack, so the App-level form
 * works in any stack. (No import of the registry or the checks here: both import this file.)
 */
import { Aspects, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Marks an aspect as acrkit's policy checks (see AcrPolicyChecks). */
export const POLICY_CHECKS: unique symbol = Symbol.for('acrkit.policy-checks');

/** An aspect that is acrkit's policy checks. */
export interface PolicyChecksAspect extends IAspect {
  /** The marker. */
  readonly [POLICY_CHECKS]: true;
}

/** Whether `a` is acrkit's policy checks. */
export function isPolicyChecks(a: IAspect): a is PolicyChecksAspect {
  return (a as Partial<PolicyChecksAspect>)[POLICY_CHECKS] === true;
}

/** The stack `c` belongs to (the nearest TerraformStack scope), if any. */
export function stackOf(c: IConstruct): IConstruct | undefined {
  return [...c.node.scopes].reverse().find((s) => TerraformStack.isStack(s));
}

/** The policy checks attached to scopes above `c`'s stack, which cdktf itself never runs. */
export function policyChecksAboveStack(c: IConstruct): PolicyChecksAspect[] {
  const stack = stackOf(c);
  const scopes = stack ? stack.node.scopes.slice(0, -1) : c.node.scopes;
  return scopes.flatMap((s) => Aspects.of(s).all.filter(isPolicyChecks));
}

/**
 * Added to every ContainerRegistry: when cdktf visits the registry, runs the policy checks
 * attached above its stack on it (each check visits a registry once, so a check attached to
 * both the App and the stack reports once).
 */
export class ForwardAppPolicyChecks implements IAspect {
  constructor(private readonly registry: IConstruct) {}

  /** Called by cdktf for the registry and each of its children; acts on the registry only. */
  visit(node: IConstruct): void {
    if (node !== this.registry) return;
    for (const checks of policyChecksAboveStack(node)) checks.visit(node);
  }
}
