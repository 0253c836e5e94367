/**
 * `npx tsx scripts/fit-scope.ts` (after `npm run build`): fits the model that judges whether a long
 * question is about something else (`SCOPE_TUNING.longQuestion` in src/core/answer/scope.ts) and
 * reports it on the held-out sets.
 *
 * A logistic regression over four signals (see `longSignals`), with the two classes weighted
 * equally and a little L2 regularisation. It learns only from the dev sets: the in-scope questions
 * of tests/answers and tests/dev-set, and the off-topic sets of tests/answers
 * (off-topic*.jsonl) and tests/dev-set/off-topic.txt. The held-out sets (tests/answers-holdout:
 * in-scope questions, and off-topic*.jsonl there) are only measured. Paste the printed weights into
 * SCOPE_TUNING when they are better on both.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltKnowledge } from '../src/cli/built';
import { fitLogistic } from './logistic';
import { longOffTopicOdds, scopeSignals, SCOPE_TUNING, type LongModel, type LongSignals } from '../src/core/index';

const ROOT = join(import.meta.dirname, '..');
const knowledge = loadBuiltKnowledge(ROOT);
const FEATURES = ['domain', 'unknown', 'confidence', 'coverage'] as const;

type Row = { q: string; off: boolean; x: LongSignals };

function questions(dir: string): Array<{ q: string; off: boolean }> {
  const out: Array<{ q: string; off: boolean }> = [];
  for (const file of readdirSync(join(ROOT, dir)).sort()) {
    const text = readFileSync(join(ROOT, dir, file), 'utf8');
    const off = file.startsWith('off-topic');
    if (file.endsWith('.jsonl')) for (const line of text.split('\n')) if (line.trim()) out.push({ q: (JSON.parse(line) as { q: string }).q, off });
    if (file.endsWith('.txt')) for (const line of text.split('\n')) if (line.trim() && !line.startsWith('#')) out.push({ q: line.trim(), off });
  }
  return out;
}

/** Long questions only: a short one must name its subject, and `outOfScope` judges it. */
function rows(list: Array<{ q: string; off: boolean }>): Row[] {
  return list.flatMap(({ q, off }) => {
    const s = scopeSignals(knowledge.engine, q);
    return s.long ? [{ q, off, x: s.signals }] : [];
  });
}

const train = rows([...questions('tests/answers'), ...questions('tests/dev-set')]);
const held = rows(questions('tests/answers-holdout'));

/** The two classes weigh the same: off-topic questions are far fewer than in-scope ones. */
function fit(data: Row[]): LongModel {
  return fitLogistic(FEATURES, data.map((r) => r.x), data.map((r) => r.off), { balanced: true });
}

function report(name: string, data: Row[], model: LongModel): void {
  const refused = (r: Row) => longOffTopicOdds(r.x, model) >= SCOPE_TUNING.longOffTopic;
  const off = data.filter((r) => r.off);
  const on = data.filter((r) => !r.off);
  console.log(`  ${name.padEnd(9)} off topic refused ${off.filter(refused).length} of ${off.length}; in scope refused ${on.filter(refused).length} of ${on.length}`);
}

const model = fit(train);
console.log(`long questions: ${train.length} in the dev sets, ${held.length} held out; threshold ${SCOPE_TUNING.longOffTopic}`);
console.log('current model', JSON.stringify(SCOPE_TUNING.longQuestion));
report('dev', train, SCOPE_TUNING.longQuestion);
report('held-out', held, SCOPE_TUNING.longQuestion);
console.log('fitted model ', JSON.stringify(model));
report('dev', train, model);
report('held-out', held, model);
