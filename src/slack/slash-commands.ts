import { checkQuestion } from '../core/index';
import { answerMessage, textSection } from './blocks';
import { CALC_SHORTCUTS } from './commands';
import { ephemeral, safe, type Handled, type SlackDeps } from './deps';
import { CHANNEL_MODES, type ChannelMode } from './etiquette';
import { readSlackText } from './input';
import { escapeSlack } from './mrkdwn';
import { dialogueStep, help, runCalc } from './replies';

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
  if (sub === 'mode') return channelMode(deps, form, rest);
  if (sub === 'humans') return humanGroup(deps, form);
  // "patterns" and "review" alone start a dialogue; "review our retry policy" is a question.
  if (sub === 'patterns' && !rest) return { ack: ephemeral(dialogueStep(deps, 'selector', null, null)) };
  if (sub === 'review' && !rest) return { ack: ephemeral(dialogueStep(deps, 'review', null, null)) };
  const question = sub === 'ask' ? rest : text;
  if (!question) return { ack: ephemeral(help(deps)) };
  const q = checkQuestion(question);
  if (!q.ok) return { ack: ephemeral({ text: escapeSlack(q.error.message), blocks: [textSection(q.error.message)] }) };
  return { ack: ephemeral(answerMessage(q.value, await deps.knowledge.ask(q.value, { baseUrl: deps.publicUrl }), deps.publicUrl)) };
}

const MODE_HELP: Record<ChannelMode, string> = {
  mention: 'I answer only when mentioned.',
  followups: 'I answer when mentioned, and follow-ups in my threads from the person who asked (the default).',
  auto: 'I answer every question asked in this channel, in a thread, when the compendium covers it confidently; and follow-ups as above.',
};

/** `/compendium mode [mention|followups|auto]`: shows or sets how the bot behaves in this channel (stored in D1). */
async function channelMode(deps: SlackDeps, form: URLSearchParams, arg: string): Promise<Handled> {
  const channel = form.get('channel_id') ?? '';
  const where = { team: form.get('team_id') ?? '', channel };
  const say = (text: string) => ({ ack: { status: 200, json: { response_type: 'ephemeral', text } } });
  if (!channel || /^D/.test(channel)) return say('Modes are set per channel: run `/compendium mode` in the channel to change.');
  const options = CHANNEL_MODES.map((m) => `• \`${m}\`: ${MODE_HELP[m]}`).join('\n');
  const wanted = arg.trim().toLowerCase();
  if (!wanted) {
    const { mode } = await deps.store.channelSettings(where);
    return say(`This channel is in \`${mode}\` mode. Change it with \`/compendium mode <mode>\`:\n${options}`);
  }
  if (!CHANNEL_MODES.includes(wanted as ChannelMode)) return say(`There is no mode "${escapeSlack(wanted)}". The modes are:\n${options}`);
  try {
    await deps.store.updateChannel(where, { mode: wanted as ChannelMode });
  } catch (err) {
    deps.log?.(`slack mode not saved: ${err instanceof Error ? err.message : String(err)}`);
    return say('The mode could not be saved right now (the database is unavailable); try again later.');
  }
  deps.log?.(`slack channel ${channel} set to ${wanted} mode by ${form.get('user_id') ?? 'someone'}`);
  return say(`This channel is now in \`${wanted}\` mode: ${MODE_HELP[wanted as ChannelMode]}`);
}

/**
 * `/compendium humans @group` (or `off`): the user group "Ask a human" pings in this channel. The
 * command's text arrives escaped, so the group comes as <!subteam^ID|@handle> and its id is exact.
 */
async function humanGroup(deps: SlackDeps, form: URLSearchParams): Promise<Handled> {
  const channel = form.get('channel_id') ?? '';
  const where = { team: form.get('team_id') ?? '', channel };
  const say = (text: string) => ({ ack: { status: 200, json: { response_type: 'ephemeral', text } } });
  if (!channel || /^D/.test(channel)) return say('"Ask a human" is set per channel: run `/compendium humans @group` in the channel.');
  const raw = (form.get('text') ?? '').replace(/^\s*humans\b/i, '').trim();
  const save = async (humanGroup: string | undefined, done: string) => {
    try {
      await deps.store.updateChannel(where, { humanGroup });
    } catch (err) {
      deps.log?.(`slack humans not saved: ${err instanceof Error ? err.message : String(err)}`);
      return say('The setting could not be saved right now (the database is unavailable); try again later.');
    }
    return say(done);
  };
  if (!raw) {
    const { humanGroup: current } = await deps.store.channelSettings(where);
    return say(current ? `"Ask a human" pings <!subteam^${current}> here. \`/compendium humans off\` turns it off.` : 'No group is set: `/compendium humans @group` adds an "Ask a human" button to answers here.');
  }
  if (/^off$/i.test(raw)) return save(undefined, '"Ask a human" is off in this channel.');
  const group = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(raw)?.[1];
  if (!group) return say('Name a user group by mentioning it (type @ and pick the group from the list), e.g. `/compendium humans @platform-oncall`.');
  return save(group, `Answers in this channel now have an "Ask a human" button that pings <!subteam^${group}>.`);
}
