/**
 * Resolves a scenario's `variants:` list (checked by the schema first): registry names, replica
 * regions (by the model's replica rules, against the home of every registry a variant changes),
 * unique variant names. Called by the scenario resolver, which reports every problem
 * at once with file, line and pointer.
 */
import { showValue } from '../scenario/parse.js';
import type { SimReplica } from '../scenario/model.js';
import type { ReplicaInput, VariantInput } from '../scenario/types.js';
import type { SimVariant, VariantSet } from './types.js';

/** What the scenario resolver lends to {@link resolveVariants}. */
export interface VariantResolverContext {
  /** Records a problem at a JSON pointer. */
  err(pointer: string, text: string): void;
  /**
   * A replica list resolved to canonical regions and checked by the model's replica rules
   * (each region once, none the home of a registry in `registries`; null = every registry):
   * records a problem per offending replica at its pointer.
   */
  replicas(list: readonly ReplicaInput[], pointer: string, registries: readonly string[] | null): SimReplica[];
  /** Registry names a selector names (null = every registry); records a problem when it names none. */
  select(selector: string | undefined, pointer: string): string[] | null;
}

/** The scenario's variants, resolved (problems go to `ctx.err`). */
export function resolveVariants(list: readonly VariantInput[], ctx: VariantResolverContext): SimVariant[] {
  const seen = new Map<string, number>();
  return list.map((v, i) => {
    const p = `/variants/${i}`;
    const first = seen.get(v.name);
    if (first !== undefined) ctx.err(`${p}/name`, `${p}/name must be unique among the variants, got ${showValue(v.name)} again (variant ${first} has it): rename one`);
    else seen.set(v.name, i);
    const registries = ctx.select(v.registry, `${p}/registry`);
    const s = v.set ?? {};
    const set: { -readonly [K in keyof VariantSet]: VariantSet[K] } = {};
    if (s.tier !== undefined) set.tier = s.tier;
    if (s.retentionDays !== undefined) set.retentionDays = s.retentionDays;
    if (s.softDeleteDays !== undefined) set.softDeleteDays = s.softDeleteDays;
    if (s.replicas !== undefined) set.replicas = ctx.replicas(s.replicas, `${p}/set/replicas`, registries);
    return { name: v.name, registries, set };
  });
}
