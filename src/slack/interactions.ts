import { stepToMarkdown } from '../core/index';
import { dialogueMessage, NATIVE_FEEDBACK_ACTION } from './blocks';
import { OK, safe, type Handled, type SlackDeps } from './deps';
import { answerFor, dialogueStep, failureNote, post, runCalc } from './replies';
import { button } from './blocks';
import { readSlackText, stripLeadingMention } from './input';
import { questionAbout } from './unfurl';
import { LIMITS } from '../core/index';
import { FEEDBACK_MODAL_ID, feedbackModal, readFeedbackSubmission, type ViewState } from './feedback-modal';
import type { SlackResult } from './web-api';

export type Action = { action_id: string; value?: string };
export type InteractionPayload = {
  type: string;
  callback_id?: string;
  trigger_id?: string;
  view?: { callback_id?: string; private_metadata?: string; state?: ViewState };
  user?: { id: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string };
  message?: { ts?: string; thread_ts?: string; text?: string; user?: string; bot_id?: string };
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

/** Interactivity: feedback (buttons and the 👎 modal), Ask a human, dialogue, share and App Home buttons. */
export async function handleInteraction(unsafeDeps: SlackDeps, payload: InteractionPayload): Promise<Handled> {
  const deps = safe(unsafeDeps);
  if (payload.type === 'view_submission' && payload.view?.callback_id === FEEDBACK_MODAL_ID) return feedbackSubmitted(deps, payload);
  if (payload.type === 'message_action' && payload.callback_id === ASK_ABOUT_MESSAGE) return askAboutMessage(deps, payload);
  if (payload.type !== 'block_actions' || !payload.actions?.length) return { ack: OK };
  let action = payload.actions[0]!;
  // Slack's native feedback buttons: the clicked button's value says the vote; stored like ours.
  if (action.action_id === NATIVE_FEEDBACK_ACTION) {
    const m = /^(up|down):([\s\S]*)$/.exec(action.value ?? '');
    if (!m) return { ack: OK };
    action = { ...action, action_id: m[1] === 'up' ? 'feedback_up' : 'feedback_down', value: m[2] };
  }
  const respond = (body: Record<string, unknown>) => (payload.response_url ? deps.api.respond(payload.response_url, body) : Promise.resolve({ ok: false }));
  const id = action.action_id;
  const team = payload.team?.id ?? payload.user?.team_id;

  if (id === 'feedback_up' || id === 'feedback_down') {
    const v = parseValue(action.value);
    const question = typeof v?.q === 'string' ? v.q : '';
    const sources = Array.isArray(v?.s) ? (v!.s as unknown[]).filter((x): x is string => typeof x === 'string').slice(0, 5) : [];
    return {
      ack: OK,
      lazy: async () => {
        if (!question) return;
        // 👎 first opens the modal (its trigger_id expires three seconds after the click), then stores the vote.
        if (id === 'feedback_down' && payload.trigger_id) {
          await deps.api.call('views.open', { trigger_id: payload.trigger_id, view: feedbackModal({ q: question, s: sources, ...(team ? { t: team } : {}) }) });
        }
        try {
          await deps.store.saveFeedback({ channel: 'slack', question, vote: id === 'feedback_up' ? 'up' : 'down', sources, userHash: payload.user ? await deps.hashUser(payload.user.id) : undefined, team });
        } catch (err) {
          deps.log?.(`slack feedback not saved: ${err instanceof Error ? err.message : String(err)}`);
          await respond({ response_type: 'ephemeral', replace_original: false, text: 'Sorry: your vote could not be saved right now. Try again later.' });
          return;
        }
        if (id === 'feedback_up' || !payload.trigger_id) await respond({ response_type: 'ephemeral', replace_original: false, text: id === 'feedback_up' ? 'Thanks, noted.' : 'Thanks: noted, and the answer will be reviewed.' });
      },
    };
  }

  if (id === 'ask_human') return askHuman(deps, payload, respond);
  if (id === 'share_answer') return shareAnswer(deps, payload, parseValue(action.value), respond);
  if (id === 'ask_about_doc') {
    const v = parseValue(action.value);
    const question = typeof v?.id === 'string' ? questionAbout(deps, v.id, typeof v.a === 'string' ? v.a : undefined) : null;
    const channel = payload.container?.channel_id ?? payload.channel?.id;
    const thread = payload.container?.thread_ts ?? payload.container?.message_ts;
    return { ack: OK, lazy: async () => void (question && (await answerPrivately(deps, payload, question, channel, thread))) };
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

/** The 👎 modal's submission: the vote is stored again with its reason; errors keep the modal open. */
async function feedbackSubmitted(deps: SlackDeps, payload: InteractionPayload): Promise<Handled> {
  const read = readFeedbackSubmission(payload.view?.private_metadata, payload.view?.state);
  if (!read.ok) return { ack: { status: 200, json: { response_action: 'errors', errors: read.errors } } };
  const { meta, reason, missingSource } = read.value;
  try {
    await deps.store.saveFeedback({
      channel: 'slack',
      question: meta.q,
      vote: 'down',
      sources: meta.s,
      userHash: payload.user ? await deps.hashUser(payload.user.id) : undefined,
      team: meta.t ?? payload.team?.id ?? payload.user?.team_id,
      reason,
      ...(missingSource ? { missingSource } : {}),
    });
  } catch (err) {
    deps.log?.(`slack feedback reason not saved: ${err instanceof Error ? err.message : String(err)}`);
    return { ack: { status: 200, json: { response_action: 'errors', errors: { reason: 'This could not be saved right now; try again later.' } } } };
  }
  return { ack: OK }; // an empty 200 closes the modal
}

/** "Ask a human": pings the channel's configured user group in the answer's thread. */
async function askHuman(deps: SlackDeps, payload: InteractionPayload, respond: (b: Record<string, unknown>) => Promise<SlackResult>): Promise<Handled> {
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const thread = payload.container?.thread_ts ?? payload.message?.thread_ts ?? payload.container?.message_ts ?? payload.message?.ts;
  const user = payload.user?.id;
  return {
    ack: OK,
    lazy: async () => {
      if (!channel || !thread || !user || !/^[UW][A-Z0-9]+$/.test(user)) return;
      const { humanGroup } = await deps.store.channelSettings({ team: payload.team?.id ?? payload.user?.team_id ?? '', channel });
      if (!humanGroup || !/^S[A-Z0-9]+$/.test(humanGroup)) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'No one is set up to answer here: `/compendium humans @group` names a user group for this channel.' });
        return;
      }
      // The only mentions the app ever writes: ids it checked, never text from the message.
      const r = await deps.api.call('chat.postMessage', { channel, thread_ts: thread, text: `<!subteam^${humanGroup}> <@${user}> would like a person to look at this question.` });
      if (!r.ok) await respond({ response_type: 'ephemeral', replace_original: false, text: failureNote(r.error) });
    },
  };
}

/** The message shortcut's callback id (the manifest registers it as "Ask Compendium about this"). */
export const ASK_ABOUT_MESSAGE = 'ask_about_message';

/**
 * Answers privately (ephemeral, through response_url when there is one), with a button to share the
 * answer in the thread it belongs to. Slash commands cannot be used in threads; this can.
 */
async function answerPrivately(deps: SlackDeps, payload: InteractionPayload, question: string, channel: string | undefined, thread: string | undefined): Promise<void> {
  const share = channel && thread ? [button('Share in thread', 'share_answer', JSON.stringify({ q: question.slice(0, 1200), c: channel, t: thread }), 'primary')] : [];
  const { message } = await answerFor(deps, question, {}, { extraButtons: share });
  const body = { response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks };
  if (payload.response_url) await deps.api.respond(payload.response_url, body);
  else if (channel && payload.user) await deps.api.call('chat.postEphemeral', { channel, user: payload.user.id, ...(thread ? { thread_ts: thread } : {}), text: message.text, blocks: message.blocks });
}

/** "Ask Compendium about this" on any message: its text is the question, answered privately. */
function askAboutMessage(deps: SlackDeps, payload: InteractionPayload): Handled {
  const text = payload.message?.text ? readSlackText(stripLeadingMention(payload.message.text)) : '';
  const channel = payload.channel?.id;
  const thread = payload.message?.thread_ts ?? payload.message?.ts;
  return {
    ack: OK,
    lazy: async () => {
      if (!text.trim()) {
        if (payload.response_url) await deps.api.respond(payload.response_url, { response_type: 'ephemeral', text: 'That message has no text to ask about.' });
        return;
      }
      // A long message is asked about by its opening, within the question limit.
      const question = text.length > LIMITS.questionMaxChars ? `${text.slice(0, LIMITS.questionMaxChars - 1).replace(/\s+\S*$/, '')}…` : text;
      await answerPrivately(deps, payload, question, channel, thread);
    },
  };
}

/** "Share in thread": the private answer, asked again and posted in the thread for everyone. */
function shareAnswer(deps: SlackDeps, payload: InteractionPayload, v: Record<string, unknown> | null, respond: (b: Record<string, unknown>) => Promise<SlackResult>): Handled {
  const question = typeof v?.q === 'string' ? v.q : '';
  const channel = typeof v?.c === 'string' ? v.c : payload.channel?.id;
  const thread = typeof v?.t === 'string' ? v.t : undefined;
  return {
    ack: OK,
    lazy: async () => {
      if (!question || !channel) return;
      const { message } = await answerFor(deps, question);
      const r = await post(deps, { team: payload.team?.id ?? '', channel }, thread, payload.user?.id, message);
      await respond(r.ok ? { replace_original: true, text: 'Shared in the thread.' } : { response_type: 'ephemeral', replace_original: false, text: failureNote(r.error) });
    },
  };
}
