import { select } from './select';
import type { DocMeta, KnowledgeData, Unit } from '../knowledge/types';
import { FIELD_BOOSTS, FUZZY, FUZZY_WEIGHT, MIN_FUZZY_LENGTH, MIN_PREFIX_LENGTH, PREFIX_WEIGHT } from './options';
import { Postings } from './postings';
import { emptyScores, scoreSections, type ScoreOptions, type Scores, type ScoredTerm } from './scorer';
import { normalizeTerm, phraseTokens, tokenize } from './text';
import { stem } from './stem';
import { slugify } from '../content/slug';

export type SectionHit = { unit: Unit; score: number };
export type DocHit = {
  doc: DocMeta;
  score: number;
  /** Best-matching sections of this document, best first. */
  sections: SectionHit[];
  /** Query terms (normalized) that some section of this document matched exactly or by prefix. */
  matched: Set<string>;
  /** Query terms matched only approximately (typo tolerance). */
  fuzzyMatched: Set<string>;
  /** A title or alias of this document appears in the query as a phrase. */
  named: boolean;
  /** Some query term matched this document's title or aliases (not only its body). */
  strong: boolean;
  /** Share of the question's weight (rare terms weigh more) that this document matches. */
  docCoverage: number;
};
export type SearchOutcome = {
  terms: string[];
  hits: DocHit[];
  /**
   * How much of the question is about things the compendium names (words found in its titles,
   * aliases, tags or headings, weighted by rarity), from 0 to 1: low for "write a for loop in
   * Python", whose rare words the compendium only mentions in passing.
   */
  topicality: number;
  /**
   * Share of the question's weight in words the compendium never names and barely uses (in a
   * handful of sections at most, or not at all): high for "freeze the top row in excel", whose
   * rare words appear only in passing.
   */
  foreign: number;
};
export type SearchParams = { limit?: number; kinds?: string[] };

/** Tuning in one place. Each weight is relative to a plain body match. */
export const SEARCH_TUNING = {
  /** Longest alias phrase looked for in a query, in terms. */
  maxPhraseTerms: 6,
  /** Boost per term of a named phrase (capped at 3 terms), shared among the documents it names. */
  phraseBoostPerTerm: 0.6,
  /** Weight of expansion terms (synonyms, joined compounds) relative to the user's own terms. */
  expansionWeight: 0.6,
  /** Share of a document's second- and third-best sections added to its score. */
  secondarySectionWeight: 0.15,
  /** Share of the overview's score (the document's title, aliases and summary) credited to a better-matching section. */
  identityWeight: 0.6,
  maxSectionsPerDoc: 3,
  /**
   * A document's score is multiplied by its coverage of the question (rare words weigh more) to
   * this power: for a long scenario, the document that speaks to most of it beats one that
   * matches a few words strongly.
   */
  coverageExponent: 1.5,
  /** How much a typo-tolerant match counts as evidence, relative to an exact one. */
  fuzzyEvidence: 0.4,
  /** Characters, tokens and token length a search reads at most (bounded CPU for any input). */
  maxQueryChars: 2000,
  maxQueryTokens: 300,
  maxTermLength: 40,
  /** Longest question, in distinct terms, searched in full; longer ones keep their rarest terms. */
  maxQueryTerms: 12,
  /** When a long question is cut to maxQueryTerms, a word that names something (see `topical`) counts this many times its rarity. */
  topicalKeep: 2,
  /**
   * Words found in more than this share of sections ("service", "data") barely change the ranking
   * but cost the most time to score; they are dropped unless nothing else is left.
   */
  maxTermShare: 0.3,
  /**
   * Prior weight of each kind. Learning paths, the glossary and the cheat sheet mention everything
   * briefly, so they match many questions loosely; they rank on their own merit only when the
   * question names them or matches their title or aliases.
   */
  kindPrior: { 'learning-path': 0.5, reference: 0.5 } as Record<string, number>,
  /**
   * A one-word title or alias names its document only when the word is this rare (its weight,
   * log(1 + sections / (sections containing it + 1))): "2PC" or "CQRS", not "cost" or "failure".
   */
  minOneWordNameWeight: 3.0,
  /** A word this rare (in about three sections or fewer) that no title, alias or tag uses is incidental to the compendium. */
  incidentalWeight: 6.0,
  /** Section hits examined when grouping by document: enough to fill any result list. */
  maxRawHits: 150,
  defaultLimit: 5,
  maxLimit: 50,
  /**
   * Weight of naming words (about two or three rare ones) at which a question counts as fully on
   * topic; measured on the dev set against off-topic questions.
   */
  topicalEvidence: 12,
} as const;

/**
 * Per-term caches are keyed by what users type, so they are bounded: junk words from a hostile
 * client must not grow an isolate's memory.
 */
const TERM_CACHE_SIZE = 50_000;

/** A document's sections in rank order and what they matched; hits (the few returned) get their term sets from the masks. */
type DocGroup = { doc: DocMeta; named: boolean; sections: SectionHit[]; exactMask: number; approxMask: number; strong: boolean; score: number; docCoverage: number };
/** A search before it is cut to a limit: every matching document, best first. */
type Ranking = { terms: string[]; groups: DocGroup[]; complete: boolean; topicality: number; foreign: number };

/** Sections kept per document while grouping (see group). */
const FIRST_SECTIONS = 4;

/** Per-document tallies for grouping one search's sections, indexed by document. */
type GroupScratch = {
  stamp: number;
  seen: Int32Array;
  order: Int32Array;
  count: Int32Array;
  first: Int32Array;
  overview: Int32Array;
  exact: Uint32Array;
  approx: Uint32Array;
  strong: Uint8Array;
  score: Float64Array;
  coverage: Float64Array;
};

const NO_TERMS: readonly string[] = [];

/** Match masks are 32-bit: at most this many of the user's terms are scored. */
const MAX_TERMS = 31;

/** Names (titles, aliases) by their terms, one level per term, so a query's words are matched without building strings. */
type PhraseNode = { docs?: number[]; next?: Map<string, PhraseNode> };

/**
 * The `n` best of `candidates` (section ids in ascending order, all with a positive score), best
 * first, ties in ascending id: the same as a stable sort of the whole list by score, without
 * sorting the long tail that a common word brings.
 */
export function topByScore(score: Float64Array, candidates: ArrayLike<number>, n: number, count = candidates.length, scratch?: Float64Array): number[] {
  const top: number[] = [];
  if (count > n) {
    const values = scratch && scratch.length >= count ? scratch.subarray(0, count) : new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = score[candidates[i]!]!;
    // The n-th best score; sections above it are in, and as many at it as fit, in ascending id.
    const threshold = select(values, count - n);
    let ties = n;
    for (let i = 0; i < count; i++) if (values[i]! > threshold) ties--;
    for (let i = 0; i < count; i++) {
      const sid = candidates[i]!;
      const s = score[sid]!;
      if (s > threshold) top.push(sid);
      else if (s === threshold && ties > 0) {
        top.push(sid);
        ties--;
      }
    }
  } else {
    for (let i = 0; i < count; i++) top.push(candidates[i]!);
  }
  // -1, 0 or 1 rather than the difference: a comparator returning a fraction allocates a number per call.
  return top.sort((a, b) => (score[b]! > score[a]! ? 1 : score[b]! < score[a]! ? -1 : a - b));
}

/** Search over the compendium's sections, grouped by document. */
export class SearchEngine {
  readonly data: KnowledgeData;
  private postings: Postings;
  /** Short id -> index of the section's document. */
  private docOfSection: Int32Array;
  /** Arrays reused by every search (a search runs to its end before the next one starts): scores, and the sections that scored. */
  private scratch: Scores;
  private candidates: Int32Array;
  private candidateScores: Float64Array;
  private groups: GroupScratch;
  private scoreOptions: ScoreOptions;
  private synonymsByTerm = new Map<string, string[][]>();
  /** data.phrases as a map (a question's words are never looked up among an object's inherited keys). */
  private phrases = new Map<string, number[]>();
  private phraseTree = new Map<string, PhraseNode>();

  constructor(data: KnowledgeData, serializedIndex: string) {
    this.data = data;
    // Cards are stored without their anchor: it is their question slugified.
    for (const u of data.units) if (u.card && !u.anchor) u.anchor = slugify(u.heading);
    this.postings = new Postings(serializedIndex);
    this.docOfSection = this.postings.unitOf.map((unit) => data.units[unit]?.doc ?? -1);
    this.scratch = emptyScores(this.postings.unitOf.length);
    this.candidates = new Int32Array(this.postings.unitOf.length);
    this.candidateScores = new Float64Array(this.postings.unitOf.length);
    const docs = data.docs.length;
    this.groups = {
      stamp: 0,
      seen: new Int32Array(docs),
      order: new Int32Array(docs),
      count: new Int32Array(docs),
      first: new Int32Array(docs * FIRST_SECTIONS),
      overview: new Int32Array(docs),
      exact: new Uint32Array(docs),
      approx: new Uint32Array(docs),
      strong: new Uint8Array(docs),
      score: new Float64Array(docs),
      coverage: new Float64Array(docs),
    };
    const fieldBoosts: number[] = [];
    for (const [field, id] of Object.entries(this.postings.fieldIds)) fieldBoosts[id] = FIELD_BOOSTS[field as keyof typeof FIELD_BOOSTS] ?? 1;
    this.scoreOptions = {
      fieldBoosts,
      identityFields: ['title', 'aliases'].map((f) => this.postings.fieldIds[f]!).filter((x) => x !== undefined),
      minPrefixLength: MIN_PREFIX_LENGTH,
      minFuzzyLength: MIN_FUZZY_LENGTH,
      fuzzy: FUZZY,
      prefixWeight: PREFIX_WEIGHT,
      fuzzyWeight: FUZZY_WEIGHT,
    };
    for (const [key, docs] of Object.entries(data.phrases)) {
      this.phrases.set(key, docs);
      let level = this.phraseTree;
      const words = key.split(' ');
      words.forEach((word, i) => {
        let node = level.get(word);
        if (!node) level.set(word, (node = {}));
        if (i === words.length - 1) node.docs = docs;
        else level = node.next ??= new Map();
      });
    }
    for (const group of data.synonyms) {
      for (const member of group) {
        const first = member.split(' ')[0]!;
        const list = this.synonymsByTerm.get(first) ?? [];
        list.push(group);
        this.synonymsByTerm.set(first, list);
      }
    }
  }

  private weights = new Map<string, number>();
  private cardsByDoc = new Map<DocMeta, Unit[]>();
  private docsById = new Map<string, DocMeta>();

  /** A document's answer cards, in the order written. */
  cardsOf(doc: DocMeta): Unit[] {
    if (!this.cardsByDoc.size) {
      for (const u of this.data.units) {
        if (!u.card) continue;
        const d = this.data.docs[u.doc]!;
        const list = this.cardsByDoc.get(d) ?? [];
        list.push(u);
        this.cardsByDoc.set(d, list);
      }
    }
    return this.cardsByDoc.get(doc) ?? [];
  }

  docById(id: string): DocMeta | undefined {
    if (!this.docsById.size) for (const d of this.data.docs) this.docsById.set(d.id, d);
    return this.docsById.get(id);
  }

  private alikeByTerm: Map<string, readonly string[]> | null = null;

  /** One-word synonyms of a (normalized) term, from content/search/synonyms.yaml; empty when it has none. */
  alike(term: string): readonly string[] {
    if (!this.alikeByTerm) {
      const byTerm = new Map<string, string[]>();
      for (const group of this.data.synonyms) {
        const words = group.filter((m) => !m.includes(' '));
        for (const w of words) {
          const list = byTerm.get(w) ?? [];
          for (const o of words) if (o !== w && !list.includes(o)) list.push(o);
          byTerm.set(w, list);
        }
      }
      this.alikeByTerm = byTerm;
    }
    return this.alikeByTerm.get(term) ?? NO_TERMS;
  }

  /** Documents whose title or alias is exactly this text (as the phrase matcher compares names). */
  docsNamed(text: string): DocMeta[] {
    const key = phraseTokens(text).join(' ');
    return (this.phrases.get(key) ?? []).map((i) => this.data.docs[i]!);
  }

  private topicalCache = new Map<string, boolean>();

  /** Whether a term names something in the compendium: it occurs in a title, alias, tag or heading. */
  topical(term: string): boolean {
    let v = this.topicalCache.get(term);
    if (v === undefined) {
      const postings = this.postings.get(term);
      const ids = this.postings.fieldIds;
      const naming = new Set([ids.title, ids.aliases, ids.tags]);
      // Names are titles, aliases (with search terms) and tags. Card questions are written in everyday words ("should I buy a bigger machine?"), so they do
      // not make a word a name of something the compendium covers.
      v = false;
      if (postings) {
        for (const { field, ids: sections } of postings) {
          if (!naming.has(field)) continue;
          for (const shortId of sections) if (!this.data.units[this.postings.unitOf[shortId]!]?.card) v = true;
          if (v) break;
        }
      }
      if (this.topicalCache.size >= TERM_CACHE_SIZE) this.topicalCache.clear();
      this.topicalCache.set(term, v);
    }
    return v;
  }

  /** Whether the compendium uses this (normalized) term anywhere. */
  known(term: string): boolean {
    return this.postings.get(term) !== undefined;
  }

  /**
   * How much a term tells: log(1 + units / (units containing it + 1)). A word the compendium never
   * uses weighs most, so a question about something it does not cover cannot look covered.
   */
  termWeight(term: string): number {
    let w = this.weights.get(term);
    if (w === undefined) {
      const postings = this.postings.get(term);
      const units = new Set<number>();
      if (postings) for (const { ids } of postings) for (const id of ids) units.add(id);
      w = Math.log(1 + this.data.units.length / (units.size + 1));
      if (this.weights.size >= TERM_CACHE_SIZE) this.weights.clear();
      this.weights.set(term, w);
    }
    return w;
  }

  /** The question's terms worth searching: common words dropped, at most maxQueryTerms rarest kept. */
  informativeTerms(termSeq: string[]): Set<string> {
    const distinct = [...new Set(termSeq)];
    const commonWeight = Math.log(1 + 1 / SEARCH_TUNING.maxTermShare);
    const rare = distinct.filter((t) => this.termWeight(t) > commonWeight);
    const pool = rare.length ? rare : distinct;
    if (pool.length <= SEARCH_TUNING.maxQueryTerms) return new Set(pool);
    // Words the compendium never uses match nothing: in a long question they must not crowd out
    // the rarest words it does use (they still count against coverage and topicality).
    // Words that name something the compendium covers are kept before incidental rare ones ("hear", "robust").
    const rank = (t: string) => this.termWeight(t) * (this.topical(t) ? SEARCH_TUNING.topicalKeep : 1);
    const known = pool.filter((t) => this.known(t)).sort((a, b) => rank(b) - rank(a));
    const unknown = pool.filter((t) => !this.known(t));
    return new Set([...known, ...unknown].slice(0, SEARCH_TUNING.maxQueryTerms));
  }

  /**
   * Documents whose title or alias appears in the term sequence, with the boost each earns; the
   * terms of those names join `nameTerms` so they are searched even when common.
   */
  namedDocuments(termSeq: string[], nameTerms: Set<string> = new Set(), rawTokens?: string[]): Map<number, number> {
    const boosts = new Map<number, number>();
    const { maxPhraseTerms, phraseBoostPerTerm } = SEARCH_TUNING;
    for (let i = 0; i < termSeq.length; i++) {
      let node = this.phraseTree.get(termSeq[i]!);
      for (let n = 1; node && n <= maxPhraseTerms && i + n <= termSeq.length; node = node.next?.get(termSeq[i + n]!), n++) {
        const docs = node.docs;
        if (!docs) continue;
        // A one-word name that is also an everyday word of the compendium ("cost", "failure") does
        // not name its document: "what does it cost?" is not a question about FinOps.
        if (n === 1 && this.known(termSeq[i]!) && this.termWeight(termSeq[i]!) < SEARCH_TUNING.minOneWordNameWeight) continue;
        // A two-letter name is named only as written: "ecs" (Amazon ECS) stems to "ec" but is not EC.
        if (n === 1 && termSeq[i]!.length <= 2 && rawTokens && rawTokens[i] !== termSeq[i]) continue;
        for (const t of termSeq.slice(i, i + n)) if (this.known(t)) nameTerms.add(t);
        const gain = (phraseBoostPerTerm * Math.min(n, 3)) / docs.length;
        for (const d of docs) boosts.set(d, (boosts.get(d) ?? 1) + gain);
      }
    }
    return boosts;
  }

  /** Extra terms: synonyms of phrases in the query, and adjacent words joined ("back off" -> "backoff"). */
  private expansions(termSeq: string[], rawTokens: string[]): string[] {
    const present = ' ' + termSeq.join(' ') + ' ';
    const extra = new Set<string>();
    for (const term of new Set(termSeq)) {
      for (const group of this.synonymsByTerm.get(term) ?? []) {
        if (!group.some((m) => present.includes(` ${m} `))) continue;
        for (const m of group) if (!present.includes(` ${m} `)) m.split(' ').forEach((t) => extra.add(t));
      }
    }
    for (let i = 0; i + 1 < rawTokens.length; i++) {
      const joined = normalizeTerm(rawTokens[i]! + rawTokens[i + 1]!);
      if (joined && joined.length >= 5 && !termSeq.includes(joined)) extra.add(joined);
    }
    return [...extra];
  }

  /**
   * The last search's ranking, before it was cut to a limit: answering one question often searches
   * it twice (a comparison that falls back to the general answer, with another limit).
   */
  private last: { key: string; ranking: Ranking } | undefined;

  /** Forgets the last ranking (Knowledge.ask calls it per question: the reuse is for a question searched twice while it is answered). */
  forgetLast(): void {
    this.last = undefined;
  }

  search(query: string, params: SearchParams = {}): SearchOutcome {
    const limit = Math.min(Math.max(params.limit ?? SEARCH_TUNING.defaultLimit, 1), SEARCH_TUNING.maxLimit);
    const key = `${query}\u0000${params.kinds?.join('\u0000') ?? ''}`;
    let ranking = this.last?.key === key ? this.last.ranking : undefined;
    if (!ranking || (!ranking.complete && ranking.groups.length < limit)) {
      ranking = this.rank(query, params, Math.max(limit, SEARCH_TUNING.defaultLimit));
      this.last = { key, ranking };
    }
    return { terms: [...ranking.terms], hits: this.hitsOf(ranking, limit), topicality: ranking.topicality, foreign: ranking.foreign };
  }

  /** The search's documents, best first: the first `wanted` of them (all, when `complete`). */
  private rank(query: string, params: SearchParams, wanted: number): Ranking {
    // The work per search is bounded whatever the input: a question's first characters and tokens,
    // and no token longer than any word worth matching (typo search on it would explode).
    const rawTokens = tokenize(query.slice(0, SEARCH_TUNING.maxQueryChars))
      .slice(0, SEARCH_TUNING.maxQueryTokens)
      .filter((t) => t.length <= SEARCH_TUNING.maxTermLength);
    // Bare integers ("12 services", "3 replicas") describe the user's system, not a topic; they
    // still count inside names ("2PC") and decimals ("99.9").
    const termSeq = rawTokens
      .filter((t) => !/^\d+(?:\.\d+)?(?:ms|us|ns|s|x|k|m|gb|mb|kb|tb|h|d|min|rps|qps)?$/.test(t))
      .map(normalizeTerm)
      .filter((t): t is string => !!t);
    if (!termSeq.length) return { terms: [], groups: [], complete: true, topicality: 0, foreign: 0 };
    const nameTerms = new Set<string>();
    const named = this.namedDocuments(rawTokens.map(stem), nameTerms, rawTokens);
    const kept = this.informativeTerms(termSeq);
    for (const t of nameTerms) if (kept.size < MAX_TERMS) kept.add(t);
    const userTerms = [...kept];
    const scored: ScoredTerm[] = userTerms.map((term, bit) => ({ term, weight: 1, bit, expand: !this.known(term) }));
    for (const term of this.expansions(termSeq, rawTokens)) {
      if (!kept.has(term)) scored.push({ term, weight: SEARCH_TUNING.expansionWeight, bit: -1, expand: false });
    }
    const scores = scoreSections(this.postings, scored, this.scoreOptions, this.scratch);
    const weights = userTerms.map((t) => this.termWeight(t));
    const { groups, complete } = this.group(scores, userTerms, weights, named, params, wanted);
    const naming = userTerms.reduce((sum, t, i) => sum + (this.topical(t) ? weights[i]! : 0), 0);
    // Enough naming words, or a short question made only of them ("distributed cache"), is on topic.
    const total = weights.reduce((a, b) => a + b, 0);
    const topicality = Math.min(1, naming / Math.min(SEARCH_TUNING.topicalEvidence, total || 1));
    const foreignWeight = userTerms.reduce((sum, t, i) => sum + ((!this.known(t) || weights[i]! >= SEARCH_TUNING.incidentalWeight) && !this.topical(t) ? weights[i]! : 0), 0);
    return { terms: userTerms, groups, complete, topicality, foreign: total ? foreignWeight / total : 0 };
  }

  /** The first `limit` documents of a ranking as hits (new objects each time: callers may reorder them). */
  private hitsOf(ranking: Ranking, limit: number): DocHit[] {
    const userTerms = ranking.terms;
    return ranking.groups.slice(0, limit).map((hit) => {
      const matched = new Set<string>();
      const fuzzyMatched = new Set<string>();
      const approx = hit.approxMask & ~hit.exactMask;
      userTerms.forEach((t, bit) => {
        if (hit.exactMask & (1 << bit)) matched.add(t);
        else if (approx & (1 << bit)) fuzzyMatched.add(t);
      });
      return {
        doc: hit.doc,
        score: hit.score,
        sections: hit.sections.slice(0, SEARCH_TUNING.maxSectionsPerDoc),
        matched,
        fuzzyMatched,
        named: hit.named,
        strong: hit.strong,
        docCoverage: hit.docCoverage,
      };
    });
  }

  /**
   * The best sections, grouped by document, with the evidence each document gives: the first
   * `wanted` documents, best first, each with its first few sections. Per-document tallies live in
   * arrays the engine keeps, so a search allocates only what it returns.
   */
  private group(scores: Scores, userTerms: string[], weights: number[], named: Map<number, number>, params: SearchParams, wanted: number): { groups: DocGroup[]; complete: boolean } {
    const { unitOf } = this.postings;
    const candidates = this.candidates;
    let count = 0;
    for (let sid = 0; sid < scores.score.length; sid++) {
      if (scores.score[sid]! <= 0) continue;
      if (named.size) scores.score[sid]! *= named.get(this.docOfSection[sid]!) ?? 1;
      candidates[count++] = sid;
    }
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const weightOf = (mask: number, factor: number) => {
      let w = 0;
      for (let bit = 0; bit < userTerms.length; bit++) if (mask & (1 << bit)) w += factor * weights[bit]!;
      return w;
    };
    const kinds = params.kinds?.length ? new Set(params.kinds) : null;
    const g = this.groups;
    if (g.stamp >= 0x3fffffff) {
      g.seen.fill(0);
      g.stamp = 0;
    }
    const stamp = ++g.stamp;
    let docs = 0;
    for (const sid of topByScore(scores.score, candidates, SEARCH_TUNING.maxRawHits, count, this.candidateScores)) {
      const d = this.docOfSection[sid]!;
      if (kinds && !kinds.has(this.data.docs[d]!.kind)) continue;
      if (g.seen[d] !== stamp) {
        g.seen[d] = stamp;
        g.count[d] = 0;
        g.overview[d] = -1;
        g.exact[d] = 0;
        g.approx[d] = 0;
        g.strong[d] = 0;
        g.order[docs++] = d;
      }
      // A document's first four sections are enough: its best, and the next two other than its overview.
      if (g.count[d]! < FIRST_SECTIONS) g.first[d * FIRST_SECTIONS + g.count[d]!] = sid;
      g.count[d]!++;
      if (g.overview[d]! < 0 && this.data.units[unitOf[sid]!]!.anchor === '') g.overview[d] = sid;
      const exact = scores.exact[sid]!;
      g.exact[d]! |= exact;
      g.approx[d]! |= scores.approx[sid]! & ~exact;
      if (scores.identity[sid]! !== 0) g.strong[d] = 1;
    }
    const order: number[] = [];
    for (let k = 0; k < docs; k++) {
      const d = g.order[k]!;
      order.push(d);
      const approx = g.approx[d]! & ~g.exact[d]!;
      const coverage = (weightOf(g.exact[d]!, 1) + weightOf(approx, SEARCH_TUNING.fuzzyEvidence)) / totalWeight;
      g.coverage[d] = coverage;
      const best = g.first[d * FIRST_SECTIONS]!;
      const overview = g.overview[d]!;
      // The second- and third-best sections other than the overview.
      let others = 0;
      for (let i = 1, n = 0; i < Math.min(g.count[d]!, FIRST_SECTIONS) && n < 2; i++) {
        const sid = g.first[d * FIRST_SECTIONS + i]!;
        if (sid === overview) continue;
        others += scores.score[sid]!;
        n++;
      }
      g.score[d] =
        (scores.score[best]! +
          (overview >= 0 && overview !== best ? SEARCH_TUNING.identityWeight * scores.score[overview]! : 0) +
          SEARCH_TUNING.secondarySectionWeight * others) *
        Math.pow(coverage, SEARCH_TUNING.coverageExponent) *
        (named.has(d) || g.strong[d] ? 1 : (SEARCH_TUNING.kindPrior[this.data.docs[d]!.kind] ?? 1));
    }
    order.sort((a, b) => (g.score[b]! > g.score[a]! ? 1 : g.score[b]! < g.score[a]! ? -1 : 0));
    const groups = order.slice(0, wanted).map((d) => {
      const sections: SectionHit[] = [];
      for (let i = 0; i < Math.min(g.count[d]!, SEARCH_TUNING.maxSectionsPerDoc); i++) {
        const sid = g.first[d * FIRST_SECTIONS + i]!;
        sections.push({ unit: this.data.units[unitOf[sid]!]!, score: scores.score[sid]! });
      }
      return {
        doc: this.data.docs[d]!,
        named: named.has(d),
        sections,
        exactMask: g.exact[d]!,
        approxMask: g.approx[d]!,
        strong: g.strong[d] === 1,
        score: g.score[d]!,
        docCoverage: g.coverage[d]!,
      };
    });
    return { groups, complete: groups.length === order.length };
  }
}
