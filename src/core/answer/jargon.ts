/**
 * Jargon: "what does ISR stand for?", "PACELC?", "whats a WAL". The answer leads with the term's
 * expansion and meaning, from a glossary-style entry or from the sentence that spells it out.
 */
import type { DocHit } from '../search/engine';
import { stripInline } from '../markdown/inline';
import { GLOSSARY_DOC_ID } from '../search/build';
import { bareTitle } from '../content/document';
import type { Aspect } from './aspect';
import type { DocText, Passage } from './passages';
import { firstSentences, loadAll, md, questionType, standalone, type Built, type Ctx } from './compose';
import { terms } from '../search/text';
import { docLinks } from './links';

/** The glossary: every term the compendium uses, as "**Term**: meaning" entries. */
export const GLOSSARY_ID = GLOSSARY_DOC_ID;

/** Shapes of a jargon question; the capture is the term asked about. */
const JARGON_FORMS = [
  /^(?:what|wat)\s+(?:does|do|is)\s+(?:an?\s+|the\s+)?(.{1,40}?)\s+(?:stand for|mean|short for)\b/i,
  /^(?:what'?s|whats|what is|what are)\s+(?:an?\s+|the\s+)?(.{1,40}?)\s+(?:in|for|when it comes to)\s+.{1,40}\??$/i,
  /^(?:meaning of|define|definition of|eli5:?)\s+(?:an?\s+|the\s+)?(.{1,40}?)\??$/i,
  /^(.{1,40}?)\s+(?:meaning|stands for|definition|eli5|acronym)\b/i,
  /^(?:what'?s|whats|what is|what are)\s+(?:an?\s+|the\s+)?(.{1,40}?)(?:\s+and\b.*|\s*,.*|\s*\?)?$/i,
  /^([^\s?]{1,40}(?:\s+[^\s?]+){0,2})\s*\??$/,
];
const ACRONYM = /\b(?:[A-Z]{2,6}s?|\d[A-Z]{1,4}|[A-Z]{2,}[a-z]+[A-Z]?[a-z]*)\b/g;

/** Candidate terms a question asks about as jargon ("what does ISR stand for", "PACELC?"), most likely first. */
export function jargonCandidates(question: string): string[] {
  const q = question.trim().replace(/\s+/g, ' ').replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s*[—–-]\s+.*$/, '').trim();
  const out: string[] = [];
  for (const re of JARGON_FORMS) {
    const m = re.exec(q);
    if (m) out.push(m[1]!.trim().replace(/[?.!]+$/, ''));
  }
  for (const m of question.matchAll(ACRONYM)) out.push(m[0]);
  return [...new Set(out.filter((t) => t && t.length <= 40))];
}

/** Head nouns that add nothing to an adjective they follow ("idempotent operation", "eventual consistency model"). */
const GENERIC_HEAD = /^ (?:operation|property|model|system|behaviour|behavior|guarantee)$/;

/** A labelled passage's label as entries are matched: without a plural "s", and the words in parentheses apart. */
type EntryLabel = { p: Passage; bare: string; inParens: string | undefined; short: boolean };

/** Each document's labelled passages, normalized once per document text (they are matched for every question). */
const entryLabels = new WeakMap<DocText, EntryLabel[]>();

function labelsOf(t: DocText): EntryLabel[] {
  let labels = entryLabels.get(t);
  if (!labels) {
    labels = [];
    for (const p of t.passages) {
      if (!p.label) continue;
      const label = p.label.toLowerCase().replace(/[.:]$/, '');
      const bare = label.replace(/\s*\(.*\)\s*$/, '').replace(/s$/, '');
      const inParens = /\(([^)]+)\)/.exec(label)?.[1]?.replace(/s$/, '');
      labels.push({ p, bare, inParens, short: bare.split(' ').length <= 3 });
    }
    entryLabels.set(t, labels);
  }
  return labels;
}

/** A glossary-style entry ("**Term (ACR)**: meaning") for the term, from the loaded documents. */
export function labelledEntry(texts: DocText[], term: string): { p: Passage; id: string } | null {
  const key = term.toLowerCase().replace(/^(an?|the)\s+/, '').replace(/s$/, '');
  if (key.length < 2) return null;
  // "LSM" also names "LSM tree": an acronym followed by the noun it qualifies.
  const acronym = /^[a-z0-9]{2,6}$/.test(key);
  // "idempotent" is defined by "Idempotent operation": an adjective and a generic head noun.
  const adjective = !key.includes(' ');
  const qualified = `${key} `;
  for (const t of texts) {
    for (const { p, bare, inParens, short } of labelsOf(t)) {
      if (bare === key || inParens === key) return { p, id: t.id };
      if (!bare.startsWith(qualified)) continue;
      if ((acronym && short) || (adjective && GENERIC_HEAD.test(bare.slice(key.length)))) return { p, id: t.id };
    }
  }
  return null;
}

/** The initials an acronym spells, lowercase, without a plural "s" ("2PC" is "tpc": Two-Phase Commit). */
function initialsOf(acronym: string): string {
  return acronym.replace(/s$/, '').toLowerCase().replace(/^[23]/, 't');
}

/** Whether an acronym spells the initials of a title ("2PC", "Two-Phase Commit"; "BFF", "Backends for Frontends"). */
export function abbreviates(acronym: string, title: string): boolean {
  const letters = initialsOf(acronym);
  const words = bareTitle(title).split(/[\s-]+/).filter(Boolean);
  const all = words.map((w) => w[0]!.toLowerCase()).join('');
  const major = words.filter((w) => !/^(of|for|and|the|a|an|to|in|with)$/i.test(w)).map((w) => w[0]!.toLowerCase()).join('');
  return letters.length >= 2 && (letters === all || letters === major);
}

/** "In-sync replica (ISR)": the words before an acronym in parentheses, when their initials spell it. */
export function expansionIn(text: string, acronym: string): { expansion: string; acronym: string } | null {
  const plain = stripInline(text);
  const re = new RegExp(`((?:[A-Za-z0-9][\\w'-]*\\s+){1,6})\\((${acronym.replace(/[^A-Za-z0-9]/g, '')})s?\\)`, 'i');
  const m = re.exec(plain);
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/);
  const letters = initialsOf(acronym);
  // Take the shortest run of trailing words whose initials (or hyphenated parts) spell the acronym.
  for (let n = 1; n <= words.length; n++) {
    const run = words.slice(-n);
    const initials = run.flatMap((w) => w.split('-')).map((w) => w[0]!.toLowerCase()).join('');
    const firsts = run.map((w) => w[0]!.toLowerCase()).join('');
    if (initials === letters || firsts === letters) return { expansion: run.join(' '), acronym: m[2]! };
  }
  return null;
}

/** Whether a question asks what this term is, rather than something that merely mentions it. */
function asksMeaning(question: string, aspect: Aspect, term: string): boolean {
  const q = question.trim();
  if (aspect === 'expand' || /\b(meaning|eli5|stand for|stands for)\b/i.test(q)) return true;
  const escaped = term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (new RegExp(`^(what|wat)('?s|s| is| are| does)\\s+(an?\\s+|the\\s+)?${escaped}\\b`, 'i').test(q)) return true;
  // "cockroachdb docs keep saying HLC everywhere. what is that exactly?": the term, then a question pointing back at it.
  const back = /\bwhat(?:'s|s| is| are| does| do)\s+(?:that|this|it|those|these|they)(?:\s+(?:exactly|actually|even|really|thing|mean|stand for))*\s*\??\s*$/i.exec(q);
  if (back && new RegExp(`\\b${escaped}\\b`, 'i').test(q.slice(0, back.index))) return true;
  const words = q.replace(/\([^)]*\)/g, ' ').split(/\s+/).length;
  return (aspect === 'define' || aspect === 'general') && words <= 6;
}

/** The answer to a jargon question: the term's entry or its expansion, then what else the question asks. */
export async function jargonLead(ctx: Ctx, question: string, hits: DocHit[], aspect: Aspect): Promise<Built | null> {
  const candidates = jargonCandidates(question).filter((t) => asksMeaning(question, aspect, t));
  if (!candidates.length) return null;
  const glossary = ctx.engine.docById(GLOSSARY_ID);
  const texts = await loadAll(ctx, [...(glossary ? [glossary] : []), ...hits.slice(0, 3).map((h) => h.doc)]);
  for (const [i, term] of candidates.entries()) {
    const found = await explainTerm(ctx, term, aspect, texts);
    if (found === 'document') return null;
    if (!found) continue;
    // "RPO and RTO?", "MTTR and MTBF": terms asked together are explained together.
    for (const other of candidates.slice(i + 1)) {
      if (found.points.length >= 2 || !askedTogether(question, term, other)) continue;
      const more = await explainTerm(ctx, other, aspect, texts);
      if (more && more !== 'document' && more.lead !== found.lead) {
        found.points.push(more.lead);
        found.cited.push(...more.cited);
        found.rest = `${found.rest}|${other}`;
      }
    }
    return found;
  }
  return null;
}

/** Whether two terms are joined in the question ("RPO and RTO", "MTTR/MTBF", "SLI, SLO"). */
function askedTogether(question: string, a: string, b: string): boolean {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const join = '\\s*(?:and|&|,|/|\\+|or|vs\\.?|versus)\\s*';
  return new RegExp(`\\b${esc(a)}${join}${esc(b)}\\b|\\b${esc(b)}${join}${esc(a)}\\b`, 'i').test(question);
}

/** Words a defining card may add to the term: "What does X actually mean?", "What is the X result?". */
const DEFINING_FILLER = new Set(terms('what is are does do mean means meaning stand stands for actually say says result term exactly the a an'));

/** A card of a candidate document that asks only what the term is, as the lead for a jargon question. */
function definingCard(ctx: Ctx, term: string, texts: DocText[]): Built | null {
  const termWords = new Set(terms(term));
  if (!termWords.size) return null;
  for (const t of texts) {
    if (t.id === GLOSSARY_ID) continue;
    const doc = ctx.engine.docById(t.id);
    if (!doc) continue;
    for (const card of ctx.engine.cardsOf(doc)) {
      if (questionType(card.heading) !== 'what') continue;
      const words = terms(card.heading);
      if (![...termWords].every((w) => words.includes(w)) || !words.every((w) => termWords.has(w) || DEFINING_FILLER.has(w))) continue;
      const answer = t.cards.get(card.anchor);
      if (answer) return { lead: md(ctx, answer.answer), points: [], rest: term, cited: [{ doc, anchor: card.anchor, heading: card.heading }], strength: 1 };
    }
  }
  return null;
}

/**
 * One term's meaning: an acronym of a document's title, a glossary-style entry, or a sentence that
 * spells it out; 'document' when the term plainly names a document, which then answers instead.
 */
async function explainTerm(ctx: Ctx, term: string, aspect: Aspect, texts: DocText[]): Promise<Built | 'document' | null> {
  const named = ctx.engine.docsNamed(term);
  const acronym = /^[A-Z0-9]{2,6}s?$/.test(term);
  const lower = term.toLowerCase();
  // A short word that only resembles a document's name ("slo" near "SRE") is not that name.
  const loose = /^[a-z0-9]{2,6}$/.test(term) && !named.some((d) => bareTitle(d.title).toLowerCase() === lower || d.aliases.some((a) => a.toLowerCase() === lower));
  // A plain name of a document ("circuit breaker") is answered by that document, not the glossary.
  if (named.length && !loose && (!acronym || named.some((d) => d.title.toLowerCase() === lower))) return 'document';
  // An acronym that abbreviates a document's title: "2PC is short for Two-Phase Commit".
  const abbreviated = named.find((d) => abbreviates(term, d.title));
  if (abbreviated) {
    const lead = aspect === 'expand' ? `**${term}** is short for ${abbreviated.title}. ` : '';
    return { lead: `${lead}${md(ctx, firstSentences(abbreviated.summary, 1))}`, points: [], rest: term, cited: [{ doc: abbreviated, anchor: '', heading: 'Overview' }], strength: 1 };
  }
  // A document's own card that asks what the term is ("What does the FLP result actually say?") says more than a glossary line.
  const card = definingCard(ctx, term, texts);
  if (card) return card;
  const entry = labelledEntry(texts, term);
  if (entry) {
    const doc = ctx.engine.docById(entry.id)!;
    const see = docLinks(entry.p.text)[0]?.id;
    const seeDoc = see ? ctx.engine.docById(see) : undefined;
    return { lead: md(ctx, entry.p.text), points: [], rest: term, cited: [{ doc, anchor: entry.p.anchor, heading: entry.p.heading }, ...(seeDoc ? [{ doc: seeDoc, anchor: '', heading: 'Overview' }] : [])], strength: 1 };
  }
  if (!((/^[A-Za-z0-9]{2,8}$/.test(term) && /[A-Z0-9]/.test(term.slice(1))) || /^[a-z0-9]{2,6}$/.test(term))) return null;
  const found = ctx.engine.search(term, { limit: 3 }).hits;
  for (const t of await loadAll(ctx, found.map((h) => h.doc))) {
    const marker = `(${term.toLowerCase()}`;
    for (const p of t.passages) {
      if (!p.text.toLowerCase().includes(marker)) continue;
      const spelled = expansionIn(p.text, term);
      if (!spelled || p.teaser) continue;
      const doc = ctx.engine.docById(t.id)!;
      return { lead: `**${spelled.acronym}** stands for ${spelled.expansion}. ${md(ctx, standalone(p))}`, points: [], rest: term, cited: [{ doc, anchor: p.anchor, heading: p.heading }], strength: 0.9 };
    }
  }
  return null;
}
