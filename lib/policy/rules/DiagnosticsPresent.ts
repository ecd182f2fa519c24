/** ACR-HYG-004: a diagnostic setting sends the registry's logs somewhere. */
import { isUnknown } from '../../model/unknown.js';
import { counted } from '../../format/counts.js';
import { undecided, violation, type Rule } from '../rule.js';

/** The registry should send its resource logs to a diagnostic destination. */
export const DiagnosticsPresent: Rule = {
  id: 'ACR-HYG-004',
  name: 'DiagnosticsPresent',
  pack: 'hygiene-cost',
  severity: 'warning',
  info: 'No diagnostic setting sends the registry logs anywhere.',
  explanation:
    'Without a diagnostic setting, ContainerRegistryLoginEvents and ContainerRegistryRepositoryEvents (who pulled, pushed or deleted what) are not kept anywhere, so there is nothing to investigate or alert on. Add diagnostics: { workspaceId } (an azurerm_monitor_diagnostic_setting with target_resource_id = the registry id and enabled_log { category_group = "allLogs" }).',
  references: [
    { kind: 'psrule', id: 'Azure.ACR.AuditLogs', title: 'Audit logs (acrkit checks that logs are sent, not which categories)' },
    { kind: 'psrule', id: 'Azure.ACR.Logs' },
  ],
  check: (s) => {
    if (s.diagnosticSettings.length === 0) {
      return [violation('diagnostics must send logs, got no diagnostic setting: set diagnostics: { workspaceId }.', 'an azurerm_monitor_diagnostic_setting must target the registry, got none: add one with enabled_log { category_group = "allLogs" }.')];
    }
    if (s.diagnosticSettings.some((d) => d.logs === true)) return 'compliant';
    const u = s.diagnosticSettings.map((d) => d.logs).find(isUnknown);
    if (u) return [undecided('whether a diagnostic setting sends logs', u)];
    return [violation(`diagnostics must send logs, got ${counted(s.diagnosticSettings.length, 'setting')} without logs: enable allLogs.`, 'azurerm_monitor_diagnostic_setting must have an enabled_log block, got none: add enabled_log { category_group = "allLogs" }.')];
  },
};
