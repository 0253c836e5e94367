import { z } from 'zod';

/**
 * Slack's app manifest, written from Slack's manifest reference
 * (https://docs.slack.dev/reference/app-manifest) and the field descriptions of @slack/web-api
 * 8.2's Manifest type, for the parts this app uses. Objects are strict, so a field Slack does not
 * define fails; lengths and counts are the documented maxima. Only a test helper: nothing of it ships.
 */
const https = z.string().url().startsWith('https://');
const prompt = z.strictObject({ title: z.string().min(1), message: z.string().min(1) });

export const manifestSchema = z
  .strictObject({
    _metadata: z.strictObject({ major_version: z.number().int().optional(), minor_version: z.number().int().optional() }).optional(),
    display_information: z.strictObject({
      name: z.string().min(1).max(35),
      description: z.string().max(140).optional(),
      long_description: z.string().min(174).max(4000).optional(),
      background_color: z.string().regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i).optional(),
    }),
    features: z
      .strictObject({
        app_home: z.strictObject({ home_tab_enabled: z.boolean().optional(), messages_tab_enabled: z.boolean().optional(), messages_tab_read_only_enabled: z.boolean().optional() }).optional(),
        // The agent messaging experience (new apps) and the older assistant view: one or the other.
        agent_view: z.strictObject({ agent_description: z.string().max(300).optional(), suggested_prompts: z.array(prompt).max(4).optional(), actions: z.array(z.strictObject({ name: z.string(), description: z.string() })).optional() }).optional(),
        assistant_view: z.strictObject({ assistant_description: z.string(), suggested_prompts: z.array(prompt).max(4).optional() }).optional(),
        // Slack's manifest reference allows only a-z, 0-9, -, _ and . in the bot's display name.
        bot_user: z.strictObject({ display_name: z.string().min(1).max(80).regex(/^[a-z0-9._-]+$/), always_online: z.boolean().optional() }).optional(),
        shortcuts: z.array(z.strictObject({ name: z.string().min(1), type: z.enum(['global', 'message']), callback_id: z.string().min(1).max(255), description: z.string().min(1).max(150) })).max(10).optional(),
        slash_commands: z
          .array(z.strictObject({ command: z.string().regex(/^\/[a-z0-9_-]+$/).max(32), description: z.string().min(1).max(2000), should_escape: z.boolean().optional(), url: https.optional(), usage_hint: z.string().max(1000).optional() }))
          .max(50)
          .optional(),
        unfurl_domains: z.array(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i)).max(5).optional(),
      })
      .refine((f) => !(f.agent_view && f.assistant_view), 'features.agent_view and features.assistant_view cannot both be set'),
    oauth_config: z.strictObject({
      redirect_urls: z.array(https).max(1000).optional(),
      scopes: z.strictObject({ bot: z.array(z.string().regex(/^[a-z_.]+:[a-z_.]+$|^commands$|^bot$/)).max(255).optional(), user: z.array(z.string()).max(255).optional() }).optional(),
      token_management_enabled: z.boolean().optional(),
    }),
    settings: z.strictObject({
      allowed_ip_address_ranges: z.array(z.string()).max(50).optional(),
      event_subscriptions: z.strictObject({ request_url: https.optional(), bot_events: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/)).max(100).optional(), user_events: z.array(z.string()).max(100).optional() }).optional(),
      interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: https.optional(), message_menu_options_url: https.optional() }).optional(),
      org_deploy_enabled: z.boolean().optional(),
      socket_mode_enabled: z.boolean().optional(),
      token_rotation_enabled: z.boolean().optional(),
    }),
  })
  .superRefine((m, ctx) => {
    // Each event's reference page names the scope it needs; a subscription without it is refused at install.
    const needs: Record<string, string> = { app_mention: 'app_mentions:read', 'message.im': 'im:history', 'message.channels': 'channels:history', 'message.groups': 'groups:history', link_shared: 'links:read' };
    const scopes = new Set(m.oauth_config.scopes?.bot ?? []);
    for (const e of m.settings.event_subscriptions?.bot_events ?? []) if (needs[e] && !scopes.has(needs[e]!)) ctx.addIssue({ code: 'custom', message: `bot event ${e} needs the ${needs[e]} scope` });
    // The assistant methods' scope comes with the AI surface enabled.
    if (scopes.has('assistant:write') && !m.features.agent_view && !m.features.assistant_view) ctx.addIssue({ code: 'custom', message: 'assistant:write needs features.agent_view (or assistant_view)' });
    // Slash commands, shortcuts and the events URL over HTTP need their URLs unless Socket Mode delivers them.
    if (!m.settings.socket_mode_enabled && m.settings.event_subscriptions && !m.settings.event_subscriptions.request_url) ctx.addIssue({ code: 'custom', message: 'event_subscriptions.request_url is required without Socket Mode' });
  });
