/** ACR-SEC-014: pull-through cache rules bring upstream images in unreviewed. */
import { counted } from '../../format/counts.js';
import { violation, type Rule } from '../rule.js';

/** Cache rules let anyone who can pull fetch any upstream image under the rule's path. */
export const CacheRulesReviewed: Rule = {
  id: 'ACR-SEC-014',
  name: 'CacheRulesReviewed',
  pack: 'security',
  severity: 'info',
  info: 'The registry pulls upstream images through cache rules.',
  explanation:
    'A cache rule (artifact cache, azurerm_container_registry_cache_rule) fetches an image from the upstream registry the first time anyone pulls it, so images enter the registry without a push, a pipeline or a scan. Azure Policy offers to prevent cache rule creation. Keep the rules narrow (one repository, not a wildcard), scan what they bring, and suppress with the reason once reviewed.',
  references: [{ kind: 'doc', id: 'https://learn.microsoft.com/azure/container-registry/policy-reference', title: 'Azure Policy built-in definitions for Azure Container Registry (cache rule creation)' }],
  check: (s) =>
    s.counts.cacheRules === 0
      ? 'compliant'
      : [violation(`cache rules should be reviewed, got ${counted(s.counts.cacheRules, 'cache rule')}: scope each to one upstream repository and suppress with the review's reason.`)],
};
