/**
 * The compendium as MCP tools, resources and prompts: the same core the HTTP API calls, for coding
 * agents and chat assistants. One factory builds a fresh server per request (HTTP, stateless) or per
 * connection (stdio); nothing is kept between requests.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';
import { calcToMarkdown, CARDS_ANCHOR, checkQuestion, docUrl, KINDS, LIMITS, parseCards, sectionsMarkdown, stepToMarkdown, type FullDocument, type Knowledge } from '../core/index';

export type McpDeps = {
  knowledge: Knowledge;
  /** A document with its sections in markdown (static assets in the Worker, files in Node). */
  fullDocument: (id: string) => Promise<FullDocument | null>;
  /** Base URL for links ('' keeps them site-relative). */
  baseUrl: string;
  version?: string;
};

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
const ID = /^[a-z0-9-]+\/[a-z0-9-]+(#[a-z0-9-]+)?$/;

type ToolResult = { content: Array<{ type: 'text'; text: string }>; structuredContent?: Record<string, unknown>; isError?: boolean };

function result(text: string, data: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text }], structuredContent: data };
}

function failure(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** A document's or one section's text, by `<doc-id>` or `<doc-id>#<anchor>`. */
async function readById(deps: McpDeps, id: string): Promise<{ id: string; title: string; text: string; url: string } | null> {
  const [docId, anchor] = id.split('#') as [string, string | undefined];
  const doc = await deps.fullDocument(docId);
  if (!doc) return null;
  if (!anchor) {
    return { id, title: doc.title, text: `# ${doc.title}\n\n${doc.summary}\n\n${sectionsMarkdown(doc.sections)}`, url: docUrl(deps.baseUrl, docId) };
  }
  const section = doc.sections.find((s) => s.anchor === anchor);
  if (section) return { id, title: `${doc.title} › ${section.heading}`, text: `## ${section.heading}\n\n${section.markdown}`, url: docUrl(deps.baseUrl, docId, anchor) };
  // An answer card: its question and answer from the "Common questions" section.
  const cards = doc.sections.find((s) => s.anchor === CARDS_ANCHOR);
  const card = cards && parseCards(cards.markdown).cards.find((c) => c.anchor === anchor);
  if (card) return { id, title: `${doc.title} › ${card.question}`, text: `### ${card.question}\n\n${card.answer}`, url: docUrl(deps.baseUrl, docId, anchor) };
  return null;
}

const NOT_FOUND = (id: string) => `No document or section "${id}". Use a document id such as patterns/saga, or <doc-id>#<anchor> from the search tool's results.`;

/** Builds the MCP server over the compendium. */
export function createCompendiumServer(deps: McpDeps): McpServer {
  const { knowledge, baseUrl } = deps;
  const server = new McpServer(
    { name: 'compendium', title: 'Compendium: distributed-systems design guidance', version: deps.version ?? '0.1.0' },
    {
      instructions:
        'Design guidance for distributed systems from a curated compendium (axioms, patterns, case studies, a quantitative toolkit). ' +
        'Use ask for a direct answer with sources, search and fetch to read the documents, calculate for numbers (latency, queueing, availability, capacity...), ' +
        'and choose_pattern or review_design for a step-by-step dialogue. Every answer is deterministic and cites its sections.',
    },
  );
  const calculators = knowledge.calculators.info();
  const names = calculators.map((c) => c.name) as [string, ...string[]];

  server.registerTool(
    'search',
    {
      title: 'Search the compendium',
      description: 'Finds the documents and sections that match a query, best first. Each result has an id (a document, or <doc-id>#<anchor> for a section) to pass to fetch.',
      inputSchema: z.object({ query: z.string().min(1).max(LIMITS.searchMaxChars).describe('What to look for, e.g. "thundering herd" or "how to size a connection pool"') }),
      annotations: READ_ONLY,
    },
    async ({ query }) => {
      const hits = knowledge.search(query, 8, baseUrl);
      const results = hits.flatMap((h) => [
        { id: h.id, title: h.title, url: h.url },
        ...h.sections.filter((s) => s.url.includes('#')).map((s) => ({ id: `${h.id}#${s.url.split('#')[1]}`, title: `${h.title} › ${s.heading}`, url: s.url })),
      ]);
      return result(JSON.stringify({ results }), { results });
    },
  );

  server.registerTool(
    'fetch',
    {
      title: 'Read a document or section',
      description: 'Returns the full text (markdown) of a document by id (e.g. patterns/saga) or of one section or answer card (patterns/saga#when-to-use), with its title and URL.',
      inputSchema: z.object({ id: z.string().regex(ID, 'an id such as patterns/saga or patterns/saga#when-to-use') }),
      annotations: READ_ONLY,
    },
    async ({ id }) => {
      const found = await readById(deps, id);
      if (!found) return failure(NOT_FOUND(id));
      return result(found.text, { ...found, metadata: { source: 'compendium' } });
    },
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask a design question',
      description:
        'Answers a distributed-systems design question in a few sentences, leading with the specific thing asked, with sources (section URLs) and a confidence. ' +
        'Says when the compendium does not cover the question. For a follow-up, pass the previous question.',
      inputSchema: z.object({
        question: z.string().min(1).max(LIMITS.questionMaxChars).describe('The question, e.g. "how long should a circuit breaker stay open?"'),
        previous: z.string().max(LIMITS.questionMaxChars).optional().describe('The previous question, so a follow-up keeps its subject'),
      }),
      annotations: READ_ONLY,
    },
    async ({ question, previous }) => {
      const q = checkQuestion(question);
      if (!q.ok) return failure(q.error.message);
      const answer = await knowledge.ask(q.value, { baseUrl, previous });
      const sources = answer.sources.map((s) => `- ${s.title} › ${s.section}: ${s.url}`).join('\n');
      return result(`${answer.answer}\n\nSources:\n${sources || '(none)'}\n\nConfidence ${answer.confidence}${answer.unsure ? ' (not sure the compendium covers this)' : ''}`, answer as unknown as Record<string, unknown>);
    },
  );

  server.registerTool(
    'calculate',
    {
      title: 'Run a calculator',
      description:
        'Computes from your own numbers with one of the compendium\'s calculators and returns figures with units, the formula, its assumptions, a plain reading and the section that explains it. ' +
        `Arguments are key=value text with units, as in the CLI. Calculators: ${calculators.map((c) => `${c.name} (${c.usage})`).join('; ')}.`,
      inputSchema: z.object({
        calculator: z.enum(names).describe('Which calculator'),
        arguments: z.string().max(500).describe('key=value arguments with units, e.g. "arrival=80/s service=10ms servers=2"'),
      }),
      annotations: READ_ONLY,
    },
    async ({ calculator, arguments: args }) => {
      const outcome = knowledge.calc(`${calculator} ${args}`, baseUrl);
      if (!outcome.ok) return failure(`${outcome.message}${outcome.example ? ` Example: ${outcome.example}` : ''}`);
      return result(calcToMarkdown(outcome, outcome.docUrl ?? ''), outcome as unknown as Record<string, unknown>);
    },
  );

  for (const [tool, dialogue, title, what] of [
    ['choose_pattern', 'selector', 'Choose a pattern', 'Walks the pattern selector: four to seven multiple-choice questions about the part of the system being designed, ending in ranked patterns with why each fits, its trade-off and what to avoid.'],
    ['review_design', 'review', 'Review a design', 'Walks a design review, one question per axiom (latency, capacity, failure...), ending in a risk list and an improvement plan.'],
  ] as const) {
    server.registerTool(
      tool,
      {
        title,
        description: `${what} Call with no arguments to start; then pass back the "state" from the last step with "answer" (an option id or number, "back" or "restart"). The server keeps nothing.`,
        inputSchema: z.object({
          state: z.string().max(2000).optional().describe('The state token from the previous step'),
          answer: z.union([z.string().max(100), z.number()]).optional().describe('An option id or number, "back" or "restart"'),
        }),
        annotations: READ_ONLY,
      },
      async ({ state, answer }) => {
        const step = knowledge.dialogue(dialogue, state ?? null, answer === undefined ? null : String(answer), baseUrl);
        const text = stepToMarkdown(step);
        return { ...result(text, step as unknown as Record<string, unknown>), ...(step.type === 'error' ? { isError: true } : {}) };
      },
    );
  }

  server.registerTool(
    'list_documents',
    {
      title: 'List the documents',
      description: 'Lists every document of the compendium (id, title, kind, one-line summary, URL), optionally of one kind.',
      inputSchema: z.object({ kind: z.enum(KINDS).optional().describe('Only documents of this kind') }),
      annotations: READ_ONLY,
    },
    async ({ kind }) => {
      const documents = knowledge.docs
        .filter((d) => !kind || d.kind === kind)
        .map((d) => ({ id: d.id, title: d.title, kind: d.kind, summary: d.summary, url: docUrl(baseUrl, d.id) }));
      return result(documents.map((d) => `- ${d.id}: ${d.title}`).join('\n'), { documents });
    },
  );

  server.registerTool(
    'get_section',
    {
      title: 'Read one section',
      description: 'Returns one section of a document (markdown) by document id and section anchor, e.g. patterns/circuit-breaker and in-practice. The anchors are listed by fetch and search.',
      inputSchema: z.object({ id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a document id such as patterns/saga'), anchor: z.string().regex(/^[a-z0-9-]+$/, 'a section anchor such as when-to-use') }),
      annotations: READ_ONLY,
    },
    async ({ id, anchor }) => {
      const found = await readById(deps, `${id}#${anchor}`);
      if (!found) {
        const doc = knowledge.doc(id);
        return failure(doc ? `${id} has no section "${anchor}". Its sections: ${doc.sections.map((s) => s.anchor).filter(Boolean).join(', ')}.` : NOT_FOUND(id));
      }
      return result(found.text, found);
    },
  );

  server.registerResource(
    'document',
    new ResourceTemplate('compendium://docs/{part}/{name}', {
      list: async () => ({
        resources: knowledge.docs.map((d) => ({ uri: `compendium://docs/${d.id}`, name: d.id, title: d.title, description: d.summary, mimeType: 'text/markdown' })),
      }),
    }),
    { title: 'Compendium document', description: 'A document of the compendium as markdown', mimeType: 'text/markdown' },
    async (uri, { part, name }) => {
      const found = await readById(deps, `${part}/${name}`);
      if (!found) throw new Error(NOT_FOUND(`${part}/${name}`));
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: found.text }] };
    },
  );

  server.registerPrompt(
    'review_my_design',
    {
      title: 'Review my design',
      description: 'Starts a design review of a system you describe, using the compendium\'s review_design tool and axioms.',
      argsSchema: z.object({ design: z.string().max(4000).describe('A short description of the system or change under review') }),
    },
    ({ design }) => ({
      messages: [
        {
          role: 'user' as const,
          content: {
            type: 'text' as const,
            text: `Review this design against the eight axioms of distributed systems (latency, capacity, failure, concurrency, coordination, observability, human interface, economics). Use the compendium's review_design tool to walk the questions, answer each from the description, and finish with the risk list and improvement plan, citing the compendium's sections.\n\nDesign:\n${design}`,
          },
        },
      ],
    }),
  );

  server.registerPrompt(
    'pick_a_pattern',
    {
      title: 'Pick a pattern',
      description: 'Chooses patterns for a problem you describe, using the compendium\'s choose_pattern tool.',
      argsSchema: z.object({ problem: z.string().max(4000).describe('The problem the pattern must solve') }),
    },
    ({ problem }) => ({
      messages: [
        {
          role: 'user' as const,
          content: {
            type: 'text' as const,
            text: `Use the compendium's choose_pattern tool to pick patterns for this problem: answer each of its questions from the description (ask me when the description does not say), then summarise the ranked recommendations with their trade-offs and the sections to read.\n\nProblem:\n${problem}`,
          },
        },
      ],
    }),
  );

  return server;
}
