import { escapeSlack } from './mrkdwn';
import { dialogueStep, help, runCalc } from './replies';
import type { Message } from './blocks';
import type { SlackDeps } from './deps';

/**
 * Slack's AI-app surface (the agent messaging experience, `agent_view` in the manifest; the older
 * assistant view's events are understood too): a conversation opens with a greeting and suggested
 * prompts, shows a status while the answer is found, takes its title from the question, and is
 * answered with the same answers, calculators and dialogues as everywhere else.
 */

/** Slack shows at most four suggested prompts. */
export const MAX_PROMPTS = 4;

/** The prompts a new conversation offers; each message is understood by `conversationCommand` or answered as a question. */
export const SUGGESTED_PROMPTS = [
  { title: 'Ask a design question', message: 'How do I stop retries from overloading a downstream service?' },
  { title: 'Choose a pattern', message: 'Help me choose a pattern' },
  { title: 'Run a design review', message: 'Run a design review' },
  { title: 'Size a queue', message: 'calc queue arrival=80/s service=10ms servers=1' },
] as const;

/** What the status line says while an answer is found (Slack clears it when the answer is posted). */
export const WORKING_STATUS = 'is looking through the compendium…';

/** Longest conversation title set from a question. */
const TITLE_CHARS = 60;

/** Where the person is while the conversation is open (Slack sends the channel they are viewing). */
export type ThreadContext = { channel_id?: string; team_id?: string; enterprise_id?: string | null };

/** The greeting of a new conversation, mentioning the channel the person is looking at when Slack says which. */
export function greeting(context: ThreadContext = {}): string {
  const channel = context.channel_id && /^[CG][A-Z0-9]+$/.test(context.channel_id) ? context.channel_id : null;
  const where = channel ? ` Ask about the design being discussed in <#${channel}>, or pick one below.` : ' Ask me anything, or pick one below.';
  return `Hi! I answer distributed-systems design questions with cited sources, run capacity and latency calculators, and walk you through choosing a pattern or reviewing a design.${where}`;
}

/** The arguments of assistant.threads.setSuggestedPrompts; `threadTs` only for the assistant view (the agent view refuses it). */
export function suggestedPrompts(channel: string, threadTs: string | undefined, context: ThreadContext = {}): Record<string, unknown> {
  return {
    channel_id: channel,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    title: context.channel_id ? 'Ask about this channel, or:' : 'Try one of these:',
    prompts: SUGGESTED_PROMPTS.slice(0, MAX_PROMPTS).map((p) => ({ ...p })),
  };
}

/** A conversation's title from its first question: one line, at most TITLE_CHARS, cut at a word; text, never markup. */
export function titleFrom(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_CHARS) return escapeSlack(line);
  const cut = line.slice(0, TITLE_CHARS - 1);
  const atWord = cut.lastIndexOf(' ') > TITLE_CHARS / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return escapeSlack(`${atWord}…`);
}

/**
 * Messages in a conversation that run a dialogue or a calculator instead of being asked (the
 * suggested prompts' messages, and the slash commands' words): null for a question.
 */
export function conversationCommand(deps: SlackDeps, text: string): Message | null {
  const t = text.trim();
  if (/^(help|usage|\?)\W*$/i.test(t)) return help(deps);
  if (/^(patterns|help me choose a pattern|choose a pattern)\W*$/i.test(t)) return dialogueStep(deps, 'selector', null, null);
  if (/^(review|run a design review|design review)\W*$/i.test(t)) return dialogueStep(deps, 'review', null, null);
  const calc = /^\/?calc\s+(.+)$/is.exec(t);
  if (calc) return runCalc(deps, calc[1]!, false);
  return null;
}
