import type { Manifest } from '@slack/web-api/dist/types/request/manifest';
import { CALC_SHORTCUTS } from './commands';
import { SUGGESTED_PROMPTS } from './assistant';

/**
 * The Slack app manifest, as data: `npm run slack:manifest -- https://your.host` fills in the URLs
 * and writes it; slack/manifest.yaml is the same with https://compendium.example.com. Typed by
 * @slack/web-api's Manifest (type-only), so a misspelt field or scope fails the type check.
 */
export type ManifestOptions = {
  /** The deployment's public origin (https). Every request URL is `${url}/slack/events`. */
  url: string;
  /** Also register one slash command per calculator (/latency, /queue, ...): off by default. */
  calcShortcuts?: boolean;
  /**
   * Installable in any workspace through "Add to Slack" (OAuth v2): registers the redirect URL
   * and allows org-wide installs on Enterprise Grid. Off: a single workspace with a static token.
   */
  oauth?: boolean;
};

export type ManifestError = { error: string };

/** The origin Slack will call, or an error that says what is wrong with the argument. */
export function manifestUrl(raw: string | undefined): { url: string } | ManifestError {
  if (!raw) return { error: 'Give the deployment\'s public URL, e.g. npm run slack:manifest -- https://compendium.example.com' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { error: `"${raw}" is not a URL. Give the deployment's public URL, e.g. https://compendium.example.com` };
  }
  if (u.protocol !== 'https:') return { error: `Slack only calls https URLs; "${raw}" is ${u.protocol.replace(':', '')}. Deploy first (npm run deploy) and give that https URL, or use Socket Mode locally.` };
  if (/^(localhost|127\.|0\.0\.0\.0|\[::1\])/.test(u.hostname)) return { error: `Slack cannot reach ${u.hostname}. Give the deployed URL, or use Socket Mode for local development (README).` };
  if (u.pathname !== '/' || u.search) return { error: `Give the origin only (https://${u.host}): the app serves Slack at /slack/events itself.` };
  return { url: u.origin };
}

/** Why each bot scope is requested (the README's table is written from this). */
export const SCOPE_REASONS = {
  'app_mentions:read': 'see messages that mention @Compendium, to answer them',
  'channels:history': 'see replies in public-channel threads it answered in (follow-ups) and read a thread it is mentioned in (context)',
  'groups:history': 'the same in private channels it was invited to',
  'im:history': 'see direct messages sent to it, to answer them',
  'chat:write': 'post answers, and private notes (chat.postEphemeral) when it cannot post; the status line while it works on an answer',
  'assistant:write': 'in conversations with the app (Slack\'s AI-app surface): the suggested prompts and each conversation\'s title',
  commands: 'the slash commands /compendium and /calc, and the message shortcut "Ask Compendium about this"',
  'links:read': 'see links to the compendium\'s own pages (its domain only) posted in messages',
  'links:write': 'show a preview of those pages (title, first sentences, "Ask about this")',
} as const;

/** The bot scopes the app asks for, in the manifest and in "Add to Slack" links. */
export const BOT_SCOPES = Object.keys(SCOPE_REASONS) as Array<keyof typeof SCOPE_REASONS>;

/**
 * The manifest type's scope list, widened by the one scope it lacks: @slack/web-api 8.2's BotScope
 * has no `assistant:write`, which Slack's reference for assistant.threads.setSuggestedPrompts
 * requires (https://docs.slack.dev/reference/methods/assistant.threads.setSuggestedPrompts).
 */
type BotScopes = NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>['bot'];

export function buildManifest(options: ManifestOptions): Manifest {
  const events = `${options.url}/slack/events`;
  // should_escape: Slack sends mentions in the text as <@U…>, <#C…> and <!subteam^S…> tokens (the
  // handlers decode them), so "/compendium humans @oncall" names a user group unambiguously.
  const command = (c: string, description: string, usage_hint: string, should_escape = false) => ({ command: c, url: events, description, usage_hint, should_escape });
  // Two commands by default: generic names such as /review or /queue collide with other apps.
  const commands = [
    command('/compendium', 'Ask a design question, or: calc, patterns, review, help', 'ask <question> | calc <name> ... | patterns | review | help', true),
    command('/calc', 'Run a calculator (latency, queue, capacity, availability, ...)', 'queue arrival=80/s service=10ms servers=1'),
    ...(options.calcShortcuts ? Object.entries(CALC_SHORTCUTS).map(([c, info]) => command(c, info.description, info.usage)) : []),
  ];
  return {
    display_information: {
      name: 'Compendium',
      description: 'Design guidance for distributed systems, with cited answers, calculators and a pattern selector.',
      background_color: '#0b5cad',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      // Slack's AI-app surface: new apps get the agent messaging experience (agent_view); the
      // older assistant_view is being retired (README "Slack", the AI surface).
      agent_view: {
        agent_description: 'Answers distributed-systems design questions with cited sources, runs calculators, and helps choose a pattern or review a design.',
        suggested_prompts: SUGGESTED_PROMPTS.map((p) => ({ ...p })),
      },
      // Slack's manifest reference allows only a-z, 0-9, -, _ and . in the bot's display name.
      bot_user: { display_name: 'compendium', always_online: true },
      slash_commands: commands,
      // On any message's menu: answers privately about it (slash commands cannot be used in threads).
      shortcuts: [{ name: 'Ask Compendium about this', type: 'message', callback_id: 'ask_about_message', description: 'Answer privately about this message, with a button to share' }],
      // Links to these domains are previewed by the app (link_shared, then chat.unfurl).
      unfurl_domains: [new URL(options.url).host],
    },
    oauth_config: { ...(options.oauth ? { redirect_urls: [`${options.url}/slack/oauth_redirect`] } : {}), scopes: { bot: BOT_SCOPES as unknown as BotScopes } },
    settings: {
      event_subscriptions: { request_url: events, bot_events: ['app_mention', 'app_home_opened', 'link_shared', 'message.channels', 'message.groups', 'message.im', 'app_uninstalled', 'tokens_revoked'] },
      interactivity: { is_enabled: true, request_url: events },
      // An org-wide install on Enterprise Grid goes through OAuth (one token for the organization).
      org_deploy_enabled: Boolean(options.oauth),
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
