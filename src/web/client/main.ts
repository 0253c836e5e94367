import { markdownToHtml, escapeHtml } from '../../core/markdown/html';
import type { Answer } from '../../core/answer/types';
import type { DialogueStep } from '../../core/dialogue/engine';
import { chartSvg } from './chart';
import { focusableScrollers } from '../focusable';

/**
 * The chat client: sends questions to the same HTTP API everyone else uses, renders answers with
 * the compendium's own (escaping) markdown renderer, draws calculator charts as inline SVG, runs
 * the selector and review with buttons, and keeps the conversation in localStorage.
 *
 * What the user typed is never lost: a question asked while another is pending waits in a queue,
 * a failed question goes back into the box with a Retry, and only answered turns are stored.
 */
type Turn =
  | { kind: 'user'; text: string }
  | { kind: 'answer'; question: string; data: Answer; vote?: 'up' | 'down' }
  | { kind: 'dialogue'; dialogue: string; step: DialogueStep };

const STORE = 'compendium.chat.v1';
const DRAFT = 'compendium.chat.draft';
// Thumbs drawn as SVG so they show without an emoji font.
const THUMB = 'M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
const THUMB_UP = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${THUMB}"/></svg>`;
const THUMB_DOWN = `<svg viewBox="0 0 24 24" aria-hidden="true" class="down"><path d="${THUMB}"/></svg>`;
const MAX_TURNS = 60;
const OFFLINE = 'Could not reach the server. Check your connection and retry.';

const root = document.querySelector<HTMLElement>('[data-chat]')!;
const log = root.querySelector<HTMLOListElement>('[data-log]')!;
const form = root.querySelector<HTMLFormElement>('[data-form]')!;
const input = root.querySelector<HTMLTextAreaElement>('[data-input]')!;
const welcome = root.querySelector<HTMLElement>('[data-welcome]')!;
const status = root.querySelector<HTMLElement>('[data-status]')!;

let turns: Turn[] = load();
let busy = false;
/** The document the next question is about ("Ask about this page"), until an answer arrives. */
let about: { id: string; title: string } | null = null;
const aboutChip = el('p', 'about-chip');
aboutChip.hidden = true;
form.prepend(aboutChip);
/** Questions asked while another was pending, in order, each with its bubble in the log. */
const queue: Array<{ text: string; node: HTMLElement }> = [];

function load(): Turn[] {
  try {
    const raw = localStorage.getItem(STORE);
    const parsed = raw ? (JSON.parse(raw) as Turn[]) : [];
    // Older versions stored failed turns; they are not history.
    return Array.isArray(parsed) ? parsed.filter((t) => t && typeof t === 'object' && ['user', 'answer', 'dialogue'].includes(t.kind)) : [];
  } catch {
    return [];
  }
}

function save() {
  turns = turns.slice(-MAX_TURNS);
  try {
    localStorage.setItem(STORE, JSON.stringify(turns));
  } catch {
    /* private mode or full storage: the conversation just is not kept */
  }
}

function saveDraft() {
  try {
    if (input.value) sessionStorage.setItem(DRAFT, input.value);
    else sessionStorage.removeItem(DRAFT);
  } catch {
    /* storage disabled: the draft lives only in the box */
  }
}

async function post<T>(path: string, body: unknown): Promise<{ ok: boolean; status: number; data: T }> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = { error: { message: `The server answered ${res.status} without JSON.` } };
  }
  return { ok: res.ok, status: res.status, data: data as T };
}

function errorText(data: unknown, status: number): string {
  const e = (data as { error?: { message?: string } } | null)?.error;
  if (status === 429) return e?.message ?? 'Too many questions in a short time; wait a moment and retry.';
  return e?.message ?? `Something went wrong (HTTP ${status}). Retry in a moment.`;
}

/** Says something to screen readers through the page's status region. */
function announce(text: string) {
  status.textContent = '';
  // A fresh text node after a tick, so the same message twice is still read.
  setTimeout(() => {
    status.textContent = text;
  }, 50);
}

// ---------- rendering ----------

function el(tag: string, className: string, html = ''): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html) node.innerHTML = html;
  return node;
}

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', className) as HTMLButtonElement;
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function renderAnswer(turn: Extract<Turn, { kind: 'answer' }>, index: number): HTMLElement {
  const li = el('li', 'turn answer');
  const a = turn.data;
  li.append(el('div', 'md', focusableScrollers(markdownToHtml(a.answer))));
  if (a.calc && a.calc.ok && a.calc.series) li.append(el('div', 'calc-chart', chartSvg(a.calc.series)));
  if (a.sources.length) {
    const items = a.sources
      .map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.title)} › ${escapeHtml(s.section)}</a></li>`)
      .join('');
    li.append(el('div', 'sources', `<h2>Sources</h2><ol>${items}</ol>`));
  }
  const meta = el('div', 'meta');
  meta.append(el('span', '', `${escapeHtml(a.intent)} · confidence ${Math.round(a.confidence * 100)}%`));
  const fb = el('div', 'feedback');
  fb.setAttribute('role', 'group');
  fb.setAttribute('aria-label', 'Was this answer helpful?');
  for (const vote of ['up', 'down'] as const) {
    const b = el('button', 'vote', vote === 'up' ? THUMB_UP : THUMB_DOWN) as HTMLButtonElement;
    b.type = 'button';
    b.dataset.vote = vote;
    b.setAttribute('aria-label', vote === 'up' ? 'Helpful' : 'Not helpful');
    b.setAttribute('aria-pressed', String(turn.vote === vote));
    b.addEventListener('click', () => void giveFeedback(index, vote, li));
    fb.append(b);
  }
  meta.append(fb);
  li.append(meta);
  return li;
}

function renderDialogue(turn: Extract<Turn, { kind: 'dialogue' }>, index: number): HTMLElement {
  const li = el('li', 'turn dialogue');
  const step = turn.step;
  if (step.type === 'error') {
    li.append(el('p', 'error', escapeHtml(step.message)));
    if (step.restart) li.append(renderQuestion(step.restart, index));
    return li;
  }
  if (step.type === 'question') {
    li.append(renderQuestion(step, index));
    return li;
  }
  const card = el('div', 'result-card');
  card.tabIndex = -1;
  if (step.risks.length) card.append(riskSummary(step.risks));
  const md = el('div', 'md', focusableScrollers(markdownToHtml(step.markdown)));
  markRiskLevels(md);
  card.append(md);
  const tools = el('div', 'tools');
  const copy = button('Copy as markdown', 'secondary', async () => {
    try {
      await navigator.clipboard.writeText(step.markdown);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Copy failed: select the text instead';
    }
  });
  tools.append(
    copy,
    button('Back a step', 'secondary', () => void answerDialogue(index, 'back')),
    button('Start over', 'secondary', () => void answerDialogue(index, 'restart')),
  );
  card.append(tools);
  li.append(card);
  return li;
}

const LEVELS = ['high', 'medium', 'low'] as const;

/** The review's risks counted by level, as badges at the top of the result. */
function riskSummary(risks: Array<{ level: string }>): HTMLElement {
  const p = el('p', 'risk-summary');
  p.append('Risks: ');
  for (const level of LEVELS) {
    const n = risks.filter((r) => r.level === level).length;
    if (n) p.append(el('span', `badge ${level}`, `${n} ${level}`), ' ');
  }
  return p;
}

/** "1. High: ..." headings in the review get a badge for their level, so it shows at a glance. */
function markRiskLevels(md: HTMLElement) {
  md.querySelectorAll('h3').forEach((h) => {
    const first = h.firstChild;
    const m = first?.nodeType === Node.TEXT_NODE ? /^(\d+\.\s+)(High|Medium|Low):\s*/.exec(first.textContent ?? '') : null;
    if (!m || !first) return;
    first.textContent = (first.textContent ?? '').slice(m[0].length);
    h.prepend(m[1]!, el('span', `badge ${m[2]!.toLowerCase()}`, m[2]!), ' ');
  });
}

function renderQuestion(step: Extract<DialogueStep, { type: 'question' }>, index: number): HTMLElement {
  const box = el('div', 'question-card');
  box.append(el('p', 'progress', `${escapeHtml(step.title)} · question ${step.step} of at most ${step.maxSteps}`));
  const qid = `q-${index}-${step.step}`;
  box.append(el('h2', '', escapeHtml(step.question.text)));
  box.lastElementChild!.id = qid;
  if (step.question.help) box.append(el('p', 'help', escapeHtml(step.question.help)));
  const group = el('div', 'options');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', qid);
  step.question.options.forEach((o) => {
    const b = button(o.label, 'option', () => void answerDialogue(index, o.id));
    b.dataset.option = o.id;
    group.append(b);
  });
  box.append(group);
  const nav = el('div', 'tools');
  if (step.canGoBack) nav.append(button('Back a step', 'secondary', () => void answerDialogue(index, 'back')));
  nav.append(button('Restart', 'secondary', () => void answerDialogue(index, 'restart')));
  box.append(nav);
  return box;
}

function renderTurn(turn: Turn, index: number): HTMLElement {
  let node: HTMLElement;
  switch (turn.kind) {
    case 'user':
      node = userBubble(turn.text);
      break;
    case 'answer':
      node = renderAnswer(turn, index);
      break;
    case 'dialogue':
      node = renderDialogue(turn, index);
      break;
  }
  node.dataset.turn = String(index);
  return node;
}

function userBubble(text: string, note = ''): HTMLElement {
  const li = el('li', 'turn user');
  li.append(el('p', '', escapeHtml(text)));
  if (note) li.append(el('p', 'note', escapeHtml(note)));
  return li;
}

function turnNode(index: number): HTMLElement | null {
  return log.querySelector<HTMLElement>(`[data-turn="${index}"]`);
}

function render() {
  log.replaceChildren(...turns.map((t, i) => renderTurn(t, i)));
  welcome.hidden = turns.length > 0;
}

function store(turn: Turn): HTMLElement {
  turns.push(turn);
  save();
  return renderTurn(turn, turns.length - 1);
}

function reveal(node: Element) {
  node.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/** A new answer or result is read from its start, so it scrolls to its top, not its end. */
function revealStart(node: Element) {
  node.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

/** A failed request, shown but never stored: its message, and a Retry when there is something to retry. */
function showError(text: string, retry?: () => void): HTMLElement {
  const li = el('li', 'turn error');
  li.append(el('p', '', escapeHtml(text)));
  if (retry) {
    li.append(
      button('Retry', 'secondary', () => {
        li.remove();
        retry();
      }),
    );
  }
  log.append(li);
  welcome.hidden = true;
  announce(text);
  reveal(li);
  return li;
}

function setBusy(on: boolean) {
  busy = on;
  root.setAttribute('aria-busy', String(on));
}

// ---------- actions ----------

/** The previous answered question and the documents its answer cited, so a follow-up keeps its subject. */
function previousTurn(): { previous: string; context: { sources: string[] } } | undefined {
  if (about) return { previous: about.title, context: { sources: [about.id] } };
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    if (t.kind === 'answer') return { previous: t.question, context: { sources: t.data.sources.map((s) => s.id).slice(0, 5) } };
  }
  return undefined;
}

/** Asks now, or after the pending question when one is pending. */
function ask(question: string) {
  const q = question.trim();
  if (!q) return;
  welcome.hidden = true;
  if (busy) {
    const node = userBubble(q, 'Queued: asked when the current answer arrives.');
    node.classList.add('queued');
    log.append(node);
    queue.push({ text: q, node });
    announce('Question queued.');
    reveal(node);
    return;
  }
  void send(q);
}

async function send(q: string, bubble?: HTMLElement) {
  const previous = previousTurn();
  const mine = bubble ?? userBubble(q);
  mine.classList.remove('queued');
  mine.querySelector('.note')?.remove();
  if (!mine.isConnected) log.append(mine);
  const pending = el('li', 'turn pending', '<span class="spinner" aria-hidden="true"></span> Finding the answer…');
  mine.after(pending);
  reveal(pending);
  setBusy(true);
  announce('Finding the answer…');
  const fail = (text: string, retryable: boolean) => {
    mine.remove();
    pending.remove();
    // The question goes back into the box unless the user has typed something new there.
    if (!input.value.trim()) {
      input.value = q;
      saveDraft();
    }
    showError(text, retryable ? () => void retry(q) : undefined);
  };
  try {
    const res = await post<Answer>('/api/ask', previous ? { question: q, ...previous } : { question: q });
    if (!res.ok) fail(errorText(res.data, res.status), res.status === 429 || res.status >= 500);
    else {
      const user = store({ kind: 'user', text: q });
      const answer = res.data.dialogue
        ? store({ kind: 'dialogue', dialogue: res.data.dialogue.type === 'question' ? res.data.dialogue.dialogue : 'selector', step: res.data.dialogue })
        : store({ kind: 'answer', question: q, data: res.data });
      mine.replaceWith(user);
      pending.replaceWith(answer);
      setAbout(null);
      announce('Answer ready.');
      revealStart(user);
    }
  } catch {
    fail(OFFLINE, true);
  } finally {
    setBusy(false);
    const next = queue.shift();
    if (next) void send(next.text, next.node);
  }
}

function retry(q: string) {
  if (input.value.trim() === q) {
    input.value = '';
    saveDraft();
  }
  ask(q);
}

function dialogueRoute(dialogue: string): string {
  return dialogue === 'review' ? '/api/review' : '/api/select';
}

async function startDialogue(dialogue: string) {
  if (busy) return;
  setBusy(true);
  try {
    const res = await post<DialogueStep>(dialogueRoute(dialogue), {});
    if (!res.ok) showError(errorText(res.data, res.status), () => void startDialogue(dialogue));
    else {
      const node = store({ kind: 'dialogue', dialogue, step: res.data });
      log.append(node);
      welcome.hidden = true;
      focusDialogue(turns.length - 1);
    }
  } catch {
    showError(OFFLINE, () => void startDialogue(dialogue));
  } finally {
    setBusy(false);
  }
}

/** Focus on the next option, or on a result card's top (read from its start, not from its buttons at the end). */
function focusDialogue(index: number) {
  const node = turnNode(index);
  const card = node?.querySelector<HTMLElement>('.result-card');
  if (card) {
    card.focus({ preventScroll: true });
    revealStart(card);
    return;
  }
  node?.querySelector<HTMLElement>('.option')?.focus();
}

async function answerDialogue(index: number, answer: string) {
  const turn = turns[index];
  if (!turn || turn.kind !== 'dialogue' || busy) return;
  const step = turn.step.type === 'error' ? turn.step.restart : turn.step;
  setBusy(true);
  try {
    const res = await post<DialogueStep>(dialogueRoute(turn.dialogue), { state: step?.state ?? null, answer });
    turn.step = res.data;
    save();
    turnNode(index)?.replaceWith(renderTurn(turn, index));
    focusDialogue(index);
  } catch {
    showError(OFFLINE, () => void answerDialogue(index, answer));
  } finally {
    setBusy(false);
  }
}

/** A vote shows as pressed only once the server has stored it. */
async function giveFeedback(index: number, vote: 'up' | 'down', node: HTMLElement) {
  const turn = turns[index];
  if (!turn || turn.kind !== 'answer') return;
  const b = node.querySelector<HTMLButtonElement>(`[data-vote="${vote}"]`);
  if (b?.getAttribute('aria-busy') === 'true') return;
  b?.setAttribute('aria-busy', 'true');
  node.querySelector('.vote-note')?.remove();
  let stored = false;
  try {
    const res = await post('/api/feedback', { question: turn.question, vote, sources: turn.data.sources.map((s) => s.id).slice(0, 5), intent: turn.data.intent });
    stored = res.ok;
  } catch {
    stored = false;
  }
  b?.removeAttribute('aria-busy');
  if (!stored) {
    const note = el('span', 'vote-note', 'Vote not saved; try again later.');
    node.querySelector('.feedback')?.append(note);
    announce('Vote not saved.');
    return;
  }
  turn.vote = vote;
  save();
  node.querySelectorAll<HTMLButtonElement>('.vote').forEach((v) => v.setAttribute('aria-pressed', String(v.dataset.vote === vote)));
  announce('Thanks, vote saved.');
}

function setAbout(doc: { id: string; title: string } | null) {
  about = doc;
  aboutChip.hidden = !doc;
  aboutChip.replaceChildren();
  if (!doc) {
    input.placeholder = 'How should we handle retries to the payment provider?';
    return;
  }
  const link = document.createElement('a');
  link.href = `/docs/${doc.id}`;
  link.textContent = doc.title;
  const drop = button('×', 'secondary drop', () => {
    setAbout(null);
    input.focus();
  });
  drop.setAttribute('aria-label', `Stop asking about ${doc.title}`);
  aboutChip.append('Asking about ', link, drop);
  input.placeholder = `Ask anything about ${doc.title}`;
}

// ---------- wiring ----------

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = input.value;
  if (!q.trim()) return;
  input.value = '';
  saveDraft();
  ask(q);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener('input', saveDraft);
root.querySelectorAll<HTMLElement>('[data-q]').forEach((b) =>
  b.addEventListener('click', (e) => {
    e.preventDefault();
    ask(b.dataset.q ?? '');
  }),
);
root.querySelectorAll<HTMLElement>('[data-dialogue]').forEach((b) =>
  b.addEventListener('click', (e) => {
    e.preventDefault();
    void startDialogue(b.dataset.dialogue ?? 'selector');
  }),
);
const clear = root.querySelector<HTMLButtonElement>('[data-clear]');
if (clear) {
  clear.hidden = false;
  clear.addEventListener('click', () => {
    // A pending answer would land in a cleared log: wait for it first.
    if (busy || queue.length) {
      announce('Wait for the pending answer, then start a new conversation.');
      return;
    }
    turns = [];
    save();
    render();
    input.focus();
  });
}

try {
  const draft = sessionStorage.getItem(DRAFT);
  if (draft && !input.value) input.value = draft;
} catch {
  /* no storage */
}
render();

// The search box's "Ask the assistant" (/?ask=...) carries its query here: asked at once.
const params = new URLSearchParams(location.search);
const carried = params.get('ask');
if (carried) {
  history.replaceState(null, '', location.pathname);
  ask(carried.slice(0, 2000));
}
// "Ask about this page" (/?about=<id>&title=...): the next question is about that document.
const aboutId = params.get('about');
if (aboutId && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(aboutId)) {
  history.replaceState(null, '', location.pathname);
  setAbout({ id: aboutId, title: (params.get('title') || aboutId).slice(0, 120) });
  welcome.hidden = true;
  input.focus();
}
