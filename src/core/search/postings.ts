/** The version of the index form below; an index.txt of another form needs `npm run build`. */
export const INDEX_FORMAT = 'compendium-index/2';

/** What the build writes to generated/index.txt (see compact.ts). */
export type SerializedIndex = {
  format: typeof INDEX_FORMAT;
  fieldIds: Record<string, number>;
  documentCount: number;
  /** Short id (the index's own numbering of sections) -> our section (unit) id. */
  ids: number[];
  avgFieldLength: number[];
  /** Per field, each section's length in terms, by short id. */
  fieldLength: number[][];
  /** Every term, in the order the typo search walks them (depth first, see TermTree). */
  terms: string[];
  /** Term i's postings are postings.slice(offsets[i], offsets[i + 1]). */
  offsets: number[];
  /** Per term, per field: field id, count, then (short id delta, term frequency) pairs; see encodeNumbers. */
  postings: string;
};

/** The sections of one field that contain a term, in ascending short id, with the term's count in each. */
export type FieldPostings = { field: number; ids: Int32Array; tfs: Int32Array };
/** One term's postings, field by field. */
export type TermPostings = FieldPostings[];

/**
 * Non-negative integers as text: base 32, most significant digit first, the last digit from one
 * range of characters and the others from another (neither holds `"` or `\`, so JSON keeps the
 * string as it is).
 */
const LAST = 35; // '#' .. 'B'
const MORE = 93; // ']' .. '|'

export function encodeNumbers(numbers: number[]): string {
  let out = '';
  for (const n of numbers) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`encodeNumbers: ${n} is not a non-negative integer`);
    let digits = String.fromCharCode(LAST + (n % 32));
    for (let v = Math.floor(n / 32); v > 0; v = Math.floor(v / 32)) digits = String.fromCharCode(MORE + (v % 32)) + digits;
    out += digits;
  }
  return out;
}

/** The numbers encodeNumbers wrote into text[from, to). */
export function decodeNumbers(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= MORE) v = v * 32 + (c - MORE);
    else {
      out.push(v * 32 + (c - LAST));
      v = 0;
    }
  }
  return out;
}

/**
 * The index's terms as a radix tree, rebuilt from their depth-first order: each node's children,
 * and the place of its own term among them, in the order the terms come. This is the tree
 * MiniSearch built when it loaded its JSON, child for child, so prefix and typo matches come out
 * as MiniSearch gave them.
 */
type TermNode = {
  label: string;
  kids: TermNode[];
  term: number;
  termAt: number;
  /** Shortest and longest term in this subtree (a typo search skips subtrees whose lengths rule them out). */
  minLength: number;
  maxLength: number;
};

function termTree(terms: string[]): TermNode {
  const root: TermNode = { label: '', kids: [], term: -1, termAt: 0, minLength: 0, maxLength: 0 };
  // Depth-first order keeps each subtree's terms together: the path to the previous term, as a
  // stack of (node, depth at its end), is all a new term can branch from.
  const path: TermNode[] = [root];
  const depth: number[] = [0];
  let previous = '';
  terms.forEach((term, index) => {
    let common = 0;
    const max = Math.min(previous.length, term.length);
    while (common < max && previous.charCodeAt(common) === term.charCodeAt(common)) common++;
    // Leave the nodes that end below the shared prefix; the last one left may need splitting there.
    let cut: TermNode | undefined;
    while (depth[depth.length - 1]! > common) {
      cut = path.pop();
      depth.pop();
    }
    let node = path[path.length - 1]!;
    const at = depth[depth.length - 1]!;
    if (cut && at < common) {
      // The shared prefix ends inside the edge to `cut`: a node there holds `cut` below it.
      const mid: TermNode = { label: cut.label.slice(0, common - at), kids: [cut], term: -1, termAt: 0, minLength: 0, maxLength: 0 };
      cut.label = cut.label.slice(common - at);
      node.kids[node.kids.indexOf(cut)] = mid;
      path.push(mid);
      depth.push(common);
      node = mid;
    }
    if (term.length === common) {
      node.term = index;
      node.termAt = node.kids.length;
    } else {
      const leaf: TermNode = { label: term.slice(common), kids: [], term: index, termAt: 0, minLength: 0, maxLength: 0 };
      node.kids.push(leaf);
      path.push(leaf);
      depth.push(term.length);
    }
    previous = term;
  });
  lengths(root, terms);
  return root;
}

function lengths(node: TermNode, terms: string[]): void {
  let min = node.term >= 0 ? terms[node.term]!.length : Infinity;
  let max = node.term >= 0 ? min : -Infinity;
  for (const kid of node.kids) {
    lengths(kid, terms);
    min = Math.min(min, kid.minLength);
    max = Math.max(max, kid.maxLength);
  }
  node.minLength = min;
  node.maxLength = max;
}

/** Depth-first, each node's own term at its place among its children. */
function collect(node: TermNode, out: number[]): void {
  for (let k = 0; k <= node.kids.length; k++) {
    if (k === node.termAt && node.term >= 0) out.push(node.term);
    if (k < node.kids.length) collect(node.kids[k]!, out);
  }
}

/**
 * MiniSearch 7.2's typo search (a Levenshtein matrix kept across the tree walk), over TermNode:
 * the same tree, the same order and the same arithmetic, so the same matches in the same order.
 * It also skips subtrees whose terms are all too short or too long to be within reach, which
 * finds nothing there that MiniSearch would have found.
 */
function fuzzy(node: TermNode, query: string, maxDistance: number, out: Array<[number, number]>, matrix: Uint8Array, m: number, n: number): void {
  const offset = m * n;
  for (let k = 0; k <= node.kids.length; k++) {
    if (k === node.termAt && node.term >= 0) {
      const distance = matrix[offset - 1]!;
      if (distance <= maxDistance) out.push([node.term, distance]);
    }
    if (k === node.kids.length) break;
    const kid = node.kids[k]!;
    // Terms whose length differs from the query's by more than maxDistance are that many edits away at least.
    if (kid.maxLength < n - 1 - maxDistance || kid.minLength > n - 1 + maxDistance) continue;
    const key = kid.label;
    let i = m;
    let pruned = false;
    for (let pos = 0; pos < key.length; ++pos, ++i) {
      const char = key[pos];
      const thisRowOffset = n * i;
      const prevRowOffset = thisRowOffset - n;
      let minDistance = matrix[thisRowOffset]!;
      const jmin = Math.max(0, i - maxDistance - 1);
      const jmax = Math.min(n - 1, i + maxDistance);
      for (let j = jmin; j < jmax; ++j) {
        const different = char !== query[j];
        const rpl = matrix[prevRowOffset + j]! + +different;
        const del = matrix[prevRowOffset + j + 1]! + 1;
        const ins = matrix[thisRowOffset + j]! + 1;
        const dist = (matrix[thisRowOffset + j + 1] = Math.min(rpl, del, ins));
        if (dist < minDistance) minDistance = dist;
      }
      if (minDistance > maxDistance) {
        pruned = true;
        break;
      }
    }
    if (!pruned) fuzzy(kid, query, maxDistance, out, matrix, i, n);
  }
}

/**
 * The search index as the engine reads it: per term, the field -> section -> count postings,
 * decoded the first time a term is asked for, and the terms as a radix tree for prefix and typo
 * matches.
 */
export class Postings {
  readonly fieldIds: Record<string, number>;
  readonly fieldCount: number;
  readonly documentCount: number;
  /** Per field, each section's length in terms (indexed by short id). */
  readonly fieldLength: Float64Array[];
  readonly avgFieldLength: number[];
  /** Short id -> our section (unit) id. */
  readonly unitOf: Int32Array;
  private terms: string[];
  private termIndex = new Map<string, number>();
  private offsets: number[];
  private text: string;
  private decoded: Array<TermPostings | undefined>;
  private tree: TermNode;

  constructor(serialized: string) {
    let index: SerializedIndex;
    try {
      index = JSON.parse(serialized) as SerializedIndex;
    } catch {
      throw new Error('Compendium search: the index is not valid JSON; run `npm run build`.');
    }
    if (index?.format !== INDEX_FORMAT) throw new Error(`Compendium search: the index is not in the form this engine reads (${INDEX_FORMAT}); run \`npm run build\`.`);
    this.fieldIds = index.fieldIds;
    this.fieldCount = Object.keys(index.fieldIds).length;
    this.documentCount = index.documentCount;
    this.avgFieldLength = index.avgFieldLength;
    this.unitOf = Int32Array.from(index.ids);
    this.fieldLength = index.fieldLength.map((lengths) => Float64Array.from(lengths));
    this.terms = index.terms;
    this.offsets = index.offsets;
    this.text = index.postings;
    this.decoded = new Array(index.terms.length);
    for (let i = 0; i < index.terms.length; i++) this.termIndex.set(index.terms[i]!, i);
    // Built now rather than at the first word the index lacks: start-up time is not a request's CPU time.
    this.tree = termTree(index.terms);
  }

  get(term: string): TermPostings | undefined {
    const i = this.termIndex.get(term);
    return i === undefined ? undefined : this.at(i);
  }

  /** Terms that start with `prefix` (itself included when it is one), in MiniSearch's order (`atPrefix`). */
  prefixed(prefix: string): Array<[string, TermPostings]> {
    let node = this.tree;
    let pos = 0;
    while (pos < prefix.length) {
      const kid = node.kids.find((k) => k.label.charCodeAt(0) === prefix.charCodeAt(pos));
      if (!kid) return [];
      const rest = prefix.length - pos;
      if (rest <= kid.label.length) {
        if (!kid.label.startsWith(prefix.slice(pos))) return [];
        node = kid;
        break;
      }
      if (!prefix.startsWith(kid.label, pos)) return [];
      node = kid;
      pos += kid.label.length;
    }
    const found: number[] = [];
    collect(node, found);
    return found.reverse().map((i) => [this.terms[i]!, this.at(i)]);
  }

  /** Terms within `maxDistance` edits of `term`, with their distance, in MiniSearch's order (`fuzzyGet`). */
  near(term: string, maxDistance: number): Array<[string, TermPostings, number]> {
    const tree = this.tree;
    const n = term.length + 1;
    const m = n + maxDistance;
    const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
    for (let j = 0; j < n; ++j) matrix[j] = j;
    for (let i = 1; i < m; ++i) matrix[i * n] = i;
    const found: Array<[number, number]> = [];
    fuzzy(tree, term, maxDistance, found, matrix, 1, n);
    return found.map(([i, distance]) => [this.terms[i]!, this.at(i), distance]);
  }

  private at(i: number): TermPostings {
    let postings = this.decoded[i];
    if (!postings) {
      const numbers = decodeNumbers(this.text, this.offsets[i]!, this.offsets[i + 1]!);
      postings = [];
      for (let p = 0; p < numbers.length; ) {
        const field = numbers[p++]!;
        const count = numbers[p++]!;
        const ids = new Int32Array(count);
        const tfs = new Int32Array(count);
        let id = 0;
        for (let k = 0; k < count; k++) {
          id += numbers[p++]!;
          ids[k] = id;
          tfs[k] = numbers[p++]!;
        }
        postings.push({ field, ids, tfs });
      }
      this.decoded[i] = postings;
    }
    return postings;
  }
}
