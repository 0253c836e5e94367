import { beforeAll, describe, expect, it } from 'vitest';
import { runAnswerEval, type AnswerReport } from '../src/core/index';
import { builtKnowledge } from './helpers/knowledge';
import { answerSets, holdoutSets } from './helpers/answer-sets';

/**
 * Answer quality on the answer-quality dev set (tests/answers): questions written from public
 * material by people who had not seen the answer cards, each with the key facts ("nuggets") a
 * correct answer must state. The thresholds sit a little under what the assistant reaches today,
 * so a change that makes answers worse fails here; raise them as answers improve.
 */
// situations-c.jsonl (90 scenario, troubleshooting and how-to questions, added in a later round)
// and fresh-e.jsonl (30 comparisons, 30 troubleshooting and 20 scenario questions, written later
// still by a helper who saw only the catalog) are much harder than the first 452 questions, which
// pass at about 80%.
const THRESHOLDS = {
  // With fresh-f (90 questions written blind this round, nuggets stricter than the earlier sets'),
  // the dev pool's pass rate is about 70.6% and its lowest kinds (scenario, troubleshooting) about 59%.
  pass: 0.68,
  passPerKind: 0.55,
  maxVerbatimSummaryLeads: 0.05,
  maxTeaserOrFragment: 0.04,
  // Most remaining pairs are one question asked twice in different words by different authors
  // (fresh-e and fresh-f repeat several situations of the earlier sets), where one answer is right
  // for both; 30 with fresh-f.
  maxIdenticalPairs: 32,
  // Three sets: the third (off-topic-c) is mostly long, situation-first questions about other
  // subjects ("our hiking group's leader..."), much harder than the first two.
  minOffTopicUnsure: 0.95,
  maxInScopeUnsure: 0.02,
  minRecall3: 0.91,
  // Confidence is the estimated probability that the answer is right (src/core/answer/confidence.ts).
  // 0.174 with fresh-f (0.168 without it).
  maxBrier: 0.18,
};

let report: AnswerReport;
beforeAll(async () => {
  const knowledge = builtKnowledge();
  report = await runAnswerEval((q) => knowledge.ask(q, { baseUrl: 'https://compendium.test' }), answerSets(), knowledge.docs);
}, 300_000);

describe('answer quality on the dev set', () => {
  it('has a dev set large and varied enough to mean something', () => {
    expect(report.summary.questions).toBeGreaterThanOrEqual(300);
    expect(Object.keys(report.summary.byKind).sort()).toEqual(['comparison', 'definition', 'howto', 'jargon', 'numbers', 'scenario', 'troubleshooting']);
  });

  it('states the key facts of most answers, in every kind of question', () => {
    expect(report.summary.pass).toBeGreaterThanOrEqual(THRESHOLDS.pass);
    for (const [kind, s] of Object.entries(report.summary.byKind)) expect(s.pass, kind).toBeGreaterThanOrEqual(THRESHOLDS.passPerKind);
    expect(report.summary.recall3).toBeGreaterThanOrEqual(THRESHOLDS.minRecall3);
  });

  it('leads with the thing asked, not a document summary, a teaser or a fragment', () => {
    expect(report.checks.verbatimSummaryLeads).toBeLessThanOrEqual(THRESHOLDS.maxVerbatimSummaryLeads);
    expect(report.checks.teaserOrFragment).toBeLessThanOrEqual(THRESHOLDS.maxTeaserOrFragment);
    expect(report.checks.identicalPairs).toBeLessThanOrEqual(THRESHOLDS.maxIdenticalPairs);
  });

  it('says it is unsure about off-topic questions, and not about short in-scope ones', () => {
    expect(report.offTopicUnsure).toBeGreaterThanOrEqual(THRESHOLDS.minOffTopicUnsure);
    expect(report.inScopeUnsure).toBeLessThanOrEqual(THRESHOLDS.maxInScopeUnsure);
  });

  it('is more often right when it is confident, and its confidence is close to how often it is right', () => {
    expect(report.calibration.high).toBeGreaterThan(report.calibration.low + 0.2);
    expect(report.calibration.brier).toBeLessThanOrEqual(THRESHOLDS.maxBrier);
  });
});

/**
 * The held-out sets (tests/answers-holdout): 200 questions written by people who saw only the
 * catalog, never the documents, the cards or the dev set, and never used to tune answers. Their
 * thresholds guard against changes that only fit the dev set.
 */
// holdout-b (scenario, troubleshooting and how-to questions only) is far harder than holdout-a.
const HOLDOUT = { pass: 0.6, minRecall3: 0.89, minOffTopicUnsure: 0.95, maxBrier: 0.24 };

describe('answer quality on the held-out set', () => {
  it('states the key facts of most held-out answers and finds their documents', async () => {
    const knowledge = builtKnowledge();
    const held = await runAnswerEval((q) => knowledge.ask(q, { baseUrl: 'https://compendium.test' }), holdoutSets(), knowledge.docs);
    expect(held.summary.questions).toBeGreaterThanOrEqual(200);
    expect(held.summary.pass).toBeGreaterThanOrEqual(HOLDOUT.pass);
    expect(held.summary.recall3).toBeGreaterThanOrEqual(HOLDOUT.minRecall3);
    // ...and refuses its off-topic questions (off-topic-d, written blind to the scope rules).
    expect(held.offTopicUnsure).toBeGreaterThanOrEqual(HOLDOUT.minOffTopicUnsure);
    // ...and its confidence, fitted on the dev set only, still says how likely an answer is right.
    expect(held.calibration.brier).toBeLessThanOrEqual(HOLDOUT.maxBrier);
  }, 300_000);
});
