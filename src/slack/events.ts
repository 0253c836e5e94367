import { homeView } from './blocks';
import { RETENTION_DEFAULTS } from '../http/retention';
import { OK, safe, settled, type Handled, type SlackDeps } from './deps';
import { answersFollowUp, AUTO_ANSWER_MIN_CONFIDENCE, looksLikeQuestion } from './etiquette';
import { readSlackText, stripLeadingMention } from './input';
import { help, postAnswer } from './replies';
import type { Place } from './store';
import { readThread } from './thread-context';
import { unfurlFor } from './unfurl';
import { conversationCommand, greeting, suggestedPrompts, titleFrom, WORKING_STATUS, type ThreadContext } from './assistant';

type SlackEvent = {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
  channel_type?: string;
  ts?: string;
  thread_ts?: string;
  tab?: string;
  /** link_shared: the links to preview, and where they are (a posted message, or the composer). */
  links?: Array<{ url?: string; domain?: string }>;
  message_ts?: string;
  unfurl_id?: string;
  source?: string;
  /** assistant_thread_started / assistant_thread_context_changed (the assistant view). */
  assistant_thread?: { user_id?: string; channel_id?: string; thread_ts?: string; context?: ThreadContext };
};

/** The bot's own user id, from the event's authorizations (the installation that sees it). */
function botUser(body: Record<string, unknown>): string | undefined {
  const auth = Array.isArray(body.authorizations) ? (body.authorizations[0] as { user_id?: unknown; is_bot?: unknown } | undefined) : undefined;
  return auth && auth.is_bot !== false && typeof auth.user_id === 'string' ? auth.user_id : undefined;
}

/** The question in a message: entities decoded, the bot's own mention (or its name) removed, other mentions kept. */
function questionText(text: string, botUserId: string | undefined): string {
  const read = botUserId ? readSlackText(text, botUserId) : readSlackText(stripLeadingMention(text));
  return read.replace(/^\s*@?compendium\b\s*[,:]?\s*/i, '');
}

/** A bare mention, or "help", asks for the usage help rather than an answer. */
function wantsHelp(question: string): boolean {
  return !question || /^(help|usage|\?)\W*$/i.test(question);
}

/** Claims the event just before its first visible effect; false when another delivery has it. */
type Once = () => Promise<boolean>;

/**
 * Events API: url_verification and event_callback (mentions, DMs, thread follow-ups, questions in
 * auto channels, App Home). An event is claimed just before its answer is posted and marked done
 * only once that settled, so Slack's redelivery of an event whose answer was not posted goes through;
 * events that need nothing (chatter, other people's threads) never touch the database.
 */
export async function handleEnvelope(unsafeDeps: SlackDeps, body: Record<string, unknown>): Promise<Handled> {
  if (body.type === 'url_verification') return { ack: { status: 200, json: { challenge: body.challenge } } };
  if (body.type !== 'event_callback') return { ack: OK };
  const deps = safe(unsafeDeps);
  const team = typeof body.team_id === 'string' ? body.team_id : '';
  const eventId = typeof body.event_id === 'string' ? body.event_id : null;
  let claimed = false;
  const once: Once = async () => {
    if (!eventId) return true;
    claimed = await deps.store.claimEvent(eventId, team);
    return claimed;
  };
  const handled = routeEvent(deps, body, team, once);
  const work = handled.lazy;
  if (!work) return handled;
  return {
    ack: handled.ack,
    lazy: async () => {
      let done = false;
      try {
        done = (await work()) !== false;
      } finally {
        if (claimed && eventId) await deps.store.finishEvent(eventId, done);
      }
      return done;
    },
  };
}

function routeEvent(deps: SlackDeps, body: Record<string, unknown>, team: string, once: Once): Handled {
  const event = (body.event ?? {}) as SlackEvent;
  if (event.bot_id || (event.subtype && event.subtype !== 'thread_broadcast')) return { ack: OK };
  const where: Place = { team, channel: event.channel ?? '' };
  const botUserId = botUser(body);
  const text = event.text ?? '';

  if (event.type === 'app_mention') {
    const question = questionText(text, botUserId);
    const thread = event.thread_ts ?? event.ts;
    return {
      ack: OK,
      lazy: async () => {
        if (wantsHelp(question)) {
          if (!(await once())) return true;
          const h = help(deps);
          return settled(await deps.api.call('chat.postMessage', { channel: where.channel, ...(thread ? { thread_ts: thread } : {}), text: h.text, blocks: h.blocks }));
        }
        // Mentioned inside a thread: what the thread is about is the answer's context.
        const context = event.thread_ts ? await readThread(deps, where, event.thread_ts, event.ts, botUserId) : {};
        if (!(await once())) return true;
        return postAnswer(deps, where, thread, event.user, question, context);
      },
    };
  }

  if (event.type === 'message' && event.channel_type === 'im') {
    // A conversation with the app (the AI surface's Messages tab, or a plain DM on plans without
    // it): answered in a thread under the first message, with a status while working and the
    // question as the conversation's title. Workspaces without the surface ignore those two calls.
    const question = questionText(text, botUserId);
    const root = event.thread_ts ?? event.ts;
    return {
      ack: OK,
      lazy: async () => {
        if (!(await once())) return true;
        const command = conversationCommand(deps, question) ?? (wantsHelp(question) ? help(deps) : null);
        if (command) return settled(await deps.api.call('chat.postMessage', { channel: where.channel, ...(root ? { thread_ts: root } : {}), text: command.text, blocks: command.blocks }));
        const before = event.thread_ts ? await deps.store.thread(where, event.thread_ts) : null;
        if (root) {
          await deps.api.call('assistant.threads.setStatus', { channel_id: where.channel, thread_ts: root, status: WORKING_STATUS });
          if (!before) await deps.api.call('assistant.threads.setTitle', { channel_id: where.channel, thread_ts: root, title: titleFrom(question) });
        }
        return postAnswer(deps, where, root, event.user, question, before ? { previous: before.question, sources: before.sources } : {}, { nativeFeedback: true });
      },
    };
  }

  if (event.type === 'assistant_thread_started' || event.type === 'assistant_thread_context_changed') {
    // The assistant view: a new thread gets a greeting and suggested prompts; when the person moves
    // to another channel, the prompts follow. (The agent view sends app_home_opened instead.)
    const t = event.assistant_thread ?? {};
    if (!t.channel_id || !t.thread_ts) return { ack: OK };
    const { channel_id: channel, thread_ts: threadTs, context = {} } = t;
    return {
      ack: OK,
      lazy: async () => {
        if (!(await once())) return true;
        if (event.type === 'assistant_thread_started') {
          const hello = greeting(context);
          const r = await deps.api.call('chat.postMessage', { channel, thread_ts: threadTs, text: hello, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: hello } }] });
          if (!settled(r)) return false;
        }
        return settled(await deps.api.call('assistant.threads.setSuggestedPrompts', suggestedPrompts(channel, threadTs, context)));
      },
    };
  }

  // Mentions of the bot arrive as app_mention as well: the plain message copy is not answered twice.
  const mentionsBot = botUserId ? text.includes(`<@${botUserId}`) : /<@[A-Z0-9]+/.test(text);
  if (event.type !== 'message' || !text || mentionsBot) return otherEvent(deps, event, once);

  if (event.thread_ts && event.thread_ts !== event.ts) {
    // A reply in a thread: answered only if the bot answered there, the channel allows follow-ups,
    // and it comes from the person who asked or is put to the bot by name; never chatter.
    return {
      ack: OK,
      lazy: async () => {
        const thread = await deps.store.thread(where, event.thread_ts!);
        if (!thread) return true;
        const { mode } = await deps.store.channelSettings(where);
        const fromAsker = Boolean(thread.asker && event.user && thread.asker === (await deps.hashUser(event.user)));
        if (!answersFollowUp({ mode, fromAsker, text: readSlackText(text) })) return true;
        if (!(await once())) return true;
        return postAnswer(deps, where, event.thread_ts, event.user, questionText(text, botUserId), { previous: thread.question, sources: thread.sources });
      },
    };
  }

  if (event.channel_type === 'channel' || event.channel_type === 'group') {
    // A new message in a channel: answered only in 'auto' channels, only questions, only when confident.
    const question = questionText(text, botUserId);
    if (!looksLikeQuestion(question)) return { ack: OK };
    return {
      ack: OK,
      lazy: async () => {
        if ((await deps.store.channelSettings(where)).mode !== 'auto') return true;
        if (!(await once())) return true;
        return postAnswer(deps, where, event.ts, event.user, question, {}, { onlyIfConfident: (a) => !a.unsure && a.confidence >= AUTO_ANSWER_MIN_CONFIDENCE && a.sources.length > 0 });
      },
    };
  }
  return { ack: OK };
}

/** Slack allows this many links previewed per message; more are left to Slack's usual previews. */
const MAX_UNFURLS = 5;

function otherEvent(deps: SlackDeps, event: SlackEvent, once: Once): Handled {
  if (event.type === 'link_shared' && Array.isArray(event.links)) {
    // Previews of compendium pages: title, section and first sentences, and "Ask about this".
    const unfurls: Record<string, { blocks: unknown[] }> = {};
    for (const l of event.links.slice(0, MAX_UNFURLS)) {
      const preview = typeof l.url === 'string' ? unfurlFor(deps, l.url) : null;
      if (preview) unfurls[l.url!] = preview;
    }
    if (!Object.keys(unfurls).length) return { ack: OK };
    const target = event.unfurl_id && event.source ? { unfurl_id: event.unfurl_id, source: event.source } : { channel: event.channel, ts: event.message_ts };
    return {
      ack: OK,
      lazy: async () => {
        if (!(await once())) return true;
        return settled(await deps.api.call('chat.unfurl', { ...target, unfurls }));
      },
    };
  }
  if (event.type === 'app_home_opened' && event.tab === 'messages' && event.channel) {
    // The agent view: opening the conversation offers the suggested prompts (no thread: Slack
    // refuses thread_ts there). Nothing is posted, so reopening it adds no messages.
    const channel = event.channel;
    return { ack: OK, lazy: async () => settled(await deps.api.call('assistant.threads.setSuggestedPrompts', suggestedPrompts(channel, undefined))) };
  }
  if (event.type === 'app_home_opened' && event.tab === 'home' && event.user) {
    const user = event.user;
    const view = homeView({ base: deps.publicUrl, retention: deps.retention ?? RETENTION_DEFAULTS });
    return { ack: OK, lazy: async () => settled(await deps.api.call('views.publish', { user_id: user, view })) };
  }
  return { ack: OK };
}

