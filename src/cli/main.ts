/**
 * The `compendium` command: the same core the HTTP API uses, from a terminal.
 * Exit codes: 0 success, 1 a failure while running, 2 a usage error.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { calcToMarkdown, stepToMarkdown, checkLimit, checkQuestion, evaluate, formatAnswerReport, formatNumbersReport, Knowledge, LIMITS, parseAnswerSets, parseEvalCases, parseNumbersCases, runAnswerEval, runNumbersEval } from '../core/index';
import { formatAnswer, formatSearch, markdownForTerminal } from './terminal';
import { builtDocuments, loadBuiltKnowledge } from './built';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_BASE = 'http://127.0.0.1:8787';

const HELP: Record<string, string> = {
  main: `compendium: design guidance for distributed systems, from the terminal.

Usage: compendium <command> [options]

Commands:
  ask "question"       answer a question with cited sections
  search "query"       list the documents and sections that match
  calc NAME key=value  run a calculator (latency, queue, availability, ...); calc alone lists them
  select               the pattern selector: a few questions, then ranked patterns with reasons
  review               a design review: one question per axiom, then risks and an improvement plan
  eval FILE.jsonl      measure retrieval (recall@1/3/5, MRR) or answers (--answers) over a question set
  mcp                  serve the compendium as an MCP server over stdio (for desktop clients and editors)
  feedback             list recent 👎 (with their reasons) from a deployment, for its admin
  help [command]       show help for a command

Options for every command: --help
Links point at $COMPENDIUM_URL (default ${DEFAULT_BASE}, where \`npm start\` serves the pages).
`,
  ask: `Usage: compendium ask "question" [--json] [--previous "the question before"]
       compendium ask --stdin [--json]

Answers a question from the compendium with links to the sections it came from.
  --json        print the same JSON as POST /api/ask
  --previous Q  the previous question, so a follow-up ("what does it cost?") keeps its subject
  --stdin   read one question per line from standard input and answer each, in order
            (with --json: one JSON object per line; a bad line gives {"error": ...} in its place)

Example: compendium ask "how do I stop retries from taking down a recovering service?"
`,
  search: `Usage: compendium search "query" [--limit N] [--json]

Lists matching documents, best first, with their best sections.
  --limit N   how many documents (1-${LIMITS.searchMaxLimit}, default ${LIMITS.searchDefaultLimit})
  --json      print the same JSON as GET /api/search

Example: compendium search "thundering herd" --limit 3
`,
  calc: `Usage: compendium calc NAME [values] [key=value ...] [--json]
       compendium calc                 list the calculators
       compendium calc NAME --help     usage and examples of one

Runs a calculator and prints the figures, the formula, the assumptions, a plain reading and the
compendium section that explains it. With --json, the same JSON as POST /api/calc (figures as
numbers). A bad input exits with status 2 and says what to fix.

Examples:
  compendium calc availability 99.9% 99.95% mode=series
  compendium calc queue arrival=80/s service=10ms servers=1
  compendium calc latency from=London to=New York
`,
  select: `Usage: compendium select [--answers A,B,...] [--json]

Asks a few multiple-choice questions about your system and ends with three to five ranked patterns:
why each fits, its main trade-off, what to read and which calculator to run, plus what to avoid.
Interactive: answer with the option's number; "back" goes back a step, "restart" starts over,
"quit" stops. With --answers (option numbers or ids, comma-separated) it runs without prompts and
prints the step reached; --json prints the same JSON as POST /api/select.

Example: compendium select --answers 4,3,1,1,2
`,
  review: `Usage: compendium review [--answers A,B,...] [--json]

A design review in the spirit of a well-architected review: one question per axiom (latency,
capacity, failure, concurrency, coordination, observability, human interface, economics). Each
answer can raise a risk with the patterns that mitigate it; the result is a risk list and an
improvement plan in markdown. Answers and options work as in "compendium select".

Example: compendium review --answers 2,3,1,1,3,2,2,1
`,
  mcp: `Usage: compendium mcp [--base URL]

Serves the compendium as a Model Context Protocol server over standard input and output, for
desktop assistants and editors: tools search, fetch, ask, calculate, choose_pattern,
review_design, list_documents and get_section; documents as resources; two prompts. Links in
results point at --base, $COMPENDIUM_URL or ${DEFAULT_BASE}.

Client configuration (the command runs from the project folder):
  {"mcpServers": {"compendium": {"command": "npx", "args": ["compendium", "mcp"]}}}
`,
  feedback: `Usage: compendium feedback [--vote down|up|all] [--limit N] [--json] [--base URL]

Lists recent feedback stored by a deployment, newest first (👎 by default), with the reason and the
missing source people gave. Reads GET <base>/api/admin/feedback with the admin token from
$COMPENDIUM_ADMIN_TOKEN (the deployment's ADMIN_TOKEN secret); <base> is --base, $COMPENDIUM_URL
or ${DEFAULT_BASE}.
  --vote     down (default), up or all
  --limit    how many, 1 to 200 (default 50)
  --json     print the rows as JSON

Example: COMPENDIUM_URL=https://compendium.example.com COMPENDIUM_ADMIN_TOKEN=... compendium feedback --limit 20
`,
  eval: `Usage: compendium eval FILE.jsonl [--json] [--misses]
       compendium eval --answers FILE.jsonl [FILE.jsonl ...] [--json] [--misses]
       compendium eval --numbers FILE.jsonl [FILE.jsonl ...] [--json] [--misses]

Reads lines {"q": "question", "expect": ["doc/id", ...]} and prints recall@1, recall@3,
recall@5 and MRR of the search ranking (a question counts as found at k when any expected
document is among the top k).

With --answers, grades the answers themselves: lines with "nuggets" (lists of regular
expressions, any of which may match each key fact) pass when every nugget is stated; the pass
rate and source recall@3 are shown by "kind". Lines with only "q" are off-topic questions that
must come back "not sure"; lines with "q" and "expect" but no nuggets must not. Also reports
answers whose lead is a document summary word for word, teasers and fragments, and different
questions with identical answers.
  --json     print the figures as JSON
  --misses   also list the questions that failed

Example: compendium eval tests/dev-set/starter-a.jsonl
`,
};

class UsageError extends Error {}

type Parsed = { positional: string[]; flags: Map<string, string | true> };

function parseArgs(args: string[], valued: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else flags.set(name, true);
    } else if (a === '-h') flags.set('help', true);
    else positional.push(a);
  }
  return { positional, flags };
}

function loadKnowledge(): Knowledge {
  try {
    return loadBuiltKnowledge(ROOT);
  } catch {
    throw new Error('The compendium index is missing; run `npm run build` first.');
  }
}

function checkFlags(p: Parsed, allowed: string[], command: string) {
  for (const f of p.flags.keys()) {
    if (!allowed.includes(f)) throw new UsageError(`unknown option --${f} for "${command}". See: compendium ${command} --help`);
  }
}

async function readLines(input: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return lines;
}

export type Io = { out: (s: string) => void; err: (s: string) => void; stdin: NodeJS.ReadableStream; env: Record<string, string | undefined> };

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    io.out(HELP.main!);
    return command ? 0 : 2;
  }
  if (command === 'help') {
    io.out(HELP[rest[0] ?? 'main'] ?? HELP.main!);
    return 0;
  }
  if (!HELP[command] || command === 'main') throw new UsageError(`unknown command "${command}". Commands: ask, search, calc, select, review, eval, mcp, feedback. See: compendium --help`);
  const p = parseArgs(rest, ['limit', 'base', 'answers', 'previous', 'vote']);
  if (p.flags.has('help') && !(command === 'calc' && p.positional.length)) {
    io.out(HELP[command]!);
    return 0;
  }
  const baseUrl = String(p.flags.get('base') ?? io.env.COMPENDIUM_URL ?? io.env.PUBLIC_URL ?? DEFAULT_BASE).replace(/\/+$/, '');
  const json = p.flags.has('json');

  if (command === 'feedback') {
    checkFlags(p, ['json', 'base', 'vote', 'limit'], 'feedback');
    return listFeedback(baseUrl, p, io);
  }

  if (command === 'ask') {
    checkFlags(p, ['json', 'stdin', 'base', 'previous'], 'ask');
    const knowledge = loadKnowledge();
    if (p.flags.has('stdin')) {
      if (p.positional.length) throw new UsageError('give questions either as an argument or with --stdin, not both');
      for (const line of await readLines(io.stdin)) {
        const q = checkQuestion(line);
        if (json) io.out(JSON.stringify(q.ok ? await knowledge.ask(q.value, { baseUrl }) : { error: q.error }) + '\n');
        else io.out(q.ok ? `? ${q.value}\n${formatAnswer(await knowledge.ask(q.value, { baseUrl }))}\n` : `error: ${q.error.message}\n\n`);
      }
      return 0;
    }
    const q = checkQuestion(p.positional.join(' '));
    if (!q.ok) throw new UsageError(q.error.message);
    const previous = p.flags.get('previous');
    const answer = await knowledge.ask(q.value, { baseUrl, previous: typeof previous === 'string' && previous.trim() ? previous : undefined });
    io.out(json ? JSON.stringify(answer, null, 2) + '\n' : formatAnswer(answer));
    return 0;
  }

  if (command === 'search') {
    checkFlags(p, ['json', 'limit', 'base'], 'search');
    const q = checkQuestion(p.positional.join(' '), LIMITS.searchMaxChars);
    if (!q.ok) throw new UsageError(q.error.code === 'empty_question' ? 'give a query, for example: compendium search "circuit breaker"' : q.error.message);
    const limit = checkLimit(p.flags.get('limit'));
    if (!limit.ok) throw new UsageError(limit.error.message);
    const results = loadKnowledge().search(q.value, limit.value, baseUrl);
    io.out(json ? JSON.stringify({ query: q.value, results }, null, 2) + '\n' : formatSearch(results));
    return 0;
  }

  if (command === 'mcp') {
    checkFlags(p, ['base'], 'mcp');
    const knowledge = loadKnowledge();
    const { serveStdio } = await import('@modelcontextprotocol/server/stdio');
    const { createCompendiumServer } = await import('../mcp/server');
    const { fullDocument } = builtDocuments(ROOT);
    // Serves until the client closes standard input; nothing but protocol messages goes to stdout.
    serveStdio(() => createCompendiumServer({ knowledge, fullDocument, baseUrl }), { onerror: (err) => io.err(`mcp: ${err.message}\n`) });
    await new Promise<void>((resolve) => io.stdin.on('close', resolve).on('end', resolve));
    return 0;
  }

  if (command === 'calc') {
    checkFlags(p, ['json', 'base', 'help'], 'calc');
    const knowledge = loadKnowledge();
    if (!p.positional.length) {
      const list = knowledge.calculators.info().map((c) => `  ${c.name.padEnd(13)} ${c.summary}\n  ${' '.repeat(13)} e.g. compendium calc ${c.examples[0]}`);
      io.out(`Calculators:\n${list.join('\n')}\n\nMore: compendium calc NAME --help\n`);
      return 0;
    }
    if (p.flags.has('help')) {
      const calc = knowledge.calculators.find(p.positional[0]!);
      if (!calc) throw new UsageError(`no calculator "${p.positional[0]}"; run compendium calc to list them`);
      io.out(`${calc.title}: ${calc.summary}\n\nUsage: compendium calc ${calc.usage}\n\nExamples:\n${calc.examples.map((e) => `  compendium calc ${e}`).join('\n')}\n`);
      return 0;
    }
    const outcome = knowledge.calc(p.positional.join(' '), baseUrl);
    if (json) {
      if (outcome.ok) io.out(JSON.stringify(outcome, null, 2) + '\n');
      else {
        const { ok: _ok, ...error } = outcome;
        io.out(JSON.stringify({ error }, null, 2) + '\n');
      }
    } else if (outcome.ok) io.out(markdownForTerminal(calcToMarkdown(outcome, outcome.docUrl ?? '')) + '\n');
    if (!outcome.ok) {
      if (!json) io.err(`compendium: ${outcome.message}\n${outcome.example ? `Try: compendium calc ${outcome.example}\n` : ''}`);
      return 2;
    }
    return 0;
  }

  if (command === 'select' || command === 'review') {
    checkFlags(p, ['json', 'base', 'answers'], command);
    const id = command === 'select' ? 'selector' : 'review';
    const knowledge = loadKnowledge();
    if (p.positional.length) throw new UsageError(`${command} takes no arguments; give answers with --answers 1,2,3 or answer the prompts`);
    if (p.flags.has('answers')) {
      const answers = String(p.flags.get('answers')).split(',').map((a) => a.trim()).filter(Boolean);
      let step = knowledge.dialogue(id, null, null, baseUrl);
      for (const a of answers) {
        if (step.type !== 'question') break;
        step = knowledge.dialogue(id, step.state, a, baseUrl);
      }
      io.out(json ? JSON.stringify(step, null, 2) + '\n' : markdownForTerminal(stepToMarkdown(step)) + '\n');
      return step.type === 'error' ? 2 : 0;
    }
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
    let step = knowledge.dialogue(id, null, null, baseUrl);
    io.out(`${knowledge.dialogues.list().find((d) => d.id === id)?.intro ?? ''}\n\n`);
    while (step.type !== 'result') {
      io.out(markdownForTerminal(stepToMarkdown(step)) + '\n\nYour answer (number, back, restart or quit): ');
      const next = await lines.next();
      if (next.done || /^\s*(quit|exit|q)\s*$/i.test(next.value)) {
        io.out('\nStopped.\n');
        return 0;
      }
      const state = step.type === 'question' ? step.state : null;
      const moved = knowledge.dialogue(id, state, next.value.trim(), baseUrl);
      if (moved.type === 'error') io.out(`\n${moved.message}\n\n`);
      else {
        step = moved;
        io.out('\n');
      }
    }
    io.out(markdownForTerminal(step.markdown));
    return 0;
  }

  // eval
  checkFlags(p, ['json', 'misses', 'base', 'answers', 'numbers'], 'eval');
  if (p.flags.has('numbers')) {
    const files = [String(p.flags.get('numbers')), ...p.positional].filter((f) => f && f !== 'true');
    if (!files.length) throw new UsageError('give numbers sets, for example: compendium eval --numbers tests/numbers/*.jsonl');
    const cases = files.flatMap((name) => {
      let text: string;
      try {
        text = readFileSync(name, 'utf8');
      } catch {
        throw new Error(`cannot read ${name}`);
      }
      return parseNumbersCases(text, name);
    });
    const knowledge = loadKnowledge();
    const { outcomes, summary } = await runNumbersEval((q) => knowledge.ask(q, { baseUrl }), cases);
    io.out(json ? JSON.stringify(summary) + '\n' : formatNumbersReport(summary));
    if (p.flags.has('misses')) {
      for (const o of outcomes.filter((x) => x.verdict === 'wrong' || x.verdict === 'declined')) io.err(`${o.verdict} [${o.case.topic}] ${o.case.q}\n  ${o.input ?? '(no calculation)'}${o.missing.length ? `; missing ${o.missing.join(', ')}` : ''}\n`);
    }
    return 0;
  }
  if (p.flags.has('answers')) {
    const files = [String(p.flags.get('answers')), ...p.positional].filter((f) => f && f !== 'true');
    if (!files.length) throw new UsageError('give answer sets, for example: compendium eval --answers tests/answers/*.jsonl');
    const sets = parseAnswerSets(files.map((name) => {
      try {
        return { name, text: readFileSync(name, 'utf8') };
      } catch {
        throw new Error(`cannot read ${name}`);
      }
    }));
    const knowledge = loadKnowledge();
    const report = await runAnswerEval((q) => knowledge.ask(q, { baseUrl }), sets, knowledge.docs);
    if (json) io.out(JSON.stringify({ summary: report.summary, checks: report.checks, offTopicUnsure: report.offTopicUnsure, inScopeUnsure: report.inScopeUnsure, calibration: report.calibration }) + '\n');
    else io.out(formatAnswerReport(report));
    if (p.flags.has('misses')) {
      for (const o of report.outcomes.filter((x) => !x.passed)) io.err(`fail [${o.kind}] ${o.q}\n  nuggets ${o.nuggets.map((n) => (n ? '+' : '-')).join('')}${o.unsure ? ' (unsure)' : ''}\n  ${o.answer.split('\n')[0]!.slice(0, 300)}\n`);
      for (const q of report.offTopicAnswered) io.err(`off-topic answered: ${q}\n`);
      for (const q of report.inScopeRefused) io.err(`in scope refused: ${q}\n`);
    }
    return 0;
  }
  const file = p.positional[0];
  if (!file || p.positional.length > 1) throw new UsageError('give one question file, for example: compendium eval tests/dev-set/starter-a.jsonl');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  const cases = parseEvalCases(text, file);
  const knowledge = loadKnowledge();
  const { outcomes, summary } = evaluate(cases, (q) => knowledge.search(q, 5).map((r) => r.id));
  if (json) io.out(JSON.stringify(summary) + '\n');
  else {
    io.out(
      `questions  ${summary.questions}\nrecall@1   ${summary.recall1.toFixed(3)}\nrecall@3   ${summary.recall3.toFixed(3)}\nrecall@5   ${summary.recall5.toFixed(3)}\nMRR        ${summary.mrr.toFixed(3)}\n`,
    );
  }
  if (p.flags.has('misses')) {
    for (const o of outcomes.filter((x) => x.rank === null || x.rank > 3)) {
      io.err(`miss (rank ${o.rank ?? '-'}): ${o.q}\n  expected ${o.expect.join(', ')}; got ${o.ranked.slice(0, 3).join(', ')}\n`);
    }
  }
  return 0;
}

type FeedbackRow = { createdAt: string; vote: 'up' | 'down'; question: string; sources: string[]; reason: string | null; missingSource: string | null; channel: string };

/** `compendium feedback`: the admin route's rows, readable or as JSON. */
async function listFeedback(baseUrl: string, p: Parsed, io: Io): Promise<number> {
  const token = io.env.COMPENDIUM_ADMIN_TOKEN;
  if (!token) throw new UsageError('set COMPENDIUM_ADMIN_TOKEN to the deployment\'s ADMIN_TOKEN to list its feedback');
  if (p.positional.length) throw new UsageError(`unexpected "${p.positional[0]}". See: compendium feedback --help`);
  const query = new URLSearchParams({ vote: String(p.flags.get('vote') ?? 'down'), limit: String(p.flags.get('limit') ?? '50') });
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/admin/feedback?${query}`, { headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new Error(`could not reach ${baseUrl} (${err instanceof Error ? err.message : String(err)}); set --base or $COMPENDIUM_URL to the deployment`);
  }
  const body = (await res.json().catch(() => null)) as { feedback?: FeedbackRow[]; error?: { message?: string } } | null;
  if (!res.ok || !body?.feedback) {
    const message = body?.error?.message ?? `HTTP ${res.status}`;
    if (res.status === 400) throw new UsageError(message);
    throw new Error(message);
  }
  if (p.flags.has('json')) {
    io.out(JSON.stringify(body.feedback, null, 2) + '\n');
    return 0;
  }
  // What people typed is printed without control characters: no escape sequence reaches the terminal.
  const clean = (t: string) => t.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  if (!body.feedback.length) io.out('No feedback yet.\n');
  for (const f of body.feedback) {
    io.out(`${clean(f.createdAt).slice(0, 16).replace('T', ' ')}  ${f.vote === 'down' ? '👎' : '👍'} ${clean(f.channel)}  ${clean(f.question)}\n`);
    if (f.reason) io.out(`    reason: ${clean(f.reason)}\n`);
    if (f.missingSource) io.out(`    missing source: ${clean(f.missingSource)}\n`);
    if (f.sources.length) io.out(`    cited: ${clean(f.sources.join(', '))}\n`);
  }
  return 0;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`compendium: ${err.message}\n`);
      return 2;
    }
    io.err(`compendium: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly || process.env.COMPENDIUM_CLI_ENTRY === '1') {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    stdin: process.stdin,
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
