import { markdownToHtml, escapeHtml } from '../../core/markdown/html';
import type { Answer } from '../../core/answer/types';
import type { DialogueStep } from '../../core/dialogue/engine';
import { chartSvg } from './chart';

/**
 * The chat client: sends questions to the same HTTP API everyone else uses, renders answers with
 * the compendium's own (escaping) markdown renderer, draws calculator charts as inline SVG, runs
 * the selector and review with buttons, and keeps the conversation in localStorage.
 */
type Turn =
  | { kind: 'user'; text: string }
  | { kind: 'answer'; question: string; data: Answer; vote?: 'up' | 'down' }
  | { kind: 'error'; text: string }
  | { kind: 'dialogue'; dialogue: string; step: DialogueStep };

const STORE = 'compendium.chat.v1';
// Thumbs drawn as SVG so they show without an emoji font.
const THUMB = 'M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
const THUMB_UP = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${THUMB}"/></svg>`;
const THUMB_DOWN = `<svg viewBox="0 0 24 24" aria-hidden="true" class="down"><path d="${THUMB}"/></svg>`;
const MAX_TURNS = 60;

const root = document.querySelector<HTMLElement>('[data-chat]')!;
const log = root.querySelector<HTMLOListElement>('[data-log]')!;
const form = root.querySelector<HTMLFormElement>('[data-form]')!;
const input = root.querySelector<HTMLTextAreaElement>('[data-input]')!;
const send = root.querySelector<HTMLButtonElement>('[data-send]')!;
const welcome = root.querySelector<HTMLElement>('[data-welcome]')!;

let turns: Turn[] = load();
let busy = false;

function load(): Turn[] {
  try {
    const raw = localStorage.getItem(STORE);
    const parsed = raw ? (JSON.parse(raw) as Turn[]) : [];
    return Array.isArray(parsed) ? parsed.filter((t) => t && typeof t === 'object' && 'kind' in t) : [];
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
  if (status === 429) return e?.message ?? 'Too many questions in a short time; wait a moment and try again.';
  return e?.message ?? `Something went wrong (HTTP ${status}). Try again.`;
}

// ---------- rendering ----------

function el(tag: string, className: string, html = ''): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html) node.innerHTML = html;
  return node;
}

function renderAnswer(turn: Extract<Turn, { kind: 'answer' }>, index: number): HTMLElement {
  const li = el('li', 'turn answer');
  const a = turn.data;
  li.append(el('div', 'md', markdownToHtml(a.answer)));
  if (a.calc && a.calc.ok && a.calc.series) li.append(el('div', 'calc-chart', chartSvg(a.calc.series)));
  if (a.sources.length) {
    const items = a.sources
      .map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.title)} › ${escapeHtml(s.section)}</a></li>`)
      .join('');
    li.append(el('div', 'sources', `<h3>Sources</h3><ol>${items}</ol>`));
  }
  const meta = el('div', 'meta');
  meta.append(el('span', '', `${escapeHtml(a.intent)} · confidence ${Math.round(a.confidence * 100)}%`));
  const fb = el('div', 'feedback');
  fb.setAttribute('role', 'group');
  fb.setAttribute('aria-label', 'Was this answer helpful?');
  for (const vote of ['up', 'down'] as const) {
    const b = el('button', 'vote', vote === 'up' ? THUMB_UP : THUMB_DOWN) as HTMLButtonElement;
    b.type = 'button';
    b.setAttribute('aria-label', vote === 'up' ? 'Helpful' : 'Not helpful');
    b.setAttribute('aria-pressed', String(turn.vote === vote));
    b.addEventListener('click', () => void giveFeedback(index, vote));
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
  card.append(el('div', 'md', markdownToHtml(step.markdown)));
  const tools = el('div', 'tools');
  const copy = el('button', 'secondary', 'Copy as markdown') as HTMLButtonElement;
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(step.markdown);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Copy failed: select the text instead';
    }
  });
  const back = el('button', 'secondary', 'Back a step') as HTMLButtonElement;
  back.type = 'button';
  back.addEventListener('click', () => void answerDialogue(index, 'back'));
  tools.append(copy, back);
  card.append(tools);
  li.append(card);
  return li;
}

function renderQuestion(step: Extract<DialogueStep, { type: 'question' }>, index: number): HTMLElement {
  const box = el('div', 'question-card');
  box.append(el('p', 'progress', `${escapeHtml(step.title)} · question ${step.step} of at most ${step.maxSteps}`));
  const qid = `q-${index}-${step.step}`;
  box.append(el('h3', '', escapeHtml(step.question.text)));
  box.lastElementChild!.id = qid;
  if (step.question.help) box.append(el('p', 'help', escapeHtml(step.question.help)));
  const group = el('div', 'options');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', qid);
  step.question.options.forEach((o) => {
    const b = el('button', 'option', escapeHtml(o.label)) as HTMLButtonElement;
    b.type = 'button';
    b.dataset.option = o.id;
    b.addEventListener('click', () => void answerDialogue(index, o.id));
    group.append(b);
  });
  box.append(group);
  const nav = el('div', 'tools');
  if (step.canGoBack) {
    const back = el('button', 'secondary', 'Back a step') as HTMLButtonElement;
    back.type = 'button';
    back.addEventListener('click', () => void answerDialogue(index, 'back'));
    nav.append(back);
  }
  const restart = el('button', 'secondary', 'Restart') as HTMLButtonElement;
  restart.type = 'button';
  restart.addEventListener('click', () => void answerDialogue(index, 'restart'));
  nav.append(restart);
  box.append(nav);
  return box;
}

function renderTurn(turn: Turn, index: number): HTMLElement {
  switch (turn.kind) {
    case 'user': {
      const li = el('li', 'turn user');
      li.append(el('p', '', escapeHtml(turn.text)));
      return li;
    }
    case 'answer':
      return renderAnswer(turn, index);
    case 'error':
      return el('li', 'turn error', `<p role="alert">${escapeHtml(turn.text)}</p>`);
    case 'dialogue':
      return renderDialogue(turn, index);
  }
}

function render() {
  log.replaceChildren(...turns.map((t, i) => renderTurn(t, i)));
  welcome.hidden = turns.length > 0;
}

function append(turn: Turn) {
  turns.push(turn);
  save();
  welcome.hidden = true;
  log.append(renderTurn(turn, turns.length - 1));
  log.lastElementChild?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function setBusy(on: boolean) {
  busy = on;
  send.disabled = on;
  root.setAttribute('aria-busy', String(on));
}

// ---------- actions ----------

/** The previous answered question and the documents its answer cited, so a follow-up keeps its subject. */
function previousTurn(): { previous: string; context: { sources: string[] } } | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    if (t.kind === 'answer') return { previous: t.question, context: { sources: t.data.sources.map((s) => s.id).slice(0, 5) } };
  }
  return undefined;
}

async function ask(question: string) {
  const q = question.trim();
  if (!q || busy) return;
  const previous = previousTurn();
  append({ kind: 'user', text: q });
  setBusy(true);
  try {
    const res = await post<Answer>('/api/ask', previous ? { question: q, ...previous } : { question: q });
    if (!res.ok) append({ kind: 'error', text: errorText(res.data, res.status) });
    else if (res.data.dialogue) append({ kind: 'dialogue', dialogue: res.data.dialogue.type === 'question' ? res.data.dialogue.dialogue : 'selector', step: res.data.dialogue });
    else append({ kind: 'answer', question: q, data: res.data });
  } catch {
    append({ kind: 'error', text: 'Could not reach the server. Check your connection and try again.' });
  } finally {
    setBusy(false);
    input.focus();
  }
}

function dialogueRoute(dialogue: string): string {
  return dialogue === 'review' ? '/api/review' : '/api/select';
}

async function startDialogue(dialogue: string) {
  if (busy) return;
  setBusy(true);
  try {
    const res = await post<DialogueStep>(dialogueRoute(dialogue), {});
    append(res.ok ? { kind: 'dialogue', dialogue, step: res.data } : { kind: 'error', text: errorText(res.data, res.status) });
    focusDialogue(turns.length - 1);
  } catch {
    append({ kind: 'error', text: 'Could not reach the server. Check your connection and try again.' });
  } finally {
    setBusy(false);
  }
}

function focusDialogue(index: number) {
  const node = log.children[index];
  const target = node?.querySelector<HTMLElement>('.option, .result-card button');
  target?.focus();
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
    const fresh = renderTurn(turn, index);
    log.children[index]?.replaceWith(fresh);
    focusDialogue(index);
  } catch {
    append({ kind: 'error', text: 'Could not reach the server. Check your connection and try again.' });
  } finally {
    setBusy(false);
  }
}

async function giveFeedback(index: number, vote: 'up' | 'down') {
  const turn = turns[index];
  if (!turn || turn.kind !== 'answer') return;
  turn.vote = vote;
  save();
  log.children[index]?.replaceWith(renderTurn(turn, index));
  try {
    await post('/api/feedback', { question: turn.question, vote, sources: turn.data.sources.map((s) => s.id).slice(0, 5), intent: turn.data.intent });
  } catch {
    /* feedback is best effort */
  }
}

// ---------- wiring ----------

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = input.value;
  input.value = '';
  void ask(q);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});
root.querySelectorAll<HTMLButtonElement>('[data-q]').forEach((b) => b.addEventListener('click', () => void ask(b.dataset.q ?? '')));
root.querySelectorAll<HTMLButtonElement>('[data-dialogue]').forEach((b) => b.addEventListener('click', () => void startDialogue(b.dataset.dialogue ?? 'selector')));
root.querySelector<HTMLButtonElement>('[data-clear]')?.addEventListener('click', () => {
  turns = [];
  save();
  render();
  input.focus();
});

render();
