import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inlineText, parseInline, stripInline, type Inline } from '../src/core/markdown/inline';
import { markdownToHtml, markdownToText, parseBlocks, slugify, splitSentences, buildDocument } from '../src/core/index';
import { resolveHref } from '../src/web/site';

describe('markdown rendering', () => {
  it('escapes raw HTML and unsafe links everywhere', () => {
    const html = markdownToHtml('<img src=x onerror=alert(1)> and [click](javascript:alert(1)) `<b>` **<i>x</i>**');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<code>&lt;b&gt;</code>');
  });

  it('renders the subset documents use', () => {
    const md = '## Trade-offs\n\nText with **bold**, *em* and `code`.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx < y\n```';
    const html = markdownToHtml(md);
    expect(html).toContain('<h2 id="trade-offs">Trade-offs</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>');
    expect(html).toContain('<ol><li>first</li><li>second</li></ol>');
    expect(html).toContain('<th scope="col">a</th>');
    expect(html).toContain('<pre><code>x &lt; y</code></pre>');
  });

  it('resolves links written by document id to pages and keeps external ones', () => {
    const html = markdownToHtml('[Saga](patterns/saga#when-to-use), [paper](https://example.org/p) and [here](#top)', { resolveLink: resolveHref });
    expect(html).toContain('<a href="/docs/patterns/saga#when-to-use">Saga</a>');
    expect(html).toContain('<a href="https://example.org/p" rel="noopener noreferrer">paper</a>');
    expect(html).toContain('<a href="#top">here</a>');
  });

  it.each([
    ['Pitfalls and a failure story', 'pitfalls-and-a-failure-story'],
    ['Trade-offs', 'trade-offs'],
    ["Little's Law: L = λW", 'little-s-law-l-w'],
    ['  CAP / PACELC  ', 'cap-pacelc'],
  ])('slugifies %j as %j', (heading, anchor) => {
    expect(slugify(heading)).toBe(anchor);
  });

  it('splits sentences without breaking abbreviations or decimals', () => {
    expect(splitSentences('Use a timeout, e.g. 300 ms at p99.9. Then retry. Done!')).toEqual(['Use a timeout, e.g. 300 ms at p99.9.', 'Then retry.', 'Done!']);
  });

  it('turns a body into sections with stable anchors, leads and points', () => {
    const doc = buildDocument(
      'patterns/x',
      { title: 'X', summary: 'X is a test document for sections.', kind: 'pattern', tags: ['t'], aliases: [], related: [] },
      'Intro text here.\n\n## Solution\n\nFirst sentence. Second sentence. Third sentence.\n\n- the first point says something useful\n- the second point says something else\n\n## In practice\n\n```\n## not a heading\n```',
    );
    expect(doc.sections.map((s) => [s.anchor, s.heading])).toEqual([
      ['', 'Overview'],
      ['solution', 'Solution'],
      ['in-practice', 'In practice'],
    ]);
    expect(doc.sections[1]!.lead).toBe('First sentence. Second sentence.');
    expect(doc.sections[1]!.points).toEqual(['the first point says something useful', 'the second point says something else']);
    expect(markdownToText('**a** [b](c)')).toBe('a b');
    expect(parseBlocks('a\nb\n\nc')).toHaveLength(2);
  });
});

/** The inline parser as it was written first (one character at a time), kept to check the faster one against. */
function referenceParseInline(source: string): Inline[] {
  const LINK = /^\[((?:[^\[\]]|\[[^\]]*\])+)\]\(\s*<?([^()\s>]+(?:\([^()]*\))?)>?\s*\)/;
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length && /[\\`*_{}[\]()#+\-.!|>]/.test(source[i + 1]!)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const m = LINK.exec(source.slice(i));
      if (m) {
        flush();
        out.push({ type: 'link', href: m[2]!, children: referenceParseInline(m[1]!) });
        i += m[0].length;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && source[i + 1] === ch) {
      const end = source.indexOf(ch + ch, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: referenceParseInline(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (ch === '*' || (ch === '_' && !/\w/.test(source[i - 1] ?? ''))) {
      const close = ch === '*' ? /\*(?!\*)/g : /_(?!\w)/g;
      close.lastIndex = i + 1;
      const m = close.exec(source);
      if (m && m.index > i + 1 && !/\s/.test(source[i + 1]!)) {
        flush();
        out.push({ type: 'em', children: referenceParseInline(source.slice(i + 1, m.index)) });
        i = m.index + 1;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

describe('inline markdown', () => {
  it('parses text in runs exactly as it parsed it character by character', () => {
    const pieces = ['a', 'b c', ' ', '*', '**', '_', '__', '`', '[', ']', '(', ')', '\\', '\\*', 'x_y', '[t](patterns/saga)', '<', '>', '.', '\n', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const source = parts.join('');
        expect(parseInline(source)).toEqual(referenceParseInline(source));
        expect(stripInline(source)).toBe(inlineText(referenceParseInline(source)));
      }),
      { numRuns: 3000 },
    );
  });
});
