/**
 * The parity table of docs/rules.md: every peer tool's registry check and the acrkit rule that
 * makes the same decision, or why acrkit decides differently (lib/policy/parity.ts).
 */
import { PEER_CHECKS } from '../../lib/index.js';
import { prose, table } from './tables.js';

const TOOL = { checkov: 'Checkov', psrule: 'PSRule for Azure', 'azure-policy': 'Azure Policy' } as const;

/** The parity table, one row per peer check, grouped by tool. */
export function parityTable(): string {
  const rows = PEER_CHECKS.map((p) => [TOOL[p.tool], `\`${p.id}\``, prose(p.checks), p.rule ?? '-', prose(p.divergence ?? 'same decision')]);
  const mapped = PEER_CHECKS.filter((p) => p.rule).length;
  return `${PEER_CHECKS.length} peer checks: ${mapped} with an acrkit rule, ${PEER_CHECKS.length - mapped} with a stated divergence.\n\n${table(['Tool', 'Check', 'What it checks', 'acrkit rule', 'Divergence'], rows)}`;
}
