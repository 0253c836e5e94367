import { checkQuestion, stepToMarkdown, type Answer } from '../core/index';
import { calcToMarkdown } from '../core/calc/render';
import { answerMessage, button, calcMessage, dialogueMessage, mrkdwnSection, textSection, type AnswerExtras, type Message } from './blocks';
import { escapeSlack } from './mrkdwn';
import { settled, type SlackDeps } from './deps';
import { AUTH_ERRORS } from './web-api';
import type { Place } from './store';

/** The usage help: every way to reach the bot. */
export function help(deps: SlackDeps): Message {
  const calcs = deps.knowledge.calculators.info().map((c) => `\`${c.name}\``).join(', ');
  return {
    text: 'How to use Compendium',
    blocks: [
      mrkdwnSection(
        `*Ask:* mention me in a channel, message me directly, or \`/compendium ask how do I stop retries from overloading a service?\` (privately).\n*Calculate:* \`/calc ${escapeSlack('<name> key=value')} ...\` (or \`/compendium calc ...\`), for example \`/calc queue arrival=80/s service=10ms\`. Calculators: ${calcs}.\n*Choose a pattern:* \`/compendium patterns\`. *Review a design:* \`/compendium review\`. *This help:* \`/compendium help\`.`,
      ),
    ],
  };
}

export function runCalc(deps: SlackDeps, input: string, shareable: boolean): Message {
  const outcome = deps.knowledge.calc(input, deps.publicUrl);
  const url = outcome.ok ? outcome.docUrl ?? '' : '';
  return calcMessage(outcome, url, calcToMarkdown(outcome, url), shareable, deps.publicUrl);
}

export function dialogueStep(deps: SlackDeps, dialogue: string, state: string | null, answer: string | null): Message {
  const step = deps.knowledge.dialogue(dialogue, state, answer, deps.publicUrl);
  return dialogueMessage(step, dialogue, stepToMarkdown(step), deps.publicUrl);
}

/** A question's answer as a message, or the reason the question cannot be asked. */
export async function answerFor(
  deps: SlackDeps,
  question: string,
  context: { previous?: string; sources?: string[] } = {},
  extras: AnswerExtras = {},
): Promise<{ message: Message; answer?: Answer; question?: string }> {
  const checked = checkQuestion(question);
  if (!checked.ok) return { message: { text: escapeSlack(checked.error.message), blocks: [textSection(checked.error.message)] } };
  const answer = await deps.knowledge.ask(checked.value, {
    baseUrl: deps.publicUrl,
    ...(context.previous ? { previous: context.previous } : {}),
    ...(context.sources?.length ? { context: { sources: context.sources } } : {}),
  });
  return { message: answerMessage(checked.value, answer, deps.publicUrl, extras), answer, question: checked.value };
}

/** What to tell a person when Slack refused to post for them (for a private reply that needs no bot token). */
export function failureNote(error: string | undefined): string {
  if (error === 'not_in_channel') return 'I cannot post in this channel yet: invite me with `/invite @Compendium`, then try again.';
  if (AUTH_ERRORS.has(String(error))) return 'Slack refused this app\'s token, so I cannot post. A workspace admin needs to reinstall Compendium (and update SLACK_BOT_TOKEN).';
  return `I could not post that here (${escapeSlack(String(error ?? 'unknown error'))}). Try again in a minute.`;
}

/** Errors after which the asker is told privately why no answer appeared. */
const TELL_THE_ASKER = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/**
 * Posts a message to a channel or thread; when Slack refuses it for a reason the asker can fix,
 * tells them privately. Resolves to whether the outcome is settled (see `settled`).
 */
export async function post(deps: SlackDeps, where: Place, threadTs: string | undefined, user: string | undefined, message: Message): Promise<{ ok: boolean; settled: boolean; error?: string }> {
  const r = await deps.api.call('chat.postMessage', { channel: where.channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks, unfurl_links: false });
  if (!r.ok && user && TELL_THE_ASKER.has(String(r.error))) {
    await deps.api.call('chat.postEphemeral', {
      channel: where.channel,
      user,
      text: failureNote(r.error),
    });
  }
  return { ok: r.ok, settled: settled(r), ...(r.error ? { error: r.error } : {}) };
}

/**
 * Answers in a thread (or a DM) and remembers the thread: who asked (hashed) and what the answer
 * cited, so follow-ups there keep their subject. Resolves to whether the outcome is settled.
 */
export async function postAnswer(
  deps: SlackDeps,
  where: Place,
  threadTs: string | undefined,
  user: string | undefined,
  question: string,
  context: { previous?: string; sources?: string[] } = {},
  options: { onlyIfConfident?: (a: Answer) => boolean; rememberAs?: string; nativeFeedback?: boolean } = {},
): Promise<boolean> {
  // In a channel with a user group for "Ask a human", answers carry the button that pings it.
  const group = /^[CG]/.test(where.channel) ? (await deps.store.channelSettings(where)).humanGroup : undefined;
  const extras: AnswerExtras = {
    ...(group ? { extraButtons: [button('🙋 Ask a human', 'ask_human', 'ask_human')] } : {}),
    ...(options.nativeFeedback ? { feedback: 'native' as const } : {}),
  };
  const { message, answer, question: asked } = await answerFor(deps, question, context, extras);
  if (answer && options.onlyIfConfident && !options.onlyIfConfident(answer)) return true;
  const r = await post(deps, where, threadTs, user, message);
  const threadKey = options.rememberAs ?? threadTs;
  if (r.ok && threadKey && asked && answer) {
    await deps.store.rememberThread(where, threadKey, { question: asked, asker: user ? await deps.hashUser(user) : undefined, sources: answer.sources.map((s) => s.id) });
  }
  return r.settled;
}
