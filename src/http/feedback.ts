import * as z from 'zod/mini';

/** 👍/👎 on an answer, as stored: the question asked, the vote and the top sources; no answer text. */
export const FeedbackBody = z.object({
  question: z.string().check(z.minLength(1), z.maxLength(2000)),
  vote: z.enum(['up', 'down']),
  sources: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(10))),
  intent: z.optional(z.string().check(z.maxLength(20))),
});
export type Feedback = z.infer<typeof FeedbackBody> & {
  channel: 'web' | 'slack' | 'api';
  userHash?: string;
  /** The Slack workspace (team id) the vote came from; absent for the web chat and the API. */
  team?: string;
  /** For a 👎: what was wrong (a reason id, then optional details), and a source that should have been cited. */
  reason?: string;
  missingSource?: string;
  /** Who voted, as a hash (the Slack user, or the web client's address): one vote each per answer. */
  voter?: string;
};

/** The answer a vote is about: its question (normalised) and top sources. */
export function answerKey(f: Pick<Feedback, 'question' | 'sources'>): string {
  return `${f.question.trim().toLowerCase().replace(/\s+/g, ' ')}|${[...(f.sources ?? [])].slice(0, 5).join(',')}`;
}

/** A stable, non-reversible id for a voter. */
export async function voterHash(kind: string, id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`compendium-voter:${kind}:${id}`));
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Where feedback goes; the Worker hands in D1, tests hand in their own. */
export type FeedbackStore = { save(f: Feedback): Promise<void> };

export function d1FeedbackStore(db: D1Database): FeedbackStore {
  return {
    // A voter's second vote on the same answer (or a replayed click) replaces the first; a 👎 keeps
    // the reason it was given until a new reason (or a 👍) replaces it.
    async save(f) {
      await db
        .prepare(
          `INSERT INTO feedback (channel, question, vote, intent, sources, user_hash, voter, answer_key, team_id, reason, missing_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (voter, answer_key) WHERE voter IS NOT NULL DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at,
             reason = CASE WHEN excluded.vote = -1 THEN COALESCE(excluded.reason, feedback.reason) END,
             missing_source = CASE WHEN excluded.vote = -1 THEN COALESCE(excluded.missing_source, feedback.missing_source) END`,
        )
        .bind(
          f.channel, f.question, f.vote === 'up' ? 1 : -1, f.intent ?? null, JSON.stringify(f.sources ?? []), f.userHash ?? null, f.voter ?? null, answerKey(f), f.team ?? null,
          f.vote === 'down' ? f.reason?.slice(0, 600) ?? null : null, f.vote === 'down' ? f.missingSource?.slice(0, 300) ?? null : null,
        )
        .run();
    },
  };
}

/** A stored 👎 (or 👍) as an admin sees it: no voter, nothing that identifies a person. */
export type FeedbackRow = { createdAt: string; channel: string; vote: 'up' | 'down'; question: string; sources: string[]; reason: string | null; missingSource: string | null; team: string | null };

export type FeedbackQuery = { vote?: 'up' | 'down'; limit: number };

/** Recent feedback, newest first, for admins (GET /api/admin/feedback and `compendium feedback`). */
export async function listFeedback(db: D1Database, q: FeedbackQuery): Promise<FeedbackRow[]> {
  const where = q.vote ? 'WHERE vote = ?' : '';
  const stmt = db.prepare(`SELECT created_at, channel, vote, question, sources, reason, missing_source, team_id FROM feedback ${where} ORDER BY created_at DESC, id DESC LIMIT ?`);
  const rows = await (q.vote ? stmt.bind(q.vote === 'up' ? 1 : -1, q.limit) : stmt.bind(q.limit)).all<{
    created_at: string; channel: string; vote: number; question: string; sources: string | null; reason: string | null; missing_source: string | null; team_id: string | null;
  }>();
  return rows.results.map((r) => ({
    createdAt: r.created_at,
    channel: r.channel,
    vote: r.vote > 0 ? 'up' : 'down',
    question: r.question,
    sources: safeList(r.sources),
    reason: r.reason,
    missingSource: r.missing_source,
    team: r.team_id,
  }));
}

function safeList(raw: string | null): string[] {
  try {
    const v = JSON.parse(raw ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
