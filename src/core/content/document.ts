import { parseBlocks, type Block } from '../markdown/blocks';
import { blocksToText } from '../markdown/text';
import { slugify } from './slug';
import { leadSentences, splitSentences } from './sentences';
import { stripInline } from '../markdown/inline';
import type { FrontMatter } from './schema';

export type Section = {
  /** Stable anchor of the `##` heading; '' for the text before the first heading. */
  anchor: string;
  heading: string;
  markdown: string;
  /** Plain text for the search index. */
  text: string;
  /** The section's opening (one or two sentences, markdown). */
  lead: string;
  /** Its list items (markdown), the key points an answer can quote. */
  points: string[];
  words: number;
};

/** One authored question with its direct answer (a `###` entry under `## Common questions`). */
export type Card = {
  question: string;
  /** The question's anchor on the page (its heading slugified). */
  anchor: string;
  /** The answer: one paragraph of markdown. */
  answer: string;
};

export type ParsedDocument = FrontMatter & {
  id: string;
  sections: Section[];
  /** The document's answer cards, in order. */
  cards: Card[];
  /** Problems with the cards section's shape, for the build to report. */
  cardProblems: string[];
  words: number;
  /** Every markdown link target in the body, as written. */
  links: string[];
};

export const OVERVIEW_HEADING = 'Overview';

/** A title without its series prefix ("Axiom 3: Failure" is "Failure"), as readers name it. */
export function bareTitle(title: string): string {
  return title.replace(/^(Axiom|Pillar) \d+:\s*/, '');
}
const MAX_POINTS = 5;
const MAX_POINT_CHARS = 220;

/** Words in plain text (tokens with a letter or digit; punctuation alone is not a word). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

function firstSentenceUnder(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : leadSentences(text, 1, maxChars);
}

/** A list item says something on its own only if it has more than a bold label or a few words. */
function standsAlone(item: string): boolean {
  const plain = stripInline(item).trim();
  const afterLabel = stripInline(item.replace(/^\s*\*\*[^*]+\*\*[.:]?/, '')).trim();
  return plain.length >= 30 && afterLabel.length >= 20 && !/:$/.test(plain);
}

function summarizeBlocks(blocks: Block[]): { lead: string; points: string[] } {
  const firstParagraph = blocks.find((b) => b.type === 'paragraph');
  // A lead that ends by introducing a list ("Step by step:") says nothing on its own; drop that sentence.
  const sentences = firstParagraph && firstParagraph.type === 'paragraph' ? splitSentences(firstParagraph.text).filter((s) => !/:$/.test(s)) : [];
  const lead = leadSentences(sentences.join(' '));
  const points: string[] = [];
  for (const b of blocks) {
    if (b.type !== 'list') continue;
    for (const item of b.items) {
      if (points.length >= MAX_POINTS) break;
      const point = firstSentenceUnder(item.text, MAX_POINT_CHARS);
      if (standsAlone(point)) points.push(point);
    }
  }
  return { lead, points };
}

/** Splits a body at its `##` headings (outside code fences). */
export function splitSections(body: string): Array<{ heading: string; markdown: string }> {
  const parts: Array<{ heading: string; lines: string[] }> = [{ heading: '', lines: [] }];
  let inFence = false;
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) parts.push({ heading: h[1]!, lines: [] });
    else parts[parts.length - 1]!.lines.push(line);
  }
  return parts
    .map((p) => ({ heading: p.heading, markdown: p.lines.join('\n').trim() }))
    .filter((p, i) => i > 0 || p.markdown);
}

export const CARDS_HEADING = 'Common questions';
export const CARDS_ANCHOR = 'common-questions';

/**
 * Reads the cards of a `## Common questions` section: each `### question` followed by exactly one
 * paragraph. Anything else in the section is reported, not guessed at.
 */
export function parseCards(markdown: string): { cards: Card[]; problems: string[] } {
  const cards: Card[] = [];
  const problems: string[] = [];
  let current: { question: string; parts: Block[] } | null = null;
  const flush = () => {
    if (!current) return;
    const { question, parts } = current;
    if (parts.length !== 1 || parts[0]!.type !== 'paragraph') {
      problems.push(`card "${question}" must have exactly one paragraph of answer (found ${parts.length ? parts.map((b) => b.type).join(', ') : 'nothing'})`);
    } else {
      cards.push({ question, anchor: slugify(question), answer: parts[0]!.text.replace(/\s*\n\s*/g, ' ').trim() });
    }
  };
  for (const block of parseBlocks(markdown)) {
    if (block.type === 'heading' && block.level === 3) {
      flush();
      current = { question: block.text.trim(), parts: [] };
    } else if (!current) {
      problems.push(`"## ${CARDS_HEADING}" must contain only cards ("### question" then one paragraph); found a ${block.type} before the first card`);
    } else {
      current.parts.push(block);
    }
  }
  flush();
  return { cards, problems };
}

/** A document's sections joined back into one markdown body (the opening has no heading). */
export function sectionsMarkdown(sections: ReadonlyArray<{ anchor: string; heading: string; markdown: string }>): string {
  return sections.map((s) => (s.anchor ? `## ${s.heading}\n\n${s.markdown}` : s.markdown)).join('\n\n');
}

/** Builds the document model from validated front matter and the markdown body. */
export function buildDocument(id: string, front: FrontMatter, body: string): ParsedDocument {
  const sections: Section[] = splitSections(body).map(({ heading, markdown }) => {
    const blocks = parseBlocks(markdown);
    const text = blocksToText(blocks);
    const { lead, points } = summarizeBlocks(blocks);
    return {
      anchor: heading ? slugify(heading) : '',
      heading: heading || OVERVIEW_HEADING,
      markdown,
      text,
      lead,
      points,
      words: countWords(text) + (heading ? countWords(heading) : 0),
    };
  });
  const cardSection = sections.find((s) => s.anchor === CARDS_ANCHOR);
  const { cards, problems: cardProblems } = cardSection ? parseCards(cardSection.markdown) : { cards: [], problems: [] };
  const links = [...body.matchAll(/\]\(\s*<?([^()\s>]+)>?\s*\)/g)].map((m) => m[1]!);
  return {
    ...front,
    id,
    sections,
    cards,
    cardProblems,
    words: sections.reduce((n, s) => n + (s.anchor === CARDS_ANCHOR ? 0 : s.words), 0),
    links,
  };
}
