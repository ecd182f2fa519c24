/** ACR-AZ-001: what Azure and azurerm would reject at plan or apply, caught before. */
import { validateSpec } from '../../model/validate.js';
import type { Rule, RuleFinding } from '../rule.js';

/** Every problem `validateSpec` finds, one finding per diagnostic. */
export const AzureAcceptsSpec: Rule = {
  id: 'ACR-AZ-001',
  name: 'AzureAcceptsSpec',
  pack: 'azure-rules',
  severity: 'error',
  info: 'Azure or the azurerm provider would reject this registry at plan or apply.',
  explanation:
    'These are the service\'s own rules (tier-gated features, count limits per tier, region names, the registry name, value ranges, export needs private access, soft delete excludes retention and replicas), checked the same way the constructs check them at synth. Fixing them here saves a failed apply; each message names the argument, the value and the fix.',
  references: [
    { kind: 'psrule', id: 'Azure.ACR.Name', title: 'Registry names: 5-50 alphanumeric characters' },
  ],
  check: (s) => {
    const diagnostics = validateSpec(s);
    // Most registries have no problem: no list and no closure for them.
    if (diagnostics.length === 0) return 'compliant';
    const out: RuleFinding[] = [];
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i]!;
      out.push({ status: d.severity === 'unknown' ? 'unknown' : 'non-compliant', message: d.message, terraformMessage: d.terraformMessage });
    }
    return out;
  },
};
