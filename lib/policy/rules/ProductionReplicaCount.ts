/** ACR-RES-005: production registries have the required number of geo-replicas. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** Values of the production tag that mean production when the options name none. */
const DEFAULT_PRODUCTION_VALUES: readonly string[] = ['production', 'prod'];

/** Whether `tag` is one of `values`, compared case-insensitively (asked of every registry: no copy of the list). */
function isProductionValue(tag: string, values: readonly string[]): boolean {
  const lower = tag.toLowerCase();
  for (let i = 0; i < values.length; i++) if (values[i]!.toLowerCase() === lower) return true;
  return false;
}

/** Registries tagged as production must have at least N geo-replicas (pack option). */
export const ProductionReplicaCount: Rule = {
  id: 'ACR-RES-005',
  name: 'ProductionReplicaCount',
  pack: 'resilience',
  severity: 'error',
  info: 'A production registry has fewer geo-replicas than required.',
  explanation:
    'Production registries (tag env=production or env=prod by default) must survive a regional outage, which takes at least one geo-replica (Premium). The tag and the count are pack options: packOptions.resilience.productionTagKey, productionTagValues and productionMinReplicas in acrkit.config.json.',
  references: [],
  check: (s, ctx) => {
    const o = ctx.options.resilience ?? {};
    const key = o.productionTagKey ?? 'env';
    const values = o.productionTagValues ?? DEFAULT_PRODUCTION_VALUES;
    const min = o.productionMinReplicas ?? 1;
    if (isUnknown(s.tags)) return [undecided(`tag ${key}`, s.tags, `tags.${key}`)];
    const tag = s.tags[key];
    if (tag === undefined || !isProductionValue(tag, values)) return 'not-applicable';
    if (isUnknown(s.replicas)) return [undecided('replicas', s.replicas, 'georeplications')];
    if (s.replicas.length >= min) return 'compliant';
    return [
      violation(
        `replicas must number at least ${min} for a registry tagged ${key}=${tag}, got ${s.replicas.length}: add replicas (Premium) or change the tag.`,
        `georeplications must number at least ${min} for a registry tagged ${key}=${tag}, got ${s.replicas.length}: add georeplications blocks (sku = "Premium") or change the tag.`,
      ),
    ];
  },
};
