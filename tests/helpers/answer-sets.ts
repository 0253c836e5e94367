import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnswerSets, type AnswerSets } from '../../src/core/index';

export const ANSWER_SET_DIR = join(import.meta.dirname, '..', 'answers');

/** Every JSONL set in a folder, parsed. */
function setsIn(dir: string): AnswerSets {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  return parseAnswerSets(files);
}

/** The answer-quality dev set (tests/answers/*.jsonl): graded questions, off-topic ones, short in-scope ones. */
export function answerSets(): AnswerSets {
  const sets = setsIn(ANSWER_SET_DIR);
  // The older off-topic list (tests/dev-set/off-topic.txt) joins the off-topic questions.
  const older = readFileSync(join(import.meta.dirname, '..', 'dev-set', 'off-topic.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return { ...sets, offTopic: [...sets.offTopic, ...older] };
}

export const HOLDOUT_DIR = join(import.meta.dirname, '..', 'answers-holdout');

/** The held-out answer set (tests/answers-holdout/*.jsonl): written blind to the documents and cards, never tuned on. */
export function holdoutSets(): AnswerSets {
  return setsIn(HOLDOUT_DIR);
}
