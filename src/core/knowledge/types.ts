import type { Kind, PatternCategory } from '../content/kinds';
import type { Place } from '../calc/places';
import type { DialogueData } from '../dialogue/schema';

/** What the assistant knows about one document (the full text lives in the rendered pages). */
export type DocMeta = {
  id: string;
  title: string;
  summary: string;
  kind: Kind;
  category?: PatternCategory;
  tags: string[];
  aliases: string[];
  related: string[];
  use_when: string[];
  avoid_when: string[];
  tradeoffs: string[];
  sections: Array<{ anchor: string; heading: string }>;
  words: number;
};

/** One search unit: a section of a document, or one of its answer cards. */
export type Unit = {
  /** Index into KnowledgeData.docs */
  doc: number;
  anchor: string;
  /** The section's heading, or the card's question. */
  heading: string;
  /** The section's opening sentences ('' for cards: their answers are read with the document's text). */
  lead: string;
  /** Set on answer cards (a `###` question under "Common questions"). */
  card?: 1;
};

export type KnowledgeData = {
  version: 1;
  docs: DocMeta[];
  units: Unit[];
  /** Normalized alias or title phrase -> indices of the documents it names. */
  phrases: Record<string, number[]>;
  /**
   * The compendium's names for things in lower-case words (titles, aliases, search terms, glossary
   * terms) -> the documents that treat them, for judging whether a question is in scope. Older
   * data has none; titles and aliases then stand in.
   */
  vocabulary?: Record<string, number[]>;
  /** Groups of interchangeable terms (normalized), e.g. ["db", "databas"]. */
  synonyms: string[][];
  /** Cities and cloud regions for the latency calculator. */
  places: Place[];
  /** The pattern selector and the design review, as data. */
  dialogues: DialogueData[];
};

/** A full document as /api/docs/:id returns it. */
export type FullDocument = Omit<DocMeta, 'sections'> & {
  url: string;
  sections: Array<{ anchor: string; heading: string; markdown: string }>;
};
