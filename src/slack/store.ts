import { answerKey, d1FeedbackStore, type Feedback } from '../http/feedback';

/** What the Slack handlers remember: handled event ids, threads they answer in, and feedback. */
export type SlackStore = {
  /** True the first time an event id is seen; Slack retries events it thinks were missed. */
  firstTime(eventId: string): Promise<boolean>;
  rememberThread(channel: string, threadTs: string, question: string): Promise<void>;
  /** The last question asked in a thread the bot answers in, or null when it is not one of ours. */
  threadQuestion(channel: string, threadTs: string): Promise<string | null>;
  saveFeedback(f: Feedback): Promise<void>;
};

export function d1SlackStore(db: D1Database): SlackStore {
  return {
    async firstTime(eventId) {
      const r = await db.prepare('INSERT OR IGNORE INTO slack_events (event_id) VALUES (?)').bind(eventId).run();
      return (r.meta.changes ?? 0) > 0;
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
  const events = new Set<string>();
  const threads = new Map<string, string>();
  const feedback: Feedback[] = [];
  return {
    feedback,
    async firstTime(id) {
      if (events.has(id)) return false;
      events.add(id);
      bounded(events);
      return true;
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
