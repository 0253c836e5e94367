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
    // A voter's second vote on the same answer (or a replayed click) replaces the first.
    async save(f) {
      await db
        .prepare(
          `INSERT INTO feedback (channel, question, vote, intent, sources, user_hash, voter, answer_key, team_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (voter, answer_key) WHERE voter IS NOT NULL DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
        )
        .bind(f.channel, f.question, f.vote === 'up' ? 1 : -1, f.intent ?? null, JSON.stringify(f.sources ?? []), f.userHash ?? null, f.voter ?? null, answerKey(f), f.team ?? null)
        .run();
    },
  };
}
