import { homeView } from './blocks';
import { RETENTION_DEFAULTS } from '../http/retention';
import { OK, safe, settled, type Handled, type SlackDeps } from './deps';
import { answersFollowUp, AUTO_ANSWER_MIN_CONFIDENCE, looksLikeQuestion } from './etiquette';
import { readSlackText, stripLeadingMention } from './input';
import { help, postAnswer } from './replies';
import type { Place } from './store';
import { readThread } from './thread-context';
import { unfurlFor } from './unfurl';

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
    const question = questionText(text, botUserId);
    return {
      ack: OK,
      lazy: async () => {
        if (!(await once())) return true;
        if (wantsHelp(question)) {
          const h = help(deps);
          return settled(await deps.api.call('chat.postMessage', { channel: where.channel, text: h.text, blocks: h.blocks }));
        }
        const before = await deps.store.thread(where, 'dm');
        return postAnswer(deps, where, event.thread_ts, event.user, question, before ? { previous: before.question, sources: before.sources } : {}, { rememberAs: 'dm' });
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
  if (event.type === 'app_home_opened' && event.tab === 'home' && event.user) {
    const user = event.user;
    const view = homeView({ base: deps.publicUrl, retention: deps.retention ?? RETENTION_DEFAULTS });
    return { ack: OK, lazy: async () => settled(await deps.api.call('views.publish', { user_id: user, view })) };
  }
  return { ack: OK };
}

