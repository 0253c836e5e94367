import MiniSearch from 'minisearch';
import { bareTitle, CARDS_ANCHOR, type ParsedDocument } from '../content/document';
import { FOLDER_KIND, REQUIRED_SECTIONS } from '../content/kinds';
import type { DocMeta, KnowledgeData, Unit } from '../knowledge/types';
import type { Place } from '../calc/places';
import type { DialogueData } from '../dialogue/schema';
import { INDEX_OPTIONS } from './options';
import { compactIndex } from './compact';
import { phraseTokens, terms, tokenize } from './text';

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

/** The glossary: its "**Term (ACR)**: meaning. See [Doc](id)." entries are the compendium's terms of art. */
export const GLOSSARY_DOC_ID = 'reference/glossary';
const INTRODUCTION_DOC_ID = 'introduction/index';

const GLOSSARY_ENTRY = /^\s*[-*]\s+\*\*([^*]{1,100})\*\*\s*[:.]\s*(.*)$/;
const DOC_LINK = /\]\(([a-z0-9-]+\/[a-z0-9-]+)(?:#[^)]*)?\)/;
/** An acronym as authors write it: "FLP", "LSM", "2PC", "M/M/1", "HTTP/2". */
const ACRONYM = /(?<![\w/-])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,8}(?:\/[A-Z0-9]+)*(?![\w/-])/g;
/**
 * Nouns that say what kind of thing a name is: the words before them name it on their own
 * ("ambassador pattern", "gossip protocol", "Conway's law", "actor model").
 */
const KIND_NOUNS = new Set(['pattern', 'patterns', 'protocol', 'protocols', 'architecture', 'architectures', 'algorithm', 'algorithms', 'law', 'laws', 'theorem', 'model', 'method', 'problem']);

/** Whether a lower-case word shortens a name: its letters in order, from the name's first ("vnodes", "Virtual nodes"). */
function abbreviates(word: string, name: string): boolean {
  const letters = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!word || word[0] !== letters[0]) return false;
  let i = 0;
  for (const ch of letters) if (ch === word[i]) i++;
  return i === word.length;
}

/**
 * The names one label gives, in lower-case words: "Round-trip time (RTT)" gives "round trip time"
 * and "rtt"; a series prefix ("Axiom 1: Latency") or a company before a colon ("Netflix: Chaos
 * Engineering") names the document on its own too; so do the words before a kind noun ("gossip
 * protocol"). A lower-case word in parentheses is a name when it abbreviates the rest ("Virtual
 * nodes (vnodes)"); otherwise it qualifies the name ("Partition (network)"). For a `term` (a title or a
 * glossary term, which authors choose as names), the parts of a name that joins names are names
 * ("Retry with Exponential Backoff"), and so is an acronym inside it ("FLP impossibility");
 * aliases and search terms are phrases people type, which may quote code ("SELECT FOR UPDATE").
 */
export function namesIn(label: string, term = false): string[] {
  const names = new Set<string>();
  const add = (text: string) => {
    // One letter names nothing ("C*", Cassandra's nickname, is not the language C).
    const words = tokenize(text);
    if (words.join(' ').length < 2) return;
    names.add(words.join(' '));
    if (words.length > 1 && KIND_NOUNS.has(words[words.length - 1]!)) names.add(words.slice(0, -1).join(' '));
  };
  const bare = bareTitle(label.trim());
  add(bare);
  const outside = bare.replace(/\s*\(([^)]*)\)\s*/g, ' ').trim();
  add(outside);
  for (const m of bare.matchAll(/\(([^)]*)\)/g)) if (!/^[a-z]+$/.test(m[1]!.trim()) || abbreviates(m[1]!.trim(), outside)) add(m[1]!);
  const colon = outside.split(/:\s+/);
  if (colon.length === 2) colon.forEach(add);
  if (term) {
    // "Retry with Exponential Backoff", "Sidecar and Ambassador", "News Feed / Timeline".
    for (const part of colon.flatMap((c) => c.split(/\s+(?:and|or|vs\.?|versus|with)\s+|\s*\/\s+/i))) add(part);
    for (const m of bare.matchAll(ACRONYM)) add(m[0]);
  }
  return [...names].filter((n) => n.length >= 2);
}

/**
 * The compendium's vocabulary, as lower-case words: every document's title, aliases and search
 * terms, every glossary term and the names of the compendium's parts ("axioms", "case studies"),
 * each with the documents that treat it (a glossary term's is the one its entry links to). Tags are
 * left out: many are everyday words ("pricing", "learning").
 * Whether a question is about distributed systems at all is judged by how much of it is in these
 * words (answer/scope.ts).
 */
export function vocabularyOf(docs: ParsedDocument[]): Record<string, number[]> {
  const vocabulary: Record<string, number[]> = {};
  const add = (label: string, doc: number, term = false, heads = false) => {
    const names = namesIn(label, term);
    // The head of a compound name names that kind of thing on its own ("shortener" for "URL
    // shortener"). Only names of mechanisms and systems have such heads: search terms are phrases
    // people type, and titles of the compendium's own parts end in words like "sheet" or "path".
    if (heads) for (const name of [...names]) if (name.includes(' ')) names.push(name.slice(name.lastIndexOf(' ') + 1));
    for (const name of names) {
      const list = (vocabulary[name] ??= []);
      if (!list.includes(doc)) list.push(doc);
    }
  };
  const indexOf = new Map(docs.map((d, i) => [d.id, i]));
  // The compendium's own parts ("axioms", "case studies") are named by its folders; the introduction explains them.
  const introduction = indexOf.get(INTRODUCTION_DOC_ID);
  if (introduction !== undefined) for (const folder of Object.keys(FOLDER_KIND)) add(folder.replace(/-/g, ' '), introduction);
  docs.forEach((d, i) => {
    add(d.title, i, true, d.kind === 'pattern' || d.kind === 'case-study');
    for (const name of [...d.aliases, ...(d.search_terms ?? [])]) add(name, i);
    if (d.id !== GLOSSARY_DOC_ID) return;
    for (const s of d.sections) {
      for (const line of s.markdown.split('\n')) {
        const m = GLOSSARY_ENTRY.exec(line);
        if (!m) continue;
        const see = DOC_LINK.exec(m[2]!)?.[1];
        add(m[1]!, (see ? indexOf.get(see) : undefined) ?? i, true, true);
      }
    }
  });
  return vocabulary;
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

/** Builds the stored data and the serialized search index (MiniSearch's, in compact form) from validated documents. */
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
    data: { version: 1, docs: docs.map(docMeta), units, phrases, vocabulary: vocabularyOf(docs), synonyms, places, dialogues },
    index: compactIndex(index),
  };
}
