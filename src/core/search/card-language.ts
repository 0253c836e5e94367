/**
 * A second opinion for search results: the way each document is asked about.
 *
 * Each document ends with answer cards whose questions are written the way practitioners ask
 * ("Our consumers sit idle after we scaled the group; why?"). All of a document's card questions,
 * with its title and aliases, make a small language model of what it answers. The engine scores
 * the single best section of each document; this scores the whole document's way of being asked
 * about. A naive Bayes fit (add-`smoothing`, rare words weigh more, as in the search) ranks the
 * engine's best few documents, and the two rankings are mixed.
 *
 * Measured on the search dev set (tests/dev-set, 510 questions), over the engine's best 10:
 * recall@3 0.953 -> 0.961 and MRR 0.894 -> 0.905 at weight 0.2. Answers use the engine's own
 * order: composing from the re-ranked documents did not raise the answer sets' nugget pass.
 *
 * A document's model is built the first time it is ranked (its cards' questions are already in the
 * index data), then kept.
 */
import type { DocMeta } from '../knowledge/types';
import type { DocHit, SearchEngine } from './engine';
import { terms } from './text';

export const CARD_LANGUAGE = {
  /** Share of the mixed score that comes from the card language (the rest is the engine's score, relative to the best). */
  weight: 0.2,
  /** Documents re-ranked: the engine's best this many. */
  pool: 10,
  /** Add-k smoothing, and the vocabulary size it spreads over. */
  smoothing: 0.1,
  vocabulary: 5000,
} as const;

type Model = { counts: Map<string, number>; total: number };
const models = new WeakMap<DocMeta, Model>();

function modelOf(engine: SearchEngine, doc: DocMeta): Model {
  let model = models.get(doc);
  if (!model) {
    const counts = new Map<string, number>();
    let total = 0;
    const add = (text: string) => {
      for (const t of terms(text)) {
        if (/^\d+$/.test(t)) continue;
        counts.set(t, (counts.get(t) ?? 0) + 1);
        total++;
      }
    };
    for (const card of engine.cardsOf(doc)) add(card.heading);
    add([doc.title, ...doc.aliases].join(' '));
    models.set(doc, (model = { counts, total }));
  }
  return model;
}

export type Reranked = { hit: DocHit; score: number };

/**
 * The hits in the mixed order, each with its mixed score (0 to 1, the engine's share relative to
 * its best hit plus the card language's share relative to the best and worst fit among the hits).
 */
export function rerankByCardLanguage(engine: SearchEngine, query: string, hits: DocHit[]): Reranked[] {
  const top = hits[0]?.score || 1;
  const words = [...new Set(terms(query))].filter((t) => !/^\d+$/.test(t));
  if (hits.length < 2 || !words.length) return hits.map((hit) => ({ hit, score: hit.score / top }));
  const { smoothing, vocabulary, weight } = CARD_LANGUAGE;
  const fit = hits.map((h) => {
    const { counts, total } = modelOf(engine, h.doc);
    let s = 0;
    for (const w of words) s += engine.termWeight(w) * Math.log(((counts.get(w) ?? 0) + smoothing) / (total + smoothing * vocabulary));
    return s;
  });
  const lo = Math.min(...fit);
  const hi = Math.max(...fit);
  return hits
    .map((hit, i) => ({ hit, i, score: (1 - weight) * (hit.score / top) + weight * (hi > lo ? (fit[i]! - lo) / (hi - lo) : 0) }))
    .sort((a, b) => (b.score > a.score ? 1 : b.score < a.score ? -1 : a.i - b.i))
    .map(({ hit, score }) => ({ hit, score }));
}
