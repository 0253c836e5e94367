/**
 * `npx tsx bench/snapshot.ts <out.json>`: every answer and search result for the question sets, as
 * JSON, to compare two builds byte for byte (a speed-up must not change a single answer). Run it
 * after `npm run build` in each worktree, then `cmp` the two files.
 *
 * Covers tests/answers, tests/numbers and tests/dev-set (questions and off-topic lines), a few
 * hostile inputs, follow-ups on every seventh question, and knowledge.search for every question.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltKnowledge } from '../src/cli/built';

const ROOT = join(import.meta.dirname, '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: npx tsx bench/snapshot.ts <out.json>');
  process.exit(2);
}

const knowledge = loadBuiltKnowledge(ROOT);
const questions: string[] = [];
for (const dir of ['tests/answers', 'tests/numbers', 'tests/dev-set']) {
  for (const file of readdirSync(join(ROOT, dir)).sort()) {
    const text = readFileSync(join(ROOT, dir, file), 'utf8');
    if (file.endsWith('.jsonl')) {
      for (const line of text.split('\n')) if (line.trim()) questions.push((JSON.parse(line) as { q: string }).q);
    } else if (file.endsWith('.txt')) {
      for (const line of text.split('\n')) if (line.trim() && !line.startsWith('#')) questions.push(line.trim());
    }
  }
}
questions.push(
  'retry '.repeat(333).slice(0, 2000),
  'a'.repeat(2000),
  Array.from({ length: 400 }, (_, i) => `w${i}x`).join(' ').slice(0, 2000),
  Array.from({ length: 300 }, (_, i) => `${i}ms`).join(' ').slice(0, 2000),
  'z'.repeat(1999),
  '',
  'café résumé naïve',
  'Qué es un circuit breaker y cómo funciona',
);

const snapshot: unknown[] = [];
for (const q of questions) snapshot.push({ q, a: await knowledge.ask(q) });
const followUps = ['and how does it fail?', 'what does it cost?', 'when should I not use it?', 'how do I test it?', 'why?'];
for (let i = 0; i < questions.length; i += 7) {
  for (const f of followUps) snapshot.push({ q: f, previous: questions[i], a: await knowledge.ask(f, { previous: questions[i], baseUrl: 'https://x.example' }) });
}
for (const q of questions) snapshot.push({ search: q, r: knowledge.search(q, 10) });
writeFileSync(out, JSON.stringify(snapshot, null, 1));
console.log(`${questions.length} questions, ${snapshot.length} records -> ${out}`);
