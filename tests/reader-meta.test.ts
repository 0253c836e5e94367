import { describe, expect, it } from 'vitest';
import { displayAliases, plainDescription } from '../src/web/reader-meta';
import { builtKnowledge } from './helpers/knowledge';

describe('"Also known as" shows real alternative names only', () => {
  it.each([
    ['Beginner Path', ['beginner path'], []],
    ["Conway's Law", ['conways law', 'conway law', 'mirroring hypothesis'], ['mirroring hypothesis']],
    ['Backpressure', ['back pressure', 'back-pressure', 'flow control'], ['flow control']],
    ['Saga', ['saga pattern', 'sagas', 'long-running transaction', 'LRT'], ['saga pattern', 'long-running transaction', 'LRT']],
    ['Amazon Dynamo: Eventually Consistent by Design', ['Dynamo paper', 'DeCandia 2007'], ['Dynamo paper']],
    ['Video Sharing Platform', ['design YouTube', 'video hosting platform'], ['video hosting platform']],
    ['Axiom 1: Latency', ['latency', 'network latency', 'RTT'], ['network latency', 'RTT']],
    ['On-Call', ['oncall', 'on call rotation', 'pager duty'], ['on call rotation', 'pager duty']],
  ])('%s', (title, aliases, shown) => {
    expect(displayAliases(title, aliases)).toEqual(shown);
  });

  it('never shows a search-only phrase', () => {
    // Search terms live in front matter `search_terms`; the page reads `aliases` only.
    const saga = builtKnowledge().doc('patterns/saga')!;
    expect(displayAliases(saga.title, saga.aliases)).not.toContain('sage pattern');
  });
});

describe('plain descriptions for link previews', () => {
  it.each([
    ['A [saga](patterns/saga) keeps **business** outcomes `atomic`.', 'A saga keeps business outcomes atomic.'],
    [`${'One sentence that runs on. '.repeat(8)}Then more.`, 'One sentence that runs on. '.repeat(7).trim()],
  ])('%s', (md, plain) => {
    expect(plainDescription(md)).toBe(plain);
  });

  it('stays under 200 characters', () => {
    expect(plainDescription('word '.repeat(100)).length).toBeLessThanOrEqual(201);
  });
});
