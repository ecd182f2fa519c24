/**
 * XML 1.0 escaping for reports written as XML (JUnit): markup characters become entities,
 * and characters XML 1.0 cannot carry at all, not even as character references, become
 * visible stand-ins, so the document always parses.
 */

/**
 * Characters XML 1.0 forbids: C0 controls other than tab, newline and carriage return,
 * U+FFFE, U+FFFF and unpaired surrogates.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `s` without the characters XML 1.0 forbids: a C0 control becomes its Unicode control
 * picture (U+0001 becomes U+2401 '␁'), anything else U+FFFD.
 */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, (c) => (c.length === 1 && c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : '\uFFFD'));
}

/**
 * `s` as XML character data: `&`, `<` and `>` as entities (so `]]>` cannot occur), a
 * carriage return as `&#13;` (parsers would turn a raw one into a newline).
 */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * `s` as a double-quoted XML attribute value: as {@link xmlText}, plus `"` as `&quot;` and
 * tab and newline as character references (parsers would turn raw ones into spaces).
 */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
