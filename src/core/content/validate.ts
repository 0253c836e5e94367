import { FrontMatterSchema, PATTERN_FIELDS } from './schema';
import { FOLDER_KIND, MIN_WORDS, REQUIRED_SECTIONS } from './kinds';
import { buildDocument, CARDS_ANCHOR, CARDS_HEADING, countWords, type Card, type ParsedDocument } from './document';
import { splitSentences } from './sentences';
import { stripInline } from '../markdown/inline';

export type SourceFile = {
  /** Path shown in errors, e.g. content/patterns/saga.md */
  path: string;
  /** Document id from the path, e.g. patterns/saga */
  id: string;
  /** Parsed front matter (unvalidated). */
  data: unknown;
  body: string;
};

export type CatalogEntry = { id: string; title: string; group: string; covers: string };

export type ContentProblem = { path: string; field?: string; message: string };

export type ValidationResult = { docs: ParsedDocument[]; problems: ContentProblem[] };

const EXTERNAL = /^(https?:|mailto:)/i;

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace('.[', '[');
}

const EXPECTED: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping', number: 'a number' };

/** A schema issue as a sentence an author can act on. */
function issueMessage(issue: { code: string; path: ReadonlyArray<PropertyKey>; message: string; expected?: unknown; values?: unknown }, data: Record<string, unknown>): string {
  if (issue.code === 'invalid_type') {
    if (issue.path.length === 1 && data[String(issue.path[0])] === undefined) return 'is required';
    return `is invalid: must be ${EXPECTED[String(issue.expected)] ?? String(issue.expected)}`;
  }
  if (issue.code === 'invalid_value' && Array.isArray(issue.values)) return `is invalid: must be one of ${issue.values.join(', ')}`;
  return issue.message === 'Invalid input' ? 'is invalid' : issue.message;
}

/** Limits of an answer card (content/README.md explains them to authors). */
export const CARD_LIMITS = { questionMin: 10, questionMax: 160, answerMinWords: 12, answerMaxWords: 110, answerMaxSentences: 4 } as const;

/** Words that make a sentence point at something it does not show. */
const TEASER = /(:\s*$)|\b(below|the following|as follows|these (two|three|four|five|steps|rules))\b/i;

/** What is wrong with one card, as sentences an author can act on (empty when it is fine). */
export function cardProblems(card: Card): string[] {
  const problems: string[] = [];
  const q = card.question;
  if (!q.endsWith('?')) problems.push('must end with "?"');
  if (q.length < CARD_LIMITS.questionMin || q.length > CARD_LIMITS.questionMax) {
    problems.push(`is ${q.length} characters; a question is ${CARD_LIMITS.questionMin} to ${CARD_LIMITS.questionMax}`);
  }
  const plain = stripInline(card.answer);
  const words = countWords(plain);
  if (words < CARD_LIMITS.answerMinWords || words > CARD_LIMITS.answerMaxWords) {
    problems.push(`has an answer of ${words} words; an answer is ${CARD_LIMITS.answerMinWords} to ${CARD_LIMITS.answerMaxWords} words`);
  }
  const sentences = splitSentences(plain);
  if (sentences.length > CARD_LIMITS.answerMaxSentences) {
    problems.push(`has an answer of ${sentences.length} sentences; keep it to ${CARD_LIMITS.answerMaxSentences} or fewer`);
  }
  const teaser = sentences.find((s) => TEASER.test(s));
  if (teaser) problems.push(`has an answer that points at something it does not show ("${teaser.slice(0, 60)}"); state it instead`);
  return problems;
}

/** Validates one file's front matter and structure on its own. */
function checkFile(file: SourceFile, catalog: Map<string, CatalogEntry>): { doc?: ParsedDocument; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const report = (message: string, field?: string) => problems.push({ path: file.path, field, message });

  const parsed = FrontMatterSchema.safeParse(file.data ?? {});
  if (!parsed.success) {
    const data = (file.data ?? {}) as Record<string, unknown>;
    for (const issue of parsed.error.issues) {
      report(issueMessage(issue, data), fieldName(issue.path) || undefined);
    }
    return { problems };
  }
  const front = parsed.data;
  const folder = file.id.split('/')[0]!;
  const expectedKind = FOLDER_KIND[folder];
  if (!expectedKind) report(`documents must live in one of ${Object.keys(FOLDER_KIND).join(', ')}/`);
  else if (front.kind !== expectedKind) report(`must be "${expectedKind}" for a document in ${folder}/`, 'kind');

  const entry = catalog.get(file.id);
  if (!entry) report(`"${file.id}" is not in content/catalog.yaml; add it there or rename the file`);
  else if (entry.title !== front.title) report(`must match the catalog title "${entry.title}"`, 'title');

  if (front.kind === 'pattern') {
    for (const f of PATTERN_FIELDS) {
      const value = front[f];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) report('is required for patterns', f);
    }
  } else {
    for (const f of PATTERN_FIELDS) if (front[f] !== undefined) report('is only for patterns', f);
  }

  const doc = buildDocument(file.id, front, file.body);
  if (/^#\s/m.test(file.body.replace(/```[\s\S]*?```/g, ''))) {
    report('uses a "# " heading in the body; the title comes from front matter, sections use "## "');
  }
  if (/<\/?[a-zA-Z][^>]*>/.test(file.body.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, ''))) {
    report('contains raw HTML; use markdown (it would be shown escaped)');
  }
  const seen = new Set<string>();
  for (const s of doc.sections) {
    if (seen.has(s.anchor)) report(`has two sections with the anchor "#${s.anchor}"; rename one heading`);
    seen.add(s.anchor);
  }
  const cardIndex = doc.sections.findIndex((s) => s.anchor === CARDS_ANCHOR);
  if (cardIndex >= 0 && cardIndex !== doc.sections.length - 1) report(`must end with "## ${CARDS_HEADING}"; move that section to the end`);
  for (const p of doc.cardProblems) report(p);
  const cardAnchors = new Set<string>(doc.sections.map((s) => s.anchor));
  for (const card of doc.cards) {
    for (const p of cardProblems(card)) report(`card "${card.question.slice(0, 80)}" ${p}`);
    if (cardAnchors.has(card.anchor)) report(`card "${card.question.slice(0, 80)}" is asked twice (or its anchor "#${card.anchor}" is taken); merge or reword it`);
    cardAnchors.add(card.anchor);
  }
  const headings = new Set(doc.sections.map((s) => s.heading.toLowerCase()));
  for (const required of REQUIRED_SECTIONS[front.kind]) {
    if (!headings.has(required.toLowerCase())) report(`is missing the required section "## ${required}"`);
  }
  const min = MIN_WORDS[front.kind];
  if (doc.words < min) report(`has ${doc.words} words of body; a ${front.kind} needs at least ${min}`);
  return { doc, problems };
}

/** Cross-document checks: links and related ids resolve, patterns link axioms and patterns. */
function checkLinks(docs: ParsedDocument[], pathOf: Map<string, string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const anchors = new Map(docs.map((d) => [d.id, new Set([...d.sections.map((s) => s.anchor), ...d.cards.map((c) => c.anchor)])]));
  for (const doc of docs) {
    const path = pathOf.get(doc.id)!;
    for (const target of doc.links) {
      if (EXTERNAL.test(target)) continue;
      const [id, anchor] = target.split('#') as [string, string | undefined];
      const targetAnchors = id === '' ? anchors.get(doc.id) : anchors.get(id);
      if (!targetAnchors) {
        problems.push({ path, message: `links to "${target}", but no document "${id}" exists (link by document id, e.g. patterns/saga)` });
      } else if (anchor !== undefined && !targetAnchors.has(anchor)) {
        problems.push({ path, message: `links to "${target}", but ${id || doc.id} has no section "#${anchor}"` });
      }
    }
    doc.related.forEach((id, i) => {
      if (!anchors.has(id)) problems.push({ path, field: `related[${i}]`, message: `"${id}" is not a document` });
    });
    const linked = new Set(doc.links.filter((l) => !EXTERNAL.test(l)).map((l) => l.split('#')[0]!));
    if (doc.kind === 'pattern') {
      if (![...linked].some((l) => l.startsWith('axioms/'))) problems.push({ path, message: 'must link to at least one axiom it answers' });
      if ([...linked].filter((l) => l.startsWith('patterns/') && l !== doc.id).length < 2) {
        problems.push({ path, message: 'must link to at least two related patterns' });
      }
    }
    if (doc.kind === 'case-study' && ![...linked].some((l) => l.startsWith('patterns/'))) {
      problems.push({ path, message: 'must link to the patterns it uses' });
    }
  }
  return problems;
}

/** Validates a whole compendium: every file on its own, then the links between them. */
export function validateContent(files: SourceFile[], catalog: CatalogEntry[]): ValidationResult {
  const byId = new Map(catalog.map((e) => [e.id, e]));
  const problems: ContentProblem[] = [];
  const docs: ParsedDocument[] = [];
  for (const file of files) {
    const result = checkFile(file, byId);
    problems.push(...result.problems);
    if (result.doc) docs.push(result.doc);
  }
  problems.push(...checkLinks(docs, new Map(files.map((f) => [f.id, f.path]))));
  const order = new Map(catalog.map((e, i) => [e.id, i]));
  docs.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  return { docs, problems };
}

/**
 * Aliases and search terms that name more than one document (compared as search compares names:
 * stemmed words in order), or that name another document's title. Search cannot tell such
 * documents apart by the name, so each name must belong to one.
 */
export function nameCollisions(docs: ParsedDocument[], key: (text: string) => string): Array<{ name: string; ids: string[] }> {
  const byKey = new Map<string, { name: string; ids: Set<string> }>();
  const claim = (text: string, id: string) => {
    const k = key(text);
    if (!k) return;
    const entry = byKey.get(k) ?? { name: text, ids: new Set<string>() };
    entry.ids.add(id);
    byKey.set(k, entry);
  };
  for (const d of docs) for (const a of [...d.aliases, ...(d.search_terms ?? [])]) claim(a, d.id);
  const titles = new Map(docs.map((d) => [key(d.title), d.id]));
  const out: Array<{ name: string; ids: string[] }> = [];
  for (const [k, { name, ids }] of byKey) {
    const owner = titles.get(k);
    const all = new Set(ids);
    if (owner) all.add(owner);
    if (all.size > 1) out.push({ name, ids: [...all].sort() });
  }
  return out;
}

/** Catalog ids listed more than once. */
export function duplicateCatalogIds(catalog: CatalogEntry[]): string[] {
  const seen = new Set<string>();
  return catalog.filter((e) => (seen.has(e.id) ? true : (seen.add(e.id), false))).map((e) => e.id);
}

export function formatProblem(p: ContentProblem): string {
  return p.field ? `${p.path}: front matter field "${p.field}" ${p.message}` : `${p.path}: ${p.message}`;
}
