import type { ActionsBlockElement, Button, HomeView, KnownBlock, SectionBlock } from '@slack/types';
import type { Answer, CalcOutcome, DialogueStep } from '../core/index';
import { splitSentences } from '../core/content/sentences';
import { escapeSlack, markdownForBlock, markdownToMrkdwn, markdownToPlain } from './mrkdwn';

/** Slack's Block Kit limits, from its documentation. */
export const SLACK_LIMITS = { sectionText: 3000, blocks: 50, buttonValue: 2000, buttonText: 75, contextText: 2000, fallbackText: 3000, markdownBlock: 12000 } as const;

/** Every payload the app posts is Block Kit typed by @slack/types (type-only: nothing is bundled). */
export type Block = KnownBlock;
export type Message = { text: string; blocks: KnownBlock[] };

/** Cuts text at a sentence boundary to fit `max`, ending with a link to read the rest. */
export function trimAtSentence(text: string, max: number, moreUrl?: string): string {
  if (text.length <= max) return text;
  const tail = moreUrl ? ` … <${moreUrl}|Read the full document>` : ' …';
  const budget = max - tail.length;
  let out = '';
  for (const s of splitSentences(text.replace(/\n+/g, ' \n'))) {
    if ((out ? out.length + 1 : 0) + s.length > budget) break;
    out = out ? `${out} ${s}` : s;
  }
  if (!out) out = text.slice(0, budget).replace(/\s+\S*$/, '');
  return out + tail;
}

export function mrkdwnSection(text: string, blockId?: string): SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text } };
}

/** A section that shows text exactly as given: escaped, never read as markup. */
export function textSection(text: string): SectionBlock {
  return mrkdwnSection(trimAtSentence(escapeSlack(text), SLACK_LIMITS.sectionText));
}

/** Splits mrkdwn into section blocks of at most 3,000 characters, at paragraph breaks. */
export function sections(mrkdwn: string, moreUrl?: string, maxBlocks = 10): SectionBlock[] {
  const parts: string[] = [];
  let current = '';
  for (const para of mrkdwn.split(/\n\n/)) {
    const piece = para.length > SLACK_LIMITS.sectionText ? trimAtSentence(para, SLACK_LIMITS.sectionText, moreUrl) : para;
    if (current && current.length + 2 + piece.length > SLACK_LIMITS.sectionText) {
      parts.push(current);
      current = piece;
    } else current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) parts.push(current);
  const kept = parts.slice(0, maxBlocks);
  if (parts.length > maxBlocks && moreUrl) kept[kept.length - 1] = trimAtSentence(kept[kept.length - 1]! + ' …', SLACK_LIMITS.sectionText - 40, moreUrl);
  return kept.map((text) => mrkdwnSection(text));
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const v = value.length > SLACK_LIMITS.buttonValue ? value.slice(0, SLACK_LIMITS.buttonValue) : value;
  return { type: 'button', text: { type: 'plain_text', text: text.slice(0, SLACK_LIMITS.buttonText), emoji: true }, action_id: actionId, value: v, ...(style ? { style } : {}) };
}

/** Feedback buttons carry the question and top sources (trimmed so the value stays under 2,000 characters). */
export function feedbackValue(question: string, sources: string[]): string {
  const v = { q: question.slice(0, 1200), s: sources.slice(0, 5) };
  return JSON.stringify(v);
}

/**
 * Optional extra buttons under an answer (see the handlers: "Ask a human", "Share"). `native`:
 * feedback with Slack's own feedback buttons (a context_actions block), used in the AI surface's
 * conversations; elsewhere our 👍/👎 buttons.
 */
export type AnswerExtras = { extraButtons?: Button[]; feedback?: boolean | 'native' };

/** The action id of Slack's native feedback buttons; each button's value is `up:` or `down:` then feedbackValue. */
export const NATIVE_FEEDBACK_ACTION = 'feedback_native';

/**
 * An answer: its body (markdown from the core, links live only to the compendium at `base`), its
 * sources, and 👍/👎. The question itself is never rendered: it travels only in button values.
 */
export function answerMessage(question: string, a: Answer, base: string, extras: AnswerExtras = {}): Message {
  const more = a.sources[0]?.url.replace(/#.*$/, '');
  // In the AI surface the body goes in Slack's markdown block, made for it; elsewhere mrkdwn sections.
  const blocks: KnownBlock[] =
    extras.feedback === 'native'
      ? [{ type: 'markdown', text: markdownForBlock(a.answer, { linkBase: base, max: SLACK_LIMITS.markdownBlock }) }]
      : [...sections(markdownToMrkdwn(a.answer, { linkBase: base }), more, 8)];
  if (a.sources.length) {
    const list = a.sources.map((s) => `<${s.url}|${escapeSlack(`${s.title} › ${s.section}`).replace(/\|/g, '/')}>`).join('  ·  ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: trimAtSentence(`*Sources:* ${list}`, SLACK_LIMITS.contextText) }] });
  }
  const value = feedbackValue(question, a.sources.map((s) => s.id));
  const elements: ActionsBlockElement[] = [];
  if (extras.feedback === true || extras.feedback === undefined) elements.push(button('👍 Helpful', 'feedback_up', value), button('👎 Not helpful', 'feedback_down', value));
  elements.push(...(extras.extraButtons ?? []));
  if (elements.length) blocks.push({ type: 'actions', block_id: 'feedback', elements });
  if (extras.feedback === 'native') {
    const v = (vote: 'up' | 'down') => `${vote}:${value}`.slice(0, SLACK_LIMITS.buttonValue);
    blocks.push({
      type: 'context_actions',
      block_id: 'native_feedback',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: NATIVE_FEEDBACK_ACTION,
          positive_button: { text: { type: 'plain_text', text: '👍' }, accessibility_label: 'This answer was helpful', value: v('up') },
          negative_button: { text: { type: 'plain_text', text: '👎' }, accessibility_label: 'This answer was not helpful', value: v('down') },
        },
      ],
    });
  }
  return { text: markdownToPlain(a.answer, SLACK_LIMITS.fallbackText), blocks };
}

export function calcMessage(outcome: CalcOutcome, docUrl: string, markdown: string, shareable: boolean, base: string): Message {
  if (!outcome.ok) {
    return {
      text: escapeSlack(outcome.message).slice(0, SLACK_LIMITS.fallbackText),
      blocks: [
        mrkdwnSection(trimAtSentence(`:warning: ${escapeSlack(outcome.message)}`, SLACK_LIMITS.sectionText)),
        ...(outcome.example ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: `Try: \`/calc ${escapeSlack(outcome.example)}\`` }] }] : []),
      ],
    };
  }
  const blocks: KnownBlock[] = sections(markdownToMrkdwn(markdown, { linkBase: base }), docUrl, 6);
  if (shareable) blocks.push({ type: 'actions', block_id: 'calc', elements: [button('Share to channel', 'share_calc', outcome.input, 'primary')] });
  return { text: escapeSlack(`${outcome.title}: ${outcome.reading}`).slice(0, SLACK_LIMITS.fallbackText), blocks };
}

/** Dialogue buttons carry the dialogue, its state and the answer: the Worker keeps nothing. */
export function dialogueValue(dialogue: string, state: string, answer: string): string {
  return JSON.stringify({ d: dialogue, s: state, a: answer });
}

export function dialogueMessage(step: DialogueStep, dialogue: string, markdown: string, base: string): Message {
  if (step.type === 'error') {
    const blocks: KnownBlock[] = [mrkdwnSection(`:warning: ${escapeSlack(step.message)}`)];
    if (step.restart) blocks.push(...dialogueMessage(step.restart, dialogue, markdown, base).blocks);
    return { text: escapeSlack(step.message), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
  }
  if (step.type === 'question') {
    const options = step.question.options.map((o, i) => button(`${i + 1}. ${o.label}`, `dialogue_answer_${i}`, dialogueValue(dialogue, step.state, o.id)));
    const nav: Button[] = [];
    if (step.canGoBack) nav.push(button('← Back', 'dialogue_back', dialogueValue(dialogue, step.state, 'back')));
    nav.push(button('Restart', 'dialogue_restart', dialogueValue(dialogue, step.state, 'restart')));
    const blocks: KnownBlock[] = [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `*${escapeSlack(step.title)}* · question ${step.step} of at most ${step.maxSteps}` }] },
      mrkdwnSection(`*${escapeSlack(step.question.text)}*${step.question.help ? `\n_${escapeSlack(step.question.help)}_` : ''}`),
      { type: 'actions', block_id: 'options', elements: options },
      { type: 'actions', block_id: 'nav', elements: nav },
    ];
    return { text: escapeSlack(`${step.title}: ${step.question.text}`), blocks };
  }
  const blocks: KnownBlock[] = [
    ...sections(markdownToMrkdwn(markdown, { linkBase: base }), undefined, 40),
    {
      type: 'actions',
      block_id: 'result',
      elements: [button('Share to channel', 'share_dialogue', dialogueValue(dialogue, step.state, ''), 'primary'), button('← Back', 'dialogue_back', dialogueValue(dialogue, step.state, 'back'))],
    },
  ];
  return { text: escapeSlack(`${step.title}: done`), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}

export type HomeOptions = {
  /** The compendium's web pages (the chat is at its root). */
  base: string;
  /** Retention periods as configured (README "What is stored"). */
  retention: { FEEDBACK_RETENTION_DAYS: number; SLACK_EVENT_RETENTION_HOURS: number; THREAD_RETENTION_DAYS: number };
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The App Home tab: every way to use the bot, the web chat, and exactly what is stored for how long. */
export function homeView({ base, retention }: HomeOptions): HomeView {
  const r = retention;
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Compendium: design guidance for distributed systems' } },
      mrkdwnSection(
        '*Ask in any channel:* mention me with a question (`@Compendium how should we handle retries to the payment provider?`) and I answer in a thread with the sections it came from; the person who asked can follow up there without mentioning me. Mentioned inside a thread, I read it for context. Direct messages work the same. On any message, the shortcut *Ask Compendium about this* (the message\'s ⋮ menu) answers privately, with a button to share.',
      ),
      mrkdwnSection(
        [
          '*Commands* (answers are private until you share them):',
          '• `/compendium ask <question>`: an answer with its sources',
          '• `/compendium calc <name> key=value ...` or `/calc ...`: a calculator (`/calc help` lists them)',
          '• `/compendium patterns`: help choosing a pattern',
          '• `/compendium review`: a design review over the eight axioms',
          '• `/compendium mode [mention|followups|auto]`: how I behave in this channel',
          '• `/compendium humans @group`: who "Ask a human" pings in this channel (`/compendium humans off` to stop)',
          '• `/compendium help`: this list',
        ]
          .map((line) => line.replace(/<([a-z ]+)>/g, (_, w: string) => escapeSlack(`<${w}>`)))
          .join('\n'),
      ),
      {
        type: 'actions',
        elements: [
          button('Help me choose a pattern', 'start_selector', 'selector', 'primary'),
          button('Run a design review', 'start_review', 'review'),
          { type: 'button', text: { type: 'plain_text', text: 'Open the web chat' }, action_id: 'open_web_chat', url: `${base}/` },
        ],
      },
      { type: 'divider' },
      mrkdwnSection(
        [
          '*What I store, and for how long*',
          `• 👍/👎 on an answer: the question, the vote, the sources it cited, a one-way hash of your user id, the workspace id, and for 👎 the reason you give: ${plural(r.FEEDBACK_RETENTION_DAYS, 'day')}.`,
          `• Threads I answered in: the last question, a hash of who asked, the sources cited: ${plural(r.THREAD_RETENTION_DAYS, 'day')} after the last answer.`,
          `• Slack event ids, only to ignore Slack's redeliveries: ${plural(r.SLACK_EVENT_RETENTION_HOURS, 'hour')}.`,
          '• Each channel\'s mode and "Ask a human" group: until someone changes them.',
          '• If this workspace installed me with "Add to Slack": its id and my bot token, encrypted. Uninstalling me deletes it and everything above that belongs to this workspace.',
          'Nothing else: no answers, no other messages, no raw user ids. A daily job deletes what is past its time.',
        ].join('\n'),
      ),
    ],
  };
}
