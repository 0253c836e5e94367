import { describe, expect, it } from 'vitest';
import { allPaths, type DialogueStep, type QuestionStep, type ResultStep } from '../src/core/index';
import { builtKnowledge } from './helpers/knowledge';

const knowledge = builtKnowledge();
const BASE = 'https://c.test';
const step = (id: string, state?: string | null, answer?: string | null) => knowledge.dialogue(id, state, answer, BASE);
const selectorData = knowledge.engine.data.dialogues.find((d) => d.id === 'selector')!;
const reviewData = knowledge.engine.data.dialogues.find((d) => d.id === 'review')!;

function run(id: string, answers: string[]): DialogueStep {
  let s = step(id);
  for (const a of answers) {
    if (s.type !== 'question') throw new Error(`dialogue ended before answer ${a}`);
    s = step(id, s.state, a);
    if (s.type === 'error') throw new Error(s.message);
  }
  return s;
}

describe('dialogue transitions', () => {
  it.each([
    ['start', [], 'question', 'goal'],
    ['answer by option id', ['consistency'], 'question', 'cons-scope'],
    ['answer by number', ['4'], 'question', 'cons-scope'],
    ['back', ['consistency', 'back'], 'question', 'goal'],
    ['restart', ['consistency', 'cross-team', 'restart'], 'question', 'goal'],
    ['back at the start stays at the start', ['back'], 'question', 'goal'],
  ])('%s', (_name, answers, type, questionId) => {
    let s = step('selector');
    for (const a of answers) s = step('selector', (s as QuestionStep).state, a);
    expect(s.type).toBe(type);
    expect((s as QuestionStep).question.id).toBe(questionId);
  });

  it('rejects an answer that is not an option, and changes nothing', () => {
    const s = step('selector') as QuestionStep;
    const bad = step('selector', s.state, 'banana');
    expect(bad.type).toBe('error');
    if (bad.type !== 'error') return;
    expect(bad.code).toBe('invalid_answer');
    expect(bad.message).toContain('Choose one of');
    expect(step('selector', s.state, '99').type).toBe('error');
  });

  it.each([
    ['garbage', 'not-a-state'],
    ['another dialogue', 'review~abc~1'],
    ['an option out of range', () => (step('selector') as QuestionStep).state.replace(/~$/, '~z')],
    ['an impossible path', () => `${(step('selector') as QuestionStep).state}0.0.0.0.0.0.0.0.0.0`],
    ['a huge value', 'x'.repeat(5000)],
  ])('recovers from a tampered state (%s) with a clear message and a restart', (_name, state) => {
    const s = step('selector', typeof state === 'function' ? state() : state, '1');
    expect(s.type).toBe('error');
    if (s.type !== 'error') return;
    expect(s.code).toBe('invalid_state');
    expect(s.restart?.question.id).toBe('goal');
  });

  it('recognises a state from an older version of the questions', () => {
    const s = step('selector') as QuestionStep;
    const stale = s.state.replace(/~[a-z0-9]+~/, '~old000~');
    const r = step('selector', stale, '1');
    expect(r.type === 'error' && r.code).toBe('stale_state');
  });

  it('answers an unknown dialogue with the list of dialogues', () => {
    const r = knowledge.dialogue('nope');
    expect(r.type === 'error' && r.message).toMatch(/review/);
    expect(r.type === 'error' && r.message).toMatch(/selector/);
  });
});

describe('every path through each dialogue ends well', () => {
  it.each([
    ['selector', selectorData],
    ['review', reviewData],
  ] as const)('%s', (id, data) => {
    const paths = allPaths(data);
    expect(paths.length).toBeGreaterThan(id === 'selector' ? 100 : 1000);
    for (const path of paths) {
      expect(path.length).toBeGreaterThanOrEqual(id === 'selector' ? 4 : 8);
      expect(path.length).toBeLessThanOrEqual(id === 'selector' ? 7 : 8);
      const r = run(id, path) as ResultStep;
      expect(r.type, path.join(' > ')).toBe('result');
      expect(r.state.length).toBeLessThan(2000);
      if (id === 'selector') {
        expect(r.recommendations.length, path.join(' > ')).toBeGreaterThanOrEqual(3);
        expect(r.recommendations.length).toBeLessThanOrEqual(5);
        for (const p of r.recommendations) {
          expect(p.reasons.length, `${p.id} on ${path.join(' > ')}`).toBeGreaterThan(0);
          expect(p.tradeoff).toBeTruthy();
          expect(p.read.length).toBeGreaterThan(0);
          expect(knowledge.doc(p.id)?.kind).toBe('pattern');
        }
        for (const a of r.avoid) expect(r.recommendations.map((p) => p.id)).not.toContain(a.id);
      }
      expect(r.markdown).toContain('**Your answers**');
    }
  });
});

/**
 * Realistic situations and the patterns an experienced architect would name for them: the top
 * results must include each listed pattern.
 */
const SCENARIOS: Array<{ name: string; answers: string[]; expect: string[]; avoid?: string[] }> = [
  { name: 'order flow across teams, payment must be undone on failure', answers: ['consistency', 'cross-team', 'compensate', 'notify', 'mature', 'moderate'], expect: ['patterns/saga', 'patterns/transactional-outbox', 'patterns/idempotent-receiver'], avoid: ['patterns/two-phase-commit'] },
  { name: 'publish an event whenever an order row is written', answers: ['consistency', 'one-db', 'notify', 'small', 'tight'], expect: ['patterns/transactional-outbox', 'patterns/change-data-capture'], avoid: ['patterns/two-phase-commit'] },
  { name: 'a slow fraud API takes checkout down', answers: ['reliability', 'slow-dependency', 'sync', 'small', 'moderate'], expect: ['patterns/timeout', 'patterns/circuit-breaker', 'patterns/bulkhead'] },
  { name: 'flash sales overload an API', answers: ['reliability', 'overload', 'sync', 'mature', 'moderate'], expect: ['patterns/load-shedding', 'patterns/rate-limiting', 'patterns/auto-scaling'] },
  { name: 'consumers fall behind during spikes', answers: ['reliability', 'overload', 'async', 'mature', 'moderate'], expect: ['patterns/backpressure', 'patterns/load-shedding'] },
  { name: 'payments processed twice after retries', answers: ['reliability', 'duplicates', 'async', 'small', 'moderate'], expect: ['patterns/idempotent-receiver', 'patterns/transactional-outbox'] },
  { name: 'a bad config push took down every customer', answers: ['reliability', 'bad-change', 'sync', 'mature', 'reliability-first'], expect: ['patterns/cell-based-architecture', 'patterns/observability'] },
  { name: 'one Postgres primary must survive losing its host', answers: ['reliability', 'lose-infra', 'single-db', 'minutes', 'small', 'moderate'], expect: ['patterns/failover', 'patterns/leader-follower-replication', 'patterns/health-check'] },
  { name: 'product catalogue read by millions, edited rarely', answers: ['performance', 'read-heavy', 'stale-ok', 'global', 'mature', 'moderate'], expect: ['patterns/caching-strategies', 'patterns/edge-computing'] },
  { name: 'search page queries 40 shards per request', answers: ['performance', 'fan-out', 'stale-ok', 'one-region', 'mature', 'moderate'], expect: ['patterns/scatter-gather', 'patterns/timeout'] },
  { name: 'orders table outgrows one database', answers: ['scale', 'db-size', 'even', 'mature', 'moderate'], expect: ['patterns/sharding', 'patterns/consistent-hashing'] },
  { name: 'a few big tenants dominate load', answers: ['scale', 'db-size', 'hot', 'mature', 'moderate'], expect: ['patterns/sharding', 'patterns/caching-strategies'] },
  { name: 'split a monolith without a big-bang rewrite', answers: ['legacy', 'monolith', 'gradual', 'mature', 'moderate'], expect: ['patterns/strangler-fig', 'patterns/anti-corruption-layer'] },
  { name: 'mobile and web need different APIs', answers: ['legacy', 'many-clients', 'some', 'mature', 'moderate'], expect: ['patterns/backends-for-frontends', 'patterns/api-gateway'] },
  { name: 'keep Elasticsearch in sync with Postgres', answers: ['data', 'read-models', 'harmful', 'small', 'moderate'], expect: ['patterns/change-data-capture', 'patterns/materialized-view', 'patterns/idempotent-receiver'] },
  { name: 'small team wants domain-owned data', answers: ['data', 'ownership', 'harmless', 'small', 'tight'], expect: ['patterns/polyglot-persistence'], avoid: ['patterns/data-mesh'] },
];

describe('recommendations for realistic scenarios', () => {
  it.each(SCENARIOS)('$name', ({ answers, expect: wanted, avoid }) => {
    const r = run('selector', answers) as ResultStep;
    expect(r.type).toBe('result');
    const ids = r.recommendations.map((p) => p.id);
    for (const id of wanted) expect(ids, `${id} in ${ids.join(', ')}`).toContain(id);
    for (const id of avoid ?? []) {
      expect(ids).not.toContain(id);
      expect(r.avoid.map((a) => a.id)).toContain(id);
    }
  });

  it('explains a recommendation in the user\u2019s own terms, with links and a calculator', () => {
    const r = run('selector', ['consistency', 'cross-team', 'compensate', 'notify', 'mature', 'moderate']) as ResultStep;
    const saga = r.recommendations.find((p) => p.id === 'patterns/saga')!;
    expect(saga.reasons.join(' ')).toContain('you said intermediate states may be visible and undone later');
    expect(saga.read[0]!.url).toBe(`${BASE}/docs/patterns/saga#solution`);
    expect(r.avoid[0]!.because).toContain('different teams');
    expect(r.markdown).toContain('### What to avoid');
    const perf = run('selector', ['performance', 'fan-out', 'stale-ok', 'one-region', 'mature', 'moderate']) as ResultStep;
    expect(perf.recommendations.find((p) => p.id === 'patterns/scatter-gather')?.calculator).toMatch(/^tail /);
  });
});

describe('design review', () => {
  it('raises risks with mitigations and an improvement plan, high first', () => {
    const r = run('review', ['unknown', 'tested', 'hangs', 'idempotent', 'home-grown', 'dashboards', 'progressive', 'unit-cost']) as ResultStep;
    expect(r.risks.map((x) => x.level)).toEqual(['high', 'high', 'high', 'medium']);
    expect(r.risks[0]!.mitigate.length).toBeGreaterThan(0);
    expect(r.risks.some((x) => x.mitigate.some((m) => m.id === 'patterns/circuit-breaker'))).toBe(true);
    expect(r.markdown).toContain('### Improvement plan');
    const clean = run('review', ['budgeted', 'tested', 'handled', 'idempotent', 'none-needed', 'slo-alerts', 'progressive', 'unit-cost']) as ResultStep;
    expect(clean.risks).toEqual([]);
    expect(clean.markdown).toContain('No high or medium risks');
  });

  it('starts from a chat request', async () => {
    const a = await knowledge.ask('help me choose a pattern');
    expect(a.dialogue?.type).toBe('question');
    expect(a.answer).toContain('What matters most');
    expect((await knowledge.ask('run a design review')).dialogue?.type).toBe('question');
  });
});
