import { parseBlocks } from '../markdown/blocks';
import { stripInline } from '../markdown/inline';
import { splitSentences } from '../content/sentences';
import { CARDS_ANCHOR, countWords, parseCards } from '../content/document';
import { NAVIGATION_SECTIONS } from '../search/build';
import { terms } from '../search/text';

/**
 * A sentence or list item an answer may quote, with what it needs to stand alone. Extraction ranks
 * these against the question; composition quotes them whole (never cut), so no markup is broken.
 */
export type Passage = {
  /** Markdown, as written (links by document id). */
  text: string;
  /** Its terms (stemmed, stop words removed), for matching the question. */
  terms: Set<string>;
  anchor: string;
  heading: string;
  /** Position in the document: sections in order, then sentences; earlier is more central. */
  order: number;
  /** A list item, whose lead-in sentence is `leadIn` (when the list has one). */
  item: boolean;
  leadIn?: string;
  /** For "**Label**: text" items (glossary entries, named steps): the label. */
  label?: string;
  /** The sentence before it in the same paragraph, for a sentence that leans on it ("This ..."). */
  previous?: string;
  /** It points at something not shown ("below", a trailing colon): never quoted. */
  teaser: boolean;
  /** It opens by leaning on what came before ("This", "It", "However"): quoted only with `previous`. */
  dependent: boolean;
  words: number;
};

/** A card's answer as the document states it, with its terms for matching. */
export type CardText = { answer: string; terms: Set<string> };

export type DocText = { id: string; passages: Passage[]; /** By card anchor. */ cards: Map<string, CardText> };

/** The minimum a full document must give (FullDocument, or anything with its sections). */
export type DocSource = { id: string; sections: Array<{ anchor: string; heading: string; markdown: string }> };

export const TEASER = /(:\s*$)|\b(below|the following|as follows|following (table|list|steps)|these (two|three|four|five|six) |here are|listed here|in this (section|document|page))\b/i;
/** Words that lean on something said before, anywhere in a sentence ("these defaults", "the table"). */
const LEANS = /\b(these|those|the (table|list|figure|diagram|example) (above|below)?|this (table|list|figure|diagram|section|pattern's|one))\b/i;
const DEPENDENT = /^\s*(\*\*)?(this|these|that|those|it|its|they|their|them|such|both|here|then|but|and|also|however|instead|so|otherwise|thus|hence|still|yet|meanwhile|likewise|similarly|conversely|in (that|this) case|the (first|second|third|former|latter|other|same|result|rest|answer|fix|trick|catch|cost|price)|each of|one of|neither|either|none of|all of them|as a result|for (example|instance)|the two|the three)\b/i;
/** Whether a sentence leans on the one before it ("This is why...", "the table below"). */
export function leansOnBefore(sentence: string): boolean {
  const plain = stripInline(sentence);
  return DEPENDENT.test(plain) || LEANS.test(plain);
}
const LABEL = /^\s*\*\*([^*]{1,80})\*\*\s*[.:—-]?\s*/;

function passage(text: string, anchor: string, heading: string, order: number, extra: Partial<Passage> = {}): Passage {
  const plain = stripInline(text);
  return {
    text,
    terms: new Set(terms(plain)),
    anchor,
    heading,
    order,
    item: false,
    teaser: TEASER.test(plain),
    dependent: DEPENDENT.test(plain) || LEANS.test(plain),
    words: countWords(plain),
    ...extra,
  };
}

/**
 * Splits a document into quotable passages: every sentence of its paragraphs and every list item
 * (with the sentence that introduces the list). Code, tables and sections that only point
 * elsewhere (related patterns, further reading, exercises) are left out; cards are matched apart.
 */
export function passagesOf(doc: DocSource): Passage[] {
  const out: Passage[] = [];
  let order = 0;
  for (const section of doc.sections) {
    const heading = section.heading || 'Overview';
    if (section.anchor === CARDS_ANCHOR || NAVIGATION_SECTIONS.has(heading.toLowerCase())) continue;
    let lastSentence: string | undefined;
    for (const block of parseBlocks(section.markdown)) {
      if (block.type === 'paragraph') {
        let previous: string | undefined;
        for (const s of splitSentences(block.text.replace(/\s*\n\s*/g, ' '))) {
          out.push(passage(s, section.anchor, heading, order++, { previous }));
          previous = s;
        }
        lastSentence = previous;
      } else if (block.type === 'list') {
        const leadIn = lastSentence && /:\s*$/.test(lastSentence) ? lastSentence : undefined;
        for (const item of block.items) {
          const text = item.text.replace(/\s*\n\s*/g, ' ');
          const label = LABEL.exec(text)?.[1]?.trim();
          out.push(passage(text, section.anchor, heading, order++, { item: true, leadIn, label }));
        }
        lastSentence = undefined;
      } else if (block.type === 'table' && block.header.length >= 2) {
        // Each row reads as "**First cell**: header: cell; header: cell", so a value in a table
        // ("Propagation", "resilience4j defaults") can be quoted like a list item.
        for (const row of block.rows) {
          const label = row[0]?.trim();
          if (!label) continue;
          const cells = row.slice(1).map((c, i) => (c.trim() ? `${block.header[i + 1]!.trim() || 'value'}: ${c.trim()}` : '')).filter(Boolean);
          if (!cells.length) continue;
          const text = `**${label.replace(/\*\*/g, '')}**: ${cells.join('; ')}`;
          out.push(passage(text, section.anchor, heading, order++, { item: true, label: stripInline(label) }));
        }
        lastSentence = undefined;
      } else {
        lastSentence = undefined;
      }
    }
  }
  return out;
}

/** The answers of a document's cards, by anchor. */
export function cardsOf(doc: DocSource): Map<string, CardText> {
  const section = doc.sections.find((s) => s.anchor === CARDS_ANCHOR);
  const out = new Map<string, CardText>();
  if (!section) return out;
  for (const c of parseCards(section.markdown).cards) out.set(c.anchor, { answer: c.answer, terms: new Set(terms(stripInline(c.answer))) });
  return out;
}

/**
 * A document's text as the build stores it (`/data/text/<id>.json`): passages already split and
 * stemmed, so answering costs a JSON parse, not a markdown parse and a stemmer run per word.
 */
export type StoredText = {
  id: string;
  passages: Array<Omit<Passage, 'terms'> & { terms: string[] }>;
  cards: Array<{ anchor: string; answer: string; terms: string[] }>;
};

/** At build time: the stored form of a document's text. */
export function storedText(doc: DocSource): StoredText {
  return {
    id: doc.id,
    passages: passagesOf(doc).map((p) => ({ ...p, terms: [...p.terms] })),
    cards: [...cardsOf(doc)].map(([anchor, c]) => ({ anchor, answer: c.answer, terms: [...c.terms] })),
  };
}

/** At answer time: the stored text, ready to match. */
export function loadText(stored: StoredText): DocText {
  return {
    id: stored.id,
    passages: stored.passages.map((p) => ({ ...p, terms: new Set(p.terms) })),
    cards: new Map(stored.cards.map((c) => [c.anchor, { answer: c.answer, terms: new Set(c.terms) }])),
  };
}
