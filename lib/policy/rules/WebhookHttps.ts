/** ACR-SEC-010: webhooks call HTTPS endpoints. */
import { redactUri } from '../../format/uri.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule, type RuleFinding } from '../rule.js';

/** Every webhook's service URI must use HTTPS. */
export const WebhookHttps: Rule = {
  id: 'ACR-SEC-010',
  name: 'WebhookHttps',
  pack: 'security',
  severity: 'error',
  info: 'A webhook calls a plain-HTTP endpoint.',
  explanation:
    'Webhook calls carry the repository, tag and digest of every push and often an Authorization custom header. Over plain HTTP both can be read and changed on the way. Use an https:// service URI.',
  references: [
    { kind: 'checkov', id: 'CKV2_AZURE_30', title: 'Ensure Azure Container Registry webhooks use HTTPS' },
  ],
  check: (s) => {
    if (s.webhooks.length === 0) return 'not-applicable';
    const out: RuleFinding[] = [];
    for (const w of s.webhooks) {
      if (isUnknown(w.serviceUri)) out.push(undecided(`the service URI of ${w.address}`, w.serviceUri));
      else if (!/^https:\/\//i.test(w.serviceUri)) {
        // Shown without userinfo and query string: they carry credentials.
        const uri = redactUri(w.serviceUri);
        out.push(violation(`webhook ${w.address} serviceUri must start with https://, got '${uri}': use an HTTPS endpoint.`, `service_uri of ${w.address} must start with https://, got "${uri}": use an HTTPS endpoint.`));
      }
    }
    return out.length ? out : 'compliant';
  },
};
