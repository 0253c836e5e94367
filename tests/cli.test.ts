import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compendium.mjs');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, COMPENDIUM_URL: 'https://compendium.test' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('compendium CLI', () => {
  it('answers a question readably with source links', () => {
    const r = cli(['ask', 'what is a circuit breaker?']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Circuit Breaker');
    expect(r.out).toContain('Sources:');
    expect(r.out).toContain('https://compendium.test/docs/patterns/circuit-breaker');
    expect(r.out).not.toContain('**');
  });

  it('prints the API JSON with --json', () => {
    const r = cli(['ask', '--json', 'saga vs two-phase commit']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.intent).toBe('comparison');
    expect(Object.keys(json).sort()).toEqual(['answer', 'confidence', 'intent', 'sources', 'unsure']);
  });

  it('answers one JSON line per stdin line, in order, with errors in place', () => {
    const questions = ['what is CQRS?', '', 'how do leader elections avoid two leaders?', 'what is event sourcing'];
    const r = cli(['ask', '--stdin', '--json'], questions.join('\n') + '\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].sources[0].id).toBe('patterns/cqrs');
    expect(lines[1].error.code).toBe('empty_question');
    expect(lines[3].sources[0].id).toBe('patterns/event-sourcing');
  });

  it('searches and evaluates a question file', () => {
    const s = cli(['search', 'thundering herd', '--limit', '2', '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).results.length).toBeLessThanOrEqual(2);

    const dir = mkdtempSync(join(tmpdir(), 'compendium-'));
    const file = join(dir, 'set.jsonl');
    writeFileSync(file, '{"q": "what is a saga", "expect": ["patterns/saga"]}\n{"q": "speed of light in fiber", "expect": ["axioms/latency"]}\n');
    const e = cli(['eval', file, '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out)).toEqual({ questions: 2, recall1: 1, recall3: 1, recall5: 1, mrr: 1 });
    const text = cli(['eval', file]);
    expect(text.out).toMatch(/recall@3\s+1\.000/);
  });

  it('has help for every command', () => {
    for (const cmd of ['ask', 'search', 'eval']) {
      const r = cli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: compendium ${cmd}`);
    }
    expect(cli(['--help']).out).toContain('Commands:');
  });

  it.each([
    [['ask'], 2, 'The question is empty'],
    [['ask', 'x'.repeat(3000)], 2, 'the limit is 2000'],
    [['frobnicate'], 2, 'unknown command "frobnicate"'],
    [['ask', '--bogus', 'hi'], 2, 'unknown option --bogus'],
    [['search', 'cache', '--limit', '0'], 2, 'limit must be a whole number'],
    [['eval', '/nonexistent/file.jsonl'], 1, 'cannot read'],
  ])('rejects %j with exit %i and a message', (args, code, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
  });

  it('reports a malformed question file by line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compendium-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"q": "ok", "expect": ["patterns/saga"]}\nnot json\n');
    const r = cli(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.jsonl:2: not valid JSON');
  });

  it('reports a bad answer-set line by its line in the file, whatever lines come before it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compendium-'));
    const file = join(dir, 'answers.jsonl');
    writeFileSync(file, '{"q": "how do I bake bread?"}\n{"q": "what is a saga?", "kind": "definition", "nuggets": [["("]]}\n');
    const r = cli(['eval', '--answers', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('answers.jsonl:2: nugget "(" is not a valid regular expression');
  });

  it('runs calculators, as text and as JSON with numbers', () => {
    const text = cli(['calc', 'queue', 'arrival=80/s', 'service=10ms', 'servers=1']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Mean response time (W) | 50 ms');
    expect(text.out).toContain('https://compendium.test/docs/quantitative/queueing-theory#the-formula');
    const json = cli(['calc', 'latency', 'from=London', 'to=New', 'York', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(typeof parsed.figures[0].value).toBe('number');
    expect(cli(['calc']).out).toContain('littles-law');
    expect(cli(['calc', 'usl', '--help']).out).toContain('usl fit points=');
  });

  it('exits non-zero with the error for a bad calculator input', () => {
    const r = cli(['calc', 'availability', '101%']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not an availability');
    expect(r.err).toContain('Try: compendium calc availability');
    const j = cli(['calc', 'qeue', '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out).error.suggestions).toEqual(['queue']);
  });

  it('runs the selector from answers and interactively, and the review', () => {
    const fixed = cli(['select', '--answers', 'consistency,cross-team,compensate,notify,mature,moderate', '--json']);
    expect(fixed.code).toBe(0);
    const result = JSON.parse(fixed.out);
    expect(result.type).toBe('result');
    expect(result.recommendations.map((r: { id: string }) => r.id)).toContain('patterns/saga');
    const interactive = cli(['select'], '4\n3\nnonsense\n1\n1\n2\n2\n');
    expect(interactive.code).toBe(0);
    expect(interactive.out).toContain('is not an answer');
    expect(interactive.out).toContain('Why it fits: because');
    expect(interactive.out).toContain('What to avoid');
    const review = cli(['review', '--answers', '3,3,3,3,3,3,3,3']);
    expect(review.out).toContain('Improvement plan');
    expect(cli(['select', '--answers', '9']).code).toBe(2);
  });
});
