/**
 * URIs as acrkit shows them: without the parts that carry credentials. A webhook's service URI
 * often holds a user and password (`https://user:secret@host/...`) or a token in its query
 * string (`?code=...`, `?sig=...`); every output shows it as scheme, host and path only.
 */

const URI_RE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)([?#][\s\S]*)?$/i;

/**
 * `uri` without userinfo, query string and fragment: `https://u:p@hooks.example.com/acr?sig=x`
 * becomes `https://hooks.example.com/acr`. A string that is not a `scheme://` URI is returned
 * unchanged.
 */
export function redactUri(uri: string): string {
  const m = URI_RE.exec(uri);
  if (!m) return uri;
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  return `${m[1]}${host}${m[3]}`;
}

/** Whether {@link redactUri} removes anything from `uri` (credentials, a query or a fragment). */
export function uriHasSecrets(uri: string): boolean {
  return redactUri(uri) !== uri;
}
