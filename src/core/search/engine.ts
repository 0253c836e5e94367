import MiniSearch, { type Query, type SearchResult as RawResult } from 'minisearch';
import type { DocMeta, KnowledgeData, Unit } from '../knowledge/types';
import { FUZZY, INDEX_OPTIONS, MIN_FUZZY_LENGTH, MIN_PREFIX_LENGTH, SEARCH_DEFAULTS } from './options';
import { normalizeTerm, tokenize } from './text';

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
  /**
   * Share of the question's weight (rare terms weigh more) that one section of this document
   * matches on its own: terms that meet in one section are stronger evidence than terms scattered
   * across a long document.
   */
  coverage: number;
  /** The same share over the whole document (terms may sit in different sections). */
  docCoverage: number;
};
export type SearchOutcome = { terms: string[]; hits: DocHit[] };
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
  maxSectionsPerDoc: 3,
  /** How much a typo-tolerant match counts as evidence, relative to an exact one. */
  fuzzyEvidence: 0.4,
  /** Longest question, in distinct terms, searched in full; longer ones keep their rarest terms. */
  maxQueryTerms: 16,
  /**
   * Words found in more than this share of sections ("service", "data") barely change the ranking
   * but cost the most time to score; they are dropped unless nothing else is left.
   */
  maxTermShare: 0.5,
  /** Raw section hits examined when grouping by document: enough to fill any result list. */
  maxRawHits: 150,
  defaultLimit: 5,
  maxLimit: 50,
} as const;

const identity = (t: string) => t;
const splitSpace = (s: string) => s.split(' ');

/** Search over the compendium's sections, grouped by document. */
export class SearchEngine {
  readonly data: KnowledgeData;
  private index: MiniSearch;
  private synonymsByTerm = new Map<string, string[][]>();

  constructor(data: KnowledgeData, serializedIndex: string) {
    this.data = data;
    this.index = MiniSearch.loadJSON(serializedIndex, INDEX_OPTIONS);
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

  private postings(term: string): Map<number, Map<number, number>> | undefined {
    // MiniSearch keeps per-term postings (field -> unit -> count) in its radix tree (7.2's layout).
    return (this.index as unknown as { _index: { get(t: string): Map<number, Map<number, number>> | undefined } })._index.get(term);
  }

  /** Whether the compendium uses this (normalized) term anywhere. */
  known(term: string): boolean {
    return this.postings(term) !== undefined;
  }

  /**
   * How much a term tells: log(1 + units / (units containing it + 1)). A word the compendium never
   * uses weighs most, so a question about something it does not cover cannot look covered.
   */
  termWeight(term: string): number {
    let w = this.weights.get(term);
    if (w === undefined) {
      const postings = this.postings(term);
      const units = new Set<number>();
      if (postings) for (const byUnit of postings.values()) for (const id of byUnit.keys()) units.add(id);
      w = Math.log(1 + this.data.units.length / (units.size + 1));
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
    return new Set([...pool].sort((a, b) => this.termWeight(b) - this.termWeight(a)).slice(0, SEARCH_TUNING.maxQueryTerms));
  }

  /**
   * Documents whose title or alias appears in the term sequence, with the boost each earns; the
   * terms of those names join `nameTerms` so they are searched even when common.
   */
  namedDocuments(termSeq: string[], nameTerms: Set<string> = new Set()): Map<number, number> {
    const boosts = new Map<number, number>();
    const { maxPhraseTerms, phraseBoostPerTerm } = SEARCH_TUNING;
    for (let i = 0; i < termSeq.length; i++) {
      for (let n = 1; n <= maxPhraseTerms && i + n <= termSeq.length; n++) {
        const docs = this.data.phrases[termSeq.slice(i, i + n).join(' ')];
        if (!docs) continue;
        for (const t of termSeq.slice(i, i + n)) nameTerms.add(t);
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

  search(query: string, params: SearchParams = {}): SearchOutcome {
    const rawTokens = tokenize(query);
    const termSeq = rawTokens.map(normalizeTerm).filter((t): t is string => !!t);
    if (!termSeq.length) return { terms: [], hits: [] };
    const nameTerms = new Set<string>();
    const named = this.namedDocuments(termSeq, nameTerms);
    const unitBoost = (id: number) => named.get(this.data.units[id]!.doc) ?? 1;
    const extra = this.expansions(termSeq, rawTokens);
    const kept = this.informativeTerms(termSeq);
    for (const t of nameTerms) kept.add(t);
    const queries: Query[] = [[...kept].join(' ')];
    if (extra.length) {
      queries.push({
        queries: [extra.join(' ')],
        prefix: false,
        fuzzy: false,
        boostTerm: () => SEARCH_TUNING.expansionWeight,
      } as Query);
    }
    const raw = this.index.search(
      { combineWith: 'OR', queries } as Query,
      {
        ...SEARCH_DEFAULTS,
        // Typo tolerance and prefix matching only for words the compendium never uses: a known
        // word needs neither, and expanding it costs most of a query's time.
        prefix: (t) => t.length >= MIN_PREFIX_LENGTH && !this.known(t),
        fuzzy: (t) => (t.length >= MIN_FUZZY_LENGTH && !this.known(t) ? FUZZY : false),
        processTerm: identity,
        tokenize: splitSpace,
        boostDocument: (id) => unitBoost(id as number),
      },
    );
    const hits = this.group(raw.slice(0, SEARCH_TUNING.maxRawHits), kept, named, params);
    return { terms: [...kept], hits };
  }

  private group(raw: RawResult[], queryTerms: Set<string>, named: Map<number, number>, params: SearchParams): DocHit[] {
    const byDoc = new Map<number, DocHit>();
    let totalWeight = 0;
    for (const t of queryTerms) totalWeight += this.termWeight(t);
    const kinds = params.kinds?.length ? new Set(params.kinds) : null;
    for (const r of raw) {
      const unit = this.data.units[r.id as number]!;
      const doc = this.data.docs[unit.doc]!;
      if (kinds && !kinds.has(doc.kind)) continue;
      let hit = byDoc.get(unit.doc);
      if (!hit) {
        hit = { doc, score: 0, sections: [], matched: new Set(), fuzzyMatched: new Set(), named: named.has(unit.doc), strong: false, coverage: 0, docCoverage: 0 };
        byDoc.set(unit.doc, hit);
      }
      hit.sections.push({ unit, score: r.score });
      const indexTerms = Object.keys(r.match);
      let unitWeight = 0;
      for (const qt of r.queryTerms) {
        if (!queryTerms.has(qt)) continue;
        const exact = indexTerms.some((t) => t === qt || (qt.length >= 4 && t.startsWith(qt)));
        (exact ? hit.matched : hit.fuzzyMatched).add(qt);
        unitWeight += (exact ? 1 : SEARCH_TUNING.fuzzyEvidence) * this.termWeight(qt);
      }
      hit.coverage = Math.max(hit.coverage, unitWeight / totalWeight);
      if (!hit.strong) {
        hit.strong = indexTerms.some((t) => queryTerms.has(t) && r.match[t]!.some((f) => f === 'title' || f === 'aliases'));
      }
    }
    const hits = [...byDoc.values()];
    for (const hit of hits) {
      for (const t of hit.matched) hit.fuzzyMatched.delete(t);
      let w = 0;
      for (const t of hit.matched) w += this.termWeight(t);
      for (const t of hit.fuzzyMatched) w += SEARCH_TUNING.fuzzyEvidence * this.termWeight(t);
      hit.docCoverage = w / totalWeight;
      const [best, ...rest] = hit.sections;
      hit.score = best!.score + SEARCH_TUNING.secondarySectionWeight * rest.slice(0, 2).reduce((s, x) => s + x.score, 0);
      hit.sections = hit.sections.slice(0, SEARCH_TUNING.maxSectionsPerDoc);
    }
    hits.sort((a, b) => b.score - a.score);
    const limit = Math.min(Math.max(params.limit ?? SEARCH_TUNING.defaultLimit, 1), SEARCH_TUNING.maxLimit);
    return hits.slice(0, limit);
  }
}
