/**
 * Answer quality over a question set: does the answer state the key facts (nuggets) a correct
 * answer must state? Plus automatic checks that need no labels: leads that are a document's summary
 * word for word, teasers and fragments, different questions with identical answers, and refusals.
 */
import type { Answer } from '../answer/types';
import type { DocMeta } from '../knowledge/types';
import { stripInline } from '../markdown/inline';
import { splitSentences } from '../content/sentences';
import { terms } from '../search/text';

export const ANSWER_KINDS = ['definition', 'scenario', 'comparison', 'jargon', 'troubleshooting', 'howto', 'numbers'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** One labelled question: each nugget is a list of case-insensitive alternatives, any of which may match. */
export type AnswerCase = { q: string; kind: AnswerKind; nuggets: RegExp[][]; expect: string[] };
export type AnswerOutcome = { q: string; kind: AnswerKind; passed: boolean; nuggets: boolean[]; sourceRank: number | null; unsure: boolean; confidence: number; answer: string };
export type KindSummary = { questions: number; pass: number; recall3: number };
export type AnswerSummary = { questions: number; pass: number; recall3: number; byKind: Record<string, KindSummary> };

function fail(source: string, line: number, what: string): never {
  throw new Error(`${source}:${line}: ${what}; each line must be {"q": "question", "kind": "${ANSWER_KINDS.join('|')}", "nuggets": [["regex", "alternative"]], "expect": ["patterns/saga"]}`);
}

/** One line of a set as an object with a question; throws naming the line when it is not. */
function parseLine(raw: string, source: string, line: number): Record<string, unknown> & { q: string } {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(raw);
  } catch {
    fail(source, line, 'not valid JSON');
  }
  if (typeof v.q !== 'string' || !v.q.trim()) fail(source, line, '"q" must be a question');
  return v as Record<string, unknown> & { q: string };
}

/** A graded line as a case, compiling every nugget; throws naming the line of a bad one. */
function toCase(v: Record<string, unknown> & { q: string }, source: string, line: number): AnswerCase {
  if (!ANSWER_KINDS.includes(v.kind as AnswerKind)) fail(source, line, `"kind" must be one of ${ANSWER_KINDS.join(', ')}`);
  if (!Array.isArray(v.nuggets) || !v.nuggets.length || !v.nuggets.every((n) => Array.isArray(n) && n.length && n.every((x) => typeof x === 'string'))) {
    fail(source, line, '"nuggets" must be a non-empty list of lists of regular expressions');
  }
  const nuggets = (v.nuggets as string[][]).map((alts) =>
    alts.map((x) => {
      try {
        return new RegExp(x, 'i');
      } catch {
        fail(source, line, `nugget ${JSON.stringify(x)} is not a valid regular expression`);
      }
    }),
  );
  const expect = Array.isArray(v.expect) ? v.expect.filter((x): x is string => typeof x === 'string') : [];
  return { q: v.q, kind: v.kind as AnswerKind, nuggets, expect };
}

/** Parses JSONL answer cases, compiling every nugget; throws naming the line of any bad one. */
export function parseAnswerCases(text: string, source = 'input'): AnswerCase[] {
  const cases: AnswerCase[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim()) cases.push(toCase(parseLine(raw, source, i + 1), source, i + 1));
  });
  return cases;
}

/** The answer as plain prose: links become their text, emphasis and code marks go. */
export function answerText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => stripInline(line.replace(/^\s*[-*]\s+/, '')))
    .join('\n');
}

export function gradeAnswer(c: AnswerCase, answer: Answer): AnswerOutcome {
  const text = answerText(answer.answer);
  const nuggets = c.nuggets.map((alts) => alts.some((re) => re.test(text)));
  const i = answer.sources.findIndex((s) => c.expect.includes(s.id));
  return {
    q: c.q,
    kind: c.kind,
    passed: !answer.unsure && nuggets.every(Boolean),
    nuggets,
    sourceRank: i === -1 ? null : i + 1,
    unsure: answer.unsure,
    confidence: answer.confidence,
    answer: answer.answer,
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function summarizeAnswers(outcomes: readonly AnswerOutcome[]): AnswerSummary {
  const part = (os: readonly AnswerOutcome[]): KindSummary => ({
    questions: os.length,
    pass: r3(os.filter((o) => o.passed).length / (os.length || 1)),
    recall3: r3(os.filter((o) => o.sourceRank !== null && o.sourceRank <= 3).length / (os.length || 1)),
  });
  const byKind: Record<string, KindSummary> = {};
  for (const kind of ANSWER_KINDS) {
    const os = outcomes.filter((o) => o.kind === kind);
    if (os.length) byKind[kind] = part(os);
  }
  return { ...part(outcomes), byKind };
}

export type AnswerChecks = {
  answers: number;
  /** Share of answers whose first paragraph is a document's summary, word for word. */
  verbatimSummaryLeads: number;
  /** Share of answers with a sentence that points at something not shown, or a cut list item. */
  teaserOrFragment: number;
  /** Pairs of different questions that got the very same answer. */
  identicalPairs: number;
  examples: { verbatim: string[]; teasers: string[]; identical: Array<[string, string]> };
};

const TEASER = /(:\s*$)|\b(below|the following|as follows|these (two|three|four|five) )\b/i;

function normal(s: string): string {
  return stripInline(s).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Two questions are different unless they share most of their words (a paraphrase deserves the same answer). */
function different(a: string, b: string): boolean {
  const ta = new Set(terms(a));
  const tb = new Set(terms(b));
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const union = ta.size + tb.size - shared;
  return union > 0 && shared / union < 0.5;
}

/** Label-free checks over answers to different questions. */
export function answerChecks(pairs: ReadonlyArray<{ q: string; answer: Answer }>, docs: readonly DocMeta[]): AnswerChecks {
  const summaries = new Set(docs.map((d) => normal(d.summary)));
  const verbatim: string[] = [];
  const teasers: string[] = [];
  const byText = new Map<string, string>();
  const identical: Array<[string, string]> = [];
  const prose = pairs.filter((p) => !p.answer.calc && !p.answer.dialogue && !p.answer.unsure);
  for (const { q, answer } of prose) {
    const lead = answer.answer.split(/\n\s*\n/)[0] ?? '';
    const leadText = normal(lead.replace(/^On \*\*[^*]+\*\*:\s*/, ''));
    if (summaries.has(leadText) || [...summaries].some((s) => leadText.endsWith(s) && s.length > 40)) verbatim.push(q);
    const sentences = answer.answer.split('\n').flatMap((line) => splitSentences(stripInline(line.replace(/^\s*[-*]\s+/, ''))));
    const cutItem = answer.answer.split('\n').some((l) => /^\s*[-*]\s+[a-z]/.test(l));
    if (sentences.some((s) => TEASER.test(s)) || cutItem) teasers.push(q);
    const key = normal(answer.answer);
    const twin = byText.get(key);
    if (twin !== undefined && different(twin, q)) identical.push([twin, q]);
    else byText.set(key, q);
  }
  const n = prose.length || 1;
  return {
    answers: prose.length,
    verbatimSummaryLeads: r3(verbatim.length / n),
    teaserOrFragment: r3(teasers.length / n),
    identicalPairs: identical.length,
    examples: { verbatim: verbatim.slice(0, 10), teasers: teasers.slice(0, 10), identical: identical.slice(0, 10) },
  };
}

/** Everything `compendium eval --answers` and the tests report, from one run over the sets. */
export type AnswerReport = {
  summary: AnswerSummary;
  checks: AnswerChecks;
  /** Share of off-topic questions answered "not sure" (should be high). */
  offTopicUnsure: number;
  /** Share of short in-scope questions (acronyms, one word, typos) wrongly answered "not sure" (should be low). */
  inScopeUnsure: number;
  /**
   * Of answers with confidence >= 0.7, the share that passed; and of those below, the share that
   * passed. `brier`: the mean squared gap between an answer's confidence and whether it passed (1
   * or 0), over the answers that were not refused: 0 is perfect, and always saying 0.5 scores 0.25.
   */
  calibration: { high: number; highCount: number; low: number; lowCount: number; brier: number };
  outcomes: AnswerOutcome[];
  offTopicAnswered: string[];
  inScopeRefused: string[];
};

export type AnswerSets = { cases: AnswerCase[]; offTopic: string[]; inScope: string[] };

/** Splits JSONL lines by what they carry: nuggets (graded), only a question (off-topic), or expected documents (in scope). */
export function parseAnswerSets(files: ReadonlyArray<{ name: string; text: string }>): AnswerSets {
  const sets: AnswerSets = { cases: [], offTopic: [], inScope: [] };
  for (const { name, text } of files) {
    text.split('\n').forEach((raw, i) => {
      if (!raw.trim()) return;
      const v = parseLine(raw, name, i + 1);
      if ('nuggets' in v) sets.cases.push(toCase(v, name, i + 1));
      else if (Array.isArray(v.expect)) sets.inScope.push(v.q);
      else sets.offTopic.push(v.q);
    });
  }
  return sets;
}

export async function runAnswerEval(ask: (q: string) => Promise<Answer>, sets: AnswerSets, docs: readonly DocMeta[]): Promise<AnswerReport> {
  const outcomes: AnswerOutcome[] = [];
  const pairs: Array<{ q: string; answer: Answer }> = [];
  for (const c of sets.cases) {
    const answer = await ask(c.q);
    pairs.push({ q: c.q, answer });
    outcomes.push(gradeAnswer(c, answer));
  }
  const offTopicAnswered: string[] = [];
  for (const q of sets.offTopic) if (!(await ask(q)).unsure) offTopicAnswered.push(q);
  const inScopeRefused: string[] = [];
  for (const q of sets.inScope) if ((await ask(q)).unsure) inScopeRefused.push(q);
  const high = outcomes.filter((o) => o.confidence >= 0.7);
  const low = outcomes.filter((o) => o.confidence < 0.7);
  const share = (os: AnswerOutcome[]) => r3(os.filter((o) => o.passed).length / (os.length || 1));
  const answered = outcomes.filter((o) => !o.unsure);
  const brier = r3(answered.reduce((sum, o) => sum + (o.confidence - (o.passed ? 1 : 0)) ** 2, 0) / (answered.length || 1));
  return {
    summary: summarizeAnswers(outcomes),
    checks: answerChecks(pairs, docs),
    offTopicUnsure: r3(1 - offTopicAnswered.length / (sets.offTopic.length || 1)),
    inScopeUnsure: r3(inScopeRefused.length / (sets.inScope.length || 1)),
    calibration: { high: share(high), highCount: high.length, low: share(low), lowCount: low.length, brier },
    outcomes,
    offTopicAnswered,
    inScopeRefused,
  };
}

/** The report as a small table for a terminal. */
export function formatAnswerReport(r: AnswerReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = Object.entries(r.summary.byKind).map(([k, s]) => `  ${k.padEnd(16)} ${String(s.questions).padStart(4)}  ${pct(s.pass).padStart(6)}  ${pct(s.recall3).padStart(6)}`);
  return [
    `answers            n   nugget  recall@3`,
    `  ${'all'.padEnd(16)} ${String(r.summary.questions).padStart(4)}  ${pct(r.summary.pass).padStart(6)}  ${pct(r.summary.recall3).padStart(6)}`,
    ...rows,
    '',
    `verbatim-summary leads   ${pct(r.checks.verbatimSummaryLeads)}`,
    `teaser or fragment       ${pct(r.checks.teaserOrFragment)}`,
    `identical answer pairs   ${r.checks.identicalPairs}`,
    `off-topic unsure         ${pct(r.offTopicUnsure)}`,
    `in-scope false unsure    ${pct(r.inScopeUnsure)}`,
    `pass at confidence>=0.7  ${pct(r.calibration.high)} of ${r.calibration.highCount}; below: ${pct(r.calibration.low)} of ${r.calibration.lowCount}`,
    `confidence Brier score   ${r.calibration.brier.toFixed(3)} (0 is perfect; always 0.5 scores 0.25)`,
  ].join('\n') + '\n';
}
