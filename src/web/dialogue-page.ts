import type { DialogueStep } from '../core/index';
import { escapeHtml, markdownToHtml } from '../core/markdown/html';
import { layout } from './layout';
import { focusableScrollers } from './focusable';

/** The dialogues a page may run without JavaScript, by the id in its URL (/dialogue/<id>). */
export const PAGE_DIALOGUES: Record<string, string> = { selector: 'Help me choose a pattern', review: 'Run a design review' };

function stepHref(dialogue: string, state: string | null, answer: string): string {
  const q = new URLSearchParams();
  if (state) q.set('state', state);
  q.set('answer', answer);
  return `/dialogue/${dialogue}?${q.toString()}`;
}

function questionHtml(step: Extract<DialogueStep, { type: 'question' }>, dialogue: string): string {
  const options = step.question.options
    .map((o) => `<li><a class="option" href="${escapeHtml(stepHref(dialogue, step.state, o.id))}">${escapeHtml(o.label)}</a></li>`)
    .join('');
  const back = step.canGoBack ? `<a class="button secondary" href="${escapeHtml(stepHref(dialogue, step.state, 'back'))}">Back a step</a>` : '';
  return `<div class="question-card">
<p class="progress">${escapeHtml(step.title)} · question ${step.step} of at most ${step.maxSteps}</p>
<h2 id="dialogue-q">${escapeHtml(step.question.text)}</h2>
${step.question.help ? `<p class="help">${escapeHtml(step.question.help)}</p>` : ''}
<ul class="options links" aria-labelledby="dialogue-q">${options}</ul>
<p class="tools">${back}<a class="button secondary" href="/dialogue/${dialogue}">Restart</a></p>
</div>`;
}

/**
 * One step of the pattern selector or the design review as a plain page: each option is a link
 * that carries the state in its URL, so the dialogue works without JavaScript (and the server keeps
 * nothing). The chat page's dialogue buttons are links to this page.
 */
export function dialoguePage(dialogue: string, step: DialogueStep): { html: string; status: number } {
  const name = PAGE_DIALOGUES[dialogue] ?? 'Dialogue';
  let content: string;
  let status = 200;
  if (step.type === 'question') content = questionHtml(step, dialogue);
  else if (step.type === 'result') {
    content = `<div class="result-card">${focusableScrollers(markdownToHtml(step.markdown))}<p class="tools"><a class="button" href="/dialogue/${dialogue}">Start over</a> <a class="button secondary" href="/">Back to the chat</a></p></div>`;
  } else {
    status = 400;
    content = `<p role="alert">${escapeHtml(step.message)}</p>${step.restart ? questionHtml(step.restart, dialogue) : ''}`;
  }
  const body = `<h1>${escapeHtml(name)}</h1>\n${content}`;
  return { html: layout({ title: name, body, description: 'Answer a few questions and get a short list of patterns or a design review, from the compendium.' }), status };
}
