/**
 * `npm run bench`: one table from one run. Sizes, start-up, per-question latency and retrieval
 * quality of our engine beside two baselines on the same content and questions.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { Miniflare } from 'miniflare';
import { evaluate, Knowledge, type EvalSummary, type StoredText } from '../src/core/index';
import { devSet } from '../tests/helpers/dev-set';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { createCompendiumServer } from '../src/mcp/server';
import { createApp } from '../src/http/app';
import { builtDocuments } from '../src/cli/built';

const ROOT = join(import.meta.dirname, '..');
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const knowledgeText = readFileSync(join(ROOT, 'generated', 'knowledge.txt'), 'utf8');
const indexText = readFileSync(join(ROOT, 'generated', 'index.txt'), 'utf8');
const cases = devSet();

// The documents' full text as the Worker gets it from static assets: read once here, so the timings
// below count the CPU of parsing and answering, not disk reads.
const docJson = new Map<string, unknown>();
const readDoc = async (id: string) => {
  if (!docJson.has(id)) docJson.set(id, readFileSync(join(ROOT, 'dist', 'public', 'data', 'text', `${id}.json`), 'utf8'));
  return JSON.parse(docJson.get(id) as string) as StoredText;
};

// Index load (what the Worker does once at start-up).
const loads: number[] = [];
let knowledge!: Knowledge;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  knowledge = new Knowledge(JSON.parse(knowledgeText), indexText, readDoc);
  loads.push(performance.now() - t);
}

// Per-question time, in-process: full answers (search + composition), warm.
for (const c of cases) await knowledge.ask(c.q);
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const c of cases) {
    const t = performance.now();
    await knowledge.ask(c.q);
    times.push(performance.now() - t);
  }
}

// Retrieval quality: ours and two baselines over the same sections.
const ours = evaluate(cases, (q) => knowledge.search(q, 5).map((r) => r.id)).summary;
const data = knowledge.engine.data;
type Row = { id: number; doc: string; title: string; heading: string; body: string };
const sectionsText = new Map<string, string>();
for (const d of data.docs) {
  const full = JSON.parse(readFileSync(join(ROOT, 'dist', 'public', 'data', 'docs', `${d.id}.json`), 'utf8')) as { sections: Array<{ heading: string; markdown: string }> };
  full.sections.forEach((s, i) => sectionsText.set(`${d.id}#${i}`, `${s.heading}\n${s.markdown}`));
}
const rows: Row[] = [];
for (const d of data.docs) {
  const n = d.sections.length;
  for (let i = 0; i < n; i++) {
    rows.push({ id: rows.length, doc: d.id, title: d.title, heading: d.sections[i]!.heading, body: sectionsText.get(`${d.id}#${i}`) ?? '' });
  }
}
const byDoc = (ids: number[]) => [...new Set(ids.map((i) => rows[i]!.doc))].slice(0, 5);

const lunrIndex = lunr(function () {
  this.ref('id');
  this.field('title');
  this.field('heading');
  this.field('body');
  for (const r of rows) this.add(r);
});
const lunrRank = (q: string) =>
  byDoc(lunrIndex.query((query) => query.term(lunr.tokenizer(q), {})).map((r) => Number(r.ref)));
const lunrSummary = evaluate(cases, lunrRank).summary;

const plain = new MiniSearch<Row>({ fields: ['title', 'heading', 'body'] });
plain.addAll(rows);
const plainSummary = evaluate(cases, (q) => byDoc(plain.search(q).map((r) => r.id as number))).summary;

// Worker bundle: wrangler's own dry-run deploy, minified (into an empty folder, so only this build counts).
rmSync(join(ROOT, 'dist', 'bundle'), { recursive: true, force: true });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', 'dist/bundle', '--minify'], {
  cwd: ROOT,
  stdio: 'ignore',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
});
const bundleDir = join(ROOT, 'dist', 'bundle');
const bundleFiles = readdirSync(bundleDir).filter((f) => !f.endsWith('.map') && !f.endsWith('.md') && statSync(join(bundleDir, f)).isFile());
const bundleRaw = bundleFiles.reduce((n, f) => n + statSync(join(bundleDir, f)).size, 0);
const bundleGzip = bundleFiles.reduce((n, f) => n + gzipSync(readFileSync(join(bundleDir, f))).length, 0);

// Worker start-up in workerd: time to first response, ours vs an empty Worker (the difference is our start-up).
async function firstResponse(options: ConstructorParameters<typeof Miniflare>[0]): Promise<number> {
  const t = performance.now();
  const mf = new Miniflare(options);
  await mf.dispatchFetch('http://localhost/healthz');
  const elapsed = performance.now() - t;
  await mf.dispose();
  return elapsed;
}
// The bundle's modules are handed to Miniflare as wrangler wrote them (as a deployment uploads them).
// Given only the entry's path, Miniflare finds the imports itself by parsing the whole bundle with
// acorn in Node, about 200-300 ms here that no deployed Worker spends; that figure is shown apart.
const bundleModules = [
  { type: 'ESModule' as const, path: join(bundleDir, 'worker.js'), contents: readFileSync(join(bundleDir, 'worker.js'), 'utf8') },
  ...bundleFiles.filter((f) => f.endsWith('.txt')).map((f) => ({ type: 'Text' as const, path: join(bundleDir, f), contents: readFileSync(join(bundleDir, f), 'utf8') })),
];
const workerOptions = {
  compatibilityDate: '2026-04-20',
  bindings: { PUBLIC_URL: '' },
  serviceBindings: { ASSETS: () => new Response('not found', { status: 404 }) },
};
const starts: number[] = [];
const empties: number[] = [];
const discovered: number[] = [];
for (let i = 0; i < 7; i++) {
  empties.push(await firstResponse({ modules: true, script: 'export default { fetch() { return new Response("ok") } }', compatibilityDate: '2026-04-20' }));
  starts.push(await firstResponse({ ...workerOptions, modules: bundleModules, modulesRoot: bundleDir }));
  discovered.push(await firstResponse({ ...workerOptions, modules: true, scriptPath: join(bundleDir, 'worker.js'), modulesRules: [{ type: 'Text' as const, include: ['**/*.txt'] }] }));
}
const startup = Math.max(0, Math.min(...starts) - Math.min(...empties));
const startupDiscovered = Math.max(0, Math.min(...discovered) - Math.min(...empties));

const indexRaw = Buffer.byteLength(indexText) + Buffer.byteLength(knowledgeText);
const indexGzip = gzipSync(indexText).length + gzipSync(knowledgeText).length;

const fmt = (s: EvalSummary) => `${s.recall3.toFixed(3)} / ${s.mrr.toFixed(3)}`;
// MCP: a client calling the tools through the SDK, in-process (JSON-RPC, schema validation included).
const mcpServer = createCompendiumServer({ knowledge, baseUrl: '', fullDocument: builtDocuments(ROOT).fullDocument });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await mcpServer.connect(serverSide);
const mcpClient = new Client({ name: 'bench', version: '1' });
await mcpClient.connect(clientSide);
const mcpTimes: number[] = [];
for (const [i, c] of cases.slice(0, 200).entries()) {
  const t = performance.now();
  if (i % 4 === 3) await mcpClient.callTool({ name: 'calculate', arguments: { calculator: 'queue', arguments: `arrival=${40 + i}/s service=10ms servers=2` } });
  else await mcpClient.callTool({ name: 'ask', arguments: { question: c.q } });
  mcpTimes.push(performance.now() - t);
}
await mcpClient.close();

// Hostile input: the worst request time over inputs built to be expensive, beside the typical p99.
const hostileApp = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });
const hostile: Array<() => Promise<unknown>> = [
  () => knowledge.ask('retry '.repeat(333).slice(0, 2000)),
  () => knowledge.ask('a'.repeat(2000)),
  () => knowledge.ask(Array.from({ length: 400 }, (_, i) => `w${i}x`).join(' ').slice(0, 2000)),
  () => knowledge.ask(Array.from({ length: 300 }, (_, i) => `${i}ms`).join(' ').slice(0, 2000)),
  async () => hostileApp.request('http://localhost/docs/' + 'abcdefgh/'.repeat(6000)),
  async () => hostileApp.request('http://localhost/api/docs/' + 'x-'.repeat(8000)),
  async () => hostileApp.request('http://localhost/ask?q=' + encodeURIComponent('z'.repeat(1999))),
];
let worst = 0;
for (const run of hostile) {
  await run();
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run();
    worst = Math.max(worst, performance.now() - t);
  }
}

const table: Array<[string, string, string]> = [
  ['documents / sections', `${data.docs.length} / ${data.units.length}`, ''],
  ['dev-set questions', String(cases.length), ''],
  ['serialized index + answer data (raw / gzip)', `${kb(indexRaw)} / ${kb(indexGzip)}`, ''],
  ['Worker bundle, minified (raw / gzip)', `${kb(bundleRaw)} / ${kb(bundleGzip)}`, 'target <= 1 MiB gzip'],
  ['Worker start-up in workerd (beyond an empty Worker)', ms(startup), 'limit 1 s; target <= 250 ms'],
  ['  the same with Miniflare finding the modules (acorn parse in Node)', ms(startupDiscovered), 'not spent by a deployed Worker'],
  ['index load in Node (median of 5)', ms(percentile(loads, 50)), ''],
  ['time per question p50 / p99 (in-process, answers)', `${ms(percentile(times, 50))} / ${ms(percentile(times, 99))}`, 'target p99 <= 2 ms'],
  ['worst request over a hostile set (long paths, long questions, many numbers)', ms(worst), `typical p99 ${ms(percentile(times, 99))}`],
  ['MCP tool call p50 / p99 (in-process: ask, calculate)', `${ms(percentile(mcpTimes, 50))} / ${ms(percentile(mcpTimes, 99))}`, 'protocol and schema overhead included'],
  ['recall@3 / MRR: Compendium engine', fmt(ours), ''],
  ['recall@3 / MRR: lunr (static-site search)', fmt(lunrSummary), ''],
  ['recall@3 / MRR: MiniSearch defaults', fmt(plainSummary), ''],
];
const w0 = Math.max(...table.map((r) => r[0].length));
const w1 = Math.max(...table.map((r) => r[1].length));
console.log(`${'measure'.padEnd(w0)} | ${'value'.padEnd(w1)} | note`);
console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-----`);
for (const [a, b, c] of table) console.log(`${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`);
