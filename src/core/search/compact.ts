/**
 * Build time only: writes a MiniSearch index in the compact form the engine loads (postings.ts).
 * MiniSearch's own JSON takes tens of milliseconds to load (a radix tree of maps, a map per term
 * and field); this form is one JSON parse of a few arrays and one string, and each term's
 * postings are decoded the first time a question uses it.
 */
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS } from './options';
import { encodeNumbers, INDEX_FORMAT, type SerializedIndex } from './postings';

type Tree = Map<string, Tree | Map<number, Map<number, number>>>;
type Internals = {
  _index: { keys(): Iterable<string>; get(term: string): Map<number, Map<number, number>> | undefined; _tree: Tree };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, Array<number | undefined>>;
  _avgFieldLength: number[];
  _documentIds: Map<number, unknown>;
  _documentCount: number;
};

/**
 * The compact form of `index`. It is read from the index as loading MiniSearch's JSON gives it,
 * so the engine meets terms, fields and sections in the order it met them when it searched
 * MiniSearch's structures (scores add up in the same order, to the last bit). Written against
 * MiniSearch 7.2's layout; the search tests compare the two.
 */
export function compactIndex(index: MiniSearch): string {
  const inner = MiniSearch.loadJSON(JSON.stringify(index), INDEX_OPTIONS) as unknown as Internals;
  if (!inner._index?._tree || !inner._fieldIds || !inner._fieldLength || !inner._documentIds) {
    throw new Error('Compendium search: the MiniSearch index layout is not the one this build reads (MiniSearch 7.2).');
  }
  let maxShort = -1;
  for (const shortId of inner._documentIds.keys()) maxShort = Math.max(maxShort, shortId);
  const ids: number[] = Array.from({ length: maxShort + 1 }, () => -1);
  for (const [shortId, id] of inner._documentIds) ids[shortId] = Number(id);
  const fieldCount = Object.keys(inner._fieldIds).length;
  const fieldLength = Array.from({ length: fieldCount }, () => Array.from({ length: maxShort + 1 }, () => 0));
  for (const [shortId, lengths] of inner._fieldLength) lengths.forEach((len, field) => (fieldLength[field]![shortId] = len ?? 0));

  // MiniSearch iterates its tree with each node's keys last to first; the engine's typo search
  // walks them first to last. Terms are stored in the latter order (see TermTree in postings.ts).
  const terms = [...inner._index.keys()].reverse();
  const offsets = [0];
  let postings = '';
  for (const term of terms) {
    const numbers: number[] = [];
    for (const [field, bySection] of inner._index.get(term)!) {
      numbers.push(field, bySection.size);
      let previous = 0;
      for (const [shortId, tf] of bySection) {
        if (shortId < previous || !Number.isInteger(tf) || tf < 0) throw new Error(`Compendium search: unexpected postings for "${term}"`);
        numbers.push(shortId - previous, tf);
        previous = shortId;
      }
    }
    postings += encodeNumbers(numbers);
    offsets.push(postings.length);
  }
  const out: SerializedIndex = {
    format: INDEX_FORMAT,
    fieldIds: inner._fieldIds,
    documentCount: inner._documentCount,
    ids,
    avgFieldLength: inner._avgFieldLength,
    fieldLength,
    terms,
    offsets,
    postings,
  };
  return JSON.stringify(out);
}
