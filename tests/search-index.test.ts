import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import { compactIndex } from '../src/core/search/compact';
import { INDEX_OPTIONS } from '../src/core/search/options';
import { decodeNumbers, encodeNumbers, Postings, type TermPostings } from '../src/core/search/postings';

/** A small deterministic pseudo-random sequence (no flaky inputs). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Words over few letters, so terms share prefixes and the radix tree splits often. */
function corpus(seed: number, words: number, docs: number) {
  const rnd = random(seed);
  const letters = 'abcdeirstlmnopu';
  const vocabulary = Array.from({ length: words }, () => Array.from({ length: 3 + Math.floor(rnd() * 9) }, () => letters[Math.floor(rnd() * letters.length)]).join(''));
  const pick = () => vocabulary[Math.floor(rnd() * vocabulary.length)]!;
  const records = Array.from({ length: docs }, (_, id) => ({
    id,
    title: rnd() < 0.3 ? `${pick()} ${pick()}` : '',
    aliases: rnd() < 0.1 ? pick() : '',
    tags: '',
    heading: rnd() < 0.5 ? pick() : '',
    body: Array.from({ length: 5 + Math.floor(rnd() * 40) }, pick).join(' '),
  }));
  return { vocabulary, records, rnd };
}

/** MiniSearch's postings for a term in the compact form's shape, in MiniSearch's order. */
function plain(data: Map<number, Map<number, number>> | undefined): TermPostings | undefined {
  if (!data) return undefined;
  return [...data].map(([field, bySection]) => ({ field, ids: Int32Array.from(bySection.keys()), tfs: Int32Array.from(bySection.values()) }));
}

type Tree = {
  get(term: string): Map<number, Map<number, number>> | undefined;
  atPrefix(prefix: string): Iterable<[string, Map<number, Map<number, number>>]>;
  fuzzyGet(term: string, distance: number): Map<string, [Map<number, Map<number, number>>, number]>;
};

describe('the compact search index', () => {
  it('round-trips numbers through its text encoding', () => {
    const numbers = [0, 1, 31, 32, 33, 1023, 1024, 65535, 2 ** 31, 7, 0, 123456789];
    const text = encodeNumbers(numbers);
    expect(text).not.toMatch(/["\\]/);
    expect(decodeNumbers(text, 0, text.length)).toEqual(numbers);
  });

  it('gives the same postings, prefix matches and typo matches, in the same order, as the MiniSearch index it was written from', () => {
    let prefixMatches = 0;
    let typoMatches = 0;
    for (const seed of [1, 42]) {
      const { vocabulary, records, rnd } = corpus(seed, 2000, 500);
      const mini = new MiniSearch(INDEX_OPTIONS);
      mini.addAll(records);
      const loaded = MiniSearch.loadJSON(JSON.stringify(mini), INDEX_OPTIONS) as unknown as { _index: Tree; _avgFieldLength: number[]; _documentCount: number };
      const ours = new Postings(compactIndex(mini));
      expect(ours.documentCount).toBe(loaded._documentCount);
      expect(ours.avgFieldLength).toEqual(loaded._avgFieldLength);
      const queries = [
        ...vocabulary.slice(0, 250),
        ...vocabulary.slice(0, 250).map((w) => w.slice(0, 1 + Math.floor(rnd() * w.length))),
        ...vocabulary.slice(0, 250).map((w) => w.slice(0, 2) + 'x' + w.slice(3)),
        ...vocabulary.slice(0, 100).map((w) => w + w),
        'zzzz', 'qqqqqqq', 'abc',
      ];
      for (const t of vocabulary) expect(ours.get(t), t).toEqual(plain(loaded._index.get(t)));
      for (const q of queries) {
        // Postings are compared above, term by term; here the terms matched, their order and distances.
        expect(ours.get(q) === undefined).toBe(loaded._index.get(q) === undefined);
        const prefixed = ours.prefixed(q);
        expect(prefixed.map(([t]) => t), q).toEqual([...loaded._index.atPrefix(q)].map(([t]) => t));
        for (const [t, d] of prefixed) expect(d).toBe(ours.get(t));
        prefixMatches += prefixed.length;
        for (const distance of q.length >= 6 ? [1, 2, 3] : [1, 2]) {
          const near = ours.near(q, distance);
          expect(near.map(([t, , dist]) => [t, dist]), `${q} ~${distance}`).toEqual([...loaded._index.fuzzyGet(q, distance)].map(([t, [, dist]]) => [t, dist]));
          for (const [t, d] of near) expect(d).toBe(ours.get(t));
          typoMatches += near.length;
        }
      }
    }
    expect(prefixMatches).toBeGreaterThan(1000);
    expect(typoMatches).toBeGreaterThan(1000);
  });

  it('refuses an index written in another form, with what to do', () => {
    expect(() => new Postings(JSON.stringify({ documentCount: 1, index: [] }))).toThrow(/npm run build/);
    expect(() => new Postings('not json')).toThrow(/npm run build/);
  });
});
