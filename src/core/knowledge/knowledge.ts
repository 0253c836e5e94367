import { SearchEngine } from '../search/engine';
import { answerQuestion } from '../answer/compose';
import type { Answer, AskOptions } from '../answer/types';
import { docUrl } from '../answer/links';
import type { DocMeta, KnowledgeData } from './types';

export type SearchItem = {
  id: string;
  title: string;
  kind: string;
  summary: string;
  url: string;
  score: number;
  sections: Array<{ heading: string; url: string; lead: string }>;
};

/** Everything the assistant knows, behind plain functions that return plain data. */
export class Knowledge {
  readonly engine: SearchEngine;
  private byId: Map<string, DocMeta>;

  constructor(data: KnowledgeData, serializedIndex: string) {
    this.engine = new SearchEngine(data, serializedIndex);
    this.byId = new Map(data.docs.map((d) => [d.id, d]));
  }

  get docs(): readonly DocMeta[] {
    return this.engine.data.docs;
  }

  doc(id: string): DocMeta | undefined {
    return this.byId.get(id);
  }

  ask(question: string, options: AskOptions = {}): Answer {
    return answerQuestion(this.engine, question, options);
  }

  search(query: string, limit = 10, baseUrl = ''): SearchItem[] {
    const { hits } = this.engine.search(query, { limit });
    const top = hits[0]?.score || 1;
    return hits.map((h) => ({
      id: h.doc.id,
      title: h.doc.title,
      kind: h.doc.kind,
      summary: h.doc.summary,
      url: docUrl(baseUrl, h.doc.id),
      score: Math.round((h.score / top) * 1000) / 1000,
      sections: h.sections.map((s) => ({ heading: s.unit.heading, url: docUrl(baseUrl, h.doc.id, s.unit.anchor), lead: s.unit.lead })),
    }));
  }
}
