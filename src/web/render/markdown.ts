import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { slugify } from '../../core/content/slug';
import { escapeHtml } from '../../core/markdown/html';
import { highlight } from './highlight';
import { diagramFigure } from './diagrams';
import { isCommandBlock, runLink } from '../try-it';

export type RenderOptions = {
  /** Turns a link target (a document id, an anchor or a URL) into an href; null drops the link. */
  resolveLink: (href: string) => string | null;
};

const SAFE_URL = /^(https?:\/\/|\/|#|mailto:)/i;

/**
 * The documents' renderer, run at build time only: markdown-it (CommonMark, with GFM tables and
 * strikethrough) plus footnotes. Raw HTML in a document is shown as text, never rendered. Headings
 * get the same ids as the core's sections (slugify), code is highlighted here (highlight.js) with a
 * copy button the page script switches on, ```mermaid fences become inline SVG diagrams, and a
 * fence of calculator commands gets a Run link per command.
 */
export function createRenderer(options: RenderOptions): (markdown: string) => string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(footnote);

  md.core.ruler.push('heading_ids', (state) => {
    const tokens = state.tokens;
    tokens.forEach((t, i) => {
      if (t.type === 'heading_open') t.attrSet('id', slugify(tokens[i + 1]?.content ?? ''));
    });
  });

  md.renderer.rules.link_open = (tokens, idx, opts, _env, self) => {
    const t = tokens[idx]!;
    const href = options.resolveLink(String(t.attrGet('href') ?? ''));
    if (href === null || !SAFE_URL.test(href)) {
      t.attrSet('data-drop', '');
      return '';
    }
    t.attrSet('href', href);
    if (/^https?:/i.test(href)) t.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, opts);
  };
  md.renderer.rules.link_close = (tokens, idx, opts, _env, self) => {
    // The matching open token was dropped: drop its close too.
    let depth = 0;
    for (let i = idx - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.type === 'link_close') depth++;
      else if (t.type === 'link_open') {
        if (depth === 0) return t.attrGet('data-drop') !== null ? '' : self.renderToken(tokens, idx, opts);
        depth--;
      }
    }
    return self.renderToken(tokens, idx, opts);
  };

  md.renderer.rules.table_open = () => '<div class="table" tabindex="0" role="region" aria-label="Table"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';

  md.renderer.rules.fence = (tokens, idx) => {
    const t = tokens[idx]!;
    const lang = t.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const code = t.content.replace(/\n$/, '');
    if (lang === 'mermaid') return diagramFigure(code);
    if (!lang && isCommandBlock(code)) {
      return `<ul class="try-list">${code
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => `<li><code class="cmd">${escapeHtml(l)}</code> ${runLink(l)}</li>`)
        .join('')}</ul>\n`;
    }
    const lit = highlight(code, lang);
    const cls = lit ? ` class="hljs language-${escapeHtml(lang)}"` : '';
    return `<div class="code"><button type="button" class="copy" data-copy hidden>Copy</button><pre tabindex="0"><code${cls}>${lit ?? escapeHtml(code)}</code></pre></div>\n`;
  };
  md.renderer.rules.code_block = md.renderer.rules.fence;

  return (markdown: string) => md.render(markdown);
}
