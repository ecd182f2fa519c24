/**
 * Values from inputs (names, messages, file paths: anything a pull request can set) written
 * into Markdown: as text they cannot start a table cell, a heading, a link, an image, raw
 * HTML, an entity or an @mention; as code they cannot close their span or a table cell.
 */

import { terminalText } from './terminal.js';

/** Characters that start Markdown or HTML syntax inside a line. */
const SPECIAL = /[\\`*[\]<>|~]/g;

/**
 * `s` as literal Markdown text on one line: line breaks become spaces, Markdown punctuation is
 * backslash-escaped, `&` becomes `&amp;`, `@name` becomes `&#64;name` (no mention), and a
 * lone `_` that could open emphasis is escaped (`network_rule_set` stays readable), and
 * control characters are shown as `\xHH`.
 */
export function mdText(s: string): string {
  return terminalText(s.replace(/\r\n?|\n|\u2028|\u2029/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/@(?=[A-Za-z0-9])/g, '&#64;');
}

/**
 * `s` as an inline code span: fenced with one more backtick than the longest run inside, on
 * one line. In a table cell (`inTable`), `|` is escaped too, since GitHub splits cells first.
 *
 * @param inTable whether the span sits in a table cell
 * @default inTable false
 */
export function mdCode(s: string, inTable = false): string {
  let body = terminalText(s.replace(/\r\n?|\n|\u2028|\u2029/g, ' '));
  if (inTable) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
