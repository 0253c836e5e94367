import * as z from 'zod/mini';
import { KINDS, PATTERN_CATEGORIES } from './kinds';

const text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));
const textList = z.array(text);
const docId = z.string().check(z.regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be a document id such as patterns/saga'));

/** Front matter every document carries. */
export const FrontMatterSchema = z.object({
  title: text,
  summary: z.string().check(z.trim(), z.minLength(20, 'must be one or two full sentences (20+ characters)'), z.maxLength(600, 'must be at most 600 characters: one or two sentences')),
  kind: z.enum(KINDS),
  tags: textList.check(z.minLength(1, 'needs at least one tag')),
  aliases: textList,
  /** Phrasings and misspellings that help search but are not names a reader would recognise; never shown. */
  search_terms: z.optional(textList),
  related: z.array(docId),
  category: z.optional(z.enum(PATTERN_CATEGORIES)),
  use_when: z.optional(textList),
  avoid_when: z.optional(textList),
  tradeoffs: z.optional(textList),
});
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** The fields only patterns carry, required for them. */
export const PATTERN_FIELDS = ['category', 'use_when', 'avoid_when', 'tradeoffs'] as const;
