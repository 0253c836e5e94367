/**
 * Events that end an installation: the app was uninstalled, or its bot token was revoked. Either
 * way the workspace's token and the rows kept for it are deleted (README "What is stored").
 */
export type Ending = 'app_uninstalled' | 'tokens_revoked';

export function endingOf(body: Record<string, unknown>): Ending | null {
  if (body.type !== 'event_callback') return null;
  const event = (body.event ?? {}) as { type?: unknown; tokens?: { bot?: unknown } };
  if (event.type === 'app_uninstalled') return 'app_uninstalled';
  // tokens_revoked lists the revoked tokens' users; only a revoked bot token ends the installation.
  if (event.type === 'tokens_revoked' && Array.isArray(event.tokens?.bot) && event.tokens.bot.length > 0) return 'tokens_revoked';
  return null;
}
