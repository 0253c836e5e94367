import type { DocMeta, Unit } from '../knowledge/types';
import type { DocHit, SearchEngine, SearchOutcome } from '../search/engine';
import { terms } from '../search/text';
import { splitSentences } from '../content/sentences';
import { bareTitle } from '../content/document';
import { stripInline } from '../markdown/inline';
import { parseQuestion, type Intent } from './intent';
import { ASPECT_WORDS, aspectOf, sectionFits, type Aspect } from './aspect';
import { TEASER, type DocText, type Passage } from './passages';
import { docUrl, resolveDocLinks } from './links';
import type { Answer, AskOptions, Source } from './types';
import { compareSides } from './compare';
import { jargonLead } from './jargon';
import { rerankByCardLanguage } from '../search/card-language';
import { select } from '../search/select';
import { answerConfidence, type AnswerSignals } from './confidence';
import { assessScope, closestTopics, isLong, longOffTopicOdds, longSignals, outOfScope, SCOPE_TUNING, type LongSignals, type Scope } from './scope';

/** Answer tuning in one place. */
export const ANSWER_TUNING = {
  /** Below this confidence the answer says it is unsure. */
  minConfidence: 0.42,
  /** Above this share of the question in words the compendium only mentions in passing, it is off topic... */
  maxForeign: 0.4,
  /** ...unless the best document covers it this confidently ("prometheus pull vs push (statsd/otlp push)?"). */
  foreignButSure: 0.75,
  maxPoints: 3,
  maxSources: 4,
  /** Documents examined for cards and passages. */
  candidateDocs: 3,
  /** A card leads when its question matches the user's this well (0-1, weighted F-measure of shared terms). */
  cardLead: 0.3,
  /**
   * When no sentence of the text speaks to the question (the answer would fall back to the top
   * document's summary), a card leads from this lower match: a long situation shares only part of
   * its words with any one card, and a summary of a document picked by one title word is no answer.
   */
  fallbackCardLead: 0.15,
  /** A card this close to the user's question leads whatever the text offers. */
  sureCard: 0.6,
  /** Below sureCard, a passage scoring this much more than the card's match leads instead. */
  passageMargin: 0.25,
  /** A card whose question is of another kind ("how much" for "how does it work") counts this much. */
  otherTypeCard: 0.85,
  /** ...and this much when its answer opens as a reply to its own question ("Yes", "About 5%", "Because"). */
  otherTypeReply: 0.7,
  /** A document the question names by title words leads when it scores at least this share of the best. */
  namedDocShare: 0.5,
  /** A second document joins the answer when it scores this share of the best. */
  secondDocShare: 0.6,
  /** Supporting points must score at least this share of the lead passage. */
  pointShare: 0.45,
  /** A word of a card's question matched through a one-word synonym (content/search/synonyms.yaml) counts this much. */
  synonymMatch: 0.8,
  /** A card matched by the asking clause of a long question counts this much of the match. */
  clauseCard: 0.9,
  /** "Should we adopt X?" gets a yes or no when one of its situation lists fits the question this many times better than the other. */
  decisionLean: 2,
  /** Bonus for a passage in a section that answers the question's aspect. */
  aspectBonus: 0.25,
} as const;

/** Where the full text of documents comes from; the core never reads files or fetches. */
export type TextLoader = (id: string) => Promise<DocText | null>;

export type Ctx = { engine: SearchEngine; base: string; load: TextLoader };

export type Weighted = { term: string; weight: number };

/** Stems of the question worth matching (numbers and stop words dropped), with their weights. */
export function weighted(engine: SearchEngine, text: string, drop: Set<string> = new Set()): Weighted[] {
  const seen = new Set<string>();
  const out: Weighted[] = [];
  for (const t of terms(text)) {
    if (seen.has(t) || drop.has(t) || /^\d+$/.test(t)) continue;
    seen.add(t);
    out.push({ term: t, weight: engine.termWeight(t) });
  }
  return out;
}

export const ASPECT_STEMS = new Set(terms([...ASPECT_WORDS].join(' ')));

/**
 * The stems that name a document (its title, and one-word aliases such as "2PC"): they identify the
 * subject, not the aspect asked. Longer aliases often name a part ("half-open state"), which is
 * exactly what a narrow question asks about, so they stay in the question.
 */
const subjectCache = new WeakMap<DocMeta, Set<string>>();
export function subjectTerms(doc: DocMeta): Set<string> {
  let s = subjectCache.get(doc);
  if (!s) {
    const names = [bareTitle(doc.title), ...doc.aliases.filter((a) => !/\s/.test(a.trim()))];
    subjectCache.set(doc, (s = new Set(terms(names.join(' ')))));
  }
  return s;
}

export function link(ctx: Ctx, doc: DocMeta, anchor = ''): string {
  return docUrl(ctx.base, doc.id, anchor);
}

export function md(ctx: Ctx, text: string): string {
  return resolveDocLinks(text, ctx.base);
}

/** The kind of answer a question wants, from its opening words; '' when it does not say. */
export function questionType(question: string, byTail = false): string {
  // "in raft, when is an entry committed?": a short context before a comma does not say what is asked.
  const q = question.trim().toLowerCase().replace(/^(?:in|for|with|on|using|at|about|re:?)\s+[^,?]{1,40},\s*/, '');
  // A card that sets out a situation, then asks ("The hit rate dropped after we added servers; why?"),
  // asks what its closing question asks, whatever words the situation holds ("how many users").
  // A user's question is not typed this way: its context often carries the real question.
  if (byTail && !OPENING.test(q)) {
    const tail = /[;,:.!?]\s*([^;,:.!?]+)\?\s*$/.exec(q)?.[1];
    if (tail && tail.length < q.length - 2) return questionType(tail);
  }
  // "Can we use it to predict how many nodes we need?" asks yes or no, whatever it goes on to say.
  if (/^(do|does|did|is|are|can|could|should|must|will|would|was|were|has|have)\b/.test(q) && !/\b(difference|differ|vs\.?|versus|compared)\b/.test(q)) return 'yesno';
  if (/\bhow (much|many|long|big|large|often|fast|slow)\b/.test(q)) return 'quantity';
  if (/^(why|what for|how come)\b/.test(q) || /\bwhy (do|does|is|are|would|should|did)\b/.test(q)) return 'why';
  // "What's going on?", "what went wrong?", "what's causing it?" ask for a cause, as "why" does.
  if (/^what(?:'?s| is| are) (?:going on|happening|wrong|causing|the cause|the (?:design )?(?:flaw|problem|issue)|behind)\b|^what (?:happened|went wrong|did (?:i|we) (?:do|get) wrong|causes|caused|could cause|would cause)\b/.test(q)) return 'why';
  if (/\b(difference|differ|vs\.?|versus|compared)\b/.test(q)) return 'difference';
  if (/^(do|does|did|is|are|can|could|should|must|will|would|was|were|has|have)\b/.test(q)) return 'yesno';
  if (/^(how|what steps)\b/.test(q)) return 'how';
  if (/^(when|at what (point|stage|moment))\b/.test(q)) return 'when';
  if (/^(what|which|who)\b/.test(q)) return 'what';
  if (/^(explain|describe|eli5|tell me about|define)\b/.test(q)) return 'what';
  return '';
}

/** Words a question opens with when it asks straight away, rather than setting out a situation first. */
const OPENING = /^(how|what|what's|whats|why|when|which|who|where|do|does|did|is|are|can|could|should|must|will|would|was|were|has|have|explain|describe|eli5|tell me about|define|at what)\b/;

const INTERROGATIVE = /^(how|what|what's|whats|why|when|which|where|who|should|shall|can|could|do|does|did|is|are|was|were|will|would|must|any|anyone|tips|best way|ideas)\b/i;

/**
 * The clause of a long question that asks ("...rolled out everywhere in 30 seconds. how should config
 * changes be rolled out?"), when the question has context before it; null when it is one clause.
 */
export function askingClause(question: string): string | null {
  const clauses = question.split(/(?<=[.?!;])\s+|\s+(?:—|–|-)\s+/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2) return null;
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i]!;
    if (/\?\s*$/.test(c) || INTERROGATIVE.test(c)) return i === 0 ? null : c;
  }
  return null;
}

/** Answers that open as a reply to their own question: read under another question they mislead. */
const REPLY_OPENING = /^(yes|no|not|probably|likely|because|about|around|roughly|more|less|fewer|enough|rarely|usually|often|only|never|always|at (about|least|most)|up to|a lot|it depends|by |when |after |before |once )\b/i;

const cardTypeCache = new WeakMap<Unit, string>();
function cardTypeOf(card: Unit): string {
  let t = cardTypeCache.get(card);
  if (t === undefined) cardTypeCache.set(card, (t = questionType(card.heading, true)));
  return t;
}

/** The terms of each side a difference card contrasts ("Lamport clock", "vector clock"), once per card. */
const cardSidesCache = new WeakMap<Unit, string[][] | null>();
function cardSidesOf(card: Unit): string[][] | null {
  let sides = cardSidesCache.get(card);
  if (sides === undefined) cardSidesCache.set(card, (sides = parseQuestion(card.heading).sides?.map((side) => terms(side)) ?? null));
  return sides;
}

/** A card's own words (beyond its document's subject and the aspect asked), once per card: they depend only on the card. */
const cardOwnCache = new WeakMap<Unit, Weighted[]>();
function cardOwnTerms(engine: SearchEngine, card: Unit, own: (x: Weighted) => boolean): Weighted[] {
  let out = cardOwnCache.get(card);
  if (!out) cardOwnCache.set(card, (out = cardTerms(engine, card).filter(own)));
  return out;
}

const cardSetCache = new WeakMap<Unit, Set<string>>();
function cardTermSet(engine: SearchEngine, card: Unit): Set<string> {
  let set = cardSetCache.get(card);
  if (!set) cardSetCache.set(card, (set = new Set(cardTerms(engine, card).map((x) => x.term))));
  return set;
}
/** The user's terms as a set, once per question (the same list is matched against every card). */
const userSets = new WeakMap<Weighted[], Set<string>>();

/** A card question's weighted terms, worked out once per card. */
const cardTermCache = new WeakMap<Unit, Weighted[]>();
export function cardTerms(engine: SearchEngine, card: Unit): Weighted[] {
  let q = cardTermCache.get(card);
  if (!q) cardTermCache.set(card, (q = weighted(engine, card.heading)));
  return q;
}

/** Whether a one-word synonym of a term ("dedupe" for "duplicate") is in a set: it counts as the word, a little less. */
function alikeIn(engine: SearchEngine, term: string, set: Set<string>): boolean {
  const alike = engine.alike(term);
  for (let i = 0; i < alike.length; i++) if (set.has(alike[i]!)) return true;
  return false;
}

/** How well a card's question matches the user's: F-measure of shared weighted terms (answer terms count part). */
export function cardMatch(engine: SearchEngine, userTerms: Weighted[], card: Unit, subject: Set<string>, subjectNamed: boolean, answerTerms: Set<string> = new Set()): number {
  const q = cardTerms(engine, card);
  if (!q.length || !userTerms.length) return 0;
  const qSet = cardTermSet(engine, card);
  const aSet = answerTerms;
  let userSet = userSets.get(userTerms);
  if (!userSet) userSets.set(userTerms, (userSet = new Set(userTerms.map((x) => x.term))));
  let recallHit = 0;
  let recallAll = 0;
  for (const { term, weight } of userTerms) {
    recallAll += weight;
    if (qSet.has(term)) recallHit += weight;
    else if (alikeIn(engine, term, qSet)) recallHit += ANSWER_TUNING.synonymMatch * weight;
    else if (aSet.has(term)) recallHit += 0.5 * weight;
    else if (subject.has(term)) recallHit += 0.8 * weight;
  }
  let precHit = 0;
  let precAll = 0;
  for (const { term, weight } of q) {
    precAll += weight;
    // The card's own subject words ("circuit breaker") are implied when the user is asking about that subject.
    if (userSet.has(term) || (subjectNamed && subject.has(term))) precHit += weight;
    else if (alikeIn(engine, term, userSet)) precHit += ANSWER_TUNING.synonymMatch * weight;
  }
  const r = recallHit / recallAll;
  const p = precHit / precAll;
  return r + p ? (2 * r * p) / (r + p) : 0;
}

/** Sections that describe what goes wrong: they answer "how does it fail" and "why not", and mislead a how-to. */
const FAILURE_SECTIONS = new Set(['anti-patterns', 'pitfalls and a failure story', 'pitfalls', 'a failure story', 'what went wrong or was learned', 'when not to use']);
const STORY_SECTIONS = new Set(['pitfalls and a failure story', 'a failure story', 'what went wrong or was learned']);
const ASKS_ABOUT_FAILURE = new Set<Aspect>(['fix', 'avoid', 'costs', 'example']);

/** Headings in lower case, once each: passages are scored by the thousand per question. */
const lowerHeadings = new Map<string, string>();
function lowerHeading(heading: string): string {
  let lower = lowerHeadings.get(heading);
  if (lower === undefined) lowerHeadings.set(heading, (lower = heading.toLowerCase()));
  return lower;
}

/** A passage's fit to the question's own words (subject words excluded) and aspect, 0 to about 1.3. */
function passageScore(p: Passage, ask: Weighted[], aspect: Aspect, askTotal: number): number {
  if (p.teaser) return 0;
  let hit = 0;
  for (let i = 0; i < ask.length; i++) if (p.terms.has(ask[i]!.term)) hit += ask[i]!.weight;
  let s = askTotal ? hit / askTotal : 0;
  const heading = lowerHeading(p.heading);
  if (sectionFits(aspect, heading)) s += ANSWER_TUNING.aspectBonus;
  // A failure story tells what happened to someone; a pitfall item still advises. Neither answers a how-to.
  else if (!ASKS_ABOUT_FAILURE.has(aspect) && FAILURE_SECTIONS.has(heading)) s *= p.item ? 0.75 : 0.5;
  // The narrative of a failure story tells what happened to someone, which answers only a question
  // asking for an example; the lessons are in its items.
  if (aspect !== 'example' && STORY_SECTIONS.has(heading) && !p.item) s *= 0.6;
  // A product's entry in a list of implementations ("**HAProxy**: balance roundrobin...") answers a question about that product.
  if (p.item && p.label && heading === 'in practice' && aspect !== 'example' && aspect !== 'settings' && !labelAsked(p.label, ask)) s *= 0.7;
  if (p.dependent && !p.previous) s *= 0.6;
  if (p.item && !p.leadIn && !/[.!?]$/.test(p.text.trim())) s *= 0.7;
  if (p.words < 7) s *= 0.5;
  else if (p.words > 70) s *= 0.8;
  return s - p.order * 1e-4;
}

/** Whether the question names a passage's label ("HAProxy", "Kubernetes"). */
const labelTerms = new Map<string, string[]>();
function labelAsked(label: string, ask: Weighted[]): boolean {
  let words = labelTerms.get(label);
  if (!words) labelTerms.set(label, (words = terms(label)));
  return words.some((w) => ask.some((x) => x.term === w));
}

const MISTAKE_SECTIONS = new Set(['anti-patterns', 'pitfalls']);

const EMPTY_LEAD_IN = /^(?:(?:further|other|more|additional|some)\s+)?(?:details|notes|points|things|facts|figures|examples)(?:\s+worth\s+\w+)?:$/i;

/** A passage as text that stands alone: a leaning sentence keeps the one before, an item its lead-in. */
export function standalone(p: Passage): string {
  // An item of a list of mistakes reads as advice unless it says it is one.
  if (p.item && !p.leadIn && MISTAKE_SECTIONS.has(p.heading.toLowerCase())) return `A common mistake: ${p.text}`;
  // A lead-in that only announces more ("Other figures worth memorising:") adds nothing to its item.
  if (p.item && p.leadIn) return EMPTY_LEAD_IN.test(p.leadIn) ? p.text : `${p.leadIn} ${p.text}`;
  if (p.dependent && p.previous && !/:\s*$/.test(p.previous)) return `${p.previous} ${p.text}`;
  return p.text;
}

export function firstSentences(text: string, n: number): string {
  return splitSentences(text).slice(0, n).join(' ');
}

export type Built = {
  lead: string;
  points: string[];
  cited: Array<{ doc: DocMeta; anchor: string; heading: string }>;
  strength: number;
  card?: boolean;
  /** The lead says what the subject is, for a question that asks no more than that ("what is a saga?"). */
  defines?: boolean;
  /** For a jargon lead: the terms it explained, joined by '|', so the rest of the question can still be answered. */
  rest?: string;
  /** No sentence of the text fitted the question: the lead is the top document's summary, for want of better. */
  fallback?: boolean;
};

/** A section's heading by its anchor ('Overview' for the opening or an anchor it does not have). */
export function headingOf(doc: DocMeta, anchor: string): string {
  return doc.sections.find((s) => s.anchor === anchor)?.heading ?? 'Overview';
}

/** Best score first (-1, 0 or 1: a comparator returning the difference allocates a number per call). */
const byScore = (a: { score: number }, b: { score: number }) => (b.score > a.score ? 1 : b.score < a.score ? -1 : 0);

export type RankedPassage = { p: Passage; score: number; doc: DocMeta };

/** Ranked passages of a document for the question, each score times `weight` (a lower-ranked document's share). */
export function rankPassages(text: DocText, ask: Weighted[], aspect: Aspect, doc: DocMeta, weight = 1): RankedPassage[] {
  const total = ask.reduce((a, b) => a + b.weight, 0);
  const n = text.passages.length;
  if (scratch.length < n) scratch = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) scratch[i] = passageScore(text.passages[i]!, ask, aspect, total);
  // Only the best few are ever read (a lead, a few points, a fallback): the rest are not worth an object each.
  // The MAX_RANKED-th best score, found on a copy: the scores are read again below.
  const floor = n > MAX_RANKED ? select(copyOf(scratch, n), n - MAX_RANKED) : 0;
  const ranked: RankedPassage[] = [];
  for (let i = 0; i < n; i++) {
    const score = scratch[i]!;
    if (score > 0 && score >= floor) ranked.push({ p: text.passages[i]!, score: score * weight, doc });
  }
  return ranked.sort(byScore);
}

/** Passages kept per document by `rankPassages` (ties at the last score are all kept). */
const MAX_RANKED = 32;
let scratch = new Float64Array(1024);
let selectBuffer = new Float64Array(1024);

/** The first n values in a reused buffer, for a selection that reorders them. */
function copyOf(values: Float64Array, n: number): Float64Array {
  if (selectBuffer.length < n) selectBuffer = new Float64Array(n * 2);
  const copy = selectBuffer.subarray(0, n);
  copy.set(values.subarray(0, n));
  return copy;
}

/** Whether two texts say nearly the same thing (most of the shorter one's terms are in the longer). */
export function overlaps(a: string | Set<string>, b: string | Set<string>): boolean {
  const ta = typeof a === 'string' ? new Set(terms(stripInline(a))) : a;
  const tb = typeof b === 'string' ? new Set(terms(stripInline(b))) : b;
  const [small, big] = ta.size < tb.size ? [ta, tb] : [tb, ta];
  if (!small.size) return true;
  let n = 0;
  for (const t of small) if (big.has(t)) n++;
  return n / small.size > 0.7;
}

/** Supporting points: complete thoughts from the top documents that add to the lead. */
export function supportingPoints(ctx: Ctx, ranked: RankedPassage[], lead: string, floor: number): { points: string[]; cited: Built['cited'] } {
  const points: string[] = [];
  const cited: Built['cited'] = [];
  const used: Array<{ text: string; terms: Set<string> }> = [{ text: lead, terms: new Set(terms(stripInline(lead))) }];
  for (const { p, score, doc } of ranked) {
    if (points.length >= ANSWER_TUNING.maxPoints || score < floor) break;
    if (p.teaser || p.words < 7 || used.some((u) => u.text.includes(p.text) || overlaps(u.terms, p.terms))) continue;
    // A sentence leaning on a teaser ("The following is an example. It shows...") has nothing to stand on.
    if (p.dependent && p.previous && TEASER.test(stripInline(p.previous))) continue;
    // Items of one list share their lead-in: say it once.
    const text = p.item && p.leadIn && used.some((u) => u.text.startsWith(p.leadIn!)) ? p.text : standalone(p);
    used.push({ text, terms: p.terms });
    points.push(md(ctx, text));
    cited.push({ doc, anchor: p.anchor, heading: p.heading });
  }
  return { points, cited };
}

type Subject = { hits: DocHit[]; search: SearchOutcome; inherited: boolean };

/** The documents a question is about, borrowing the previous turn's subject when it names none. */
function resolveSubject(ctx: Ctx, question: string, options: AskOptions): Subject {
  const own = ctx.engine.search(question, { limit: 5 });
  const previousIds = options.context?.sources?.filter((id) => ctx.engine.docById(id)) ?? [];
  if (!options.previous && !previousIds.length) return { hits: own.hits, search: own, inherited: false };
  const ownTop = own.hits[0];
  // A follow-up that names a topic of its own ("and what about bulkheads?") takes that topic.
  const namesTopic = !!ownTop && ownTop.named;
  if (namesTopic) return { hits: own.hits, search: own, inherited: false };
  let prevHits: DocHit[] = [];
  if (previousIds.length) {
    prevHits = ctx.engine.search(previousIds.map((id) => ctx.engine.docById(id)!.title).join(' '), { limit: 5 }).hits.filter((h) => previousIds.includes(h.doc.id));
  }
  if (!prevHits.length && options.previous) prevHits = ctx.engine.search(options.previous, { limit: 3 }).hits;
  if (!prevHits.length) return { hits: own.hits, search: own, inherited: false };
  const subject = prevHits[0]!;
  // Re-score the previous subject with this question's words, so its sections fit the new aspect.
  const focused = ctx.engine.search(`${question} ${subject.doc.title}`, { limit: 5 });
  const hit = focused.hits.find((h) => h.doc === subject.doc) ?? subject;
  return { hits: [hit, ...own.hits.filter((h) => h.doc !== subject.doc)].slice(0, 5), search: { ...focused, topicality: 1 }, inherited: true };
}

/**
 * Confidence: how much of the question (rare words weigh more) the best document covers, scaled
 * by how much of the question is about things the compendium names (topicality), plus a bonus when
 * the question names the document.
 */
export function confidenceOf(hit: DocHit | undefined, termCount: number, topicality = 1): number {
  if (!hit || termCount === 0) return 0;
  const named = hit.named ? 0.15 : 0;
  const onTopic = hit.named ? 1 : topicality;
  return Math.round(Math.min(1, 0.1 + 0.75 * hit.docCoverage * onTopic + named) * 100) / 100;
}

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

/** The best card among the candidate documents' cards. */
function bestCard(ctx: Ctx, question: string, hits: DocHit[], inherited: boolean, texts: Map<string, DocText>): { card: Unit; doc: DocMeta; score: number; answer: string } | null {
  const user = weighted(ctx.engine, question);
  // A long question with context ("we run X... it broke. how should Y?") is matched by its asking clause too.
  const asking = askingClause(question);
  const clause = asking ? weighted(ctx.engine, asking) : null;
  const top = hits[0];
  if (!top) return null;
  // A question that only names its subject ("what is a saga?", "what about CQRS?") matches only a
  // card that asks nothing more than that either.
  const topSubject = subjectTerms(top.doc);
  const onlySubject = user.every((x) => topSubject.has(x.term) || ASPECT_STEMS.has(x.term) || x.weight < 1);
  let best: { card: Unit; doc: DocMeta; score: number; answer: string } | null = null;
  const asked = questionType(question);
  const said = new Set(terms(question));
  // "I've heard 3PC fixes 2PC's blocking": a question naming both sides of a difference card asks for it.
  const namesBothSides = (card: Unit) => {
    const sides = cardSidesOf(card);
    // Words both sides share ("clock" in "Lamport clock" and "vector clock") do not name either.
    return !!sides && sides.every((side) => side.some((t) => said.has(t) && !sides.every((o) => o.includes(t))));
  };
  const contrasts = asked === 'difference' || asked === 'yesno' || /\b(differ\w*|vs\.?|versus|compared?|instead of|or)\b/i.test(question);
  hits.slice(0, ANSWER_TUNING.candidateDocs).forEach((h, rank) => {
    const answers = texts.get(h.doc.id)?.cards;
    if (!answers) return;
    const subject = subjectTerms(h.doc);
    const named = inherited ? rank === 0 : h.named || h.strong;
    // A card of a lower-ranked document must match much better to win over the best document.
    const factor = rank === 0 ? 1 : Math.min(1, Math.pow(h.score / top.score, 0.25)) * 0.9;
    // A question's (or a card's) own words: beyond this document's subject and the aspect asked.
    const own = (x: Weighted) => !subject.has(x.term) && !ASPECT_STEMS.has(x.term) && x.weight >= 1;
    const mine = user.filter(own);
    for (const card of ctx.engine.cardsOf(h.doc)) {
      if (onlySubject && cardTerms(ctx.engine, card).some((x) => !topSubject.has(x.term) && !ASPECT_STEMS.has(x.term) && x.weight >= 1)) continue;
      const text = answers.get(card.anchor);
      if (!text) continue;
      // A card that shares none of the question's own words beyond the subject asks something else
      // ("three-phase commit?" for "explain two-phase commit"), however well the subject matches.
      const cardOwn = cardOwnTerms(ctx.engine, card, own);
      if (cardOwn.length && mine.length && !cardOwn.some((c) => mine.some((u) => u.term === c.term))) continue;
      // A card that asks only about the subject ("Do I need a service mesh?") answers only its own kind of question.
      const kind = cardTypeOf(card);
      if (!cardOwn.length && asked && kind && asked !== kind) continue;
      // ...and only a question that names that subject: "What does CQRS stand for?" says nothing to
      // someone describing a stale search index who never said "CQRS".
      if (!cardOwn.length && !h.named && !(inherited && rank === 0) && !cardTerms(ctx.engine, card).every((x) => ASPECT_STEMS.has(x.term) || said.has(x.term))) continue;
      // A card that contrasts two things answers only a question that asks for a difference.
      if (kind === 'difference' && asked && !contrasts && !namesBothSides(card)) continue;
      // A card that asks another kind of question ("how much" where the user asked "how does it work")
      // answers something else, whatever words they share: its answer may open with "A lot" or "Yes".
      const leansOnQuestion = REPLY_OPENING.test(text.answer);
      const sameType = !asked || !kind || asked === kind ? 1 : leansOnQuestion ? ANSWER_TUNING.otherTypeReply : ANSWER_TUNING.otherTypeCard;
      const full = cardMatch(ctx.engine, user, card, subject, named, text.terms);
      const part = clause ? ANSWER_TUNING.clauseCard * cardMatch(ctx.engine, clause, card, subject, named, text.terms) : 0;
      const score = Math.max(full, part) * factor * sameType;
      if (!best || score > best.score) best = { card, doc: h.doc, score, answer: text.answer };
    }
  });
  return best;
}

/** Loads the text of the given documents, skipping any that cannot be read. */
export async function loadAll(ctx: Ctx, docs: DocMeta[]): Promise<DocText[]> {
  const texts = await Promise.all(docs.map((d) => ctx.load(d.id).catch(() => null)));
  return texts.filter((t): t is DocText => !!t);
}

/** The answer from a matching card, with a point or two from the document that add to it. */
function fromCard(ctx: Ctx, card: Unit, answer: string, doc: DocMeta, score: number, text: DocText | undefined, question: string, aspect: Aspect): Built {
  const lead = md(ctx, answer);
  const ask = weighted(ctx.engine, question, subjectTerms(doc));
  const ranked = text ? rankPassages(text, ask, aspect, doc) : [];
  const floor = ranked.length ? ranked[0]!.score * 0.8 : 1;
  const { points, cited } = supportingPoints(ctx, ranked.slice(0, 6), answer, Math.max(floor, 0.35));
  // "...what are they and what do you give up?": a card about what it is, then the asked aspect from the front matter.
  // "When do you send the second one?" asks about timing, not fit: the use-when list needs a question about using it.
  const aboutUse = aspect !== 'when' || /\b(use|using|adopt|pick|choose|fit|worth|suitable|appropriate|makes? sense)\b/i.test(question);
  const list = aboutUse && ['define', 'expand', 'general'].includes(aspectOf(card.heading)) ? frontMatterList(doc, aspect) : undefined;
  if (list && list.items.length) {
    const heading = headingOf(doc, list.anchor);
    points.unshift(`${list.say} ${list.items.slice(0, 2).map((x) => md(ctx, x.replace(/[.;]\s*$/, ''))).join('; ')}.`);
    cited.unshift({ doc, anchor: heading === 'Overview' ? '' : list.anchor, heading });
  }
  return { lead, points: points.slice(0, 2), cited: [{ doc, anchor: card.anchor, heading: card.heading }, ...cited], strength: score, card: true };
}

/** The front-matter list that answers an aspect ("when not to use it": avoid_when), with how to introduce it. */
function frontMatterList(doc: DocMeta, aspect: Aspect): { items: string[]; say: string; anchor: string } | undefined {
  if (aspect === 'avoid') return { items: doc.avoid_when, say: `${doc.title} is a poor fit for:`, anchor: 'when-not-to-use' };
  if (aspect === 'when') return { items: doc.use_when, say: `${doc.title} fits:`, anchor: 'when-to-use' };
  if (aspect === 'costs') return { items: doc.tradeoffs, say: `${doc.title} trades:`, anchor: 'trade-offs' };
  return undefined;
}

/** A question about what to read or study here, rather than about a topic. */
const STUDY = /\b(?:where (?:do|should|can) (?:i|we|you) (?:start|begin)|what should (?:i|we) (?:read|study|learn)|(?:learning|study|reading) (?:path|plan|order|list)|which (?:learning )?path|(?:this|the) (?:compendium|guide|site)|new to distributed|new grad|how long (?:will|does|would) (?:it|that|the path) take)\b/i;

/** A question that asks whether to use something: "should we adopt X?", "do I need X?", "is X overkill for us?". */
const DECIDES = /^\s*(?:should|shall|do|does|would|will|is|are|can|must)\b[^?]*\b(?:adopt|use|using|need|introduce|add|go with|switch to|move to|migrate to|worth|overkill|bother|invest in|start with|run)\b/i;

/** How much of a situation's words the question states (rare words weigh more), 0 to 1. */
function fits(item: string, ask: Weighted[]): number {
  const words = new Set(terms(item));
  let hit = 0;
  let all = 0;
  for (const { term, weight } of ask) {
    all += weight;
    if (words.has(term)) hit += weight;
  }
  return all ? hit / all : 0;
}

/**
 * Whether to use the subject, from its front matter: the situation the question describes is weighed
 * against the document's "use when" and "avoid when" lists. A clear lean gives a yes or no with
 * the situation that decides it; otherwise the answer names what it depends on.
 */
function decide(ctx: Ctx, question: string, top: DocHit, ask: Weighted[], texts: Map<string, DocText>): Built | null {
  const doc = top.doc;
  if (!DECIDES.test(askingClause(question) ?? question) || !(top.named || top.strong) || !doc.use_when.length || !doc.avoid_when.length) return null;
  const situation = ask.filter((x) => x.weight >= 1);
  const score = (items: string[]) => items.map((item) => ({ item, s: fits(item, situation) })).sort((a, b) => b.s - a.s);
  const use = score(doc.use_when);
  const avoid = score(doc.avoid_when);
  const clean = (x: string) => md(ctx, x.replace(/[.;]\s*$/, ''));
  const u = use[0]!;
  const a = avoid[0]!;
  // The lists hold clauses and noun phrases alike, so each is quoted after a colon, never inside a sentence.
  const lean = ANSWER_TUNING.decisionLean;
  let lead: string;
  if (a.s > 0 && a.s >= lean * u.s) lead = `Probably not. A case where ${doc.title} is a poor fit: ${clean(a.item)}. Where it pays off instead: ${clean(doc.use_when[0]!)}.`;
  else if (u.s > 0 && u.s >= lean * a.s) lead = `Yes, if your case matches. Where ${doc.title} pays off: ${clean(u.item)}. Where it is a poor fit: ${clean(doc.avoid_when[0]!)}.`;
  else lead = `It depends on your case. Where ${doc.title} pays off: ${clean(doc.use_when[0]!)}. Where it is a poor fit: ${clean(doc.avoid_when[0]!)}.`;
  const text = texts.get(doc.id);
  const ranked = text ? rankPassages(text, ask, 'need', doc) : [];
  const { points, cited } = supportingPoints(ctx, ranked, lead, 0.3);
  const when = headingOf(doc, 'when-to-use');
  // A lean read from shared words is a weak guess ("peel off endpoints one at a time" shares
  // "rewrite" with Strangler Fig's poor fit): a card that answers the question outranks it.
  return { lead, points: points.slice(0, 2), cited: [{ doc, anchor: when === 'Overview' ? '' : 'when-to-use', heading: when }, ...cited], strength: 0.6 };
}

/** The answer extracted from the documents' passages, focused on the question's own words. */
function fromPassages(ctx: Ctx, question: string, aspect: Aspect, hits: DocHit[], texts: Map<string, DocText>, intent: Intent): Built | null {
  const top = hits[0]!;
  const docs = hits.slice(0, ANSWER_TUNING.candidateDocs).filter((h, i) => i === 0 || h.score >= top.score * ANSWER_TUNING.secondDocShare);
  const subject = subjectTerms(top.doc);
  const ask = weighted(ctx.engine, question, subject).filter((x) => !ASPECT_STEMS.has(x.term) || aspect === 'general');
  // The subject's own words count a little: of two sentences that answer, prefer the one about the subject.
  const withSubject = [...ask, ...[...subject].map((term) => ({ term, weight: 0.15 * ctx.engine.termWeight(term) }))];
  const ranked: RankedPassage[] = [];
  docs.forEach((h, i) => {
    const text = texts.get(h.doc.id);
    if (!text) return;
    const docAsk = i === 0 ? withSubject : weighted(ctx.engine, question, subjectTerms(h.doc));
    // Another document's sentence must fit clearly better to lead: its weight follows its rank.
    const weight = i === 0 ? 1 : Math.min(0.85, Math.sqrt(h.score / top.score));
    for (const x of rankPassages(text, docAsk, aspect, h.doc, weight)) ranked.push(x);
  });
  ranked.sort(byScore);
  // "When should I not use it?" about a pattern: its front matter says exactly that.
  // "Should we adopt X?", "do I need X for this?": the situations it fits and does not, weighed against the question's.
  const decision = decide(ctx, question, top, ask, texts);
  if (decision) return decision;
  const list = frontMatterList(top.doc, aspect);
  if (list && list.items.length && ask.every((x) => x.weight < 2.5)) {
    const items = list.items.slice(0, 3).map((x) => md(ctx, x.replace(/[.;]\s*$/, '')));
    const lead = `${list.say} ${items.join('; ')}.`;
    const heading = headingOf(top.doc, list.anchor);
    const text = texts.get(top.doc.id);
    const extra = text ? rankPassages(text, withSubject, aspect, top.doc) : [];
    const { points, cited } = supportingPoints(ctx, extra, lead, 0.2);
    return { lead, points: points.slice(0, 2), cited: [{ doc: top.doc, anchor: heading === 'Overview' ? '' : list.anchor, heading }, ...cited], strength: 0.8 };
  }
  // A question that only names its subject ("what is a saga?") is answered by what the subject is.
  // "what does idempotent mean for an API?" asks what the subject is, in a setting: the definition leads.
  // "what is backpressure, concretely, in a data pipeline?" asks what the subject is, then in a setting.
  const opener = /^\s*(?:so\s+|and\s+)?what(?:'s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?([\w-]+)/i.exec(question);
  const whatIs = !!opener && (top.named || top.strong) && terms(opener[1]!).some((t) => subject.has(t));
  const means = (/\bwhat (?:does|do|is) .{1,40} (?:mean|stand for)\b|\bmeaning of\b/i.test(question) || whatIs) && (top.named || top.strong);
  const definition = !ask.length || means || (intent === 'definition' && ask.every((x) => x.weight < 1 || ASPECT_STEMS.has(x.term)));
  const best = ranked[0];
  if (definition || !best || best.score < 0.2) {
    // Nothing in the text speaks to more than the subject: say what the subject is, then how it works.
    const lead = md(ctx, firstSentences(top.doc.summary, 1));
    const how = texts.get(top.doc.id);
    const solution = how ? rankPassages(how, ask, aspect === 'general' ? 'define' : aspect, top.doc) : [];
    const { points, cited } = supportingPoints(ctx, [...(best ? ranked : []), ...solution].sort(byScore), lead, 0.2);
    return { lead, points, cited: [{ doc: top.doc, anchor: '', heading: 'Overview' }, ...cited], strength: best ? Math.max(0.5, best.score) : 0.5, defines: definition, fallback: !definition };
  }
  let lead = standalone(best.p);
  const mentionsSubject = [...terms(question)].some((t) => subject.has(t));
  const unnamed = (!top.named && !top.strong) || (intent === 'scenario' && !top.named && !mentionsSubject);
  // ...but a question that asks what a term is ("in DDD, what's an ACL?", "TTL on a DNS record, what
  // does it control?") is not told which pattern its situation calls for.
  // ("what's the fix?", "what's happening?" ask about the situation).
  const asksTerm = intent === 'definition' || /\bwhat(?:'s|\s+is|\s+are)\s+(?:an?\s+)?(?!(?:fix|solution|remedy|problem|issue|answer|pattern|cause|wrong|happening|going|option|catch|deal|point|plan|risk|tradeoff|trade-off|alternative|difference|impact)\b)[\w-]+\s*\?|\bwhat (?:does|do|is) .{1,40} (?:mean|stand for|control|refer to)\b/i.test(question);
  if (unnamed && !asksTerm && best.doc === top.doc && top.doc.kind === 'pattern') {
    // A described problem that never names its solution: name it first, then the sentence that fits.
    const rest = ranked.filter((r) => r !== best);
    const { points, cited } = supportingPoints(ctx, [best, ...rest], firstSentences(top.doc.summary, 1), best.score * ANSWER_TUNING.pointShare);
    const named = `This is what **${top.doc.title}** is for. ${md(ctx, firstSentences(top.doc.summary, 1))}`;
    return { lead: named, points, cited: [{ doc: top.doc, anchor: '', heading: 'Overview' }, ...cited], strength: best.score };
  }
  // A next sentence that continues the thought joins the lead (at most three sentences in all).
  const next = texts.get(best.doc.id)?.passages.find((p) => p.order === best.p.order + 1 && p.anchor === best.p.anchor && !p.item);
  const short = stripInline(lead).split(/\s+/).length < 14;
  if (next && !next.teaser && splitSentences(lead).length < 3 && (short || next.dependent || ranked.some((r) => r.p === next && r.score >= best.score * 0.5))) {
    lead = `${lead} ${next.text}`;
  }
  const rest = ranked.filter((r) => r !== best && !(next && r.p === next && lead.includes(next.text)));
  const { points, cited } = supportingPoints(ctx, rest, lead, best.score * ANSWER_TUNING.pointShare);
  return { lead: md(ctx, lead), points, cited: [{ doc: best.doc, anchor: best.p.anchor, heading: best.p.heading }, ...cited], strength: best.score };
}

function render(built: Built, prefix = ''): string {
  const lead = prefix ? `${prefix}${built.lead}` : built.lead;
  return [lead, built.points.map((p) => `- ${p}`).join('\n')].filter(Boolean).join('\n\n');
}

/** Sources: each document once, at the section the answer drew on first, then the other top documents. */
function sourcesOf(ctx: Ctx, cited: Built['cited'], hits: DocHit[]): Source[] {
  const sources: Source[] = [];
  const top = Math.max(...hits.map((h) => h.score), 1e-9);
  const scoreOf = (doc: DocMeta) => Math.round(Math.min(1, (hits.find((h) => h.doc === doc)?.score ?? top * 0.5) / top) * 1000) / 1000;
  const add = (doc: DocMeta, anchor: string, heading: string) => {
    if (sources.length >= ANSWER_TUNING.maxSources || sources.some((s) => s.id === doc.id)) return;
    sources.push({ id: doc.id, title: doc.title, section: heading, url: link(ctx, doc, anchor), score: scoreOf(doc) });
  };
  for (const c of cited) add(c.doc, c.anchor, c.heading);
  for (const h of hits.slice(0, 3)) {
    const best = h.sections.find((s) => !s.unit.card && s.unit.anchor !== '') ?? h.sections[0];
    if (best && h.score >= top * 0.5) add(h.doc, best.unit.anchor, best.unit.heading);
  }
  return sources;
}

function unsureAnswer(ctx: Ctx, hits: DocHit[], confidence: number, intent: Intent, note: string, scope: Scope): Answer {
  // Closest topics only when the question named them: otherwise they look random.
  const related = closestTopics(scope, hits).map((doc) => ({ doc }));
  const lines = [
    `${note}I'm not sure the compendium covers this. It answers questions about designing and running distributed systems: latency, capacity, failure, consistency, coordination, patterns such as circuit breakers, sagas and sharding, and the numbers behind them.`,
  ];
  if (related.length) {
    lines.push(`The closest topics it has:\n${related.map((h) => `- [${h.doc.title}](${link(ctx, h.doc)}): ${md(ctx, firstSentences(h.doc.summary, 1))}`).join('\n')}`);
  } else {
    lines.push('Try naming the problem you are solving, for example "how do I stop retries from overloading a service?".');
  }
  const sources = related.map((h) => ({ id: h.doc.id, title: h.doc.title, section: 'Overview', url: link(ctx, h.doc), score: 0 }));
  return { answer: lines.join('\n\n'), sources, intent, confidence: round2(confidence), unsure: true };
}

const FOREIGN_WORDS = new Set(
  `qué cómo cuál cuáles porqué para los las una el es está son del wie ist und nicht mit warum welche wann kann ich eine einen der
pourquoi est-ce quoi une les des pour est sont avec dans quel quelle che perché cosa sono della questo quando het een niet waarom
hoe wat zijn jak czy dlaczego jest się nie como não uma são por`.split(/\s+/),
);

/** A question mostly in another language gets a note that answers are in English. */
const LETTER = /\p{L}/u;
const LATIN = /[A-Za-z]/;

function languageNote(question: string): string {
  // Counted, not matched: a list of every letter of the question would be garbage on every call.
  let letters = 0;
  let latin = 0;
  for (const ch of question) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (LATIN.test(ch)) latin++;
  }
  const foreignScript = letters > 0 && latin / letters < 0.5;
  // Function words of other languages that are not English words too; two of them make a sentence foreign.
  const words = question.toLowerCase().match(/\p{L}+(?:-\p{L}+)?/gu) ?? [];
  const foreignWords = new Set(words.filter((w) => FOREIGN_WORDS.has(w))).size >= 2;
  return foreignScript || foreignWords ? 'Answers are in English; I matched the technical terms in your question. ' : '';
}

/**
 * A specific lead answers the question; the document's own two-sentence overview then says what the
 * subject is and how it works, which a narrow lead leaves out. Added when it says something new.
 */
/** A document's two-sentence overview and its terms, once per document. */
const overviews = new WeakMap<DocMeta, { overview: string; said: Set<string> }>();
function overviewOf(doc: DocMeta): { overview: string; said: Set<string> } {
  let o = overviews.get(doc);
  if (!o) {
    const overview = firstSentences(doc.summary, 2);
    overviews.set(doc, (o = { overview, said: new Set(terms(stripInline(overview))) }));
  }
  return o;
}

/**
 * Says what the answer's subject is: the overview of the lead's document and, when a point is still
 * free, of `best`, the question's best document by how it is asked about (search/card-language.ts),
 * when that is another one. Someone describing a situation often does not know the name of what
 * they need: the overview names it, whichever card or passage led.
 */
function withOverview(ctx: Ctx, built: Built, best?: DocMeta): Built {
  let out = built;
  let added = 0;
  for (const doc of new Set([built.cited[0]?.doc, best])) {
    if (!doc) continue;
    // The last place is kept for one overview: the lead document's, or, when the answer already
    // says what that one is, the other document's. A second overview only takes a free place.
    if (added && out.points.length >= ANSWER_TUNING.maxPoints) break;
    const { overview, said } = overviewOf(doc);
    if (!overview || overlaps(said, out.lead) || out.points.some((t) => overlaps(said, t))) continue;
    const kept = added ? out.points : out.points.slice(0, ANSWER_TUNING.maxPoints - 1);
    out = { ...out, points: [...kept, md(ctx, overview)], cited: [...out.cited, { doc, anchor: '', heading: 'Overview' }] };
    added++;
  }
  return out;
}

/** Turns a Built answer into the API's Answer. */
export function finish(ctx: Ctx, built: Built, hits: DocHit[], intent: Intent, confidence: number, prefix = ''): Answer {
  return { answer: render(built, prefix), sources: sourcesOf(ctx, built.cited, hits), intent, confidence: round2(confidence), unsure: false };
}

/**
 * The scope of a question asked without context, and the signals `longOffTopicOdds` weighs, as
 * `answerQuestion` works them out (for scripts/fit-scope.ts, which fits that model).
 */
export function scopeSignals(engine: SearchEngine, question: string): { scope: Scope; long: boolean; signals: LongSignals } {
  const scope = assessScope(engine, question, !!languageNote(question));
  const search = engine.search(scope.corrected ?? question, { limit: 5 });
  const confidence = searchConfidence(search, scope);
  return { scope, long: isLong(scope), signals: longSignals(scope, confidence, search.hits[0]?.docCoverage ?? 0) };
}

/** `confidenceOf` the best hit of a question's own search, which counts as named when the question names it, if only with a typo or by a glossary term. */
function searchConfidence(search: SearchOutcome, scope: Scope): number {
  const first = search.hits[0];
  const top = first && !first.named && scope.named.includes(first.doc) ? { ...first, named: true } : first;
  // Names the compendium gives (a glossary term such as "anycast", not an everyday word such as
  // "request") are on topic, even where the search counts them as mentioned only in passing.
  return confidenceOf(top, search.terms.length, Math.max(search.topicality, scope.distinctive / (scope.total || 1)));
}

export async function answerQuestion(engine: SearchEngine, load: TextLoader, question: string, options: AskOptions = {}): Promise<Answer> {
  const ctx: Ctx = { engine, base: options.baseUrl ?? '', load };
  const parsed = parseQuestion(question);
  const aspect = aspectOf(question);
  const note = languageNote(question);
  const scope = assessScope(engine, question, !!note);
  if (scope.offDomainRequest) return unsureAnswer(ctx, [], 0, parsed.intent, note, scope);
  // Typos in the names of topics ("leader eletion") are read as those names from here on, and a
  // question in another language as its terms of art.
  question = scope.corrected ?? question;

  if (parsed.intent === 'comparison' && parsed.sides) {
    const compared = await compareSides(ctx, question, parsed.sides, parsed.loose);
    if (compared) return { ...compared, answer: note + compared.answer };
  }

  const subject = resolveSubject(ctx, question, options);
  const { search } = subject;
  let { hits } = subject;
  // "where should I start, and how long will it take?": a question about reading the compendium is
  // answered by its learning paths and introduction, whatever everyday words ("start") match elsewhere.
  const asked = new Set(terms(question));
  // Whether the question names a document by its title's words ("retries" for Retry with Backoff).
  const namesDoc = (h: DocHit) => [...subjectTerms(h.doc)].some((t) => asked.has(t));
  const study = !subject.inherited && STUDY.test(question) && !hits.some((h) => h.doc.kind !== 'learning-path' && (h.named || namesDoc(h)));
  const guides = study ? ctx.engine.search(question, { limit: 3, kinds: ['learning-path', 'introduction'] }).hits : [];
  if (guides.length) {
    // The guide that fits, said plainly: what it covers, for whom and how long it takes.
    hits = guides;
    const lead = md(ctx, firstSentences(guides[0]!.doc.summary, 2));
    const other = guides[1] && guides[1].score >= guides[0]!.score * 0.5 ? [md(ctx, firstSentences(guides[1].doc.summary, 1))] : [];
    const built: Built = { lead, points: other, cited: [{ doc: guides[0]!.doc, anchor: '', heading: 'Overview' }, ...(other.length ? [{ doc: guides[1]!.doc, anchor: '', heading: 'Overview' }] : [])], strength: 1 };
    return finish(ctx, built, hits, parsed.intent, 0.7, note);
  }
  const intent: Intent = parsed.intent === 'comparison' ? 'scenario' : parsed.intent;
  const baseConfidence = subject.inherited ? Math.max(0.6, confidenceOf(hits[0], search.terms.length, 1)) : searchConfidence(search, scope);


  // Jargon: a glossary entry, or a sentence that spells the acronym out, leads with what the term means.
  const jargon = await jargonLead(ctx, question, hits, aspect);
  if (jargon) {
    // "what's goodput and how does it differ from throughput?": the entry, then what else was asked.
    const explained = jargon.rest!.split('|').map((t) => t.replace(/[^\w\s-]/g, '')).filter(Boolean);
    const remaining = question.replace(new RegExp(`\\b(?:${explained.join('|')})\\b`, 'gi'), ' ');
    const askRest = weighted(engine, remaining).filter((x) => !ASPECT_STEMS.has(x.term) && x.weight >= 1);
    if (askRest.length >= 1 && hits.length) {
      const texts = new Map((await loadAll(ctx, hits.slice(0, 2).map((h) => h.doc))).map((t) => [t.id, t]));
      const more = fromPassages(ctx, remaining, aspect, hits, texts, 'howto');
      if (more && more.strength >= 0.35 && !overlaps(jargon.lead, more.lead)) {
        jargon.points = [...jargon.points, more.lead, ...more.points].slice(0, jargon.points.length + 2);
        jargon.cited.push(...more.cited.slice(0, 2));
      }
    }
    return finish(ctx, jargon, hits, 'definition', Math.max(0.75, baseConfidence), note);
  }

  // A long question sets out a situation in everyday words: its scope, confidence and coverage are
  // weighed together. A short one must name something the compendium covers, and mostly words the
  // compendium never names and only mentions in passing ("excel", "kitchen sink") make it a question
  // about something else, however well its common words match.
  const long = isLong(scope);
  // A short question made only of names the compendium gives ("anycast, how does it work?") is on
  // topic, however few documents say more than its name in passing.
  const allNames = scope.domain >= scope.total && scope.distinctive > 0;
  let offTopic =
    !subject.inherited &&
    (outOfScope(scope) ||
      (long
        ? longOffTopicOdds(longSignals(scope, baseConfidence, hits[0]?.docCoverage ?? 0)) >= SCOPE_TUNING.longOffTopic
        : (!hits[0]?.named && search.foreign >= ANSWER_TUNING.maxForeign && !allNames && baseConfidence < ANSWER_TUNING.foreignButSure) || baseConfidence < ANSWER_TUNING.minConfidence));
  // The candidate documents' texts, loaded once (reordering below stays within the candidates).
  let loaded: Map<string, DocText> | undefined;
  const candidateTexts = async () => (loaded ??= new Map((await loadAll(ctx, hits.slice(0, ANSWER_TUNING.candidateDocs).map((h) => h.doc))).map((t) => [t.id, t])));
  // A long situation told in words the compendium does not use ("tomcat", "invoice emails") is
  // still on topic when one of its questions matches it closely.
  if (offTopic && long && !outOfScope(scope) && hits.length) {
    offTopic = (bestCard(ctx, question, hits, false, await candidateTexts())?.score ?? 0) < SCOPE_TUNING.cardRescue;
  }
  if (!hits.length || offTopic) {
    return unsureAnswer(ctx, hits, Math.min(baseConfidence, ANSWER_TUNING.minConfidence - 0.01), intent, note, scope);
  }

  // A document the question names by its title's words ("retries" for Retry with Backoff) leads
  // over one that only matches its incidental words, when the two are close.
  if (!subject.inherited && hits.length > 1) {
    if (!namesDoc(hits[0]!)) {
      const i = hits.slice(1, 3).findIndex((h) => namesDoc(h) && h.score >= hits[0]!.score * ANSWER_TUNING.namedDocShare);
      if (i >= 0) hits.unshift(...hits.splice(i + 1, 1));
    }
  }
  const texts = await candidateTexts();
  const card = bestCard(ctx, question, hits, subject.inherited, texts);
  const prefix = subject.inherited ? `On **${hits[0]!.doc.title}**: ` : '';
  // The answer's confidence: how likely it is to be right (confidence.ts).
  // (Reordering by named documents can put a lower score first: the margin is then 0.)
  const margin = hits[1] ? Math.min(1, Math.max(0, 1 - hits[1].score / hits[0]!.score)) : 1;
  const confident = (signals: AnswerSignals) => {
    options.onSignals?.(signals);
    return answerConfidence(signals);
  };
  // A card this close to the question leads whatever the text offers, so the text is not ranked.
  const sureCard = !!card && card.score >= ANSWER_TUNING.sureCard;
  // The document whose questions the question is most like, to name in an overview when no card
  // answers it surely: not for a follow-up, whose subject is already set.
  const best = subject.inherited || sureCard ? undefined : rerankByCardLanguage(ctx.engine, question, hits)[0]?.hit.doc;
  // A follow-up is answered from its subject's own text: other documents' scores come from
  // another search and do not compare.
  const passages = sureCard ? null : fromPassages(ctx, question, aspect, subject.inherited ? hits.slice(0, 1) : hits, texts, intent);
  // A card that matches only loosely gives way to a sentence of the text that fits clearly better.
  // (A summary given for want of a fitting sentence is no rival to a card that matches at all.)
  const cardWins =
    card &&
    (passages?.fallback
      ? card.score >= ANSWER_TUNING.fallbackCardLead
      : card.score >= ANSWER_TUNING.cardLead && (sureCard || !passages || passages.strength < card.score + ANSWER_TUNING.passageMargin));
  if (card && cardWins) {
    const fromIt = fromCard(ctx, card.card, card.answer, card.doc, card.score, texts.get(card.doc.id), question, aspect);
    // A case study's overview describes a whole system ("a chat system keeps millions of
    // connections open..."): after a card that answers surely, it adds nothing the asker needs,
    // unless they asked about that system.
    const built = sureCard && card.doc.kind === 'case-study' && !hits[0]?.named ? fromIt : withOverview(ctx, fromIt, best);
    const cardHits = [hits.find((h) => h.doc === card.doc)!, ...hits.filter((h) => h.doc !== card.doc)].filter(Boolean);
    return finish(ctx, built, cardHits, intent, confident({ search: baseConfidence, card: card.score, cardLed: passages?.fallback ? 0 : 1, defines: 0, margin, long: long ? 1 : 0 }), prefix);
  }
  if (!passages) return unsureAnswer(ctx, hits, baseConfidence, intent, note, scope);
  const built = withOverview(ctx, passages, best);
  const evidence = baseConfidence * (0.85 + 0.15 * Math.min(1, built.strength));
  // Weak search evidence and no sentence that fits well: not sure, rather than a confident guess.
  // (A long question was judged in scope above, weighing the same evidence.)
  if (!long && evidence < ANSWER_TUNING.minConfidence) return unsureAnswer(ctx, hits, evidence, intent, note, scope);
  return finish(ctx, built, hits, intent, confident({ search: baseConfidence, card: card?.score ?? 0, cardLed: 0, defines: built.defines ? 1 : 0, margin, long: long ? 1 : 0 }), note + prefix);
}
