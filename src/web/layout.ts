import { escapeHtml } from '../core/markdown/html';

/** The page shell shared by every server-rendered or pre-rendered page. */
export function layout(opts: { title: string; body: string; description?: string; wide?: boolean }): string {
  const title = escapeHtml(opts.title);
  const description = escapeHtml(opts.description ?? 'Compendium: design guidance for distributed systems.');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${description}">
<meta name="color-scheme" content="light dark">
<title>${title} · Compendium</title>
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/theme.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><a class="brand" href="/">Compendium</a><nav aria-label="Site"><a href="/">Chat</a><a href="/docs">Browse the compendium</a><a href="/docs/introduction/index">Introduction</a></nav><button type="button" class="theme" data-theme-toggle aria-label="Switch between light and dark theme">Theme</button></header>
<main id="main"${opts.wide ? ' class="wide"' : ''}>
${opts.body}
</main>
<footer class="site"><p>Compendium: distributed systems from first principles. Ask over HTTP at <code>POST /api/ask</code> or with <code>npx compendium ask</code>.</p></footer>
</body>
</html>
`;
}
