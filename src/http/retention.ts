/**
 * What the Worker stores, and for how long: one daily job (a Cron Trigger) deletes every row past
 * its retention. Each period is a setting; the defaults are in RETENTION_DEFAULTS.
 */
export const RETENTION_DEFAULTS = {
  /** 👍/👎 with the question and source ids: a year of signal for improving answers. */
  FEEDBACK_RETENTION_DAYS: 365,
  /** Slack event ids, kept only to drop Slack's retries (it retries within minutes). */
  SLACK_EVENT_RETENTION_HOURS: 24,
  /** The last question of each Slack thread, so follow-ups there keep their subject. */
  THREAD_RETENTION_DAYS: 30,
} as const;

export type RetentionSettings = Partial<Record<keyof typeof RETENTION_DEFAULTS, string>>;
export type RetentionResult = { feedback: number; slackEvents: number; slackThreads: number };

function setting(env: RetentionSettings, key: keyof typeof RETENTION_DEFAULTS): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return RETENTION_DEFAULTS[key];
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${key} must be a positive number (it is "${raw}")`);
  return n;
}

/** The configured periods (the defaults where a setting is empty); throws on a malformed setting. */
export function retentionPeriods(env: RetentionSettings): Record<keyof typeof RETENTION_DEFAULTS, number> {
  return {
    FEEDBACK_RETENTION_DAYS: setting(env, 'FEEDBACK_RETENTION_DAYS'),
    SLACK_EVENT_RETENTION_HOURS: setting(env, 'SLACK_EVENT_RETENTION_HOURS'),
    THREAD_RETENTION_DAYS: setting(env, 'THREAD_RETENTION_DAYS'),
  };
}

/** ISO timestamp `ms` before `now`, in the format the tables store. */
function before(now: Date, ms: number): string {
  return new Date(now.getTime() - ms).toISOString();
}

/** Deletes every row past its retention; returns how many of each went. */
export async function applyRetention(db: D1Database, env: RetentionSettings, now = new Date()): Promise<RetentionResult> {
  const day = 86_400_000;
  const [feedback, events, threads] = await db.batch([
    db.prepare('DELETE FROM feedback WHERE created_at < ?').bind(before(now, setting(env, 'FEEDBACK_RETENTION_DAYS') * day)),
    db.prepare('DELETE FROM slack_events WHERE received_at < ?').bind(before(now, setting(env, 'SLACK_EVENT_RETENTION_HOURS') * 3_600_000)),
    db.prepare('DELETE FROM slack_threads WHERE updated_at < ?').bind(before(now, setting(env, 'THREAD_RETENTION_DAYS') * day)),
  ]);
  return { feedback: feedback!.meta.changes ?? 0, slackEvents: events!.meta.changes ?? 0, slackThreads: threads!.meta.changes ?? 0 };
}
