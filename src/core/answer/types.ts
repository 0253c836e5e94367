import type { AnswerSignals } from './confidence';
import type { Intent } from './intent';
import type { CalcOutcome } from '../calc/types';
import type { DialogueStep } from '../dialogue/engine';

export type Source = { id: string; title: string; section: string; url: string; score: number };

export type Answer = {
  /** The answer as markdown: a lead, key points and pointers. */
  answer: string;
  sources: Source[];
  intent: Intent;
  /**
   * 0 to 1. For an answer led by a card or a passage, the estimated probability that it states
   * what was asked (see confidence.ts). Other answers report fixed levels: 1 for a calculation or a
   * dialogue step (0 for a calculator error), 0.6 when a calculation needs a value, at least 0.75
   * for a glossary term, 0.7 for a learning path, how surely each side was recognised for a
   * comparison, and under 0.42 when unsure.
   */
  confidence: number;
  /** True when the compendium does not seem to cover the question and the answer only suggests topics. */
  unsure: boolean;
  /** When a calculator ran (a /calc command or a question that carries the numbers): its result. */
  calc?: CalcOutcome;
  /** When the question asks for the pattern selector or a design review: its first step. */
  dialogue?: DialogueStep;
};

export type AskOptions = {
  /** Prefix for links (e.g. https://compendium.example.com); '' keeps them site-relative. */
  baseUrl?: string;
  /** The previous question in the conversation, so that "and how does it fail?" has a subject. */
  previous?: string;
  /** Richer context from the previous turn: the ids of the documents its answer cited. */
  context?: { sources?: string[] };
  /** Called with the signals the confidence of a composed answer is worked out from (scripts/fit-confidence.ts fits that model). */
  onSignals?: (signals: AnswerSignals) => void;
};
