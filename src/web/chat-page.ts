import { escapeHtml } from '../core/markdown/html';
import { layout } from './layout';

/** Starter questions shown on an empty conversation. */
export const STARTERS = [
  'How do I stop retries from taking down a recovering service?',
  'Saga vs two-phase commit',
  'What availability do two 99.9% services in series give?',
  '/calc queue arrival=80/s service=10ms servers=1',
  "What's the round trip latency from London to Sydney?",
  'What is a circuit breaker?',
];

/** The chat page: a static shell; assets/chat.js does the rest (no inline script, so CSP stays strict). */
export function chatPage(): string {
  // Starters and dialogue buttons are links, so they work without JavaScript (the script turns
  // them into in-page actions); the form sends to the plain answer page for the same reason.
  const starters = STARTERS.map((q) => `<li><a class="starter" href="/ask?q=${encodeURIComponent(q)}" data-q="${escapeHtml(q)}">${escapeHtml(q)}</a></li>`).join('');
  const body = `<div class="chat" data-chat>
<h1 class="visually-hidden">Compendium chat</h1>
<div class="actions" role="group" aria-label="Start a dialogue">
  <a class="button" href="/dialogue/selector" data-dialogue="selector">Help me choose a pattern</a>
  <a class="button" href="/dialogue/review" data-dialogue="review">Run a design review</a>
  <button type="button" data-clear class="secondary" hidden>New conversation</button>
</div>
<section class="welcome" data-welcome aria-labelledby="welcome-h">
  <h2 id="welcome-h">Ask a design question</h2>
  <p>Answers come from the compendium, with links to the sections they came from. Try <code>/calc</code> for the calculators.</p>
  <ul class="starters">${starters}</ul>
</section>
<ol class="log" data-log aria-label="Conversation"></ol>
<p class="visually-hidden" role="status" data-status></p>
<form class="composer" data-form method="get" action="/ask">
  <label for="question">Your question</label>
  <div class="row">
    <textarea id="question" name="q" rows="2" maxlength="2000" required placeholder="How should we handle retries to the payment provider?" data-input></textarea>
    <button type="submit" data-send>Ask</button>
  </div>
  <p class="hint" data-hint>Enter to send, Shift+Enter for a new line. Follow-up questions understand the previous one.</p>
</form>
<noscript><p>Without JavaScript, questions open on a plain answer page, and the dialogues run as pages of links. You can also <a href="/docs">browse the compendium</a>.</p></noscript>
</div>
<script src="/assets/chat.js" defer></script>`;
  return layout({ title: 'Chat', body, wide: true });
}
