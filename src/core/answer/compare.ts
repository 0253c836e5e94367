import type { DocMeta } from '../knowledge/types';
import { phraseTokens, terms } from '../search/text';
import { stripInline } from '../markdown/inline';
import type { DocText, Passage } from './passages';
import type { Answer, Source } from './types';
import { ASPECT_STEMS, cardMatch, headingOf, cardTerms as cardTermsOf, confidenceOf, firstSentences, link, loadAll, md, overlaps, rankPassages, standalone, subjectTerms, weighted, type Built, type Ctx } from './compose';
import { aspectOf } from './aspect';
import { GLOSSARY_ID, labelledEntry } from './jargon';
import { docLinks } from './links';

/** The collection of comparison cards, consulted for every comparison. */
export const COMPARISONS_ID = 'reference/comparisons';

/** One side of a comparison, resolved to a document (or to one entry of a document, such as the glossary). */
type Side = { doc: DocMeta; name: string; terms: Set<string>; confidence: number; entry?: Passage; /** As the user wrote it. */ raw: string; /** Resolved by a name (title, alias, synonym, glossary term), not by a search. */ named?: boolean };

const CONTRAST = /\b(unlike|whereas|while|instead of|differs?|difference|rather than|compared (with|to)|in contrast|but|vs\.?|versus|on the other hand)\b/i;

/** "A vs B vs C", "A, B or C": up to three sides. */
export function splitSides(sides: [string, string]): string[] {
  const out = sides
    .flatMap((s) => s.split(/\s+(?:vs\.?|versus)\s+|\s*,\s*(?:and\s+|or\s+)?|\s+or\s+/i))
    .map((s) => s.trim().replace(/^(?:the|a|an)\s+/i, ''))
    // "replicate vs partition vs both": a combination of the others is not a side of its own.
    .filter((s) => s && !/^(?:both|neither|either|all(?: (?:three|of them))?|none|each|a mix|a combination|a hybrid)$/i.test(s));
  return [...new Set(out.map((s) => s.toLowerCase()))].length === out.length ? out.slice(0, 3) : out.slice(0, 2);
}

/** Words that end a side's noun phrase ("async replication to the standby"). */
const PHRASE_END = /\s+(?:to|on|at|for|with|from|of|in|across|between|within|when|where|so|that|and|if|under|over)\b.*$/i;

/**
 * "hash vs range sharding", "strong vs causal vs eventual consistency": a one-word side that names
 * nothing on its own shares the last side's head noun ("hash sharding").
 */
export function distributeHead(ctx: Ctx, names: string[], glossary: DocText | undefined): string[] {
  const last = names[names.length - 1];
  if (!last || names.length < 2) return names;
  const [first, ...head] = last.replace(PHRASE_END, '').split(/\s+/);
  if (!first || !head.length || head.length > 2) return names;
  const entry = (side: string) => {
    const name = side.toLowerCase();
    return glossary?.passages.some((p) => p.label && bareLabelOf(p) === name);
  };
  const bare = (side: string) => !/\s/.test(side) && !ctx.engine.docsNamed(side).length && !entry(side);
  const noun = head.join(' ');
  if (!bare(first) || !names.slice(0, -1).some(bare)) {
    // "single leader, multi leader or leaderless replication": a longer side that names nothing
    // itself takes the head noun when that makes a name ("single leader replication").
    const named = (side: string) => !!ctx.engine.docsNamed(side).length || !!entry(side);
    return names.map((n, i) => (i < names.length - 1 && !named(n) && named(`${n} ${noun}`) ? `${n} ${noun}` : n));
  }
  return [...names.slice(0, -1).map((n) => (bare(n) ? `${n} ${noun}` : n)), `${first} ${noun}`];
}

/** A side named in the user's own words, as plain words only (user text is never markup), or the fallback. */
function plainWords(raw: string, fallback: string): string {
  return raw.replace(/[^\p{L}\p{N}\s-]/gu, ' ').replace(/\s+/g, ' ').trim() || fallback;
}

function labelOf(p: Passage): string {
  return p.label ?? '';
}

/** A document named by the side with one word swapped for a one-word synonym (content/search/synonyms.yaml). */
function namedBySynonym(ctx: Ctx, side: string): DocMeta | undefined {
  const tokens = phraseTokens(side);
  for (let i = 0; i < tokens.length; i++) {
    for (const group of ctx.engine.data.synonyms) {
      if (!group.includes(tokens[i]!)) continue;
      for (const m of group) {
        if (m === tokens[i] || m.includes(' ')) continue;
        const key = [...tokens.slice(0, i), m, ...tokens.slice(i + 1)].join(' ');
        // Own keys only: "constructor" is not a name.
        const ids = Object.hasOwn(ctx.engine.data.phrases, key) ? ctx.engine.data.phrases[key] : undefined;
        if (ids?.length) return ctx.engine.data.docs[ids[0]!];
      }
    }
  }
  return undefined;
}

/** A glossary entry's label in lower case without what is in parentheses, worked out once per passage. */
const bareLabels = new WeakMap<Passage, string>();
function bareLabelOf(p: Passage): string {
  let label = bareLabels.get(p);
  if (label === undefined) bareLabels.set(p, (label = labelOf(p).toLowerCase().replace(/\s*\(.*\)\s*$/, '')));
  return label;
}

/** A glossary entry's label as a side is matched against it (lower case, no parentheses, no plural "s"), once per passage. */
const sideKeys = new WeakMap<Passage, string>();
function sideKeyOf(p: Passage): string {
  let key = sideKeys.get(p);
  if (key === undefined) sideKeys.set(p, (key = bareLabelOf(p).replace(/s$/, '')));
  return key;
}

/** Resolves a side on names (titles, aliases), then on a search only when it matched a name's words. */
function resolveSide(ctx: Ctx, side: string, glossary: DocText | undefined): Side | null {
  const sideTerms = new Set(terms(side));
  if (!sideTerms.size) return null;
  const named = ctx.engine.docsNamed(side);
  if (named.length) return { doc: named[0]!, name: named[0]!.title, terms: sideTerms, confidence: 0.9, raw: side, named: true };
  // "2PC/XA", "temporal/step functions": one thing under two names, either of which may name it.
  // (Two or three names at most: a long slash list is not one thing, and each part costs a search.)
  const parts = side.includes('/') ? side.split('/').map((x) => x.trim()).filter((x) => x.length > 1) : [];
  if (parts.length >= 2 && parts.length <= 3) {
    for (const part of parts) {
      const found = resolveSide(ctx, part, glossary);
      if (found?.named) return { ...found, raw: side };
    }
  }
  // "sync replication" names what "synchronous replication" names.
  const variant = namedBySynonym(ctx, side);
  if (variant) return { doc: variant, name: variant.title, terms: sideTerms, confidence: 0.85, raw: side, named: true };
  // A glossary entry named exactly by the side ("long polling", "read committed").
  const key = side.toLowerCase().replace(/s$/, '');
  const entry = glossary?.passages.find((p) => p.label && sideKeyOf(p) === key);
  const glossaryDoc = ctx.engine.docById(GLOSSARY_ID);
  if (entry && glossaryDoc) return { doc: glossaryDoc, name: entry.label!, terms: sideTerms, confidence: 0.8, entry, raw: side, named: true };
  const found = ctx.engine.search(side, { limit: 3 });
  const top = found.hits[0];
  if (!top) return null;
  const confidence = confidenceOf(top, found.terms.length, found.topicality);
  // Only a match on the document's own names counts: a generic word in its body does not pick it.
  const nameTerms = subjectTerms(top.doc);
  const sharesName = [...sideTerms].some((t) => nameTerms.has(t));
  if ((top.named || (top.strong && sharesName)) && confidence >= 0.45) return { doc: top.doc, name: top.doc.title, terms: sideTerms, confidence, raw: side };
  return null;
}

/** Each cited document once, at the section cited first; a comparison ranks none above another. */
function citedSources(ctx: Ctx, cited: Built['cited']): Source[] {
  return cited
    .filter((c, i) => cited.findIndex((x) => x.doc.id === c.doc.id) === i)
    .map((c) => ({ id: c.doc.id, title: c.doc.title, section: c.heading, url: link(ctx, c.doc, c.anchor), score: 1 }));
}

function mentions(p: Passage, side: Side): boolean {
  for (const t of side.terms) if (!p.terms.has(t)) return false;
  return true;
}

/** The sentence that states the difference: one that names the other sides, best with a contrast word. */
function differenceSentence(sides: Side[], texts: Map<string, DocText>): { p: Passage; side: Side } | null {
  let best: { p: Passage; side: Side; score: number } | null = null;
  for (const side of sides) {
    const text = texts.get(side.doc.id);
    if (!text || side.entry) continue;
    const others = sides.filter((s) => s !== side);
    for (const p of text.passages) {
      if (p.teaser || p.words < 8) continue;
      const named = others.filter((o) => mentions(p, o)).length;
      if (!named) continue;
      // When one document covers both sides, the sentence must name this side too.
      if (others.some((o) => o.doc === side.doc) && !mentions(p, side)) continue;
      const score = named + (CONTRAST.test(stripInline(p.text)) ? 0.5 : 0) - p.order * 1e-4 + (p.dependent ? -0.3 : 0);
      if (!best || score > best.score) best = { p, side, score };
    }
  }
  return best;
}

/** The document's own name for a side (its title or the alias the side spells, such as "token bucket"), if any. */
function nameIn(doc: DocMeta, side: string): string | undefined {
  const key = phraseTokens(side).join(' ');
  const name = [doc.title, ...doc.aliases].find((n) => phraseTokens(n).join(' ') === key);
  // Aliases are often written in lower case ("control plane"); a label starts with a capital.
  return name?.replace(/^[a-z](?=[a-z])/, (c) => c.toUpperCase());
}

const LEADING_LABEL = /^\s*\*\*[^*]+\*\*\s*[:.]?\s*/;

/**
 * One sentence that says what a side is, and the name to give it. A side that shares its document
 * with another is named in the document's words (an alias, an entry's label), never the document's
 * title twice and never the user's own words, and described by a sentence about it rather than
 * one about both sides; with no such name it is described unnamed.
 */
function describeSide(ctx: Ctx, side: Side, texts: Map<string, DocText>, others: Side[]): { name: string; text: string; anchor: string; heading: string } {
  if (side.entry) return { name: side.name, text: md(ctx, side.entry.text.replace(LEADING_LABEL, '')), anchor: side.entry.anchor, heading: side.entry.heading };
  const text = texts.get(side.doc.id);
  if (others.length) {
    const name = nameIn(side.doc, side.raw) ?? '';
    // Both sides live in one document: describe this side by its own entry ("**Propagation delay**: ..."),
    // else by the first sentence that names it and, where one does, not the other sides.
    const entry = text && (labelledEntry([text], side.raw) ?? labelledEntry([text], side.raw.replace(/\s+(delay|time|latency)$/i, '')));
    if (entry) {
      const label = stripInline(entry.p.label ?? '').replace(/[.:]$/, '');
      const quoted = standalone(entry.p);
      // The label goes when it is the name given (an alias may name the side otherwise: then both stay).
      const sameName = !name || phraseTokens(label).join(' ') === phraseTokens(name).join(' ');
      return { name: name || label, text: md(ctx, label && sameName ? quoted.replace(LEADING_LABEL, '') : quoted), anchor: entry.p.anchor, heading: entry.p.heading };
    }
    const about = text?.passages.filter((x) => !x.teaser && x.words >= 8 && mentions(x, side)).sort((a, b) => a.order - b.order) ?? [];
    const p = about.find((x) => !others.some((o) => mentions(x, o))) ?? about[0];
    if (p) {
      // An item labelled with the side's words ("**Read your writes**: ...") is named by its label.
      const label = p.label && !p.leadIn ? stripInline(p.label).replace(/[.:]$/, '') : '';
      const labelTerms = new Set(terms(label));
      if (!name && label && [...side.terms].every((t) => labelTerms.has(t))) return { name: label, text: md(ctx, standalone(p).replace(LEADING_LABEL, '')), anchor: p.anchor, heading: p.heading };
      return { name, text: md(ctx, standalone(p)), anchor: p.anchor, heading: p.heading };
    }
    return { name, text: md(ctx, firstSentences(side.doc.summary, 1)), anchor: '', heading: 'Overview' };
  }
  return { name: side.name, text: md(ctx, firstSentences(side.doc.summary, 1)), anchor: '', heading: 'Overview' };
}

function lowerFirst(s: string): string {
  return s.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()).replace(/[.;]\s*$/, '');
}

/** A collection card that names a side only by words carrying most of its weight (LOOSE_SHARE) counts this much of its match; any must match at least this well. */
const LOOSE_SIDES = 0.8;
const LOOSE_SHARE = 0.45;
const MIN_COLLECTION_MATCH = 0.2;

/**
 * Sides that name no document ("long polling", "snapshot isolation") may still be compared by an
 * entry of the comparisons collection whose question names every side.
 */
async function collectionAnswer(ctx: Ctx, question: string, names: string[], strict = false): Promise<Answer | null> {
  const doc = ctx.engine.docById(COMPARISONS_ID);
  const text = doc ? (await loadAll(ctx, [doc]))[0] : undefined;
  if (!doc || !text) return null;
  const sideTerms = names.map((n) => new Set(terms(n)));
  if (sideTerms.some((t) => !t.size)) return null;
  const user = weighted(ctx.engine, question);
  let best: { answer: string; anchor: string; heading: string; score: number } | null = null;
  for (const card of ctx.engine.cardsOf(doc)) {
    const answer = text.cards.get(card.anchor);
    if (!answer) continue;
    const cardWords = new Set(cardTermsOf(ctx.engine, card).map((x) => x.term));
    // Every side named in full, or (a looser fit, counted less) by words that carry at least half its
    // weight, rare words weighing more ("sidecar proxy" and "resilience library" for "a sidecar and a
    // library", not "cache-aside" for a card that only says "cache").
    const full = sideTerms.every((t) => [...t].every((w) => cardWords.has(w)));
    const share = (t: Set<string>) => [...t].reduce((a, w) => a + (cardWords.has(w) ? ctx.engine.termWeight(w) : 0), 0) / [...t].reduce((a, w) => a + ctx.engine.termWeight(w), 0);
    if (!full && (strict || !sideTerms.every((t) => share(t) >= LOOSE_SHARE))) continue;
    const score = cardMatch(ctx.engine, user, card, new Set(), true, answer.terms) * (full ? 1 : LOOSE_SIDES);
    if (!best || score > best.score) best = { answer: answer.answer, anchor: card.anchor, heading: card.heading, score };
  }
  if (!best || best.score < MIN_COLLECTION_MATCH) return null;
  // The documents the entry links to are its further reading.
  const linked = docLinks(best.answer).map((l) => ctx.engine.docById(l.id)).filter((d): d is DocMeta => !!d);
  const sources = citedSources(ctx, [{ doc, anchor: best.anchor, heading: best.heading }, ...linked.map((d) => ({ doc: d, anchor: '', heading: 'Overview' }))]).slice(0, 4);
  return { answer: md(ctx, best.answer), sources, intent: 'comparison', confidence: Math.round(Math.min(0.9, 0.5 + 0.5 * best.score) * 100) / 100, unsure: false };
}

/**
 * Sides that are terms defined inside a document ("**Propagation delay**: ...", a glossary entry)
 * are set side by side from those definitions.
 */
async function entriesAnswer(ctx: Ctx, question: string, names: string[]): Promise<Answer | null> {
  const hits = ctx.engine.search(question, { limit: 3 }).hits;
  const glossary = ctx.engine.docById(GLOSSARY_ID);
  const texts = await loadAll(ctx, [...hits.map((h) => h.doc), ...(glossary ? [glossary] : [])]);
  const found = names.map((n) => labelledEntry(texts, n) ?? labelledEntry(texts, n.replace(/\s+(delay|time|latency|model|pattern|strategy)$/i, '')));
  if (found.some((f) => !f)) return null;
  const entries = found as Array<{ p: Passage; id: string }>;
  const body = entries.map((e) => `- ${md(ctx, standalone(e.p))}`).join('\n');
  const sources = citedSources(ctx, entries.map((e) => ({ doc: ctx.engine.docById(e.id)!, anchor: e.p.anchor, heading: e.p.heading })));
  const labels = entries.map((e) => e.p.label!.replace(/[.:]$/, ''));
  const differ = tableDifference(question, entries.map((e) => standalone(e.p)), labels);
  const lead = differ ? md(ctx, differ) : `They are different things: ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}.`;
  return { answer: `${lead}\n\n${body}`, sources, intent: 'comparison', confidence: 0.7, unsure: false };
}

/** A table row as the passages hold it: "Read path: ...; Write path: ...; Main risk: ...". */
function cellsOf(text: string): Map<string, string> | null {
  const cells = new Map<string, string>();
  // The row's label ("**Cache-aside**: ...") names the side, not a column.
  for (const part of text.replace(/^\*\*[^*]+\*\*:\s*/, '').split(/;\s+(?=[A-Z][\w ()'-]{0,30}:\s)/)) {
    const m = /^([A-Z][\w ()'-]{0,30}):\s+(.+?)\.?$/.exec(part.trim());
    if (!m) return null;
    cells.set(m[1]!, m[2]!);
  }
  return cells.size >= 2 ? cells : null;
}

/**
 * Entries that are rows of one table (cache-aside, write-through, write-behind) differ in some of its
 * columns: the one the question asks about ("which one is risky" -> "Main risk"), or else the first
 * that differs, stated for every side in one sentence.
 */
export function tableDifference(question: string, texts: string[], labels: string[]): string | null {
  if (texts.length < 2) return null;
  const rows = texts.map(cellsOf);
  if (rows.some((r) => !r)) return null;
  // Rows of one table: the same columns, in the same order.
  const keys = [...rows[0]!.keys()];
  if (rows.some((r) => [...r!.keys()].join('|') !== keys.join('|'))) return null;
  // A column of remarks ("Notes", "Examples") sets nothing apart.
  const columns = keys.filter((c) => !/^(?:notes?|examples?|remarks?|comments?|see also|used by)$/i.test(c) && new Set(rows.map((r) => r!.get(c))).size === rows.length);
  if (!columns.length) return null;
  // The question's own words, beyond the sides' names ("write" in "write-through" asks nothing).
  const named = new Set(labels.flatMap((l) => terms(l)));
  const asked = terms(question).filter((t) => !named.has(t));
  // "risky" asks about "Main risk": stems that begin alike count.
  const said = (t: string) => asked.some((a) => a === t || (Math.min(a.length, t.length) >= 4 && (a.startsWith(t) || t.startsWith(a))));
  // A column the question names wins; words of its values decide only when none is named.
  const byName = columns.filter((c) => terms(c).some(said));
  const pool = byName.length ? byName : columns;
  const fit = (c: string) => rows.reduce((a, r) => a + terms(r!.get(c)!).filter(said).length, 0) / rows.length;
  const column = pool.reduce((best, c) => (fit(c) > fit(best) ? c : best), pool[0]!);
  return `They differ in ${column.toLowerCase()}. ${rows.map((r, i) => `**${labels[i]}**: ${r!.get(column)!.replace(/[.;]\s*$/, '')}.`).join(' ')}`;
}

/** A passage answers what else a comparison asks when it scores this much (see rankPassages). */
const REST_MIN = 0.35;

/** Words that only say a comparison is asked. */
const COMPARING = new Set(terms('difference differ different between compare comparison versus vs which better choose pick'));

/** The passage of the sides' documents that answers what the question asks beyond naming the sides. */
function restOfComparison(ctx: Ctx, question: string, sides: Side[], texts: Map<string, DocText>, said: string): { p: Passage; doc: DocMeta } | null {
  const sideWords = new Set(sides.flatMap((s) => [...s.terms, ...subjectTerms(s.doc)]));
  const rest = weighted(ctx.engine, question).filter((x) => !sideWords.has(x.term) && !COMPARING.has(x.term) && !ASPECT_STEMS.has(x.term) && x.weight >= 1);
  if (!rest.length) return null;
  const aspect = aspectOf(question);
  let best: { p: Passage; doc: DocMeta; score: number } | null = null;
  for (const s of sides) {
    const text = texts.get(s.doc.id);
    if (!text || s.entry) continue;
    const top = rankPassages(text, rest, aspect, s.doc).find((x) => !x.p.item || x.p.leadIn || /[.!?]$/.test(x.p.text.trim()));
    if (top && (!best || top.score > best.score)) best = { p: top.p, doc: s.doc, score: top.score };
  }
  if (!best || best.score < REST_MIN || overlaps(standalone(best.p), said)) return null;
  return best;
}

/**
 * Compares two or three sides: the sentence that states the difference first, then what each side
 * is, when to pick each and its main trade-off, with every row filled or left out.
 */
export async function compareSides(ctx: Ctx, question: string, raw: [string, string], loose = false): Promise<Answer | null> {
  const glossaryDoc = ctx.engine.docById(GLOSSARY_ID);
  const glossary = glossaryDoc ? (await loadAll(ctx, [glossaryDoc]))[0] : undefined;
  const names = distributeHead(ctx, splitSides(raw), glossary);
  const sides = names.map((s) => resolveSide(ctx, s, glossary));
  if (names.length < 2) return null;
  // A loosely read comparison ("is the leader just overloaded?") holds only when every side is a
  // name (a title, an alias, a glossary term), never a search's best guess, or when one entry of the
  // comparisons collection names every side in full.
  if (loose && sides.some((s) => !s?.named)) return collectionAnswer(ctx, question, names, true);
  if (sides.some((s) => !s)) return (await collectionAnswer(ctx, question, names)) ?? (await entriesAnswer(ctx, question, names));
  const resolved = sides as Side[];
  // "lambda vs kappa architecture": when one side's document is titled with the other side's words
  // ("Lambda and Kappa Architectures"), both sides are that document's, not "AWS Lambda" elsewhere.
  for (const [i, s] of resolved.entries()) {
    for (const o of resolved) {
      if (o === s || o.entry || s.doc === o.doc) continue;
      const titleTerms = new Set(terms(o.doc.title));
      if ([...s.terms].every((t) => titleTerms.has(t))) resolved[i] = { ...s, doc: o.doc, name: nameIn(o.doc, s.raw) ?? plainWords(s.raw, o.doc.title), confidence: Math.max(s.confidence, 0.8), entry: undefined };
    }
  }
  // Two sides may resolve to one document ("CAP vs PACELC"): fine when it names each side apart.
  const ids = resolved.map((s) => s.entry?.text ?? s.doc.id);
  const sharedDocs = new Set(resolved.filter((s, i) => !s.entry && ids.indexOf(s.doc.id) !== i).map((s) => s.doc.id));
  const docs = [...new Map(resolved.map((s) => [s.doc.id, s.doc])).values()];
  const texts = new Map((await loadAll(ctx, docs)).map((t) => [t.id, t]));
  if (sharedDocs.size && resolved.some((s) => sharedDocs.has(s.doc.id) && !texts.get(s.doc.id)?.passages.some((p) => mentions(p, s)))) return null;

  const cited: Built['cited'] = [];
  let lead = '';
  // A card that asks about these sides states the difference best.
  const user = weighted(ctx.engine, question);
  let bestCard: { text: string; doc: DocMeta; anchor: string; heading: string; score: number } | null = null;
  // The sides' own cards, and the comparisons collection's.
  const collection = ctx.engine.docById(COMPARISONS_ID);
  const cardDocs = [...docs.filter((d) => !resolved.some((s) => s.doc === d && s.entry)), ...(collection ? [collection] : [])];
  const cardTexts = new Map((await loadAll(ctx, cardDocs.filter((d) => !texts.has(d.id)))).map((t) => [t.id, t]));
  for (const doc of cardDocs) {
    const answers = (texts.get(doc.id) ?? cardTexts.get(doc.id))?.cards;
    if (!answers) continue;
    for (const card of ctx.engine.cardsOf(doc)) {
      const text = answers.get(card.anchor);
      if (!text) continue;
      const cardTerms = new Set(cardTermsOf(ctx.engine, card).map((x) => x.term));
      // Every side must be named in the card's question: by its own words, or by its document's name.
      const covers = resolved.every((s) => (s.doc === doc && !sharedDocs.has(doc.id)) || [...s.terms].every((t) => cardTerms.has(t)) || (s.doc !== doc && [...subjectTerms(s.doc)].some((t) => cardTerms.has(t))));
      if (!covers) continue;
      const score = cardMatch(ctx.engine, user, card, subjectTerms(doc), true, text.terms);
      if (!bestCard || score > bestCard.score) bestCard = { text: text.answer, doc, anchor: card.anchor, heading: card.heading, score };
    }
  }
  if (bestCard && bestCard.score >= 0.35) {
    lead = md(ctx, bestCard.text);
    cited.push({ doc: bestCard.doc, anchor: bestCard.anchor, heading: bestCard.heading });
  } else {
    const diff = differenceSentence(resolved, texts);
    if (diff) {
      lead = md(ctx, standalone(diff.p));
      cited.push({ doc: diff.side.doc, anchor: diff.p.anchor, heading: diff.p.heading });
    }
  }
  // A description another side already gave says nothing about this one, and an unnamed one that
  // opens with another label ("**Algorithm**: ...") would read as that side's name: neither is shown.
  const described = resolved
    .map((s) => ({ side: s, ...describeSide(ctx, s, texts, sharedDocs.has(s.doc.id) ? resolved.filter((o) => o !== s && o.doc === s.doc) : []) }))
    .filter((d, i, all) => all.findIndex((x) => x.text === d.text) === i && (d.name || !LEADING_LABEL.test(d.text)));
  const named = (d: (typeof described)[number]) => (d.name ? `**${d.name}**: ${d.text}` : d.text);
  // Sides described by rows of one table ("token bucket", "sliding window") differ in its columns.
  if (!lead && described.length === resolved.length) {
    const differ = tableDifference(question, described.map((d) => d.text), described.map((d) => d.name || d.side.name));
    if (differ) lead = md(ctx, differ);
  }
  // Nothing that states the difference and nothing said about the sides: the general answer does better.
  if (!lead && !described.length) return null;
  const lines: string[] = [];
  if (lead) {
    lines.push(lead);
    if (described.length) lines.push(described.map((d) => `- ${named(d)}`).join('\n'));
  } else {
    lines.push(described.map(named).join('\n\n'));
  }
  for (const d of described) if (!cited.some((c) => c.doc === d.side.doc)) cited.push({ doc: d.side.doc, anchor: d.anchor, heading: d.heading });
  // Every side's own document is a source, also when the difference came from elsewhere, and so is
  // a document the difference links to ("see [Load Balancing]").
  for (const s of resolved) if (!cited.some((c) => c.doc === s.doc)) cited.push({ doc: s.doc, anchor: s.entry?.anchor ?? '', heading: s.entry?.heading ?? 'Overview' });
  for (const l of docLinks(bestCard && bestCard.score >= 0.35 ? bestCard.text : '')) {
    const doc = ctx.engine.docById(l.id);
    if (doc && !cited.some((c) => c.doc === doc)) cited.push({ doc, anchor: l.anchor, heading: l.anchor ? headingOf(doc, l.anchor) : 'Overview' });
  }

  // What else the question asks ("which do people run in prod?", "what do I lose with async?"):
  // the sentence of the sides' documents that speaks to those words follows the difference.
  const extra = restOfComparison(ctx, question, resolved, texts, lines.join('\n'));
  if (extra && lead) {
    lines.splice(1, 0, md(ctx, standalone(extra.p)));
    cited.push({ doc: extra.doc, anchor: extra.p.anchor, heading: extra.p.heading });
  }
  // When to pick each comes from each side's own document: sides that share one have nothing apart to say.
  const patterns = resolved.filter((s) => !s.entry && s.doc.use_when.length);
  if (patterns.length === resolved.length && !sharedDocs.size) {
    lines.push(`Pick ${resolved.map((s) => `**${s.name}** when ${lowerFirst(s.doc.use_when[0]!)}`).join('; ')}.`);
    if (resolved.every((s) => s.doc.tradeoffs.length)) {
      lines.push(`The trade-offs: ${resolved.map((s) => `**${s.name}**: ${lowerFirst(s.doc.tradeoffs[0]!)}`).join('; ')}.`);
    }
  }
  const sources = citedSources(ctx, cited);
  const confidence = Math.round(Math.min(...resolved.map((s) => s.confidence)) * 100) / 100;
  return { answer: lines.join('\n\n'), sources, intent: 'comparison', confidence, unsure: false };
}
