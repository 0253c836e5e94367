import { stepToMarkdown } from '../core/index';
import { dialogueMessage } from './blocks';
import { OK, safe, type Handled, type SlackDeps } from './deps';
import { dialogueStep, runCalc } from './replies';

export type Action = { action_id: string; value?: string };
export type InteractionPayload = {
  type: string;
  user?: { id: string; team_id?: string };
  team?: { id: string } | null;
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
            team: payload.team?.id ?? payload.user?.team_id,
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
