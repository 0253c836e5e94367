import type { CatalogEntry, ParsedDocument } from '../core/content/index';
import { escapeHtml } from '../core/markdown/html';
import { docUrl } from '../core/answer/links';

/** The parts of the compendium as the table of contents, the sidebar and /llms.txt name them. */
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

export const CATEGORY_LABEL: Record<string, string> = {
  core: 'Core architecture',
  resilience: 'Resilience',
  data: 'Data',
  coordination: 'Coordination',
  operational: 'Operations and infrastructure',
};

type Entry = { id: string; title: string; group: string; category?: string };

/** What every document page needs to place itself in the book: the written documents in catalog order. */
export class BookOrder {
  readonly entries: Entry[];
  private index = new Map<string, number>();

  constructor(docs: ParsedDocument[], catalog: CatalogEntry[]) {
    const byId = new Map(docs.map((d) => [d.id, d]));
    this.entries = catalog
      .filter((e) => byId.has(e.id))
      .map((e) => ({ id: e.id, title: byId.get(e.id)!.title, group: e.group, category: byId.get(e.id)!.category }));
    this.entries.forEach((e, i) => this.index.set(e.id, i));
  }

  entry(id: string): Entry | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.entries[i];
  }

  neighbours(id: string): { prev?: Entry; next?: Entry } {
    const i = this.index.get(id);
    if (i === undefined) return {};
    return { prev: this.entries[i - 1], next: this.entries[i + 1] };
  }
}

function link(e: Entry, current: string): string {
  const here = e.id === current ? ' aria-current="page"' : '';
  return `<li><a href="${docUrl('', e.id)}"${here}>${escapeHtml(e.title)}</a></li>`;
}

/**
 * The sidebar: each part of the book as a collapsible list (the current page's part open, the page
 * marked). Plain links and <details>, so it works without JavaScript; on a phone it is a drawer.
 */
export function sidebar(book: BookOrder, current: string): string {
  const groups = [...new Set(book.entries.map((e) => e.group))];
  const parts = groups.map((group) => {
    const entries = book.entries.filter((e) => e.group === group);
    const open = entries.some((e) => e.id === current) ? ' open' : '';
    let list: string;
    if (group === 'patterns') {
      list = Object.keys(CATEGORY_LABEL)
        .map((c) => {
          const inCat = entries.filter((e) => e.category === c);
          return inCat.length ? `<li class="cat"><span>${escapeHtml(CATEGORY_LABEL[c]!)}</span><ul>${inCat.map((e) => link(e, current)).join('')}</ul></li>` : '';
        })
        .join('');
    } else list = entries.map((e) => link(e, current)).join('');
    return `<details${open}><summary>${escapeHtml(GROUP_LABEL[group] ?? group)}</summary><ul>${list}</ul></details>`;
  });
  return `<nav class="sidebar" id="sidebar" aria-label="Compendium"><p class="sidebar-title"><a href="/docs">The compendium</a></p>${parts.join('')}</nav>`;
}

export function breadcrumbs(book: BookOrder, doc: { id: string; title: string; category?: string }): string {
  const e = book.entry(doc.id);
  const crumbs = [`<li><a href="/docs">Compendium</a></li>`];
  if (e) crumbs.push(`<li><a href="/docs#${e.group}">${escapeHtml(GROUP_LABEL[e.group] ?? e.group)}</a></li>`);
  if (e?.group === 'patterns' && doc.category) crumbs.push(`<li><a href="/docs#patterns-${doc.category}">${escapeHtml(CATEGORY_LABEL[doc.category] ?? doc.category)}</a></li>`);
  crumbs.push(`<li aria-current="page">${escapeHtml(doc.title)}</li>`);
  return `<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${crumbs.join('')}</ol></nav>`;
}

/** Previous and next in catalog order; the page script swaps in a learning path's order when the reader follows one. */
export function pager(book: BookOrder, id: string): string {
  const { prev, next } = book.neighbours(id);
  const a = (e: Entry | undefined, rel: 'prev' | 'next') =>
    e
      ? `<a rel="${rel}" class="${rel}" href="${docUrl('', e.id)}"><span class="dir">${rel === 'prev' ? 'Previous' : 'Next'}</span><span class="t">${escapeHtml(e.title)}</span></a>`
      : '<span></span>';
  return `<nav class="pager" aria-label="Previous and next" data-pager><p class="via" data-via hidden></p>${a(prev, 'prev')}${a(next, 'next')}</nav>`;
}

/** The on-page table of contents; the page script marks the section in view. */
export function pageToc(sections: Array<{ anchor: string; heading: string }>): string {
  const named = sections.filter((s) => s.anchor);
  if (!named.length) return '';
  return `<nav class="toc" aria-labelledby="toc-h" data-toc><h2 id="toc-h" class="toc-h">On this page</h2><ol>${named
    .map((s) => `<li><a href="#${s.anchor}">${escapeHtml(s.heading)}</a></li>`)
    .join('')}</ol></nav>`;
}

/** A visible "#" permalink after every heading that has an id (the renderer gives h3+ their ids). */
export function withPermalinks(html: string): string {
  return html.replace(/<h([2-6]) id="([^"]+)">([\s\S]*?)<\/h\1>/g, (_m, level: string, id: string, inner: string) => {
    const label = inner.replace(/<[^>]+>/g, '');
    return `<h${level} id="${id}">${inner} <a class="permalink" href="#${id}" aria-label="Permalink to “${label}”">#</a></h${level}>`;
  });
}

/** Each learning path's reading order (its related list, other paths left out), for the pager. */
export function learningPaths(docs: ParsedDocument[]): Record<string, { id: string; title: string; docs: Array<{ id: string; title: string }> }> {
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const paths: Record<string, { id: string; title: string; docs: Array<{ id: string; title: string }> }> = {};
  for (const d of docs.filter((x) => x.kind === 'learning-path')) {
    const key = d.id.split('/').pop()!;
    paths[key] = {
      id: d.id,
      title: d.title,
      docs: d.related.filter((id) => !id.startsWith('learning-paths/') && titles.has(id)).map((id) => ({ id, title: titles.get(id)! })),
    };
  }
  return paths;
}
