/** Every pack and its rules. */
import { UsageError } from '../../errors.js';
import { PACK_NAMES, type PackName, type Rule } from '../rule.js';
import { AZURE_RULES } from './azure-rules.js';
import { HYGIENE_COST_RULES } from './hygiene-cost.js';
import { RESILIENCE_RULES } from './resilience.js';
import { SECURITY_RULES } from './security.js';

/** Rules per pack. */
export const PACKS: Readonly<Record<PackName, readonly Rule[]>> = {
  security: SECURITY_RULES,
  resilience: RESILIENCE_RULES,
  'hygiene-cost': HYGIENE_COST_RULES,
  'azure-rules': AZURE_RULES,
};

/** Every rule of every pack. */
export const ALL_RULES: readonly Rule[] = PACK_NAMES.flatMap((p) => PACKS[p]);

/** A rule by id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

/** Whether `name` is a pack name. */
export function isPackName(name: string): name is PackName {
  return (PACK_NAMES as readonly string[]).includes(name);
}

/** The rules of the named packs; throws {@link UsageError} for an unknown pack. */
export function rulesOf(packs: readonly string[]): Rule[] {
  return packs.flatMap((p) => {
    if (!isPackName(p)) throw new UsageError(`pack must be one of ${PACK_NAMES.join(', ')}, got '${p}': pass --pack security (or another pack).`);
    return PACKS[p];
  });
}
