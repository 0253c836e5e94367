import MiniSearch, { type Query, type SearchResult as RawResult } from 'minisearch';
import type { DocMeta, KnowledgeData, Unit } from '../knowledge/types';
import { INDEX_OPTIONS, SEARCH_DEFAULTS } from './options';
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

  /** Documents whose title or alias appears in the term sequence, with the boost each earns. */
  namedDocuments(termSeq: string[]): Map<number, number> {
    const boosts = new Map<number, number>();
    const { maxPhraseTerms, phraseBoostPerTerm } = SEARCH_TUNING;
    for (let i = 0; i < termSeq.length; i++) {
      for (let n = 1; n <= maxPhraseTerms && i + n <= termSeq.length; n++) {
        const docs = this.data.phrases[termSeq.slice(i, i + n).join(' ')];
        if (!docs) continue;
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
    const named = this.namedDocuments(termSeq);
    const unitBoost = (id: number) => named.get(this.data.units[id]!.doc) ?? 1;
    const extra = this.expansions(termSeq, rawTokens);
    const queries: Query[] = [termSeq.join(' ')];
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
        processTerm: identity,
        tokenize: splitSpace,
        boostDocument: (id) => unitBoost(id as number),
      },
    );
    const hits = this.group(raw, new Set(termSeq), named, params);
    return { terms: [...new Set(termSeq)], hits };
  }

  private group(raw: RawResult[], queryTerms: Set<string>, named: Map<number, number>, params: SearchParams): DocHit[] {
    const byDoc = new Map<number, DocHit>();
    const kinds = params.kinds?.length ? new Set(params.kinds) : null;
    for (const r of raw) {
      const unit = this.data.units[r.id as number]!;
      const doc = this.data.docs[unit.doc]!;
      if (kinds && !kinds.has(doc.kind)) continue;
      let hit = byDoc.get(unit.doc);
      if (!hit) {
        hit = { doc, score: 0, sections: [], matched: new Set(), fuzzyMatched: new Set(), named: named.has(unit.doc), strong: false };
        byDoc.set(unit.doc, hit);
      }
      hit.sections.push({ unit, score: r.score });
      const indexTerms = Object.keys(r.match);
      for (const qt of r.queryTerms) {
        if (!queryTerms.has(qt)) continue;
        const exact = indexTerms.some((t) => t === qt || (qt.length >= 4 && t.startsWith(qt)));
        (exact ? hit.matched : hit.fuzzyMatched).add(qt);
      }
      if (!hit.strong) {
        hit.strong = indexTerms.some((t) => queryTerms.has(t) && r.match[t]!.some((f) => f === 'title' || f === 'aliases'));
      }
    }
    const hits = [...byDoc.values()];
    for (const hit of hits) {
      for (const t of hit.matched) hit.fuzzyMatched.delete(t);
      const [best, ...rest] = hit.sections;
      hit.score = best!.score + SEARCH_TUNING.secondarySectionWeight * rest.slice(0, 2).reduce((s, x) => s + x.score, 0);
      hit.sections = hit.sections.slice(0, SEARCH_TUNING.maxSectionsPerDoc);
    }
    hits.sort((a, b) => b.score - a.score);
    const limit = Math.min(Math.max(params.limit ?? SEARCH_TUNING.defaultLimit, 1), SEARCH_TUNING.maxLimit);
    return hits.slice(0, limit);
  }
}
