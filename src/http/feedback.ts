import * as z from 'zod/mini';

/** 👍/👎 on an answer, as stored: the question asked, the vote and the top sources; no answer text. */
export const FeedbackBody = z.object({
  question: z.string().check(z.minLength(1), z.maxLength(2000)),
  vote: z.enum(['up', 'down']),
  sources: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(10))),
  intent: z.optional(z.string().check(z.maxLength(20))),
});
export type Feedback = z.infer<typeof FeedbackBody> & { channel: 'web' | 'slack' | 'api'; userHash?: string };

/** Where feedback goes; the Worker hands in D1, tests hand in their own. */
export type FeedbackStore = { save(f: Feedback): Promise<void> };

export function d1FeedbackStore(db: D1Database): FeedbackStore {
  return {
    async save(f) {
      await db
        .prepare('INSERT INTO feedback (channel, question, vote, intent, sources, user_hash) VALUES (?, ?, ?, ?, ?, ?)')
        .bind(f.channel, f.question, f.vote === 'up' ? 1 : -1, f.intent ?? null, JSON.stringify(f.sources ?? []), f.userHash ?? null)
        .run();
    },
  };
}
