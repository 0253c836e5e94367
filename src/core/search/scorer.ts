import type { Postings, TermPostings } from './postings';

/** BM25+ as MiniSearch defines it (k1 1.2, b 0.7, delta 0.5). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

export type ScoredTerm = {
  term: string;
  /** Relative weight of this term (1 for the user's words, less for expansions). */
  weight: number;
  /** Bit of this term in the match masks, or -1 for expansion terms that do not count as evidence. */
  bit: number;
  /** Allow prefix and typo-tolerant matches (only for words the index does not contain). */
  expand: boolean;
};

export type ScoreOptions = {
  /** Boost per field id. */
  fieldBoosts: number[];
  /** Field ids whose match makes a section "strong" (title, aliases). */
  identityFields: number[];
  minPrefixLength: number;
  minFuzzyLength: number;
  fuzzy: number;
  prefixWeight: number;
  fuzzyWeight: number;
};

export type Scores = {
  /** Score per short id (0 when nothing matched). */
  score: Float64Array;
  /** Per short id: bits of the user's terms matched exactly (or by prefix of a stem). */
  exact: Uint32Array;
  /** Per short id: bits matched only approximately. */
  approx: Uint32Array;
  /** Per short id: bits matched in an identity field (title, aliases). */
  identity: Uint32Array;
};

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Zeroed arrays for scoreSections, one entry per short id. */
export function emptyScores(n: number): Scores {
  return { score: new Float64Array(n), exact: new Uint32Array(n), approx: new Uint32Array(n), identity: new Uint32Array(n) };
}

/**
 * Scores every section against the terms in one pass over their postings, with no allocation per
 * posting. A section's final score is its BM25+ sum times the number of the user's terms it matched
 * (the same coverage reward MiniSearch applies). `into`, when given, is cleared and filled instead
 * of new arrays (a search reuses one set rather than leave four to the garbage collector).
 */
export function scoreSections(postings: Postings, terms: ScoredTerm[], options: ScoreOptions, into?: Scores): Scores {
  const n = postings.unitOf.length;
  let out: Scores;
  if (into && into.score.length === n) {
    out = into;
    out.score.fill(0);
    out.exact.fill(0);
    out.approx.fill(0);
    out.identity.fill(0);
  } else {
    out = emptyScores(n);
  }
  const identityFields = new Set(options.identityFields);
  const N = postings.documentCount;

  const add = (data: TermPostings, weight: number, bit: number, exact: boolean) => {
    const mask = bit >= 0 ? 1 << bit : 0;
    for (const { field: fieldId, ids, tfs } of data) {
      const boost = options.fieldBoosts[fieldId] ?? 0;
      if (!boost) continue;
      const matching = ids.length;
      const idf = Math.log(1 + (N - matching + 0.5) / (matching + 0.5));
      const avg = postings.avgFieldLength[fieldId] || 1;
      const lengths = postings.fieldLength[fieldId]!;
      const w = weight * boost * idf;
      const isIdentity = identityFields.has(fieldId);
      for (let k = 0; k < matching; k++) {
        const shortId = ids[k]!;
        const tf = tfs[k]!;
        const norm = BM25.k * (1 - BM25.b + (BM25.b * lengths[shortId]!) / avg);
        out.score[shortId]! += w * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm));
        if (mask) {
          if (exact) out.exact[shortId]! |= mask;
          else out.approx[shortId]! |= mask;
          if (isIdentity) out.identity[shortId]! |= mask;
        }
      }
    }
  };

  for (const t of terms) {
    const data = postings.get(t.term);
    if (data) add(data, t.weight, t.bit, true);
    if (data || !t.expand) continue;
    const seen = new Set<string>();
    if (t.term.length >= options.minPrefixLength) {
      for (const [derived, d] of postings.prefixed(t.term)) {
        const distance = derived.length - t.term.length;
        if (!distance) continue;
        seen.add(derived);
        add(d, (t.weight * options.prefixWeight * derived.length) / (derived.length + 0.3 * distance), t.bit, true);
      }
    }
    if (t.term.length >= options.minFuzzyLength) {
      const maxDistance = Math.round(t.term.length * options.fuzzy);
      if (maxDistance) {
        for (const [derived, d, distance] of postings.near(t.term, maxDistance)) {
          if (!distance || seen.has(derived)) continue;
          add(d, (t.weight * options.fuzzyWeight * derived.length) / (derived.length + distance), t.bit, false);
        }
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (out.score[i]! > 0) out.score[i]! *= Math.max(1, popcount(out.exact[i]! | out.approx[i]!));
  }
  return out;
}
