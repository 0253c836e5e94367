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
export function runLink(command: string): string {
  const q = encodeURIComponent(command);
  return `<a class="try" href="/ask?q=${q}" data-ask="${escapeHtml(command)}" aria-label="Run ${escapeHtml(command)} in the chat">Run</a>`;
}

/** A code block made only of calculator commands, one per line. */
export function isCommandBlock(code: string): boolean {
  const lines = code.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 0 && lines.every((l) => COMMAND.test(l));
}

/** Run links beside inline `/calc ...` code in rendered HTML. */
export function withTryIt(html: string): string {
  return html.replace(/<code>(\/calc\s[^<]+)<\/code>/g, (_m, code: string) => `<code>${code}</code> ${runLink(unescapeHtml(code))}`);
}
