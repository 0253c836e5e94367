import { SearchEngine } from '../search/engine';
import { CARD_LANGUAGE, rerankByCardLanguage } from '../search/card-language';
import { forgetRecentTerms, tokenize } from '../search/text';
import { answerQuestion, headingOf } from '../answer/compose';
import { leansOnBefore, loadText, type DocText, type StoredText } from '../answer/passages';
import { splitSentences } from '../content/sentences';
import type { Answer, AskOptions } from '../answer/types';
import { docUrl } from '../answer/links';
import type { DocMeta, KnowledgeData } from './types';
import { Calculators } from '../calc/registry';
import { askedButMissing, counted, planFromQuestion, type Plan } from '../calc/natural';
import type { Quantity } from '../calc/quantities';
import { changeIn, combineChange, type Change } from '../calc/change';
import { calcToMarkdown, plainQuantity } from '../calc/render';
import type { CalcOutcome } from '../calc/types';
import { Dialogues, type DialogueStep } from '../dialogue/engine';
import { stepToMarkdown } from '../dialogue/render';

export type SearchItem = {
  id: string;
  title: string;
  kind: string;
  summary: string;
  url: string;
  score: number;
  sections: Array<{ heading: string; url: string; lead: string }>;
};

/** Requests for a dialogue rather than an answer. */
const DIALOGUE_REQUESTS: Array<[RegExp, string]> = [
  [/^\s*\/?patterns\s*$|\b(help me (choose|pick|select|find) (a |the right )?patterns?|(choose|pick|select) (a|the right) pattern for|pattern selector|which pattern should (i|we) use\??$)/i, 'selector'],
  [/^\s*\/?review\s*$|\b(run a design review|design review (of|for) (my|our)|review (my|our) design|start a (design )?review)\b/i, 'review'],
];

/** Reads a document's stored text (`/data/text/<id>.json`): static assets in the Worker, files in Node. */
export type DocumentReader = (id: string) => Promise<StoredText | null>;

/**
 * Parsed document texts kept per isolate: room for the whole compendium (all 131 documents take
 * about 10 MB of heap), bounded so memory stays flat however many documents there come to be.
 */
const TEXT_CACHE_SIZE = 160;

/** A quantity as the question said it ("3 replicas"). */
const said = (q: Quantity) => (q.kind === 'count' && q.noun ? counted(q, q.noun) : q.raw);

/** Everything the assistant knows, behind plain functions that return plain data. */
export class Knowledge {
  readonly engine: SearchEngine;
  readonly calculators: Calculators;
  readonly dialogues: Dialogues;
  private texts = new Map<string, DocText>();

  /**
   * `readDocument` gives answers the documents' full text, from which they extract the sentences
   * that answer the question; without it, answers come from cards and summaries only.
   */
  constructor(data: KnowledgeData, serializedIndex: string, private readDocument: DocumentReader = async () => null) {
    this.engine = new SearchEngine(data, serializedIndex);
    this.calculators = new Calculators(data.places ?? []);
    this.dialogues = new Dialogues(data.dialogues ?? []);
  }

  /**
   * One step of a dialogue ("selector" or "review"): no state starts it; an answer (option id or
   * number, "back" or "restart") moves it on. Bad or stale states come back as errors with a restart.
   */
  dialogue(id: string, state?: string | null, answer?: string | null, baseUrl = ''): DialogueStep {
    return this.dialogues.transition(id, state, answer, { doc: (docId) => this.doc(docId), baseUrl });
  }

  /** Runs a calculator command ("queue arrival=80/s service=10ms"); errors are data, never thrown. */
  calc(input: string, baseUrl = ''): CalcOutcome & { docUrl?: string } {
    const outcome = this.calculators.run(input);
    return outcome.ok ? { ...outcome, docUrl: docUrl(baseUrl, outcome.doc.id, outcome.doc.anchor) } : outcome;
  }

  get docs(): readonly DocMeta[] {
    return this.engine.data.docs;
  }

  doc(id: string): DocMeta | undefined {
    return this.engine.docById(id);
  }

  /** The quotable passages of a document, parsed once and kept in a small cache. */
  async text(id: string): Promise<DocText | null> {
    const cached = this.texts.get(id);
    if (cached) {
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached;
    }
    if (!this.doc(id)) return null;
    const stored = await this.readDocument(id);
    if (!stored || !Array.isArray(stored.passages)) return null;
    const text = loadText(stored);
    this.texts.set(id, text);
    if (this.texts.size > TEXT_CACHE_SIZE) this.texts.delete(this.texts.keys().next().value!);
    return text;
  }

  /**
   * Answers a question. A /calc command, or a question that carries a calculation's numbers, runs
   * the calculator; everything else is answered from the compendium.
   */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    // Short-lived reuse (a question's terms, its last search) serves this question only.
    forgetRecentTerms();
    this.engine.forgetLast();
    const base = options.baseUrl ?? '';
    const wanted = DIALOGUE_REQUESTS.find(([re]) => re.test(question))?.[1];
    if (wanted && this.dialogues.has(wanted)) {
      const step = this.dialogue(wanted, null, null, base);
      const how = `Answer with the option's number. Over HTTP: POST /api/${wanted === 'selector' ? 'select' : 'review'} with {"state", "answer"}; in a terminal: npx compendium ${wanted === 'selector' ? 'select' : 'review'}.`;
      return { answer: `${stepToMarkdown(step)}\n\n${how}`, sources: [], intent: 'howto', confidence: 1, unsure: false, dialogue: step };
    }
    const explicit = /^\/?calc\b/i.test(question.trim());
    const plan = planFromQuestion(question, this.engine.data.places ?? []);
    let notComputed = '';
    // How to run the calculation by hand, said after whatever stopped it.
    const runIt = (calculator: string) => `Run \`/calc ${this.calculators.find(calculator)?.usage ?? calculator}\` with the values that apply.`;
    if (plan?.command && !plan.unplaced.length) {
      const outcome = this.calculators.run(plan.command);
      const mismatch = outcome.ok && !explicit ? askedButMissing(question, outcome.figures) : null;
      if ((outcome.ok && !mismatch) || explicit) return this.calcAnswer(question, outcome, plan, base, explicit, options);
      if (mismatch) notComputed = `Not computed: the question asks for ${mismatch}, which the ${plan.calculator} calculator does not give from these numbers. ${runIt(plan.calculator)}`;
      else if (!outcome.ok) notComputed = `Not computed: ${outcome.message.replace(/ Usage: .*$/, '')} ${runIt(plan.calculator)}`;
    }
    // "latency went from 100 ms to 400 ms": when the numbers do not make one calculation, perhaps
    // they make one before and one after the change.
    const change = explicit ? null : changeIn(question);
    const changed = change && (await this.beforeAndAfter(question, change, base, options));
    if (changed) return changed;
    if (plan?.missing && !explicit) return this.missingValue(plan, base);
    const answer = await answerQuestion(this.engine, (id) => this.text(id), question, options);
    if (plan && plan.unplaced.length && !notComputed) {
      const calc = this.calculators.find(plan.calculator);
      notComputed = `Not computed: I could not tell what ${plan.unplaced.map(said).map(plainQuantity).join(', ')} ${plan.unplaced.length === 1 ? 'stands' : 'stand'} for in a ${calc?.title ?? plan.calculator} calculation, so a result could answer a different question. ${runIt(plan.calculator)}`;
    }
    if (notComputed) {
      // Which number stopped the calculation is said whatever the text answers, first when it is unsure.
      answer.answer = answer.unsure ? `${notComputed}\n\n${answer.answer}` : `${answer.answer}\n\n${notComputed}`;
      return answer;
    }
    if (answer.intent === 'numbers' && !answer.unsure) {
      // Point at the calculator for this kind of question, with its usage (never a document's example
      // numbers): when the answer comes from the toolkit, or the question names the calculation. A
      // pattern that hosts a calculator (shuffle sharding on Bulkhead) answers many other questions.
      const calc = this.calculators.list.find((c) => answer.sources[0]?.id === c.doc.id);
      const names = (c: NonNullable<typeof calc>) => {
        const asked = new Set(tokenize(question));
        return [c.name, ...c.aliases].some((n) => n.split('-').every((w) => asked.has(w)));
      };
      // The latency calculator is about distance: it fits a question that names a place it knows,
      // whatever else it says about latency.
      const fits = (c: NonNullable<typeof calc>) => (c.name === 'latency' ? this.namesPlace(question) : c.doc.id.startsWith('quantitative/') || names(c));
      if (calc && fits(calc)) answer.answer += `\n\nTo compute it with your own numbers: \`/calc ${calc.usage}\`.`;
    }
    return answer;
  }

  /** Whether a question names a place the latency calculator knows; an airport code ("FOR", "LAX") only as typed, in capitals: "for" is a word. */
  private namesPlace(question: string): boolean {
    const words = ` ${tokenize(question).join(' ')} `;
    const named = (name: string) => {
      if (/^[A-Z]{2,4}$/.test(name)) return new RegExp(`\\b${name}\\b`).test(question);
      const tokens = tokenize(name);
      return tokens.length > 0 && words.includes(` ${tokens.join(' ')} `);
    };
    return (this.engine.data.places ?? []).some((p) => [p.name, ...(p.aliases ?? [])].some(named));
  }

  /** A calculation's answer: its result, with the section that explains it and the documents about the situation as sources. */
  private async calcAnswer(question: string, outcome: CalcOutcome, plan: Plan, base: string, explicit: boolean, options: AskOptions = {}): Promise<Answer> {
    const url = outcome.ok ? docUrl(base, outcome.doc.id, outcome.doc.anchor) : '';
    const sources: Answer['sources'] = outcome.ok ? [{ id: outcome.doc.id, title: outcome.doc.title, section: this.sectionHeading(outcome.doc.id, outcome.doc.anchor), url, score: 1 }] : [];
    // A question that carries numbers usually asks what to do about them too ("what SLO should we
    // publish?", "why would latency cause rejects?"): the compendium's answer follows the result.
    const prose = outcome.ok && !explicit && ASKS_ADVICE.test(question) && !ASKS_THE_NUMBER.test(question) ? await answerQuestion(this.engine, (id) => this.text(id), question, { ...options, baseUrl: base }) : null;
    const advice = prose && outcome.ok ? adviceOf(question, prose, outcome.doc.id) : null;
    const answer = calcToMarkdown(outcome, url, { notes: plan.notes, unused: plan.unused.map(said), ...(advice ? { advice: advice.text } : {}) });
    if (advice) for (const s of advice.sources) if (sources.length < 3 && !sources.some((x) => x.id === s.id)) sources.push(s);
    if (outcome.ok && !explicit) {
      // The documents about the situation the numbers describe ("a bulkhead pool", "driver pings") are sources too.
      const hits = this.engine.search(question, { limit: 3 }).hits;
      for (const h of hits) {
        if (sources.length >= 3 || sources.some((x) => x.id === h.doc.id) || h.score < hits[0]!.score * 0.5) continue;
        sources.push({ id: h.doc.id, title: h.doc.title, section: 'Overview', url: docUrl(base, h.doc.id, ''), score: 0.5 });
      }
    }
    return { answer, sources, intent: 'numbers', confidence: outcome.ok ? 1 : 0, unsure: !outcome.ok, calc: outcome };
  }

  /**
   * The calculation once with each value of a change, when both read as the same calculation with
   * every number placed, and the results give what the question asks for; null otherwise (the
   * question is then answered as usual).
   */
  private async beforeAndAfter(question: string, change: Change, base: string, options: AskOptions): Promise<Answer | null> {
    const places = this.engine.data.places ?? [];
    const before = planFromQuestion(change.before, places);
    const after = planFromQuestion(change.after, places);
    if (!before?.command || !after?.command || before.calculator !== after.calculator || before.unplaced.length || after.unplaced.length) return null;
    // The changed value must be one the calculation takes; a measured speedup is against its own baseline.
    if (before.command === after.command || /\bspeedup=/.test(before.command)) return null;
    const was = this.calculators.run(before.command);
    const now = this.calculators.run(after.command);
    if (!was.ok || !now.ok) return null;
    const combined = combineChange(was, now, change);
    if (askedButMissing(question, combined.figures)) return null;
    return this.calcAnswer(question, combined, before, base, false, options);
  }

  /** A calculation the question asks for but cannot run: which value is missing and how to give it. */
  private missingValue(plan: Plan, base: string): Answer {
    const calc = this.calculators.find(plan.calculator)!;
    const url = docUrl(base, calc.doc.id, calc.doc.anchor);
    const m = plan.missing!;
    const partial = m.partial ? this.calculators.run(m.partial) : undefined;
    const answer = [
      `I need ${m.what} to compute this: ${m.ask}`,
      ...(partial?.ok ? [`Without it, this much follows from your numbers: ${partial.reading}`] : []),
      `With it, run \`/calc ${m.example}\` (or ask again with the number in the question).`,
      `Explained in [${calc.doc.title}](${url}).`,
    ].join('\n\n');
    return {
      answer,
      sources: [{ id: calc.doc.id, title: calc.doc.title, section: this.sectionHeading(calc.doc.id, calc.doc.anchor), url, score: 1 }],
      intent: 'numbers',
      confidence: 0.6,
      unsure: false,
    };
  }

  private sectionHeading(id: string, anchor: string): string {
    const doc = this.doc(id);
    return doc ? headingOf(doc, anchor) : 'Overview';
  }

  search(query: string, limit = 10, baseUrl = ''): SearchItem[] {
    const { hits } = this.engine.search(query, { limit: Math.max(limit, CARD_LANGUAGE.pool) });
    // The engine's best few, re-ranked with how each document is asked about (search/card-language.ts).
    const ranked = rerankByCardLanguage(this.engine, query, hits).slice(0, limit);
    const top = ranked[0]?.score || 1;
    return ranked.map(({ hit: h, score }) => ({
      id: h.doc.id,
      title: h.doc.title,
      kind: h.doc.kind,
      summary: h.doc.summary,
      url: docUrl(baseUrl, h.doc.id),
      score: Math.round((score / top) * 1000) / 1000,
      sections: h.sections.map((s) => ({ heading: s.unit.heading, url: docUrl(baseUrl, h.doc.id, s.unit.anchor), lead: s.unit.lead })),
    }));
  }
}

/**
 * A question that asks what to do or why, beside its numbers ("what slo should we publish?", "how do
 * we fix it?", "why would latency cause rejects?"); "what's the availability?" asks only the number.
 */
const ASKS_ADVICE = /\b(?:what|which)\s+(?:\w+\s+){0,2}(?:should|would|could|do|can)\s+(?:we|i|you)\b|\bhow\s+(?:do|should|can|could|would)\s+(?:we|i|you)\b|\bwhy\b|\bwhat(?:'s|\s+is)\s+(?:the\s+)?(?:fix|cause|problem|right (?:move|call|approach))\b|\b(?:is it|is that|is this)\s+(?:worth|enough|ok|okay|safe|reasonable)\b/i;

/** The opening of a reply to a question of its own: "Yes", "No", "In parallel whenever...", "About 5%", "When the caller needs...". */
const REPLY = /^(?:yes|no|in (?:parallel|series|general)|about|around|roughly|usually|often|only|not|rarely|never|always|it depends|depends|when|whenever|if|once|after|before|until)\b/i;

/** "how do I size the pool?", "what mtbf do we need?": asking how to get the number asks for the number. */
const ASKS_THE_NUMBER = /\bhow (?:do|should|can|would) (?:we|i|you) (?:size|compute|calculate|estimate|work out|figure out|reason about)\b|\bwhat \w+(?: \w+)? (?:do|does|would|will|should) (?:we|i|you|it) need\b/i;

/** Answers below this confidence are not offered as advice beside a calculation. */
const ADVICE_MIN_CONFIDENCE = 0.6;

/**
 * The lead of the compendium's answer to a question that a calculation answered, as advice to say
 * after the result: only when the answer is confident, and not when it only restates the
 * calculation's own page (its formula or example, which the result already gives).
 */
function adviceOf(question: string, prose: Answer, calcDoc: string): { text: string; sources: Answer['sources'] } | null {
  if (prose.unsure || prose.confidence < ADVICE_MIN_CONFIDENCE || !prose.sources.length) return null;
  const lead = prose.answer.split(/\n\s*\n/)[0]!.trim();
  // Advice from the calculation's own page restates its formula or example.
  if (!lead || prose.sources[0]!.id === calcDoc) return null;
  // Numbers of a document's own example ("all six at 99.95%") beside the user's result would read
  // as theirs: advice keeps only sentences with no number the question did not give, and none that
  // leans on a sentence left out.
  // (A percentile's name, "p99", is a term of art, not an example's number.)
  const numbers = (text: string) => (text.replace(/\]\([^)]*\)/g, ']').replace(/\bp\d+(?:\.\d+)?\b/gi, '').toLowerCase().match(NUMBER) ?? []);
  const given = new Set(numbers(question));
  const foreign = (s: string) => numbers(s).some((n) => !given.has(n));
  const kept: string[] = [];
  let dropped = false;
  for (const s of splitSentences(lead)) {
    if (foreign(s) || (dropped && leansOnBefore(s))) dropped = true;
    else kept.push(s);
  }
  // A reply to a card's own yes/no question ("No: stateless services...") answers another question;
  // a first sentence that leans on one not shown ("the same idea") has nothing to stand on.
  // So is one that opens as a reply to its own ("In parallel whenever...", "About 5%"), and a reason
  // ("Because...") unless the question asks why.
  if (!kept.length || REPLY.test(kept[0]!) || (/^because\b/i.test(kept[0]!) && !/\bwhy\b/i.test(question)) || leansOnBefore(kept[0]!) || /\bthe same\b/i.test(kept[0]!) || kept.every((s) => /^(See|More in) \[/.test(s))) return null;
  return { text: kept.join(' '), sources: prose.sources.slice(0, 1) };
}

/** A number in digits or words ("26", "0.9995", "six", "one-fifth", "twice"). */
const NUMBER = /\d+(?:[.,]\d+)*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|thousand|million|billion|half|halves|thirds?|quarters?|fifths?|tenths?|twice|thrice|double|triple)\b/g;
