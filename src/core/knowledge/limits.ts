/** Input limits shared by every interface, so each rejects the same input with the same words. */
export const LIMITS = {
  /** A question longer than this is almost always a pasted document; ask for the question itself. */
  questionMaxChars: 2000,
  searchMaxChars: 500,
  searchMaxLimit: 50,
  searchDefaultLimit: 10,
} as const;

export type InputError = { code: 'empty_question' | 'question_too_long' | 'invalid_question' | 'invalid_limit'; message: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; error: InputError };

/** Checks a question from any interface; the message says how to fix it. */
export function checkQuestion(input: unknown, maxChars: number = LIMITS.questionMaxChars): Checked<string> {
  if (typeof input !== 'string') {
    return { ok: false, error: { code: 'invalid_question', message: 'The question must be text, for example "what is a circuit breaker?".' } };
  }
  const question = input.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  if (!question) {
    return { ok: false, error: { code: 'empty_question', message: 'The question is empty. Ask something like "how do I stop retries from overloading a service?".' } };
  }
  if (question.length > maxChars) {
    return {
      ok: false,
      error: {
        code: 'question_too_long',
        message: `The question is ${question.length} characters long; the limit is ${maxChars}. Ask the question itself in a sentence or two rather than pasting a document.`,
      },
    };
  }
  return { ok: true, value: question };
}

/** Parses a result limit given as text or number. */
export function checkLimit(input: unknown): Checked<number> {
  if (input === undefined || input === null || input === '') return { ok: true, value: LIMITS.searchDefaultLimit };
  const n = typeof input === 'number' ? input : Number(input);
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.searchMaxLimit) {
    return { ok: false, error: { code: 'invalid_limit', message: `limit must be a whole number from 1 to ${LIMITS.searchMaxLimit}, for example limit=5.` } };
  }
  return { ok: true, value: n };
}
