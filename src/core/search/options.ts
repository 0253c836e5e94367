import type { Options } from 'minisearch';
import { normalizeTerm, tokenize } from './text';

/** Fields of a search unit, and how much a match in each counts. */
export const FIELD_BOOSTS = { title: 3, aliases: 2, heading: 2, tags: 1.2, body: 1 } as const;
export const FIELDS = Object.keys(FIELD_BOOSTS) as Array<keyof typeof FIELD_BOOSTS>;

/**
 * Prefix matching (4+ characters) and typo tolerance (5+) apply only to words the index does not
 * contain: a known word needs neither, and short terms expand to too many index terms.
 */
export const MIN_PREFIX_LENGTH = 4;
export const MIN_FUZZY_LENGTH = 5;
export const FUZZY = 0.2;
/** How much a prefix or typo-tolerant match counts relative to an exact one (before length decay). */
export const PREFIX_WEIGHT = 0.5;
export const FUZZY_WEIGHT = 0.4;

export const INDEX_OPTIONS: Options = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize,
  processTerm: (term) => normalizeTerm(term) ?? null,
};

