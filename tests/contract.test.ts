import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createApp } from '../src/http/app';
import { builtKnowledge } from './helpers/knowledge';

/**
 * One request, every interface, one answer: the HTTP API and the CLI must return the same answer
 * for the same question (the Workers-runtime test covers the deployed adapter on top of this).
 */
const BASE = 'https://compendium.test';
const knowledge = builtKnowledge();
const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });

const QUESTIONS = [
  'how do I stop retries from taking down a recovering service?',
  'saga vs two-phase commit',
  'what is the speed of light in fiber?',
  'how do I bake sourdough bread?',
  'what availability do two 99.9% services in series give?',
  '/calc queue arrival=80/s service=10ms servers=1',
  'bloom filter for 10M keys at 1% false positives, how much memory?',
  'how many servers do we need for 40k rps at peak?',
];

async function viaHttp(question: string) {
  const res = await app.request(`${BASE}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

function viaCli(questions: string[]) {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'compendium.mjs'), 'ask', '--stdin', '--json'], {
    input: questions.join('\n'),
    encoding: 'utf8',
    env: { ...process.env, COMPENDIUM_URL: BASE },
  });
  expect(r.status).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

describe('contract: the same question through every interface', () => {
  it('gives the same answer over HTTP, the CLI and the core', async () => {
    const fromCli = viaCli(QUESTIONS);
    for (const [i, q] of QUESTIONS.entries()) {
      const fromHttp = await viaHttp(q);
      const fromCore = await knowledge.ask(q, { baseUrl: BASE });
      expect(fromHttp).toEqual(fromCore);
      expect(fromCli[i]).toEqual(fromCore);
    }
  });

  it('gives the same calculator result over HTTP and the CLI', async () => {
    for (const input of ['usl fit points=1:100,2:190,4:350,8:560', 'feasibility target=99.95% 99.99% 99.99% 99.95%']) {
      const res = await app.request(`${BASE}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
      const fromHttp = await res.json();
      const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'compendium.mjs'), 'calc', ...input.split(' '), '--json'], {
        encoding: 'utf8',
        env: { ...process.env, COMPENDIUM_URL: BASE },
      });
      expect(JSON.parse(r.stdout)).toEqual(fromHttp);
      expect(fromHttp).toEqual(knowledge.calc(input, BASE));
    }
  });
});
