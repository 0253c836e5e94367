import type { DocMeta, Unit } from '../knowledge/types';
import type { DocHit, SearchEngine } from '../search/engine';
import { terms } from '../search/text';
import { NAVIGATION_SECTIONS } from '../search/build';
import { KIND_LABEL } from '../content/kinds';
import { splitSentences } from '../content/sentences';
import { parseQuestion, type Intent } from './intent';
import { docUrl, resolveDocLinks } from './links';
import type { Answer, AskOptions, Source } from './types';

/** Answer tuning in one place. */
export const ANSWER_TUNING = {
  /** Below this confidence the answer says it is unsure and offers the closest topics. */
  minConfidence: 0.35,
  maxPoints: 5,
  maxSources: 5,
  /** Another document is "also relevant" when it scores at least this share of the best. */
  alsoRelevantShare: 0.55,
  /** A pattern within this share of the best document leads a how-to or scenario answer. */
  patternLeadShare: 0.5,
  /** Questions of at most this many terms with a pronoun borrow the previous question's subject. */
  followUpMaxTerms: 4,
} as const;

const FOLLOW_UP = /\b(it|its|it's|that|this|they|them|their|those|these|one)\b|^\s*(and|what about|how about|also|but)\b/i;

type Ctx = { engine: SearchEngine; base: string };

function link(ctx: Ctx, doc: DocMeta, anchor = ''): string {
  return docUrl(ctx.base, doc.id, anchor);
}

function firstSentence(text: string): string {
  return splitSentences(text)[0] ?? text;
}

function unitsOf(ctx: Ctx, doc: DocMeta): Unit[] {
  return ctx.engine.data.units.filter((u) => ctx.engine.data.docs[u.doc] === doc);
}

/**
 * Confidence: how much of the question (rare words weigh more) the best document covers, scaled
 * by how much of the question is about things the compendium names (topicality), plus a bonus when
 * the question names the document. Measured on the dev set and a set of off-topic questions.
 */
export function confidenceOf(hit: DocHit | undefined, termCount: number, topicality = 1): number {
  if (!hit || termCount === 0) return 0;
  // A question that names a document is on topic by definition.
  const named = hit.named ? 0.15 : 0;
  const onTopic = hit.named ? 1 : topicality;
  return Math.round(Math.min(1, 0.1 + 0.75 * hit.docCoverage * onTopic + named) * 100) / 100;
}

const NAVIGATION = NAVIGATION_SECTIONS;
/** When the question matched few sections, these say the most, in this order. */
const PREFERRED = [
  'solution', 'the constraint', 'the formula', 'approaches and their trade-offs', 'architecture', 'practices',
  'when to use', 'numbers to know', 'what it means for design', 'trade-offs', 'key decisions and trade-offs', 'in practice',
];

function preference(u: Unit): number {
  const i = PREFERRED.indexOf(u.heading.toLowerCase());
  return i === -1 ? PREFERRED.length : i;
}

/** Key points: the openings of the best-matching sections, then their bullet points. */
function keyPoints(ctx: Ctx, hit: DocHit, max: number, byPreference = false): string[] {
  const points: string[] = [];
  const seen = new Set<string>();
  const add = (text: string) => {
    const key = text.toLowerCase();
    if (!text || seen.has(key) || points.length >= max) return;
    seen.add(key);
    points.push(resolveDocLinks(text, ctx.base));
  };
  const says = (u: Unit) => u.anchor !== '' && !NAVIGATION.has(u.heading.toLowerCase());
  const matched = hit.sections.map((s) => s.unit).filter(says);
  const fallback = unitsOf(ctx, hit.doc)
    .filter((u) => says(u) && !matched.includes(u))
    .sort((a, b) => preference(a) - preference(b));
  // A definition reads best in the document's own order of importance; a how-to or scenario
  // leads with the sections that matched the question.
  const byPref = (a: Unit, b: Unit) => preference(a) - preference(b);
  const ordered = byPreference ? [...matched, ...fallback].sort(byPref) : [...[...matched].sort(byPref), ...fallback];
  for (const u of ordered.slice(0, 3)) if (u.lead) add(`**${u.heading}**: ${u.lead}`);
  for (const u of ordered) for (const p of u.points) add(p);
  return points;
}

function sourcesFor(ctx: Ctx, hits: DocHit[]): Source[] {
  const top = Math.max(...hits.map((h) => h.score), 1e-9);
  const sources: Source[] = [];
  // A section's score is its document's share of the best, scaled by how it ranks within the document.
  const relative = (h: DocHit, sectionScore: number) => (h.score / top) * (sectionScore / (h.sections[0]?.score || sectionScore || 1));
  const push = (doc: DocMeta, unit: Unit, score: number) => {
    if (sources.length >= ANSWER_TUNING.maxSources) return;
    if (sources.some((s) => s.id === doc.id && s.section === unit.heading)) return;
    sources.push({
      id: doc.id,
      title: doc.title,
      section: unit.heading,
      url: link(ctx, doc, unit.anchor),
      score: Math.round(Math.min(1, score) * 1000) / 1000,
    });
  };
  const cited = (h: DocHit) => {
    const says = h.sections.filter((s) => !NAVIGATION.has(s.unit.heading.toLowerCase()));
    return says.length ? says : h.sections.slice(0, 1);
  };
  const [first, ...rest] = hits;
  if (first) for (const s of cited(first).slice(0, 2)) push(first.doc, s.unit, relative(first, s.score));
  for (const h of rest) {
    const best = cited(h)[0];
    if (best) push(h.doc, best.unit, relative(h, best.score));
  }
  return sources;
}

function bullets(points: string[]): string {
  return points.map((p) => `- ${p}`).join('\n');
}

function alsoRelevant(ctx: Ctx, hits: DocHit[]): string {
  const top = hits[0]!.score;
  const others = hits.slice(1, 4).filter((h) => h.score >= top * ANSWER_TUNING.alsoRelevantShare);
  if (!others.length) return '';
  return `Also relevant: ${others.map((h) => `[${h.doc.title}](${link(ctx, h.doc)})`).join(', ')}.`;
}

function titleLink(ctx: Ctx, doc: DocMeta): string {
  return `**[${doc.title}](${link(ctx, doc)})**`;
}

function describe(doc: DocMeta): string {
  return doc.kind === 'pattern' ? 'pattern' : KIND_LABEL[doc.kind].toLowerCase();
}

function composeDirect(ctx: Ctx, intent: Intent, hits: DocHit[]): string {
  const [best] = hits as [DocHit];
  const summary = resolveDocLinks(best.doc.summary, ctx.base);
  let lead: string;
  if (intent === 'definition') {
    lead = `${titleLink(ctx, best.doc)}: ${summary}`;
  } else if (best.doc.kind === 'pattern') {
    lead = `The ${titleLink(ctx, best.doc)} pattern addresses this. ${summary}`;
  } else {
    lead = `${titleLink(ctx, best.doc)} (${describe(best.doc)}) covers this. ${summary}`;
  }
  const points = keyPoints(ctx, best, ANSWER_TUNING.maxPoints, intent === 'definition');
  const second = hits[1];
  if (
    intent !== 'definition' &&
    second &&
    second.doc.kind === 'pattern' &&
    second.score >= best.score * ANSWER_TUNING.alsoRelevantShare &&
    points.length >= ANSWER_TUNING.maxPoints
  ) {
    points[points.length - 1] = `Pair it with ${titleLink(ctx, second.doc)}: ${resolveDocLinks(firstSentence(second.doc.summary), ctx.base)}`;
  }
  return [lead, bullets(points), alsoRelevant(ctx, hits)].filter(Boolean).join('\n\n');
}

function row(label: string, a: string[], b: string[]): string {
  const cell = (xs: string[]) => (xs.length ? xs.slice(0, 2).join('; ') : '—').replace(/\|/g, '\\|');
  return `| ${label} | ${cell(a)} | ${cell(b)} |`;
}

function sectionLead(ctx: Ctx, doc: DocMeta, heading: string): string[] {
  const u = unitsOf(ctx, doc).find((x) => x.heading.toLowerCase() === heading.toLowerCase());
  return u?.lead ? [firstSentence(u.lead)] : [];
}

function composeComparison(ctx: Ctx, a: DocHit, b: DocHit): string {
  const A = a.doc;
  const B = b.doc;
  const use = (d: DocMeta) => (d.use_when.length ? d.use_when : sectionLead(ctx, d, 'When to use'));
  const avoid = (d: DocMeta) => (d.avoid_when.length ? d.avoid_when : sectionLead(ctx, d, 'When not to use'));
  const trade = (d: DocMeta) => (d.tradeoffs.length ? d.tradeoffs : sectionLead(ctx, d, 'Trade-offs'));
  const lines = [
    `${titleLink(ctx, A)} vs ${titleLink(ctx, B)}`,
    `- **${A.title}**: ${resolveDocLinks(A.summary, ctx.base)}\n- **${B.title}**: ${resolveDocLinks(B.summary, ctx.base)}`,
  ];
  const table = [
    `| | ${A.title} | ${B.title} |`,
    '|---|---|---|',
    row('Use when', use(A), use(B)),
    row('Avoid when', avoid(A), avoid(B)),
    row('Trade-offs', trade(A), trade(B)),
  ];
  const hasRows = [use, avoid, trade].some((f) => f(A).length || f(B).length);
  if (hasRows) lines.push(table.join('\n'));
  return lines.join('\n\n');
}

function composeUnsure(ctx: Ctx, hits: DocHit[], question: string): string {
  const shown = question.length > 80 ? `${question.slice(0, 77)}...` : question;
  if (!hits.length) {
    return [
      `I could not find anything in the compendium about "${shown}". It covers distributed-systems design: latency, capacity, failure, consistency, coordination, patterns such as circuit breakers, sagas and sharding, and how to operate them.`,
      `Try naming the problem you are solving (for example "how do I stop retries from overloading a service?"), or start from the [Introduction](${docUrl(ctx.base, 'introduction/index')}).`,
    ].join('\n\n');
  }
  const list = hits
    .slice(0, 3)
    .map((h) => `- [${h.doc.title}](${link(ctx, h.doc)}): ${resolveDocLinks(firstSentence(h.doc.summary), ctx.base)}`);
  return [
    `I'm not sure the compendium answers "${shown}". These are the closest topics it has:`,
    list.join('\n'),
    'If one of them is what you meant, ask about it by name for a fuller answer.',
  ].join('\n\n');
}

/** The question to search for: a short follow-up borrows the previous question's subject. */
function withContext(question: string, previous: string | undefined): string {
  if (!previous) return question;
  if (terms(question).length > ANSWER_TUNING.followUpMaxTerms || !FOLLOW_UP.test(question)) return question;
  return `${question} ${previous}`;
}

export function answerQuestion(engine: SearchEngine, question: string, options: AskOptions = {}): Answer {
  const ctx: Ctx = { engine, base: options.baseUrl ?? '' };
  const parsed = parseQuestion(question);
  const query = withContext(question, options.previous);

  if (parsed.intent === 'comparison' && parsed.sides) {
    const [left, right] = parsed.sides;
    const a = engine.search(left, { limit: 3 });
    const b = engine.search(right, { limit: 3 });
    const hitA = a.hits[0];
    if (hitA && b.hits[0]?.doc === hitA.doc) {
      // One document treats both sides ("CAP vs PACELC"): answer from it.
      const confidence = Math.min(confidenceOf(hitA, a.terms.length, a.topicality), confidenceOf(b.hits[0], b.terms.length, b.topicality));
      if (confidence >= ANSWER_TUNING.minConfidence) {
        const lead = `${titleLink(ctx, hitA.doc)} covers both. ${resolveDocLinks(hitA.doc.summary, ctx.base)}`;
        const points = keyPoints(ctx, hitA, ANSWER_TUNING.maxPoints, true);
        return { answer: [lead, bullets(points)].join('\n\n'), sources: sourcesFor(ctx, [hitA]), intent: 'comparison', confidence, unsure: false };
      }
    }
    const hitB = b.hits.find((h) => h.doc !== hitA?.doc);
    const confA = confidenceOf(hitA, a.terms.length, a.topicality);
    const confB = confidenceOf(hitB, b.terms.length, b.topicality);
    if (hitA && hitB && Math.min(confA, confB) >= ANSWER_TUNING.minConfidence) {
      return {
        answer: composeComparison(ctx, hitA, hitB),
        sources: sourcesFor(ctx, [hitA, hitB]),
        intent: 'comparison',
        confidence: Math.min(confA, confB),
        unsure: false,
      };
    }
  }

  const { terms: queryTerms, hits, topicality } = engine.search(query, { limit: 5 });
  const confidence = confidenceOf(hits[0], queryTerms.length, topicality);
  const intent = parsed.intent === 'comparison' ? 'scenario' : parsed.intent;
  if ((intent === 'howto' || intent === 'scenario') && hits[0] && hits[0].doc.kind !== 'pattern') {
    // A how-to or a described problem is best answered by the pattern that solves it, when one
    // ranks close behind a case study or axiom that merely discusses the situation.
    const i = hits.slice(1, 3).findIndex((h) => h.doc.kind === 'pattern' && h.score >= hits[0]!.score * ANSWER_TUNING.patternLeadShare);
    if (i >= 0) hits.unshift(...hits.splice(i + 1, 1));
  }
  if (!hits.length || confidence < ANSWER_TUNING.minConfidence) {
    return { answer: composeUnsure(ctx, hits, question.trim()), sources: sourcesFor(ctx, hits.slice(0, 3)), intent, confidence, unsure: true };
  }
  return { answer: composeDirect(ctx, intent, hits), sources: sourcesFor(ctx, hits), intent, confidence, unsure: false };
}
