import { checkQuestion, stepToMarkdown, type Knowledge } from '../core/index';
import { calcToMarkdown } from '../core/calc/render';
import { answerMessage, calcMessage, dialogueMessage, homeView, mrkdwnSection, textSection, type Message } from './blocks';
import { readSlackText, stripLeadingMention } from './input';
import { CALC_SHORTCUTS } from './commands';
import { escapeSlack } from './mrkdwn';
import { AUTH_ERRORS, TRANSIENT_ERRORS, type SlackApi, type SlackResult } from './web-api';
import { resilientStore, type SlackStore } from './store';

/**
 * The Slack app's behaviour, shared by the Worker (HTTP) and the Socket Mode runner: each handler
 * takes a parsed payload and returns what to acknowledge now and, optionally, slow work to run
 * after the acknowledgement (Slack wants an answer within three seconds).
 */
export type SlackDeps = {
  knowledge: Knowledge;
  api: SlackApi;
  store: SlackStore;
  /** Base URL of the deployed web pages, for source links. */
  publicUrl: string;
  /** One-way hash of a Slack user id, so feedback stores no raw ids. */
  hashUser: (id: string) => Promise<string>;
  log?: (m: string) => void;
};

export type Ack = { status: number; json?: unknown; text?: string };
/** `lazy` resolves to false when its work failed in a way a later redelivery could fix. */
export type Handled = { ack: Ack; lazy?: () => Promise<void | boolean> };

/** The handlers' view of the dependencies: a store whose failures never stop an answer. */
function safe(deps: SlackDeps): SlackDeps {
  return { ...deps, store: resilientStore(deps.store, deps.log) };
}

/** Whether a post's outcome is final: posted, or refused for a reason a redelivery will not fix. */
export function settled(r: SlackResult): boolean {
  return r.ok || (!TRANSIENT_ERRORS.has(String(r.error)) && !AUTH_ERRORS.has(String(r.error)));
}

const OK: Ack = { status: 200, text: '' };


/** The question in a message: entities decoded, the bot's own mention removed, other mentions kept. */
function questionText(text: string, botUserId: string | undefined): string {
  return botUserId ? readSlackText(text, botUserId) : readSlackText(stripLeadingMention(text));
}

/** A bare mention, or "help", asks for the usage help rather than an answer. */
function wantsHelp(question: string): boolean {
  return !question || /^(help|usage|\?)\W*$/i.test(question);
}

function ephemeral(m: Message): Ack {
  return { status: 200, json: { response_type: 'ephemeral', text: m.text, blocks: m.blocks } };
}

function help(deps: SlackDeps): Message {
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

/** Posts the answer; true once it is settled (see `settled`), false when a redelivery should retry. */
async function postAnswer(deps: SlackDeps, channel: string, threadTs: string | undefined, user: string | undefined, question: string, previous?: string | null): Promise<boolean> {
  const checked = checkQuestion(question);
  const message: Message = checked.ok
    ? answerMessage(checked.value, await deps.knowledge.ask(checked.value, { baseUrl: deps.publicUrl, previous: previous ?? undefined }), deps.publicUrl)
    : { text: escapeSlack(checked.error.message), blocks: [textSection(checked.error.message)] };
  const r = await deps.api.call('chat.postMessage', { channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks, unfurl_links: false });
  if (!r.ok && user && ['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action'].includes(String(r.error))) {
    // Tell the person who asked why nothing appeared, if Slack lets us.
    await deps.api.call('chat.postEphemeral', {
      channel,
      user,
      text: r.error === 'not_in_channel' ? 'I cannot post in this channel yet: invite me with `/invite @Compendium`, then ask again.' : `I could not post the answer here (${r.error}).`,
    });
  }
  if (r.ok && threadTs && checked.ok) await deps.store.rememberThread(channel, threadTs, checked.value);
  return settled(r);
}

type SlackEvent = { type: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel?: string; channel_type?: string; ts?: string; thread_ts?: string; tab?: string };

/** The bot's own user id, from the event's authorizations (the installation that sees it). */
function botUser(body: Record<string, unknown>): string | undefined {
  const auth = Array.isArray(body.authorizations) ? (body.authorizations[0] as { user_id?: unknown; is_bot?: unknown } | undefined) : undefined;
  return auth && auth.is_bot !== false && typeof auth.user_id === 'string' ? auth.user_id : undefined;
}

/**
 * Events API: url_verification and event_callback (mentions, DMs, thread follow-ups, App Home).
 * An event with work to do is claimed when its work starts and marked done only when that work
 * settled, so Slack's redelivery of an event whose answer was not posted goes through.
 */
export async function handleEnvelope(unsafeDeps: SlackDeps, body: Record<string, unknown>): Promise<Handled> {
  if (body.type === 'url_verification') return { ack: { status: 200, json: { challenge: body.challenge } } };
  if (body.type !== 'event_callback') return { ack: OK };
  const deps = safe(unsafeDeps);
  const handled = routeEvent(deps, body);
  const eventId = typeof body.event_id === 'string' ? body.event_id : null;
  const work = handled.lazy;
  if (!work || !eventId) return handled;
  return {
    ack: handled.ack,
    lazy: async () => {
      if (!(await deps.store.claimEvent(eventId))) return true;
      let done = false;
      try {
        done = (await work()) !== false;
      } finally {
        await deps.store.finishEvent(eventId, done);
      }
      return done;
    },
  };
}

function routeEvent(deps: SlackDeps, body: Record<string, unknown>): Handled {
  const event = (body.event ?? {}) as SlackEvent;
  if (event.bot_id || (event.subtype && event.subtype !== 'thread_broadcast')) return { ack: OK };
  const channel = event.channel ?? '';
  const botUserId = botUser(body);
  if (event.type === 'app_mention') {
    const question = questionText(event.text ?? '', botUserId);
    const thread = event.thread_ts ?? event.ts;
    return {
      ack: OK,
      lazy: async () => {
        if (wantsHelp(question)) {
          const h = help(deps);
          return settled(await deps.api.call('chat.postMessage', { channel, ...(thread ? { thread_ts: thread } : {}), text: h.text, blocks: h.blocks }));
        }
        const previous = event.thread_ts ? await deps.store.threadQuestion(channel, event.thread_ts) : null;
        return postAnswer(deps, channel, thread, event.user, question, previous);
      },
    };
  }
  if (event.type === 'message' && event.channel_type === 'im') {
    const question = questionText(event.text ?? '', botUserId);
    return {
      ack: OK,
      lazy: async () => {
        const previous = await deps.store.threadQuestion(channel, 'dm');
        const done = await postAnswer(deps, channel, event.thread_ts, event.user, question, previous);
        const q = checkQuestion(question);
        if (q.ok) await deps.store.rememberThread(channel, 'dm', q.value);
        return done;
      },
    };
  }
  const mentionsBot = botUserId ? event.text?.includes(`<@${botUserId}`) : /<@[A-Z0-9]+/.test(event.text ?? '');
  if (event.type === 'message' && event.thread_ts && event.text && !mentionsBot) {
    // A follow-up in a thread the bot answers in (mentions arrive as app_mention instead).
    return {
      ack: OK,
      lazy: async () => {
        const previous = await deps.store.threadQuestion(channel, event.thread_ts!);
        if (previous !== null) return postAnswer(deps, channel, event.thread_ts, event.user, questionText(event.text!, botUserId), previous);
        return true;
      },
    };
  }
  if (event.type === 'app_home_opened' && event.tab === 'home' && event.user) {
    return { ack: OK, lazy: async () => settled(await deps.api.call('views.publish', { user_id: event.user, view: homeView() })) };
  }
  return { ack: OK };
}

function runCalc(deps: SlackDeps, input: string, shareable: boolean): Message {
  const outcome = deps.knowledge.calc(input, deps.publicUrl);
  const url = outcome.ok ? outcome.docUrl ?? '' : '';
  return calcMessage(outcome, url, calcToMarkdown(outcome, url), shareable, deps.publicUrl);
}

function dialogueStep(deps: SlackDeps, dialogue: string, state: string | null, answer: string | null): Message {
  const step = deps.knowledge.dialogue(dialogue, state, answer, deps.publicUrl);
  return dialogueMessage(step, dialogue, stepToMarkdown(step), deps.publicUrl);
}

/** `/compendium <subcommand> ...`: the words it understands first; anything else is a question. */
export const SUBCOMMANDS = ['ask', 'calc', 'patterns', 'review', 'help'] as const;

/**
 * Slash commands, answered privately. The manifest registers /compendium (with the subcommands
 * above) and /calc; /patterns, /review and the per-calculator commands are still understood when
 * a workspace registers them (`npm run slack:manifest -- <url> --calc-shortcuts`).
 */
export async function handleCommand(unsafeDeps: SlackDeps, form: URLSearchParams): Promise<Handled> {
  const deps = safe(unsafeDeps);
  const command = (form.get('command') ?? '').toLowerCase();
  const text = readSlackText(form.get('text') ?? '');
  const calc = (input: string): Handled => ({ ack: ephemeral(input && input !== 'help' ? runCalc(deps, input, true) : help(deps)) });
  if (command === '/calc') return calc(text);
  const shortcut = CALC_SHORTCUTS[command];
  if (shortcut) return { ack: ephemeral(runCalc(deps, `${shortcut.calculator} ${text}`, true)) };
  if (command === '/patterns') return { ack: ephemeral(dialogueStep(deps, 'selector', null, null)) };
  if (command === '/review') return { ack: ephemeral(dialogueStep(deps, 'review', null, null)) };
  if (command !== '/compendium') return { ack: ephemeral({ text: `Unknown command ${escapeSlack(command)}.`, blocks: help(deps).blocks }) };

  const [first = '', ...restWords] = text.split(/\s+/);
  const sub = first.toLowerCase();
  const rest = restWords.join(' ');
  if (!text || sub === 'help') return { ack: ephemeral(help(deps)) };
  if (sub === 'calc') return calc(rest);
  // "patterns" and "review" alone start a dialogue; "review our retry policy" is a question.
  if (sub === 'patterns' && !rest) return { ack: ephemeral(dialogueStep(deps, 'selector', null, null)) };
  if (sub === 'review' && !rest) return { ack: ephemeral(dialogueStep(deps, 'review', null, null)) };
  const question = sub === 'ask' ? rest : text;
  if (!question) return { ack: ephemeral(help(deps)) };
  const q = checkQuestion(question);
  if (!q.ok) return { ack: ephemeral({ text: escapeSlack(q.error.message), blocks: [textSection(q.error.message)] }) };
  return { ack: ephemeral(answerMessage(q.value, await deps.knowledge.ask(q.value, { baseUrl: deps.publicUrl }), deps.publicUrl)) };
}

type Action = { action_id: string; value?: string };
type InteractionPayload = {
  type: string;
  user?: { id: string };
  channel?: { id: string };
  message?: { ts?: string; thread_ts?: string };
  container?: { thread_ts?: string; message_ts?: string; channel_id?: string };
  response_url?: string;
  actions?: Action[];
};

function parseValue(value: string | undefined): Record<string, unknown> | null {
  try {
    const v = JSON.parse(value ?? '');
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Interactivity: feedback buttons, dialogue buttons, share buttons, App Home buttons. */
export async function handleInteraction(unsafeDeps: SlackDeps, payload: InteractionPayload): Promise<Handled> {
  const deps = safe(unsafeDeps);
  if (payload.type !== 'block_actions' || !payload.actions?.length) return { ack: OK };
  const action = payload.actions[0]!;
  const respond = (body: Record<string, unknown>) => (payload.response_url ? deps.api.respond(payload.response_url, body) : Promise.resolve({ ok: false }));
  const id = action.action_id;

  if (id === 'feedback_up' || id === 'feedback_down') {
    const v = parseValue(action.value);
    return {
      ack: OK,
      lazy: async () => {
        const question = typeof v?.q === 'string' ? v.q : '';
        if (!question) return;
        try {
          await deps.store.saveFeedback({
            channel: 'slack',
            question,
            vote: id === 'feedback_up' ? 'up' : 'down',
            sources: Array.isArray(v?.s) ? (v!.s as unknown[]).filter((x): x is string => typeof x === 'string').slice(0, 5) : [],
            userHash: payload.user ? await deps.hashUser(payload.user.id) : undefined,
          });
        } catch (err) {
          deps.log?.(`slack feedback not saved: ${err instanceof Error ? err.message : String(err)}`);
          await respond({ response_type: 'ephemeral', replace_original: false, text: 'Sorry: your vote could not be saved right now. Try again later.' });
          return;
        }
        await respond({ response_type: 'ephemeral', replace_original: false, text: id === 'feedback_up' ? 'Thanks, noted.' : 'Thanks: noted, and the answer will be reviewed.' });
      },
    };
  }

  if (id.startsWith('dialogue_')) {
    const v = parseValue(action.value);
    const dialogue = typeof v?.d === 'string' ? v.d : 'selector';
    const message = dialogueStep(deps, dialogue, typeof v?.s === 'string' ? v.s : null, typeof v?.a === 'string' ? v.a : null);
    return { ack: OK, lazy: async () => void (await respond({ replace_original: true, text: message.text, blocks: message.blocks })) };
  }

  if (id === 'share_calc') {
    const message = runCalc(deps, action.value ?? '', false);
    return { ack: OK, lazy: async () => void (await respond({ response_type: 'in_channel', replace_original: false, text: message.text, blocks: message.blocks })) };
  }

  if (id === 'share_dialogue') {
    const v = parseValue(action.value);
    const step = deps.knowledge.dialogue(typeof v?.d === 'string' ? v.d : 'selector', typeof v?.s === 'string' ? v.s : null, null, deps.publicUrl);
    const md = step.type === 'result' ? step.markdown : stepToMarkdown(step);
    const shared = dialogueMessage(step, String(v?.d ?? 'selector'), md, deps.publicUrl);
    const blocks = shared.blocks.filter((b) => b.block_id !== 'result');
    return { ack: OK, lazy: async () => void (await respond({ response_type: 'in_channel', replace_original: false, text: shared.text, blocks })) };
  }

  if ((id === 'start_selector' || id === 'start_review') && payload.user) {
    const dialogue = id === 'start_selector' ? 'selector' : 'review';
    const message = dialogueStep(deps, dialogue, null, null);
    return { ack: OK, lazy: async () => void (await deps.api.call('chat.postMessage', { channel: payload.user!.id, text: message.text, blocks: message.blocks })) };
  }
  return { ack: OK };
}
