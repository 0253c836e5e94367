/**
 * The confidence of a composed answer: the estimated probability that it states what was asked.
 *
 * An answer led by a card or a passage reports a logistic model of what is known when it is
 * composed: how well the search covers the question, how closely the best card's question
 * matches, whether that card led, whether the lead says what a subject is for a question that asks no more, how far the best document is ahead of the next, and whether the
 * question is long (a situation told in everyday words, which is answered less reliably).
 * Fitted by scripts/fit-confidence.ts on the answer dev sets (tests/answers), whose nuggets say
 * whether each answer is right, and checked on the held-out sets (tests/answers-holdout), which
 * it never saw. Refusals do not use it: whether a question is in scope is judged before (scope.ts).
 */

/** What the model weighs, each 0 to 1. */
export type AnswerSignals = {
  /** The search's confidence in the best document (`confidenceOf`). */
  search: number;
  /** The best card's match to the question (0 when no card comes close), whether or not it led. */
  card: number;
  /**
   * 1 when that card leads the answer over the text, 0 when a passage does, or when the card leads
   * only because no sentence of the text fitted (the fallback, where a weak card is the best on offer).
   */
  cardLed: number;
  /** 1 when the lead says what the subject is, for a question that asks no more than that ("what is a saga?"). */
  defines: number;
  /** How far the best document's score is ahead of the next: 1 - second / best (1 when alone). */
  margin: number;
  /** 1 for a long question (more than a few words that count, see `isLong`). */
  long: number;
};

export type ConfidenceModel = AnswerSignals & { bias: number };

export const CONFIDENCE_MODEL: ConfidenceModel = { search: 1.45, card: 1.723, cardLed: 0.902, defines: 3.543, margin: 0.795, long: -0.35, bias: -1.786 };

const FEATURES = ['search', 'card', 'cardLed', 'defines', 'margin', 'long'] as const;

/** The probability that an answer with these signals is right, under `model`. */
export function answerConfidence(signals: AnswerSignals, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = model.bias;
  for (const f of FEATURES) z += model[f] * signals[f];
  return 1 / (1 + Math.exp(-z));
}

export const CONFIDENCE_FEATURES = FEATURES;
