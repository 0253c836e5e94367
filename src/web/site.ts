import { documentMarkdown, llmsTxt } from './agent-pages';
import type { CatalogEntry, ParsedDocument } from '../core/content/index';
import { KIND_LABEL } from '../core/content/kinds';
import { escapeHtml } from '../core/markdown/html';
import { docUrl } from '../core/answer/links';
import type { FullDocument } from '../core/knowledge/types';
import { docMeta } from '../core/search/build';
import { layout } from './layout';
import { withTryIt } from './try-it';
import { createRenderer } from './render/markdown';
import { diagramFigure } from './render/diagrams';
import type { DiagramSpec } from './diagram-files';
import { displayAliases, plainDescription } from './reader-meta';
import { FAVICON_SVG } from './favicon';
import { BookOrder, breadcrumbs, CATEGORY_LABEL, GROUP_LABEL, learningPaths, pager, pageToc, sidebar, withPermalinks } from './docs-nav';
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

export { GROUP_LABEL } from './docs-nav';

/** Links inside a learning path carry the path, so the pages they open offer its next step. */
function pathHref(pathKey: string | null) {
  return (href: string): string | null => {
    const url = resolveHref(href);
    if (!pathKey || !url?.startsWith('/docs/')) return url;
    const [path, hash] = url.split('#');
    return `${path}?path=${pathKey}${hash ? `#${hash}` : ''}`;
  };
}

export function renderDocPage(doc: ParsedDocument, titles: Map<string, string>, book: BookOrder, diagrams: DiagramSpec[] = []): string {
  const pathKey = doc.kind === 'learning-path' ? doc.id.split('/').pop()! : null;
  const html = createRenderer({ resolveLink: pathHref(pathKey) });
  const figures = (anchor: string) =>
    diagrams
      .filter((d) => d.section === anchor)
      .map((d) => diagramFigure(d.source))
      .join('');
  const sections = doc.sections
    .map((s) =>
      s.anchor
        ? `<section aria-labelledby="${s.anchor}">${withPermalinks(`<h2 id="${s.anchor}">${escapeHtml(s.heading)}</h2>`)}\n${withTryIt(withPermalinks(html(s.markdown)))}${figures(s.anchor)}</section>`
        : withTryIt(withPermalinks(html(s.markdown))),
    )
    .join('\n');
  const related = doc.related.length
    ? `<section aria-labelledby="see-also">${withPermalinks('<h2 id="see-also">See also</h2>')}<ul>${doc.related
        .map((id) => `<li><a href="${docUrl('', id)}">${escapeHtml(titles.get(id) ?? id)}</a></li>`)
        .join('')}</ul></section>`
    : '';
  const kind = KIND_LABEL[doc.kind] + (doc.category ? ` · ${CATEGORY_LABEL[doc.category]}` : '');
  const askAbout = `<p class="doc-actions"><a class="button secondary" href="/ask?q=${encodeURIComponent(doc.title)}" data-ask-about="${escapeHtml(doc.id)}" data-title="${escapeHtml(doc.title)}">Ask about this page</a></p>`;
  const names = displayAliases(doc.title, doc.aliases);
  const aliases = names.length ? `<p class="aliases">Also known as: ${names.map(escapeHtml).join(', ')}</p>` : '';
  const body = `${breadcrumbs(book, doc)}
<article class="doc" data-doc="${escapeHtml(doc.id)}">
<header class="doc-head">
<p class="kind">${escapeHtml(kind)}</p>
<h1>${escapeHtml(doc.title)}</h1>
<p class="summary">${html(doc.summary).trim().replace(/^<p>|<\/p>$/g, '')}</p>
${aliases}
${askAbout}
</header>
${pageToc(doc.sections)}
${figures('top')}
${sections}
${related}
</article>
${pager(book, doc.id)}`;
  return layout({ title: doc.title, body, description: plainDescription(doc.summary), type: 'article', sidebar: sidebar(book, doc.id), script: '/assets/docs.js' });
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
  return layout({ title: 'The compendium', body, sidebar: sidebar(new BookOrder(docs, catalog), ''), script: '/assets/docs.js' });
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
export function renderSite(docs: ParsedDocument[], catalog: CatalogEntry[], diagrams: Map<string, DiagramSpec[]> = new Map()): Page[] {
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const book = new BookOrder(docs, catalog);
  return [
    ...docs.map((d) => ({ path: `docs/${d.id}.html`, body: renderDocPage(d, titles, book, diagrams.get(d.id)) })),
    { path: 'assets/paths.json', body: JSON.stringify(learningPaths(docs)) },
    ...docs.map((d) => ({ path: `data/docs/${d.id}.json`, body: JSON.stringify(fullDocument(d)) })),
    ...docs.map((d) => ({ path: `docs/${d.id}.md`, body: documentMarkdown(d) })),
    { path: 'llms.txt', body: llmsTxt(docs, catalog) },
    { path: 'docs/index.html', body: renderIndexPage(docs, catalog) },
    { path: 'index.html', body: chatPage() },
    { path: 'assets/site.css', body: siteCss },
    { path: 'favicon.svg', body: FAVICON_SVG },
    { path: '_headers', body: STATIC_HEADERS },
  ];
}
