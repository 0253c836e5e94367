import * as z from 'zod/mini';

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'));
const docId = z.string().check(z.regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be a document id such as patterns/saga'));

export const OptionSchema = z.object({
  id,
  label: z.string().check(z.minLength(1)),
  /** How a recommendation quotes this answer: "writes span services owned by different teams". */
  says: z.optional(z.string()),
  /** The next question's id, or "end". */
  next: z.string(),
  /** Review dialogues: the risk this answer reveals. */
  risk: z.optional(
    z.object({
      level: z.enum(['high', 'medium']),
      title: z.string().check(z.minLength(1)),
      why: z.string().check(z.minLength(1)),
      mitigate: z.array(docId).check(z.minLength(1)),
      first_step: z.string().check(z.minLength(1)),
    }),
  ),
});

export const QuestionSchema = z.object({
  id,
  text: z.string().check(z.minLength(1)),
  help: z.optional(z.string()),
  /** Review dialogues: the axiom the question comes from. */
  axiom: z.optional(docId),
  options: z.array(OptionSchema).check(z.minLength(2), z.maxLength(8)),
});

/** A condition over answers: each entry is "question.option". */
const Condition = z.array(z.string().check(z.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must be question.option')));

export const RuleSchema = z.object({
  /** All of these answers were given. */
  when: Condition.check(z.minLength(1)),
  /** And at least one of these, if present. */
  any: z.optional(Condition),
  /** And none of these. */
  unless: z.optional(Condition),
  recommend: z.optional(docId),
  /** Added to the pattern's score (negative to argue against it). */
  weight: z.optional(z.number()),
  avoid: z.optional(docId),
  because: z.optional(z.string()),
});

export const DialogueSchema = z.object({
  id,
  title: z.string(),
  kind: z.enum(['selector', 'review']),
  intro: z.string(),
  start: id,
  questions: z.array(QuestionSchema).check(z.minLength(1)),
  rules: z.optional(z.array(RuleSchema)),
  /** Calculator to suggest with a recommended pattern. */
  calculators: z.optional(z.record(docId, z.string())),
  min_steps: z.optional(z.number()),
  max_steps: z.optional(z.number()),
  min_results: z.optional(z.number()),
  max_results: z.optional(z.number()),
});

export type DialogueData = z.infer<typeof DialogueSchema>;
export type QuestionData = z.infer<typeof QuestionSchema>;
export type OptionData = z.infer<typeof OptionSchema>;
export type RuleData = z.infer<typeof RuleSchema>;
