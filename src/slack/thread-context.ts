import type { SlackDeps } from './deps';
import { readSlackText } from './input';
import type { Place } from './store';

/** How many messages of a thread are read for context (Slack's limit for apps outside the Marketplace is 15). */
export const THREAD_CONTEXT_MESSAGES = 15;

type ThreadMessage = { ts?: string; text?: string; user?: string; bot_id?: string; blocks?: unknown };

/**
 * What a thread is about, for an answer given inside it: the bot's own record when it answered
 * there before; otherwise the thread read with conversations.replies: its first human message is
 * the subject (`previous`), and the compendium pages linked in it are the sources in context.
 */
export async function readThread(deps: SlackDeps, where: Place, threadTs: string, currentTs: string | undefined, botUserId: string | undefined): Promise<{ previous?: string; sources?: string[] }> {
  const ours = await deps.store.thread(where, threadTs);
  if (ours) return { previous: ours.question, sources: ours.sources };
  const r = await deps.api.get('conversations.replies', { channel: where.channel, ts: threadTs, limit: THREAD_CONTEXT_MESSAGES });
  if (!r.ok || !Array.isArray(r.messages)) return {};
  const messages = (r.messages as ThreadMessage[]).filter((m) => m.ts !== currentTs);
  const human = messages.filter((m) => !m.bot_id && m.text && m.user !== botUserId);
  const subject = human[0]?.text ? readSlackText(human[0].text, botUserId).slice(0, 2000) : undefined;
  return { ...(subject ? { previous: subject } : {}), sources: linkedDocs(JSON.stringify(messages), deps.publicUrl) };
}

/** Ids of the compendium documents linked in some text: `<base>/docs/<id>` (anchors dropped). */
export function linkedDocs(text: string, base: string): string[] {
  const prefix = `${base.replace(/\/+$/, '')}/docs/`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ids = [...text.matchAll(new RegExp(`${prefix}([a-z0-9-]+(?:/[a-z0-9-]+)*)`, 'g'))].map((m) => m[1]!);
  return [...new Set(ids)].slice(0, 5);
}
