/**
 * `npx tsx scripts/fit-confidence.ts` (after `npm run build`): fits the model that gives a composed
 * answer its confidence (`CONFIDENCE_MODEL` in src/core/answer/confidence.ts) and reports it on
 * the held-out sets.
 *
 * A logistic regression of whether an answer states its nuggets on the signals it was composed
 * from (see `AnswerSignals`), with a little L2 regularisation. It learns only from the answer dev
 * sets (tests/answers); the held-out sets (tests/answers-holdout) are only measured. Paste the
 * printed weights into CONFIDENCE_MODEL when they are better on both (a lower Brier score).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltKnowledge } from '../src/cli/built';
import { fitLogistic } from './logistic';
import { answerConfidence, answerText, CONFIDENCE_FEATURES, CONFIDENCE_MODEL, parseAnswerSets, type AnswerSignals, type ConfidenceModel } from '../src/core/index';

const ROOT = join(import.meta.dirname, '..');
const knowledge = loadBuiltKnowledge(ROOT);

type Row = { x: AnswerSignals; right: boolean };

/** Each composed answer to a graded question of the sets in `dir`, with its signals and whether it is right. */
async function rows(dir: string): Promise<Row[]> {
  const files = readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(ROOT, dir, name), 'utf8') }));
  const out: Row[] = [];
  for (const c of parseAnswerSets(files).cases) {
    let x: AnswerSignals | undefined;
    const answer = await knowledge.ask(c.q, { onSignals: (s) => (x = s) });
    if (!x || answer.unsure) continue;
    const text = answerText(answer.answer);
    out.push({ x, right: c.nuggets.every((alternatives) => alternatives.some((re) => re.test(text))) });
  }
  return out;
}

function fit(data: Row[]): ConfidenceModel {
  return fitLogistic(CONFIDENCE_FEATURES, data.map((r) => r.x), data.map((r) => r.right), { steps: 3000, rate: 0.2 });
}

/** Brier score (lower is better) and AUC (how often a right answer outranks a wrong one). */
function report(name: string, data: Row[], model: ConfidenceModel): void {
  const scored = data.map((r) => ({ p: answerConfidence(r.x, model), right: r.right }));
  const brier = scored.reduce((a, s) => a + (s.p - (s.right ? 1 : 0)) ** 2, 0) / scored.length;
  const right = scored.filter((s) => s.right);
  const wrong = scored.filter((s) => !s.right);
  let wins = 0;
  for (const r of right) for (const w of wrong) wins += r.p > w.p ? 1 : r.p === w.p ? 0.5 : 0;
  const sure = scored.filter((s) => s.p >= 0.8);
  console.log(`  ${name.padEnd(9)} Brier ${brier.toFixed(3)}  AUC ${(wins / (right.length * wrong.length || 1)).toFixed(3)}  right at >= 0.8: ${sure.filter((s) => s.right).length} of ${sure.length}`);
}

const train = await rows('tests/answers');
const held = await rows('tests/answers-holdout');
const model = fit(train);
console.log(`composed answers: ${train.length} in the dev sets, ${held.length} held out`);
console.log('current model', JSON.stringify(CONFIDENCE_MODEL));
report('dev', train, CONFIDENCE_MODEL);
report('held-out', held, CONFIDENCE_MODEL);
console.log('fitted model ', JSON.stringify(model));
report('dev', train, model);
report('held-out', held, model);
