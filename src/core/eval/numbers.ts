import type { Answer } from '../answer/types';

/**
 * The numbers dev set: chat questions that carry numbers, each with the figures a right answer
 * computes (worked out independently of this code) or the missing quantity it must ask for.
 * An answer is scored by the figures in its calculator result, never by its prose.
 */
export type NumbersCase = {
  q: string;
  topic: string;
  expect: Array<{ what: string; value: number; unit: string }>;
  /** Relative tolerance for every expected figure. */
  tol: number;
  /** When the question lacks a needed value: what it is (the answer must ask for it). */
  need?: string;
  derivation: string;
};

export type NumbersVerdict = 'right' | 'wrong' | 'declined' | 'asked';

export type NumbersOutcome = { case: NumbersCase; verdict: NumbersVerdict; calculator?: string; input?: string; missing: string[] };

export type NumbersSummary = {
  questions: number;
  /** Questions with figures to compute. */
  computable: number;
  right: number;
  wrong: number;
  declined: number;
  /** Questions missing a value. */
  incomplete: number;
  /** ...of which the answer asked for the missing value instead of computing. */
  asked: number;
  /** ...of which the answer computed something anyway (a guess). */
  guessed: number;
  byTopic: Record<string, { questions: number; right: number; wrong: number }>;
};

const UNITS = new Set(['%', 'ratio', 'ms', 's', 'min', 'h', 'days', 'years', 'count', 'rps', 'bytes', 'x', 'usd']);

/** Parses JSON Lines of numbers cases, naming the file and line of a bad one. */
export function parseNumbersCases(text: string, name: string): NumbersCase[] {
  const out: NumbersCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${name}:${i + 1}`;
    let c: NumbersCase;
    try {
      c = JSON.parse(line) as NumbersCase;
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    if (typeof c.q !== 'string' || !c.q.trim()) throw new Error(`${where}: "q" must be the question`);
    if (!Array.isArray(c.expect)) throw new Error(`${where}: "expect" must be a list (empty when "need" is given)`);
    if (!c.expect.length && !c.need) throw new Error(`${where}: give expected figures or "need"`);
    if (typeof c.tol !== 'number' || !(c.tol >= 0) || c.tol > 0.2) throw new Error(`${where}: "tol" must be a relative tolerance from 0 (exact) to 0.2`);
    for (const e of c.expect) {
      if (typeof e.value !== 'number' || !Number.isFinite(e.value)) throw new Error(`${where}: expected value of "${e.what}" must be a number`);
      if (!UNITS.has(e.unit)) throw new Error(`${where}: unit "${e.unit}" of "${e.what}" is not one of ${[...UNITS].join(', ')}`);
    }
    out.push(c);
  });
  return out;
}

/** A figure's value in the base unit of its dimension, or null when its unit is not comparable. */
function base(value: number, unit: string): { dim: string; v: number } | null {
  const u = unit.toLowerCase();
  if (u === '%') return { dim: 'share', v: value / 100 };
  if (u === 'ratio' || u === 'fraction') return { dim: 'share', v: value };
  const time: Record<string, number> = { ms: 1e-3, s: 1, min: 60, h: 3600, days: 86400, years: 365 * 86400 };
  if (u in time) return { dim: 'time', v: value * time[u]! };
  if (u === 'rps' || u === '/s') return { dim: 'rate', v: value };
  if (u === 'bytes' || u === 'b' || u === 'b/s') return { dim: 'bytes', v: value };
  if (u === 'x' || u === '×') return { dim: 'multiple', v: value };
  if (u === 'usd') return { dim: 'usd', v: value };
  if (u === 'nines' || u === 'boolean' || u === 'erlangs' || u === 'bit/s' || u === 'per year') return null;
  // Counts: servers, nodes, replicas, hashes, bits, ids, requests, dependencies, shards...
  return { dim: 'count', v: value };
}

function close(expected: number, actual: number, tol0: number): boolean {
  const tol = Math.max(tol0, 1e-9);
  if (expected === 0) return Math.abs(actual) <= tol;
  if (Math.abs(actual - expected) <= tol * Math.abs(expected)) return true;
  return false;
}

/** Whether a calculator figure states the expected value. */
export function figureMatches(expected: { value: number; unit: string }, figure: { value: number; unit: string }, tol: number): boolean {
  const e = base(expected.value, expected.unit);
  const f = base(figure.value, figure.unit);
  if (!e || !f) return false;
  // Years are 365 or 365.25 days, and a count of bits may be stated as bytes: keep dimensions strict otherwise.
  if (e.dim !== f.dim) return e.dim === 'count' && f.dim === 'multiple' ? close(e.v, f.v, tol) : false;
  if (e.dim === 'share' && e.v > 0.9 && e.v < 1) {
    // Near 100%, compare what is left (99.9% against 99.8% is a factor of two in downtime).
    return close(1 - e.v, 1 - f.v, Math.max(tol, 0.02)) && close(e.v, f.v, tol);
  }
  if (e.dim === 'time' && e.v >= 300 * 86400) return close(e.v, f.v, Math.max(tol, 0.003));
  return close(e.v, f.v, tol);
}

/** Scores one answer. */
export function scoreNumbers(c: NumbersCase, answer: Answer): NumbersOutcome {
  const calc = answer.calc && answer.calc.ok ? answer.calc : undefined;
  if (c.need) {
    if (calc) return { case: c, verdict: 'wrong', calculator: calc.calculator, input: calc.input, missing: [] };
    return { case: c, verdict: /\bI need\b/.test(answer.answer) ? 'asked' : 'declined', missing: [] };
  }
  if (!calc) return { case: c, verdict: 'declined', missing: c.expect.map((e) => e.what) };
  const missing = c.expect.filter((e) => !calc.figures.some((f) => figureMatches(e, f, c.tol))).map((e) => e.what);
  return { case: c, verdict: missing.length ? 'wrong' : 'right', calculator: calc.calculator, input: calc.input, missing };
}

export async function runNumbersEval(ask: (q: string) => Promise<Answer>, cases: NumbersCase[]): Promise<{ outcomes: NumbersOutcome[]; summary: NumbersSummary }> {
  const outcomes: NumbersOutcome[] = [];
  for (const c of cases) outcomes.push(scoreNumbers(c, await ask(c.q)));
  const computable = outcomes.filter((o) => !o.case.need);
  const incomplete = outcomes.filter((o) => o.case.need);
  const byTopic: NumbersSummary['byTopic'] = {};
  for (const o of outcomes) {
    const t = (byTopic[o.case.topic] ??= { questions: 0, right: 0, wrong: 0 });
    t.questions++;
    if (o.verdict === 'right' || o.verdict === 'asked') t.right++;
    if (o.verdict === 'wrong') t.wrong++;
  }
  return {
    outcomes,
    summary: {
      questions: outcomes.length,
      computable: computable.length,
      right: computable.filter((o) => o.verdict === 'right').length,
      wrong: computable.filter((o) => o.verdict === 'wrong').length,
      declined: computable.filter((o) => o.verdict === 'declined').length,
      incomplete: incomplete.length,
      asked: incomplete.filter((o) => o.verdict === 'asked').length,
      guessed: incomplete.filter((o) => o.verdict === 'wrong').length,
      byTopic,
    },
  };
}

export function formatNumbersReport(s: NumbersSummary): string {
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
  const lines = [
    `questions            ${s.questions}`,
    `with figures         ${s.computable}: right ${s.right} (${pct(s.right, s.computable)}), wrong ${s.wrong} (${pct(s.wrong, s.computable)}), declined ${s.declined} (${pct(s.declined, s.computable)})`,
    `missing a value      ${s.incomplete}: asked for it ${s.asked} (${pct(s.asked, s.incomplete)}), computed anyway ${s.guessed}`,
    'by topic (right incl. asked / wrong / questions)',
    ...Object.entries(s.byTopic)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, v]) => `  ${t.padEnd(30)} ${String(v.right).padStart(3)} ${String(v.wrong).padStart(3)} ${String(v.questions).padStart(3)}`),
  ];
  return lines.join('\n') + '\n';
}
