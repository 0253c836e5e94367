import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnswerSets, type AnswerSets } from '../../src/core/index';

export const ANSWER_SET_DIR = join(import.meta.dirname, '..', 'answers');

/** The answer-quality dev set (tests/answers/*.jsonl): graded questions, off-topic ones, short in-scope ones. */
export function answerSets(): AnswerSets {
  const files = readdirSync(ANSWER_SET_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(ANSWER_SET_DIR, name), 'utf8') }));
  const sets = parseAnswerSets(files);
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
  const files = readdirSync(HOLDOUT_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(HOLDOUT_DIR, name), 'utf8') }));
  return parseAnswerSets(files);
}
