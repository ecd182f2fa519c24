/**
 * Values from inputs in Markdown and on a terminal: a hostile registry name or message cannot
 * add table cells, HTML, mentions, headings or escape sequences.
 */
import fc from 'fast-check';
import { mdCode, mdText } from '../../lib/format/markdown.js';
import { markdownTable, textTable } from '../../lib/format/tables.js';
import { terminalText } from '../../lib/format/terminal.js';
import { evaluate } from '../../lib/policy/engine.js';
import { renderMarkdown } from '../../lib/report/check/markdown.js';
import { renderText } from '../../lib/report/check/text.js';
import { spec } from '../policy/helpers.js';

const HOSTILE = 'x|y`z</details><img src=https://evil.example/p.png>@octo-team\n# Approved\r\n[click](javascript:alert(1)) &amp; \u001b[31mred\u001b]0;title\u0007';

test('mdText: one line, no syntax, no mention, no entity', () => {
  const s = mdText(HOSTILE);
  expect(s).not.toMatch(/[\r\n]/);
  expect(s).not.toMatch(/(^|[^\\])[|<>`[\]]/);
  expect(s).not.toMatch(/@octo/);
  expect(s).toContain('&#64;octo-team');
  expect(s).toContain('&amp;amp;');
  expect(mdText('network_rule_set and _em_')).toBe('network_rule_set and \\_em\\_');
});

test('mdCode: the span cannot be closed from inside, nor the table cell', () => {
  expect(mdCode('a`b')).toBe('``a`b``');
  expect(mdCode('`x`')).toBe('`` `x` ``');
  expect(mdCode('a|b', true)).toBe('`a\\|b`');
  fc.assert(
    fc.property(fc.string(), (s) => {
      const code = mdCode(s, true);
      const fence = /^`+/.exec(code)![0];
      const inner = code.slice(fence.length, -fence.length);
      expect(inner.includes(fence)).toBe(false);
      expect(code).not.toMatch(/[\r\n]/);
      expect(code.replace(/\\\|/g, '')).not.toContain('|');
    }),
  );
});

test('terminalText shows escape sequences and control characters escaped', () => {
  expect(terminalText('a\u001b[31mb\u0007\u009b')).toBe('a\\x1B[31mb\\x07\\x9B');
  expect(terminalText('tab\tand\nnewline stay')).toBe('tab\tand\nnewline stay');
});

test('a Markdown table keeps its columns whatever the cells hold', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string(), fc.string(), fc.string()), { maxLength: 5 }), (rows) => {
      const lines = markdownTable(['A', 'B', 'C'], rows).split('\n');
      expect(lines).toHaveLength(rows.length + 2);
      for (const l of lines) expect(l.replace(/\\\|/g, '').split('|').length - 2).toBe(3);
    }),
  );
  expect(textTable(['A'], [['\u001b[2J']])).toBe('A\n\\x1B[2J');
});

test('check reports: a hostile registry name reaches Markdown and the terminal escaped', () => {
  const report = evaluate([spec({ name: HOSTILE, adminEnabled: true })], { packs: ['security', 'azure-rules'] });
  expect(report.findings.some((f) => f.message.includes('octo-team'))).toBe(true);
  const md = renderMarkdown({ report, inputErrors: [] });
  expect(md).toContain('\\<img src'); // shown as text, not an image
  expect(md).not.toMatch(/(^|[^\\])<img|(^|[^\\])<\/details><img|@octo-team|\u001b/);
  expect(md.split('\n').filter((l) => l.startsWith('#')).every((l) => /^##? |^### /.test(l) && !l.includes('Approved'))).toBe(true);
  for (const l of md.split('\n').filter((x) => x.startsWith('| '))) expect(l.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
  const text = renderText({ report, inputErrors: [] });
  expect(text).not.toContain('\u001b');
  expect(text).toContain('\\x1B[31mred');
});
