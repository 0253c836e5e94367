import { escapeHtml } from '../core/markdown/html';

const COMMAND = /^\/calc\s+\S/;

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/**
 * A "Run" link beside each calculator command a document shows (`/calc ...` in code), so the
 * example opens in the chat and runs. Without JavaScript the link is the plain answer page; the
 * page script points it at the chat (/?ask=...).
 */
function runLink(command: string): string {
  const q = encodeURIComponent(command);
  return `<a class="try" href="/ask?q=${q}" data-ask="${escapeHtml(command)}" aria-label="Run ${escapeHtml(command)} in the chat">Run</a>`;
}

export function withTryIt(html: string): string {
  return html
    .replace(/<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/g, (block, code: string) => {
      const lines = unescapeHtml(code).split('\n').map((l) => l.trim()).filter(Boolean);
      if (!lines.length || !lines.every((l) => COMMAND.test(l))) return block;
      return `<ul class="try-list">${lines.map((l) => `<li><code class="cmd">${escapeHtml(l)}</code> ${runLink(l)}</li>`).join('')}</ul>`;
    })
      .replace(/<code>(\/calc\s[^<]+)<\/code>/g, (_m, code: string) => `<code>${code}</code> ${runLink(unescapeHtml(code))}`);
}
