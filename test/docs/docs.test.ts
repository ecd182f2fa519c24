/**
 * The docs stay true to the code and to the repository: generated tables match what the code
 * generates now, relative links point at files that exist, and the README stays a front door.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCKS, blockBody, findBlocks } from '../../docs/tools/tables.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every Markdown file under `dir`, recursively, sorted. */
function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? markdownUnder(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []))
    .sort();
}

const DOCS = markdownUnder(join(ROOT, 'docs'));
const README = join(ROOT, 'README.md');
/** Every page whose relative links are checked. */
const PAGES = [README, join(ROOT, 'bench', 'README.md'), ...DOCS].filter((f) => existsSync(f));

const rel = (file: string): string => relative(ROOT, file);

/** Markdown without fenced code blocks and inline code spans (their brackets are not links). */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Targets of inline links and images, and of reference definitions. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defs = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((m) => m[1]!);
  return [...inline, ...defs];
}

/** GitHub's heading anchors of a page: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe('docs', () => {
  test('the docs pages exist', () => {
    expect(DOCS.map(rel)).toEqual(expect.arrayContaining(['docs/catalog.md', 'docs/constructs.md', 'docs/review.md', 'docs/rules.md', 'docs/scenario.md']));
    expect(existsSync(join(ROOT, 'bench', 'README.md'))).toBe(true);
  });

  test('every generated block matches what the code generates now', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const file of DOCS) {
      const { blocks, problems: markerProblems } = findBlocks(readFileSync(file, 'utf8'));
      problems.push(...markerProblems.map((p) => `${rel(file)}: ${p}`));
      for (const b of blocks) {
        seen.add(b.name);
        if (!(b.name in BLOCKS)) {
          problems.push(`${rel(file)}:${b.line}: generated block name must be one of ${Object.keys(BLOCKS).join(', ')}, got '${b.name}'`);
        } else if (b.current !== blockBody(b.name)) {
          problems.push(`${rel(file)}:${b.line}: generated block '${b.name}' differs from the code`);
        }
      }
    }
    for (const name of Object.keys(BLOCKS)) if (!seen.has(name)) problems.push(`no page holds the generated block '${name}'`);
    if (problems.length) throw new Error(`${problems.join('\n')}\nThe docs are out of date: run npm run docs, then review and commit the result.`);
  });

  test('every relative link in the README and docs points at a file (and heading) that exists', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const target of linkTargets(readFileSync(page, 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [pathPart, fragment] = target.split('#') as [string, string | undefined];
        const path = decodeURIComponent(pathPart.split('?')[0]!);
        const resolved = path === '' ? page : path.startsWith('/') ? join(ROOT, path) : resolve(dirname(page), path);
        if (!existsSync(resolved)) {
          broken.push(`${rel(page)}: link to ${target} (${rel(resolved)} does not exist)`);
        } else if (fragment && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(fragment))) {
          broken.push(`${rel(page)}: link to ${target} (${rel(resolved)} has no heading #${fragment})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('the link checker sees links and skips code', () => {
    const md = 'See [a](a.md) and ![img](img/x.png "t").\n\n`[not](code.md)`\n\n```\n[no](fenced.md)\n```\n\n[ref]: ./ref.md\n';
    expect(linkTargets(md)).toEqual(['a.md', 'img/x.png', './ref.md']);
  });

  test('heading anchors follow GitHub', () => {
    expect([...anchors('# A: `b` c\n## Policy during synth: the Aspect\n## X\n## X\n```\n# not\n```\n')]).toEqual([
      'a-b-c',
      'policy-during-synth-the-aspect',
      'x',
      'x-1',
    ]);
  });

  test('the README is a front door: under 12 KB, with the two quick-start commands', () => {
    const readme = readFileSync(README, 'utf8');
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThan(12 * 1024);
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(quickStart).toMatch(/^npm ci && npm start\b/m);
    expect(quickStart).toMatch(/^npm test\b/m);
  });

  test('the README links every docs page and the benchmarks', () => {
    const targets = new Set(linkTargets(readFileSync(README, 'utf8')).map((t) => t.split('#')[0]));
    const missing = [...DOCS.map(rel), 'bench/README.md'].filter((p) => !targets.has(p));
    expect(missing).toEqual([]);
  });
});
