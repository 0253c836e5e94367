import type { Answer, DocMeta, SearchItem } from '../core/index';
import { escapeHtml, markdownToHtml } from '../core/markdown/html';
import { layout } from './layout';
import { focusableScrollers } from './focusable';

const EXAMPLES = [
  'How do I stop retries from taking down a recovering service?',
  'What is the speed of light in fiber and what does it mean for latency?',
  'Saga vs two-phase commit',
  'What is a circuit breaker?',
];

function askForm(value = ''): string {
  return `<form class="ask" method="get" action="/ask" role="search">
<label for="q">Ask a design question</label>
<input id="q" name="q" type="search" maxlength="2000" required value="${escapeHtml(value)}" placeholder="How should we handle retries to the payment provider?">
<button type="submit">Ask</button>
</form>`;
}

/** The home page: ask a question, see the answer with its sources (no script needed). */
export function homePage(question?: string, answer?: Answer, error?: string): string {
  let result = '';
  if (error) result = `<p role="alert">${escapeHtml(error)}</p>`;
  else if (answer) {
    const sources = answer.sources
      .map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.title)} · ${escapeHtml(s.section)}</a></li>`)
      .join('');
    result = `<section aria-live="polite" aria-labelledby="answer-h"><h2 id="answer-h">Answer</h2>${focusableScrollers(markdownToHtml(answer.answer))}
<h3>Sources</h3><ol>${sources}</ol><p class="meta">Confidence ${Math.round(answer.confidence * 100)}% · ${escapeHtml(answer.intent)}</p></section>`;
  }
  const examples = `<h2>Try</h2><ul>${EXAMPLES.map((e) => `<li><a href="/ask?q=${encodeURIComponent(e)}">${escapeHtml(e)}</a></li>`).join('')}</ul>`;
  const body = `<h1>Compendium</h1><p class="summary">Design guidance for distributed systems, with links to the sections every answer comes from.</p>${askForm(question)}${result}${answer || error ? '' : examples}`;
  return layout({ title: question ? question.slice(0, 60) : 'Ask', body });
}

export function notFoundPage(path: string, suggestions: DocMeta[]): string {
  const list = suggestions.length
    ? `<p>Perhaps one of these:</p><ul>${suggestions.map((d) => `<li><a href="/docs/${d.id}">${escapeHtml(d.title)}</a></li>`).join('')}</ul>`
    : '';
  return layout({
    title: 'Not found',
    body: `<h1>Not found</h1><p>Nothing lives at <code>${escapeHtml(path.slice(0, 200))}</code>.</p>${list}<p><a href="/docs">Browse the compendium</a>.</p>`,
  });
}

/** Search results as a plain page: where the header's search box goes without JavaScript. */
export function searchPage(query: string, results: SearchItem[], error?: string): string {
  const q = escapeHtml(query);
  const list = results
    .map((r) => {
      const [best, ...more] = r.sections;
      const sections = more.length ? `<ul>${more.slice(0, 3).map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.heading)}</a></li>`).join('')}</ul>` : '';
      const lead = best ? `<span class="sum"><a href="${escapeHtml(best.url)}">${escapeHtml(best.heading)}</a>: ${escapeHtml(best.lead)}</span>` : '';
      return `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a>${lead}${sections}</li>`;
    })
    .join('');
  const found = error
    ? `<p role="alert">${escapeHtml(error)}</p>`
    : results.length
      ? `<ul class="docs">${list}</ul>`
      : '<p>No document matches.</p>';
  const ask = query ? `<p><a class="button" href="/ask?q=${encodeURIComponent(query)}">Ask the assistant: “${q}”</a></p>` : '';
  const body = `<h1>Search</h1>
<form class="ask" method="get" action="/search" role="search"><label for="search-q">Search the compendium</label><input id="search-q" name="q" type="search" maxlength="200" value="${q}"><button type="submit">Search</button></form>
${query ? found : ''}${ask}`;
  return layout({ title: query ? `Search: ${query.slice(0, 60)}` : 'Search', body });
}
