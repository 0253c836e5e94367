import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvalCases, type EvalCase } from '../../src/core/index';

export const DEV_SET_DIR = join(import.meta.dirname, '..', 'dev-set');

/** Every realistic question in tests/dev-set/*.jsonl with the documents that answer it. */
export function devSet(): EvalCase[] {
  return readdirSync(DEV_SET_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => parseEvalCases(readFileSync(join(DEV_SET_DIR, f), 'utf8'), f));
}

/** Questions the compendium does not cover: it must say so rather than invent. */
export function offTopic(): string[] {
  return readFileSync(join(DEV_SET_DIR, 'off-topic.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
