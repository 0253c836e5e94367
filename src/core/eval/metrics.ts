/** Retrieval quality over a question set: recall@k (an expected document in the top k) and MRR. */
export type EvalCase = { q: string; expect: string[] };
export type EvalOutcome = { q: string; expect: string[]; ranked: string[]; rank: number | null };
export type EvalSummary = { questions: number; recall1: number; recall3: number; recall5: number; mrr: number };

/** 1-based rank of the first expected id in the ranking, or null when none appears. */
export function rankOf(ranked: readonly string[], expected: readonly string[]): number | null {
  const i = ranked.findIndex((id) => expected.includes(id));
  return i === -1 ? null : i + 1;
}

export function summarize(outcomes: readonly EvalOutcome[]): EvalSummary {
  const n = outcomes.length || 1;
  const within = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length / n;
  const mrr = outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / n;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { questions: outcomes.length, recall1: r(within(1)), recall3: r(within(3)), recall5: r(within(5)), mrr: r(mrr) };
}

export function evaluate(cases: readonly EvalCase[], rank: (q: string) => string[]): { outcomes: EvalOutcome[]; summary: EvalSummary } {
  const outcomes = cases.map((c) => {
    const ranked = rank(c.q);
    return { q: c.q, expect: c.expect, ranked, rank: rankOf(ranked, c.expect) };
  });
  return { outcomes, summary: summarize(outcomes) };
}

/** Parses JSONL lines of {"q": "...", "expect": ["id", ...]}; throws with the line number on a bad line. */
export function parseEvalCases(text: string, source = 'input'): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not valid JSON; each line must be {"q": "question", "expect": ["patterns/saga"]}`);
    }
    const v = value as Partial<EvalCase>;
    if (typeof v?.q !== 'string' || !v.q.trim() || !Array.isArray(v.expect) || !v.expect.length || !v.expect.every((e) => typeof e === 'string')) {
      throw new Error(`${source}:${i + 1}: each line needs "q" (a question) and "expect" (a non-empty list of document ids)`);
    }
    cases.push({ q: v.q, expect: v.expect });
  });
  return cases;
}
