import { escapeHtml } from '../core/markdown/html';

export type LayoutOptions = {
  title: string;
  body: string;
  description?: string;
  /** The chat's wider column. */
  wide?: boolean;
  /** The book's sidebar (document pages and the table of contents): a column on a desktop, a drawer on a phone. */
  sidebar?: string;
  /** `article` for a document, `website` otherwise (OpenGraph). */
  type?: 'article' | 'website';
  /** A page script besides the theme switch (always deferred, never inline: the CSP allows only 'self'). */
  script?: string;
};

/** The search box in every header; without JavaScript it opens the plain results page. */
const SEARCH_FORM = `<form class="search" role="search" action="/search" method="get" data-search>
<label for="site-search" class="visually-hidden">Search the compendium</label>
<input id="site-search" name="q" type="search" maxlength="200" autocomplete="off" spellcheck="false" placeholder="Search (press /)">
<div class="search-panel" data-search-panel hidden><p class="search-note" data-search-note role="status"></p><div id="search-results" role="listbox" aria-label="Search results" data-search-results></div></div>
</form>`;

/** The page shell shared by every server-rendered or pre-rendered page. */
export function layout(opts: LayoutOptions): string {
  const title = escapeHtml(opts.title);
  const description = escapeHtml(opts.description ?? 'Compendium: design guidance for distributed systems.');
  const menu = opts.sidebar
    ? '<button type="button" class="menu secondary" data-menu aria-controls="sidebar" aria-expanded="false">Menu</button>'
    : '';
  const main = `<main id="main"${opts.wide ? ' class="wide"' : ''}>
${opts.body}
</main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${description}">
<meta name="color-scheme" content="light dark">
<title>${title} · Compendium</title>
<meta property="og:site_name" content="Compendium">
<meta property="og:type" content="${opts.type ?? 'website'}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta name="twitter:card" content="summary">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/theme.js"></script>
<script src="/assets/search.js" defer></script>
${opts.script ? `<script src="${opts.script}" defer></script>\n` : ''}</head>
<body${opts.sidebar ? ' class="has-sidebar"' : ''}>
<a class="skip" href="#main">Skip to content</a>
<header class="site">${menu}<a class="brand" href="/">Compendium</a><nav aria-label="Site"><a href="/">Chat</a><a href="/docs">Docs</a></nav>${SEARCH_FORM}<button type="button" class="theme" data-theme-toggle>Theme</button></header>
${opts.sidebar ? `<div class="book">\n${opts.sidebar}\n${main}\n</div>` : main}
<footer class="site"><p>Compendium: distributed systems from first principles. Ask over HTTP at <code>POST /api/ask</code> or with <code>npx compendium ask</code>.</p></footer>
</body>
</html>
`;
}
