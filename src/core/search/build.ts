import MiniSearch from 'minisearch';
import type { ParsedDocument } from '../content/document';
import type { DocMeta, KnowledgeData, Unit } from '../knowledge/types';
import { INDEX_OPTIONS } from './options';
import { terms } from './text';

export type BuiltKnowledge = { data: KnowledgeData; index: string };

/** A phrase as the matcher compares it: its index terms joined by spaces. */
export function phraseKey(text: string): string {
  return terms(text).join(' ');
}

function docMeta(d: ParsedDocument): DocMeta {
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
export function buildKnowledge(docs: ParsedDocument[], synonymGroups: string[][] = []): BuiltKnowledge {
  const units: Unit[] = [];
  const records: Array<Record<string, string | number>> = [];
  const phrases: Record<string, number[]> = {};

  docs.forEach((d, docIndex) => {
    const names = [d.title, d.title.replace(/^(Axiom|Pillar) \d+:\s*/, ''), ...d.aliases];
    for (const name of names) {
      const key = phraseKey(name);
      if (!key) continue;
      const list = (phrases[key] ??= []);
      if (!list.includes(docIndex)) list.push(docIndex);
    }
    const aliases = d.aliases.join(' ; ');
    const tags = d.tags.join(' ');
    const overviewExtra = [d.summary, ...(d.use_when ?? []), ...(d.tradeoffs ?? [])].join('\n');
    let hasOverview = false;
    for (const s of d.sections) {
      const isOverview = s.anchor === '';
      hasOverview ||= isOverview;
      units.push({ doc: docIndex, anchor: s.anchor, heading: s.heading, lead: s.lead, points: s.points });
      records.push({
        id: units.length - 1,
        title: d.title,
        aliases,
        tags,
        heading: isOverview ? '' : s.heading,
        body: isOverview ? `${overviewExtra}\n${s.text}` : s.text,
      });
    }
    if (!hasOverview) {
      units.push({ doc: docIndex, anchor: '', heading: 'Overview', lead: d.summary, points: [] });
      records.push({ id: units.length - 1, title: d.title, aliases, tags, heading: '', body: overviewExtra });
    }
  });

  const index = new MiniSearch(INDEX_OPTIONS);
  index.addAll(records);
  const synonyms = synonymGroups.map((g) => g.map(phraseKey).filter(Boolean)).filter((g) => g.length > 1);
  return {
    data: { version: 1, docs: docs.map(docMeta), units, phrases, synonyms },
    index: JSON.stringify(index),
  };
}
