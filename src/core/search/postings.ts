import type MiniSearch from 'minisearch';

type FieldPostings = Map<number, Map<number, number>>;
type RadixTree = {
  get(term: string): FieldPostings | undefined;
  atPrefix(prefix: string): Iterable<[string, FieldPostings]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldPostings, number]>;
};
type Internals = {
  _index: RadixTree;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentIds: Map<number, number>;
  _documentCount: number;
};

/**
 * A read-only view of a loaded MiniSearch index: its radix tree of terms and, per term, the
 * field -> section -> count postings. Scoring over it directly (see scorer.ts) allocates nothing per
 * posting, which keeps a long question under a couple of milliseconds. Written against MiniSearch
 * 7.2's serialized layout; the search tests fail loudly if an upgrade changes it.
 */
export class Postings {
  readonly fieldIds: Record<string, number>;
  readonly fieldCount: number;
  readonly documentCount: number;
  /** Per field, each section's length in terms (indexed by MiniSearch's short id). */
  readonly fieldLength: Float64Array[];
  readonly avgFieldLength: number[];
  /** Short id -> our section (unit) id. */
  readonly unitOf: Int32Array;
  private tree: RadixTree;

  constructor(index: MiniSearch) {
    const inner = index as unknown as Internals;
    if (!inner._index || !inner._fieldIds || !inner._fieldLength || !inner._documentIds) {
      throw new Error('Compendium search: the MiniSearch index layout is not the one this engine reads (MiniSearch 7.2).');
    }
    this.tree = inner._index;
    this.fieldIds = inner._fieldIds;
    this.fieldCount = Object.keys(inner._fieldIds).length;
    this.documentCount = inner._documentCount;
    this.avgFieldLength = inner._avgFieldLength;
    let maxShort = 0;
    for (const shortId of inner._documentIds.keys()) maxShort = Math.max(maxShort, shortId);
    this.unitOf = new Int32Array(maxShort + 1).fill(-1);
    for (const [shortId, id] of inner._documentIds) this.unitOf[shortId] = Number(id);
    this.fieldLength = Array.from({ length: this.fieldCount }, () => new Float64Array(maxShort + 1));
    for (const [shortId, lengths] of inner._fieldLength) {
      lengths.forEach((len, fieldId) => {
        this.fieldLength[fieldId]![shortId] = len ?? 0;
      });
    }
  }

  get(term: string): FieldPostings | undefined {
    return this.tree.get(term);
  }

  prefixed(prefix: string): Iterable<[string, FieldPostings]> {
    return this.tree.atPrefix(prefix);
  }

  near(term: string, maxDistance: number): Map<string, [FieldPostings, number]> {
    return this.tree.fuzzyGet(term, maxDistance);
  }
}
