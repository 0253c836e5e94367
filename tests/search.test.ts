import { describe, expect, it } from 'vitest';
import { evaluate, CARD_LANGUAGE, rerankByCardLanguage } from '../src/core/index';
import { builtKnowledge } from './helpers/knowledge';
import { devSet } from './helpers/dev-set';

const knowledge = builtKnowledge();
const ids = (q: string, limit = 5) => knowledge.search(q, limit).map((r) => r.id);

describe('search ranking on the real compendium', () => {
  it('finds the right document in the top 3 for at least 90% of the dev set', () => {
    const cases = devSet();
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const { summary, outcomes } = evaluate(cases, (q) => ids(q));
    const misses = outcomes.filter((o) => !o.rank || o.rank > 3).map((o) => `${o.q} -> ${o.ranked.slice(0, 3).join(', ')}`);
    expect(summary.recall3, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    expect(summary.mrr).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ['2PC', ['patterns/two-phase-commit']],
    ['what is CQRS', ['patterns/cqrs']],
    ['circut breaker', ['patterns/circuit-breaker']],
    ['retrys with backof and jitter', ['patterns/retry-backoff']],
    ['CDC from the database log', ['patterns/change-data-capture']],
    ['speed of light in fiber', ['axioms/latency', 'quantitative/latency-numbers']],
    ['Redlock', ['patterns/distributed-lock']],
    ['PACELC', ['quantitative/cap-pacelc']],
  ])('puts the named document first for %j (abbreviations, aliases, typos)', (query, expected) => {
    expect(expected).toContain(ids(query)[0]);
  });

  it('groups results by document so one long document cannot fill the list', () => {
    const results = knowledge.search('failure', 10);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    for (const r of results) expect(r.sections.length).toBeLessThanOrEqual(3);
  });

  it('ignores question words and punctuation', () => {
    expect(ids('What is a saga???')[0]).toBe(ids('saga')[0]);
    expect(knowledge.search('what is the how', 5)).toEqual([]);
  });

  it('matches a scenario that never names the pattern', () => {
    expect(ids('step 3 failed and we need to undo step 1 and 2 across services', 3)).toContain('patterns/saga');
  });
});

describe('search input that looks like object keys', () => {
  it('treats words such as "constructor" and "__proto__" as plain words', async () => {
    for (const q of ['what is a constructor', 'constructor vs prototype', 'toString valueOf hasOwnProperty', '__proto__']) {
      expect(() => knowledge.search(q, 5)).not.toThrow();
      const a = await knowledge.ask(q);
      expect(typeof a.answer).toBe('string');
    }
    expect(knowledge.engine.docsNamed('constructor')).toEqual([]);
  });
});

describe('top sections by score', () => {
  it('matches a stable sort of the whole candidate list, ties in ascending id', async () => {
    const { topByScore } = await import('../src/core/search/engine');
    const score = new Float64Array(400);
    for (let i = 0; i < score.length; i++) score[i] = i % 7 === 0 ? 0 : 1 + ((i * 37) % 11);
    const candidates = [...score.keys()].filter((i) => score[i]! > 0);
    const stable = [...candidates].sort((a, b) => score[b]! - score[a]!);
    for (const n of [1, 5, 150, candidates.length, candidates.length + 3]) expect(topByScore(score, [...candidates], n)).toEqual(stable.slice(0, n));
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 50; round++) {
      const values = new Float64Array(1 + Math.floor(rnd() * 600)).map(() => (rnd() < 0.2 ? 0 : round % 2 ? Math.ceil(rnd() * 5) : rnd()));
      const ids = [...values.keys()].filter((i) => values[i]! > 0);
      const sorted = [...ids].sort((a, b) => values[b]! - values[a]!);
      for (const n of [1, 7, 150]) expect(topByScore(values, [...ids], n)).toEqual(sorted.slice(0, n));
    }
  });
});

describe('searching the same words again', () => {
  it('gives the same ranking at any limit, unaffected by what a caller did to an earlier result', () => {
    const engine = knowledge.engine;
    const q = 'how do retries with backoff and jitter avoid a thundering herd';
    const first = engine.search(q, { limit: 5 });
    const firstIds = first.hits.map((h) => h.doc.id);
    first.hits.reverse();
    first.hits[0]!.sections.length = 0;
    first.terms.length = 0;
    const again = engine.search(q, { limit: 3 });
    expect(again.hits.map((h) => h.doc.id)).toEqual(firstIds.slice(0, 3));
    expect(again.hits[0]!.sections.length).toBeGreaterThan(0);
    expect(again.terms.length).toBeGreaterThan(0);
    engine.search('saga', { limit: 5 });
    expect(engine.search(q, { limit: 5 }).hits.map((h) => h.doc.id)).toEqual(firstIds);
    // A longer list than the one kept is ranked again, the same way.
    const twenty = engine.search(q, { limit: 20 }).hits.map((h) => [h.doc.id, h.score]);
    expect(twenty.length).toBeGreaterThan(5);
    engine.search('saga', { limit: 5 });
    expect(engine.search(q, { limit: 20 }).hits.map((h) => [h.doc.id, h.score])).toEqual(twenty);
    expect(twenty.slice(0, 5).map(([id]) => id)).toEqual(firstIds);
  });
});

describe('column names in a question', () => {
  it('reads "tenant_id" as the tenant, not as an ID to generate', async () => {
    const { tokenize } = await import('../src/core/search/text');
    expect(tokenize('sharded by tenant_id and user_ids')).toEqual(['sharded', 'by', 'tenant', 'and', 'user']);
    expect(tokenize('an id column')).toContain('id');
  });

  it('reads a contraction as its pronoun: "we\'d" is not "wed", and "I\'d" is not an ID', async () => {
    const { tokenize } = await import('../src/core/search/text');
    expect(tokenize("we'd rather I'd say you'll see they're sure I\u2019m in")).toEqual(['we', 'rather', 'i', 'say', 'you', 'see', 'they', 'sure', 'i', 'in']);
  });

  it('knows common abbreviations of the domain ("lat", "lng", "POI", "VIP") as the words they stand for', async () => {
    const a = await knowledge.ask('we need restaurants within 2 km of a user over ~200M POIs, each stored as id + lat + lng; what index?');
    expect(a.unsure).toBe(false);
    expect(a.sources.map((s) => s.id)).toContain('case-studies/proximity-service');
  });
});

describe('search results re-ranked by how each document is asked about', () => {
  it('re-ranks the engine best few without losing or repeating any, scores from 1 down', () => {
    const q = 'our consumers sit idle after we scaled the consumer group past the partition count';
    const engineIds = knowledge.engine.search(q, { limit: CARD_LANGUAGE.pool }).hits.map((h) => h.doc.id);
    const results = knowledge.search(q, CARD_LANGUAGE.pool);
    expect(results.map((r) => r.id).sort()).toEqual([...engineIds].sort());
    expect(results[0]!.score).toBe(1);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeLessThanOrEqual(results[i - 1]!.score);
  });

  it('ranks the dev set at least as well as the engine alone, and better by mean reciprocal rank', () => {
    const cases = devSet();
    const engineOnly = evaluate(cases, (q) => knowledge.engine.search(q, { limit: 5 }).hits.map((h) => h.doc.id)).summary;
    const reranked = evaluate(cases, (q) => ids(q)).summary;
    expect(reranked.recall3).toBeGreaterThanOrEqual(engineOnly.recall3);
    expect(reranked.mrr).toBeGreaterThan(engineOnly.mrr);
  });

  it('leaves a single hit and a query without words as they are', () => {
    const hits = knowledge.engine.search('PACELC', { limit: 1 }).hits;
    expect(rerankByCardLanguage(knowledge.engine, 'PACELC', hits).map((r) => r.hit)).toEqual(hits);
    const two = knowledge.engine.search('saga compensation', { limit: 2 }).hits;
    expect(rerankByCardLanguage(knowledge.engine, '???', two).map((r) => r.hit)).toEqual(two);
  });
});
