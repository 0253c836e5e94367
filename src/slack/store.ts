import { answerKey, d1FeedbackStore, type Feedback } from '../http/feedback';

/**
 * How long an attempt at an event may stay 'pending' before a redelivery may take it over: longer
 * than one attempt can run (the Web API's retry budget, inside waitUntil), shorter than Slack's
 * second redelivery (about a minute after the first).
 */
export const EVENT_LEASE_MS = 45_000;

/** What the Slack handlers remember: handled event ids, threads they answer in, and feedback. */
export type SlackStore = {
  /**
   * True when this delivery should run: the event is new, or an earlier attempt failed or was
   * abandoned. Slack redelivers events it thinks were missed; one that was answered runs once.
   */
  claimEvent(eventId: string): Promise<boolean>;
  /** Records how the attempt ended: done (answered, or nothing to answer) or failed (a redelivery may retry). */
  finishEvent(eventId: string, done: boolean): Promise<void>;
  rememberThread(channel: string, threadTs: string, question: string): Promise<void>;
  /** The last question asked in a thread the bot answers in, or null when it is not one of ours. */
  threadQuestion(channel: string, threadTs: string): Promise<string | null>;
  saveFeedback(f: Feedback): Promise<void>;
};

export function d1SlackStore(db: D1Database): SlackStore {
  return {
    async claimEvent(eventId) {
      const now = new Date();
      const r = await db
        .prepare(
          `INSERT INTO slack_events (event_id, status, received_at) VALUES (?1, 'pending', ?2)
           ON CONFLICT (event_id) DO UPDATE SET status = 'pending', received_at = ?2
           WHERE slack_events.status = 'failed' OR (slack_events.status = 'pending' AND slack_events.received_at < ?3)`,
        )
        .bind(eventId, now.toISOString(), new Date(now.getTime() - EVENT_LEASE_MS).toISOString())
        .run();
      return (r.meta.changes ?? 0) > 0;
    },
    async finishEvent(eventId, done) {
      await db.prepare('UPDATE slack_events SET status = ? WHERE event_id = ?').bind(done ? 'done' : 'failed', eventId).run();
    },
    async rememberThread(channel, threadTs, question) {
      await db
        .prepare('INSERT INTO slack_threads (channel, thread_ts, last_question) VALUES (?, ?, ?) ON CONFLICT (channel, thread_ts) DO UPDATE SET last_question = excluded.last_question, updated_at = excluded.updated_at')
        .bind(channel, threadTs, question.slice(0, 2000))
        .run();
    },
    async threadQuestion(channel, threadTs) {
      const row = await db.prepare('SELECT last_question FROM slack_threads WHERE channel = ? AND thread_ts = ?').bind(channel, threadTs).first<{ last_question: string }>();
      return row?.last_question ?? null;
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
  const threads = new Map<string, string>();
  const feedback: Feedback[] = [];
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
    async rememberThread(c, t, q) {
      threads.set(`${c}/${t}`, q);
      bounded(threads);
    },
    async threadQuestion(c, t) {
      return threads.get(`${c}/${t}`) ?? null;
    },
    async saveFeedback(f) {
      // As in D1: one vote per voter per answer; a second vote replaces the first.
      const voter = f.voter ?? f.userHash;
      const same = voter ? feedback.findIndex((x) => (x.voter ?? x.userHash) === voter && answerKey(x) === answerKey(f)) : -1;
      if (same >= 0) feedback.splice(same, 1);
      feedback.push(f);
      if (feedback.length > MEMORY_STORE_LIMIT) feedback.shift();
    },
  };
}

/**
 * The store as the handlers use it: a missing or broken database never stops an answer. Each
 * failure is logged; de-duplication degrades (an event runs as if new), thread context is skipped,
 * and feedback reports that it was not saved.
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
    claimEvent: (id) => guard('claimEvent', () => store.claimEvent(id), true),
    finishEvent: (id, done) => guard('finishEvent', () => store.finishEvent(id, done), undefined),
    rememberThread: (c, t, q) => guard('rememberThread', () => store.rememberThread(c, t, q), undefined),
    threadQuestion: (c, t) => guard('threadQuestion', () => store.threadQuestion(c, t), null),
    saveFeedback: (f) => store.saveFeedback(f),
  };
}
