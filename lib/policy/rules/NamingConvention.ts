/** ACR-HYG-005: registry names follow the organisation's convention. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** With `hygiene-cost.namePattern` set, every registry name must match it. */
export const NamingConvention: Rule = {
  id: 'ACR-HYG-005',
  name: 'NamingConvention',
  pack: 'hygiene-cost',
  severity: 'warning',
  info: "The registry name does not follow the organisation's naming convention.",
  explanation:
    "A naming convention tells owner, environment and workload from the name alone, in bills and logs. Set the convention as a regular expression in acrkit.config.json (packOptions['hygiene-cost'].namePattern, e.g. ^cr[a-z0-9]+$ for the Cloud Adoption Framework prefix); not checked when none is configured. A registry name cannot be changed in place: renaming means a new registry.",
  references: [{ kind: 'psrule', id: 'Azure.ACR.Naming' }],
  check: (s, ctx) => {
    const pattern = ctx.options['hygiene-cost']?.namePattern;
    if (pattern === undefined) return 'not-applicable';
    if (isUnknown(s.name)) return [undecided('name', s.name)];
    return new RegExp(pattern).test(s.name) ? 'compliant' : [violation(`name must match ${pattern}, got "${s.name}": choose a name that follows the convention (a rename creates a new registry).`)];
  },
};
