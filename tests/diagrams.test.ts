import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDiagramFile } from '../src/web/diagram-files';
import { diagramFigure } from '../src/web/render/diagrams';
import { createRenderer } from '../src/web/render/markdown';

const DIR = join(import.meta.dirname, '..', 'content', 'diagrams');
const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));

describe('diagram files', () => {
  it.each([
    ['%% section: solution\n%% caption: A\nflowchart LR\n  A --> B', 1, 0],
    ['%% section: solution\n%% caption: A\nflowchart LR\n  A --> B\n\n%% section: top\n%% caption: B\nflowchart TD\n  C --> D', 2, 0],
    ['%% section: solution\nflowchart LR\n  A --> B', 0, 1],
    ['flowchart LR\n  A --> B', 0, 2],
  ])('%#', (text, diagrams, problems) => {
    const parsed = parseDiagramFile(text);
    expect(parsed.diagrams).toHaveLength(diagrams);
    expect(parsed.problems).toHaveLength(problems);
  });

  it('draws a figure the strict CSP allows, named by its caption, with ids of its own', () => {
    const source = '%% caption: Two steps\nsequenceDiagram\n  A->>B: hello\n  B-->>A: ok';
    const one = diagramFigure(source);
    const two = diagramFigure(source);
    for (const html of [one, two]) {
      expect(html).not.toMatch(/<style|\sstyle="|@import|https?:\/\/(?!www\.w3\.org)/);
      expect(html).toMatch(/<svg role="img" aria-labelledby="(diagram-\d+)-caption"/);
      expect(html).toContain('>Two steps</figcaption>');
    }
    const ids = (h: string) => [...h.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(one).filter((id) => ids(two).includes(id))).toEqual([]);
  });

  it('renders every diagram in content/diagrams', () => {
    const files = walk(DIR).filter((f) => f.endsWith('.mmd'));
    // The issue asks for pictures in at least the 30 documents where one teaches most.
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      const parsed = parseDiagramFile(readFileSync(f, 'utf8'));
      expect(parsed.problems, f).toEqual([]);
      for (const d of parsed.diagrams) expect(() => diagramFigure(d.source), `${f}:${d.line}`).not.toThrow();
    }
  });
});

describe('the documents renderer', () => {
  const render = createRenderer({ resolveLink: (href) => (href.includes('/') && !href.startsWith('http') ? `/docs/${href}` : href) });

  it('renders CommonMark and GFM with footnotes, ids on headings and resolved links', () => {
    const html = render('### Two words\n\nA [saga](patterns/saga) and ~~old~~ text.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: A note.');
    expect(html).toContain('<h3 id="two-words">Two words</h3>');
    expect(html).toContain('<a href="/docs/patterns/saga">saga</a>');
    expect(html).toContain('<s>old</s>');
    expect(html).toContain('<div class="table" tabindex="0" role="region" aria-label="Table"><table>');
    expect(html).toMatch(/class="footnotes?/);
  });

  it('never renders raw HTML or unsafe links', () => {
    const html = render('<img src=x onerror=alert(1)> [x](javascript:alert(1)) <script>alert(1)</script>');
    expect(html).not.toMatch(/<img|<script|href="javascript/i);
    expect(html).toContain('&lt;img');
  });

  it('highlights code at build time with a copy button, and turns calculator commands into Run links', () => {
    const html = render('```sql\nSELECT 1;\n```\n\n```\n/calc quorum n=3 r=2 w=2\n```');
    expect(html).toContain('<span class="hljs-keyword">SELECT</span>');
    expect(html).toContain('data-copy hidden>Copy</button>');
    expect(html).toContain('<code class="cmd">/calc quorum n=3 r=2 w=2</code> <a class="try" href="/ask?q=%2Fcalc%20quorum%20n%3D3%20r%3D2%20w%3D2"');
  });
});
