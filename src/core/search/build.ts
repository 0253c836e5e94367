import MiniSearch from 'minisearch';
import { bareTitle, CARDS_ANCHOR, type ParsedDocument } from '../content/document';
import { REQUIRED_SECTIONS } from '../content/kinds';
import type { DocMeta, KnowledgeData, Unit } from '../knowledge/types';
import type { Place } from '../calc/places';
import type { DialogueData } from '../dialogue/schema';
import { INDEX_OPTIONS } from './options';
import { phraseTokens, terms } from './text';

export type BuiltKnowledge = { data: KnowledgeData; index: string };

/** Sections that point elsewhere rather than say something; answers do not quote them. */
export const NAVIGATION_SECTIONS = new Set(['related patterns', 'patterns that answer it', 'patterns', 'patterns used', 'exercises', 'further reading', 'see also', 'try it']);

/**
 * The section headings every document of a kind repeats ("Problem", "What went wrong or was
 * learned") say nothing about the topic; indexing them would let "what went wrong?" match every
 * case study's template. Headings an author chose are indexed.
 */
const TEMPLATE_HEADINGS = new Set(Object.values(REQUIRED_SECTIONS).flat().map((h) => h.toLowerCase()));

/**
 * A name as the phrase matcher compares it: every word stemmed, stop words kept, so that a name
 * only matches words that stand together in the question ("worked on distributed systems" does not
 * name "Work Distribution").
 */
export function phraseKey(text: string): string {
  return phraseTokens(text).join(' ');
}

/** What the assistant keeps about a document (its text lives in the rendered pages). */
export function docMeta(d: ParsedDocument): DocMeta {
  return {
    id: d.id,
    title: d.title,
    summary: d.summary,
    kind: d.kind,
    ...(d.category ? { category: d.category } : {}),
    tags: d.tags,
    aliases: d.aliases,
    related: d.related,
    use_when: d.use_when ?? [],
    avoid_when: d.avoid_when ?? [],
    tradeoffs: d.tradeoffs ?? [],
    sections: d.sections.map((s) => ({ anchor: s.anchor, heading: s.heading })),
    words: d.words,
  };
}

/** Builds the stored data and the serialized MiniSearch index from validated documents. */
export function buildKnowledge(docs: ParsedDocument[], synonymGroups: string[][] = [], places: Place[] = [], dialogues: DialogueData[] = []): BuiltKnowledge {
  const units: Unit[] = [];
  const records: Array<Record<string, string | number>> = [];
  const phrases: Record<string, number[]> = {};

  docs.forEach((d, docIndex) => {
    const names = [d.title, bareTitle(d.title), ...d.aliases, ...(d.search_terms ?? [])];
    for (const name of names) {
      const key = phraseKey(name);
      if (!key) continue;
      const list = (phrases[key] ??= []);
      if (!list.includes(docIndex)) list.push(docIndex);
    }
    const aliases = [...d.aliases, ...(d.search_terms ?? [])].join(' ; ');
    const tags = d.tags.join(' ');
    const overviewExtra = [d.summary, ...(d.use_when ?? []), ...(d.tradeoffs ?? [])].join('\n');
    const sections = d.sections[0]?.anchor === '' ? d.sections : [{ anchor: '', heading: 'Overview', text: '', lead: d.summary }, ...d.sections];
    for (const s of sections) {
      // The cards section is indexed card by card below, so a question matches one card, not all of them.
      if (s.anchor === CARDS_ANCHOR) continue;
      const isOverview = s.anchor === '';
      // Search results show a section's opening, except for sections that only point elsewhere.
      const quotable = !NAVIGATION_SECTIONS.has(s.heading.toLowerCase());
      units.push({ doc: docIndex, anchor: s.anchor, heading: s.heading, lead: quotable ? s.lead : '' });
      // The document's identity (title, aliases, tags, summary) is indexed once, on its overview;
      // the engine credits it to every section of the document when ranking.
      records.push(
        isOverview
          ? { id: units.length - 1, title: d.title, aliases, tags, heading: '', body: `${overviewExtra}\n${s.text}` }
          : { id: units.length - 1, title: '', aliases: '', tags: '', heading: TEMPLATE_HEADINGS.has(s.heading.toLowerCase()) ? '' : s.heading, body: s.text },
      );
    }
    // A card is found by its question; its answer is read with the document's text when it leads
    // (the anchor is the question slugified, so neither is stored twice).
    for (const c of d.cards) {
      units.push({ doc: docIndex, anchor: '', heading: c.question, lead: '', card: 1 });
      records.push({ id: units.length - 1, title: '', aliases: '', tags: '', heading: c.question, body: '' });
    }
  });

  const index = new MiniSearch(INDEX_OPTIONS);
  index.addAll(records);
  const synonyms = synonymGroups.map((g) => g.map((m) => terms(m).join(' ')).filter(Boolean)).filter((g) => g.length > 1);
  return {
    data: { version: 1, docs: docs.map(docMeta), units, phrases, synonyms, places, dialogues },
    index: JSON.stringify(index),
  };
}
