import { documentMarkdown, llmsTxt } from './agent-pages';
import type { CatalogEntry, ParsedDocument } from '../core/content/index';
import { KIND_LABEL } from '../core/content/kinds';
import { escapeHtml, markdownToHtml } from '../core/markdown/html';
import { docUrl } from '../core/answer/links';
import type { FullDocument } from '../core/knowledge/types';
import { docMeta } from '../core/search/build';
import { layout } from './layout';
import siteCss from './site-css';
import { chatPage } from './chat-page';

export type Page = { path: string; body: string };

/** Where a link written in a document points once rendered. */
export function resolveHref(href: string): string | null {
  if (/^(https?:|mailto:)/i.test(href)) return href;
  const [id, anchor] = href.split('#');
  if (!id) return anchor ? `#${anchor}` : null;
  return docUrl('', id, anchor ?? '');
}

/** The parts of the compendium as the table of contents and /llms.txt name them. */
export const GROUP_LABEL: Record<string, string> = {
  introduction: 'Introduction',
  axioms: 'The eight axioms',
  pillars: 'The five pillars',
  patterns: 'Patterns',
  quantitative: 'Quantitative toolkit',
  'human-factors': 'Human factors',
  'case-studies': 'Case studies',
  'learning-paths': 'Learning paths',
  reference: 'Reference',
};
const CATEGORY_LABEL: Record<string, string> = {
  core: 'Core architecture',
  resilience: 'Resilience',
  data: 'Data',
  coordination: 'Coordination',
  operational: 'Operations and infrastructure',
};

export function renderDocPage(doc: ParsedDocument, titles: Map<string, string>): string {
  const html = (md: string) => markdownToHtml(md, { resolveLink: resolveHref });
  const named = doc.sections.filter((s) => s.anchor);
  const toc = named.length
    ? `<nav class="toc" aria-label="Sections"><ol>${named.map((s) => `<li><a href="#${s.anchor}">${escapeHtml(s.heading)}</a></li>`).join('')}</ol></nav>`
    : '';
  const sections = doc.sections
    .map((s) => (s.anchor ? `<section aria-labelledby="${s.anchor}"><h2 id="${s.anchor}">${escapeHtml(s.heading)}</h2>\n${html(s.markdown)}</section>` : html(s.markdown)))
    .join('\n');
  const related = doc.related.length
    ? `<section aria-labelledby="see-also"><h2 id="see-also">See also</h2><ul>${doc.related
        .map((id) => `<li><a href="${docUrl('', id)}">${escapeHtml(titles.get(id) ?? id)}</a></li>`)
        .join('')}</ul></section>`
    : '';
  const kind = KIND_LABEL[doc.kind] + (doc.category ? ` · ${CATEGORY_LABEL[doc.category]}` : '');
  const aliases = doc.aliases.length ? `<p class="aliases">Also known as: ${doc.aliases.map(escapeHtml).join(', ')}</p>` : '';
  const body = `<article>
<p class="kind">${escapeHtml(kind)}</p>
<h1>${escapeHtml(doc.title)}</h1>
<p class="summary">${html(doc.summary).replace(/^<p>|<\/p>$/g, '')}</p>
${aliases}
${toc}
${sections}
${related}
</article>`;
  return layout({ title: doc.title, body, description: doc.summary });
}

function docList(entries: Array<{ id: string; title: string; summary?: string }>): string {
  return `<ul class="docs">${entries
    .map((e) => `<li><a href="${docUrl('', e.id)}">${escapeHtml(e.title)}</a>${e.summary ? `<span class="sum">${escapeHtml(e.summary)}</span>` : ''}</li>`)
    .join('')}</ul>`;
}

/** The compendium's table of contents, by part, with patterns by category. */
export function renderIndexPage(docs: ParsedDocument[], catalog: CatalogEntry[]): string {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const groups = [...new Set(catalog.map((e) => e.group))];
  const parts = groups
    .map((group) => {
      const written = catalog.filter((e) => e.group === group && byId.has(e.id)).map((e) => byId.get(e.id)!);
      if (!written.length) return '';
      const heading = `<h2 id="${group}">${escapeHtml(GROUP_LABEL[group] ?? group)}</h2>`;
      if (group !== 'patterns') return heading + docList(written);
      const cats = Object.keys(CATEGORY_LABEL)
        .map((c) => {
          const inCat = written.filter((d) => d.category === c);
          return inCat.length ? `<h3 id="patterns-${c}">${CATEGORY_LABEL[c]}</h3>${docList(inCat)}` : '';
        })
        .join('');
      return heading + cats;
    })
    .join('\n');
  const body = `<h1>The compendium</h1><p class="summary">Distributed systems from first principles: the constraints, the patterns that answer them, the numbers, and real systems.</p>${parts}`;
  return layout({ title: 'The compendium', body });
}

export function fullDocument(doc: ParsedDocument): FullDocument {
  const { sections: _headings, ...meta } = docMeta(doc);
  return {
    ...meta,
    url: docUrl('', doc.id),
    sections: doc.sections.map((s) => ({ anchor: s.anchor, heading: s.heading, markdown: s.markdown })),
  };
}

/** Security headers for every static file (Workers static assets read this _headers file). */
export const STATIC_HEADERS = `/*
  Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  X-Frame-Options: DENY
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
`;

/** Every static page: one per document, its JSON, the compendium index, styles and headers. */
export function renderSite(docs: ParsedDocument[], catalog: CatalogEntry[]): Page[] {
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  return [
    ...docs.map((d) => ({ path: `docs/${d.id}.html`, body: renderDocPage(d, titles) })),
    ...docs.map((d) => ({ path: `data/docs/${d.id}.json`, body: JSON.stringify(fullDocument(d)) })),
    ...docs.map((d) => ({ path: `docs/${d.id}.md`, body: documentMarkdown(d) })),
    { path: 'llms.txt', body: llmsTxt(docs, catalog) },
    { path: 'docs/index.html', body: renderIndexPage(docs, catalog) },
    { path: 'index.html', body: chatPage() },
    { path: 'assets/site.css', body: siteCss },
    { path: '_headers', body: STATIC_HEADERS },
  ];
}
