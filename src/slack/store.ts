import { answerKey, d1FeedbackStore, type Feedback } from '../http/feedback';
import { CHANNEL_MODES, DEFAULT_CHANNEL_MODE, type ChannelMode } from './etiquette';

/**
 * How long an attempt at an event may stay 'pending' before a redelivery may take it over: longer
 * than one attempt can run (the Web API's retry budget, inside waitUntil), shorter than Slack's
 * second redelivery (about a minute after the first).
 */
export const EVENT_LEASE_MS = 45_000;

/** Where a row belongs: the workspace (team id; '' when Slack did not say) and the conversation. */
export type Place = { team: string; channel: string };

/** What the bot keeps about a thread it answered in: the last question, who asked (hashed), the sources. */
export type ThreadInfo = { question: string; asker?: string; sources: string[] };

export type ChannelSettings = { mode: ChannelMode; humanGroup?: string };

/** What the Slack handlers remember: handled event ids, threads they answer in, channel settings, feedback. */
export type SlackStore = {
  /**
   * True when this delivery should run: the event is new, or an earlier attempt failed or was
   * abandoned. Slack redelivers events it thinks were missed; one that was answered runs once.
   */
  claimEvent(eventId: string, team: string): Promise<boolean>;
  /** Records how the attempt ended: done (answered, or nothing to answer) or failed (a redelivery may retry). */
  finishEvent(eventId: string, done: boolean): Promise<void>;
  rememberThread(where: Place, threadTs: string, info: ThreadInfo): Promise<void>;
  /** What the bot keeps about a thread it answered in, or null when it is not one of ours. */
  thread(where: Place, threadTs: string): Promise<ThreadInfo | null>;
  channelSettings(where: Place): Promise<ChannelSettings>;
  updateChannel(where: Place, change: Partial<ChannelSettings>): Promise<void>;
  saveFeedback(f: Feedback): Promise<void>;
};

function parseSources(raw: string | null | undefined): string[] {
  try {
    const v = JSON.parse(raw ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 5) : [];
  } catch {
    return [];
  }
}

export function d1SlackStore(db: D1Database): SlackStore {
  return {
    async claimEvent(eventId, team) {
      const now = new Date();
      const r = await db
        .prepare(
          `INSERT INTO slack_events (event_id, status, received_at, team_id) VALUES (?1, 'pending', ?2, ?4)
           ON CONFLICT (event_id) DO UPDATE SET status = 'pending', received_at = ?2
           WHERE slack_events.status = 'failed' OR (slack_events.status = 'pending' AND slack_events.received_at < ?3)`,
        )
        .bind(eventId, now.toISOString(), new Date(now.getTime() - EVENT_LEASE_MS).toISOString(), team || null)
        .run();
      return (r.meta.changes ?? 0) > 0;
    },
    async finishEvent(eventId, done) {
      await db.prepare('UPDATE slack_events SET status = ? WHERE event_id = ?').bind(done ? 'done' : 'failed', eventId).run();
    },
    async rememberThread({ team, channel }, threadTs, info) {
      await db
        .prepare(
          `INSERT INTO slack_threads (channel, thread_ts, last_question, asker, sources, team_id) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (channel, thread_ts) DO UPDATE SET last_question = excluded.last_question, sources = excluded.sources,
             asker = COALESCE(slack_threads.asker, excluded.asker), updated_at = excluded.updated_at`,
        )
        .bind(channel, threadTs, info.question.slice(0, 2000), info.asker ?? null, JSON.stringify(info.sources.slice(0, 5)), team || null)
        .run();
    },
    async thread({ channel }, threadTs) {
      const row = await db
        .prepare('SELECT last_question, asker, sources FROM slack_threads WHERE channel = ? AND thread_ts = ?')
        .bind(channel, threadTs)
        .first<{ last_question: string; asker: string | null; sources: string | null }>();
      return row ? { question: row.last_question, asker: row.asker ?? undefined, sources: parseSources(row.sources) } : null;
    },
    async channelSettings({ team, channel }) {
      const row = await db.prepare('SELECT mode, human_group FROM slack_channels WHERE team_id = ? AND channel = ?').bind(team, channel).first<{ mode: string; human_group: string | null }>();
      const mode = CHANNEL_MODES.includes(row?.mode as ChannelMode) ? (row!.mode as ChannelMode) : DEFAULT_CHANNEL_MODE;
      return { mode, ...(row?.human_group ? { humanGroup: row.human_group } : {}) };
    },
    async updateChannel({ team, channel }, change) {
      await db
        .prepare(
          `INSERT INTO slack_channels (team_id, channel, mode, human_group) VALUES (?1, ?2, COALESCE(?3, '${DEFAULT_CHANNEL_MODE}'), ?4)
           ON CONFLICT (team_id, channel) DO UPDATE SET mode = COALESCE(?3, slack_channels.mode),
             human_group = CASE WHEN ?5 THEN ?4 ELSE slack_channels.human_group END,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
        )
        .bind(team, channel, change.mode ?? null, change.humanGroup ?? null, 'humanGroup' in change ? 1 : 0)
        .run();
    },
    async saveFeedback(f) {
      await d1FeedbackStore(db).save({ ...f, voter: f.voter ?? f.userHash });
    },
  };
}

/** Entries the in-memory store keeps of each kind; the oldest go first, so memory stays flat. */
const MEMORY_STORE_LIMIT = 10_000;

function bounded<T>(collection: Set<T> | Map<T, unknown>): void {
  if (collection.size > MEMORY_STORE_LIMIT) collection.delete(collection.keys().next().value as T);
}

/** In-memory store, for Socket Mode development, tests, and a Worker without a database. */
export function memorySlackStore(): SlackStore & { feedback: Feedback[] } {
  const events = new Map<string, { status: 'pending' | 'done' | 'failed'; at: number }>();
  const threads = new Map<string, ThreadInfo>();
  const channels = new Map<string, ChannelSettings>();
  const feedback: Feedback[] = [];
  const key = (w: Place, ...rest: string[]) => [w.team, w.channel, ...rest].join('/');
  return {
    feedback,
    async claimEvent(id) {
      const seen = events.get(id);
      if (seen && (seen.status === 'done' || (seen.status === 'pending' && Date.now() - seen.at < EVENT_LEASE_MS))) return false;
      events.set(id, { status: 'pending', at: Date.now() });
      bounded(events);
      return true;
    },
    async finishEvent(id, done) {
      const seen = events.get(id);
      if (seen) seen.status = done ? 'done' : 'failed';
    },
    async rememberThread(w, t, info) {
      const before = threads.get(key(w, t));
      threads.set(key(w, t), { ...info, asker: before?.asker ?? info.asker });
      bounded(threads);
    },
    async thread(w, t) {
      return threads.get(key(w, t)) ?? null;
    },
    async channelSettings(w) {
      return channels.get(key(w)) ?? { mode: DEFAULT_CHANNEL_MODE };
    },
    async updateChannel(w, change) {
      channels.set(key(w), { ...(channels.get(key(w)) ?? { mode: DEFAULT_CHANNEL_MODE }), ...change });
      bounded(channels);
    },
    async saveFeedback(f) {
      // As in D1: one vote per voter per answer; a second vote replaces the first.
      const voter = f.voter ?? f.userHash;
      const same = voter ? feedback.findIndex((x) => (x.voter ?? x.userHash) === voter && answerKey(x) === answerKey(f)) : -1;
      const before = same >= 0 ? feedback.splice(same, 1)[0] : undefined;
      feedback.push(f.vote === 'down' ? { ...f, reason: f.reason ?? before?.reason, missingSource: f.missingSource ?? before?.missingSource } : { ...f, reason: undefined, missingSource: undefined });
      if (feedback.length > MEMORY_STORE_LIMIT) feedback.shift();
    },
  };
}

/**
 * The store as the handlers use it: a missing or broken database never stops an answer. Each
 * failure is logged; de-duplication degrades (an event runs as if new), thread context and channel
 * settings fall back to the defaults, and feedback and settings changes report that they failed.
 */
export function resilientStore(store: SlackStore, log: (m: string) => void = (m) => console.error(m)): SlackStore {
  const guard = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      log(`slack store: ${what} failed (${err instanceof Error ? err.message : String(err)}); carrying on without it`);
      return fallback;
    }
  };
  return {
    claimEvent: (id, team) => guard('claimEvent', () => store.claimEvent(id, team), true),
    finishEvent: (id, done) => guard('finishEvent', () => store.finishEvent(id, done), undefined),
    rememberThread: (w, t, info) => guard('rememberThread', () => store.rememberThread(w, t, info), undefined),
    thread: (w, t) => guard('thread', () => store.thread(w, t), null),
    channelSettings: (w) => guard('channelSettings', () => store.channelSettings(w), { mode: DEFAULT_CHANNEL_MODE }),
    updateChannel: (w, change) => store.updateChannel(w, change),
    saveFeedback: (f) => store.saveFeedback(f),
  };
}
