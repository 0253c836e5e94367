import { parseBlocks, type Block, type ListItem } from './blocks';
import { parseInline, type Inline } from './inline';
import { slugify } from '../content/slug';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type HtmlOptions = {
  /** Turns a link target (a document id, an anchor or a URL) into an href; return null to drop the link. */
  resolveLink?: (href: string) => string | null;
};

const SAFE_URL = /^(https?:\/\/|\/|#|mailto:)/i;

function defaultResolve(href: string): string | null {
  return SAFE_URL.test(href) ? href : null;
}

export function inlineToHtml(nodes: Inline[], options: HtmlOptions = {}): string {
  const resolve = options.resolveLink ?? defaultResolve;
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeHtml(n.text);
        case 'code':
          return `<code>${escapeHtml(n.text)}</code>`;
        case 'strong':
          return `<strong>${inlineToHtml(n.children, options)}</strong>`;
        case 'em':
          return `<em>${inlineToHtml(n.children, options)}</em>`;
        case 'link': {
          const href = resolve(n.href);
          const inner = inlineToHtml(n.children, options);
          if (href === null || !SAFE_URL.test(href)) return inner;
          const external = /^https?:/i.test(href) ? ' rel="noopener noreferrer"' : '';
          return `<a href="${escapeHtml(href)}"${external}>${inner}</a>`;
        }
      }
    })
    .join('');
}

function listToHtml(items: ListItem[], ordered: boolean, options: HtmlOptions): string {
  const tag = ordered ? 'ol' : 'ul';
  const inner = items
    .map((item) => {
      const sub = item.children.length ? listToHtml(item.children, false, options) : '';
      return `<li>${inlineToHtml(parseInline(item.text), options)}${sub}</li>`;
    })
    .join('');
  return `<${tag}>${inner}</${tag}>`;
}

export function blocksToHtml(blocks: Block[], options: HtmlOptions = {}): string {
  const md = (s: string) => inlineToHtml(parseInline(s), options);
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading': {
          const level = Math.min(Math.max(b.level, 2), 6);
          const id = slugify(b.text);
          return `<h${level} id="${id}">${md(b.text)}</h${level}>`;
        }
        case 'paragraph':
          return `<p>${md(b.text)}</p>`;
        case 'list':
          return listToHtml(b.items, b.ordered, options);
        case 'code':
          return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
        case 'table': {
          const head = b.header.map((c) => `<th scope="col">${md(c)}</th>`).join('');
          const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${md(c)}</td>`).join('')}</tr>`).join('');
          return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
        }
        case 'quote':
          return `<blockquote><p>${md(b.text)}</p></blockquote>`;
        case 'rule':
          return '<hr>';
      }
    })
    .join('\n');
}

export function markdownToHtml(markdown: string, options: HtmlOptions = {}): string {
  return blocksToHtml(parseBlocks(markdown), options);
}
