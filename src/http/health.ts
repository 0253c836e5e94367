/**
 * The database's state for /healthz: answers never depend on it, but feedback, Slack
 * de-duplication and thread context do, so an operator needs to see when it is missing, out of
 * date (a migration not applied) or failing.
 */
export type DatabaseState = { status: 'ok' | 'not configured' | 'out of date' | 'unavailable'; detail?: string };

/** One probe per table, naming the newest columns the code reads: a missing migration fails it. */
const SCHEMA_PROBES: Record<string, string> = {
  feedback: 'SELECT id, vote, voter, answer_key, team_id FROM feedback LIMIT 0',
  slack_events: 'SELECT event_id, status, team_id FROM slack_events LIMIT 0',
  slack_threads: 'SELECT channel, thread_ts, last_question, asker, sources, team_id FROM slack_threads LIMIT 0',
  slack_channels: 'SELECT team_id, channel, mode, human_group FROM slack_channels LIMIT 0',
  slack_installations: 'SELECT key, team_id, enterprise_id, is_enterprise_install, bot_token FROM slack_installations LIMIT 0',
};

export async function databaseState(db: D1Database | undefined): Promise<DatabaseState> {
  if (!db) return { status: 'not configured', detail: 'no DB binding: feedback is not stored and Slack de-duplication is per isolate' };
  const failed: string[] = [];
  let lastError = '';
  for (const [table, probe] of Object.entries(SCHEMA_PROBES)) {
    try {
      await db.prepare(probe).all();
    } catch (err) {
      failed.push(table);
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  if (!failed.length) return { status: 'ok' };
  if (/no such (table|column)/i.test(lastError)) return { status: 'out of date', detail: `${failed.join(', ')}: ${lastError}. Apply migrations/ (npx wrangler d1 migrations apply DB --remote).` };
  return { status: 'unavailable', detail: lastError };
}
