import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { checkLimit, checkQuestion, LIMITS, type Knowledge, type FullDocument } from '../core/index';
import { apiError } from './errors';
import { baseUrlFor } from './base-url';
import { clientKey, rateLimit } from './rate-limit';
import { FeedbackBody, voterHash } from './feedback';
import type { AppDeps } from './deps';

const AskBody = z.object({
  question: z.unknown(),
  previous: z.optional(z.string()),
  /** The previous answer's source ids, so a follow-up keeps its subject. */
  context: z.optional(z.object({ sources: z.optional(z.array(z.string().check(z.maxLength(100)))) })),
});
const DialogueBody = z.object({ state: z.optional(z.nullable(z.string())), answer: z.optional(z.nullable(z.union([z.string(), z.number()]).check(z.refine((v) => String(v).length <= 100)))) });

/** Max request body for the API: a question plus a little context. */
export const MAX_BODY_BYTES = 16 * 1024;

const ASK_EXAMPLE = '{"question": "what is a circuit breaker?"}';
const CALC_EXAMPLE = '{"input": "availability 99.9% 99.95% mode=series"}';
const DIALOGUE_EXAMPLE = '{} to start, then {"state": "<state from the last step>", "answer": "<option id or number, back or restart>"}';
const FEEDBACK_EXAMPLE = '{"question": "...", "vote": "up", "sources": ["patterns/saga"]}';

/** Caps the body size, with a 413 that shows the body expected. */
function limitBody(example: string) {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => apiError(c, 413, 'body_too_large', `The request body is over ${MAX_BODY_BYTES / 1024} KB. Send ${example}.`),
  });
}

/** The JSON body, or a 400 that shows the body expected. An empty body reads as {} when allowed. */
async function readJson(c: Context, example: string, emptyIsObject = false): Promise<{ body: unknown } | { error: Response }> {
  const text = await c.req.text();
  if (!text.trim() && emptyIsObject) return { body: {} };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { error: apiError(c, 400, 'invalid_json', `The body must be JSON, for example ${example}, sent with Content-Type: application/json.`) };
  }
}

export function apiRoutes(deps: AppDeps) {
  const api = new Hono<{ Bindings: Env }>();
  api.use('*', async (c, next) => rateLimit(() => deps.rateLimiter(c))(c, next));

  api.post(
    '/feedback',
    limitBody(FEEDBACK_EXAMPLE),
    async (c) => {
      const read = await readJson(c, FEEDBACK_EXAMPLE);
      if ('error' in read) return read.error;
      const parsed = FeedbackBody.safeParse(read.body);
      if (!parsed.success) return apiError(c, 400, 'invalid_feedback', 'Feedback needs "question" (the question asked) and "vote" ("up" or "down"); "sources" is an optional list of document ids.');
      const store = deps.feedback(c);
      if (!store) return apiError(c, 503, 'feedback_unavailable', 'Feedback is not stored on this deployment (no database is configured).');
      try {
        await store.save({ ...parsed.data, channel: 'web', voter: await voterHash('web', clientKey((name) => c.req.header(name))) });
      } catch (err) {
        console.error('feedback not saved', err);
        return apiError(c, 503, 'feedback_unavailable', 'The feedback could not be saved right now; try again later.');
      }
      return c.json({ ok: true }, 201);
    },
  );

  api.post(
    '/ask',
    limitBody(`{"question": "..."} with a question of at most ${LIMITS.questionMaxChars} characters`),
    async (c) => {
      const read = await readJson(c, ASK_EXAMPLE);
      if ('error' in read) return read.error;
      const body = read.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return apiError(c, 400, 'invalid_body', 'The body must be a JSON object with a "question" field, for example {"question": "what is a circuit breaker?"}.');
      }
      if (!('question' in body)) {
        return apiError(c, 400, 'missing_question', 'The body has no "question" field. Send {"question": "what is a circuit breaker?"}.');
      }
      const parsed = AskBody.safeParse(body);
      if (!parsed.success) {
        return apiError(c, 400, 'invalid_body', '"previous", when given, must be the previous question as text, and "context", when given, {"sources": ["patterns/saga", ...]} (the previous answer\'s source ids).');
      }
      const q = checkQuestion(parsed.data.question);
      if (!q.ok) return apiError(c, 400, q.error.code, q.error.message);
      const previous = parsed.data.previous?.slice(0, LIMITS.questionMaxChars);
      const knowledge: Knowledge = deps.knowledge();
      const sources = parsed.data.context?.sources?.slice(0, 10);
      const answer = await knowledge.ask(q.value, { baseUrl: baseUrlFor(c.req.url, c.env?.PUBLIC_URL), previous, context: sources ? { sources } : undefined });
      return c.json(answer);
    },
  );

  api.get('/calc', (c) => c.json({ calculators: deps.knowledge().calculators.info(), usage: 'POST /api/calc {"input": "queue arrival=80/s service=10ms servers=1"}' }));

  api.post(
    '/calc',
    limitBody(CALC_EXAMPLE),
    async (c) => {
      const read = await readJson(c, CALC_EXAMPLE);
      if ('error' in read) return read.error;
      const body = read.body;
      const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).input : undefined;
      if (typeof input !== 'string') {
        return apiError(c, 400, 'missing_input', 'The body needs an "input" string, for example {"input": "queue arrival=80/s service=10ms servers=1"}. GET /api/calc lists the calculators.');
      }
      const outcome = deps.knowledge().calc(input, baseUrlFor(c.req.url, c.env?.PUBLIC_URL));
      if (!outcome.ok) {
        const { ok: _ok, ...error } = outcome;
        return c.json({ error }, 400);
      }
      return c.json(outcome);
    },
  );

  api.get('/dialogues', (c) => c.json({ dialogues: deps.knowledge().dialogues.list() }));

  for (const [route, id] of [['select', 'selector'], ['review', 'review']] as const) {
    api.post(
      `/${route}`,
      limitBody(DIALOGUE_EXAMPLE),
      async (c) => {
        const read = await readJson(c, DIALOGUE_EXAMPLE, true);
        if ('error' in read) return read.error;
        const body = read.body;
        const parsed = DialogueBody.safeParse(body);
        if (!parsed.success) {
          return apiError(c, 400, 'invalid_body', 'The body takes "state" (text from the last step) and "answer" (an option id or number, "back" or "restart"), both optional and both text.');
        }
        const answer = parsed.data.answer === undefined || parsed.data.answer === null ? null : String(parsed.data.answer);
        const step = deps.knowledge().dialogue(id, parsed.data.state, answer, baseUrlFor(c.req.url, c.env?.PUBLIC_URL));
        return c.json(step, step.type === 'error' ? 400 : 200);
      },
    );
  }

  api.get('/search', (c) => {
    const q = checkQuestion(c.req.query('q') ?? '', LIMITS.searchMaxChars);
    if (!q.ok) {
      const message = q.error.code === 'empty_question' ? 'Add a query: /api/search?q=circuit+breaker&limit=5.' : q.error.message;
      return apiError(c, 400, q.error.code === 'empty_question' ? 'empty_query' : q.error.code, message);
    }
    const limit = checkLimit(c.req.query('limit'));
    if (!limit.ok) return apiError(c, 400, limit.error.code, limit.error.message);
    const results = deps.knowledge().search(q.value, limit.value, baseUrlFor(c.req.url, c.env?.PUBLIC_URL));
    return c.json({ query: q.value, results });
  });

  api.get('/docs', (c) => {
    const base = baseUrlFor(c.req.url, c.env?.PUBLIC_URL);
    const docs = deps.knowledge().docs.map((d) => ({ id: d.id, title: d.title, kind: d.kind, category: d.category, summary: d.summary, url: `${base}/docs/${d.id}` }));
    return c.json({ documents: docs });
  });

  api.get('/docs/:id{.+}', async (c) => {
    const id = c.req.param('id');
    const knowledge = deps.knowledge();
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id) || !knowledge.doc(id)) {
      const near = knowledge.search(id.slice(0, 200).replace(/[^a-z0-9]+/gi, ' '), 3).map((r) => r.id);
      const hint = near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '';
      return apiError(c, 404, 'unknown_document', `No document has the id "${id.slice(0, 100)}". Ids look like "patterns/saga"; GET /api/docs lists them all.${hint}`);
    }
    const doc = await deps.fullDocument(id, c);
    if (!doc) return apiError(c, 404, 'unknown_document', `The document "${id}" is listed but its page is missing; run the build (npm run build).`);
    const base = baseUrlFor(c.req.url, c.env?.PUBLIC_URL);
    return c.json({ ...doc, url: `${base}${doc.url}` } satisfies FullDocument);
  });

  api.all('*', (c) =>
    apiError(c, 404, 'not_found', `No API route ${c.req.method} ${new URL(c.req.url).pathname}. Routes: POST /api/ask, POST /api/feedback, POST /api/calc, GET /api/calc, POST /api/select, POST /api/review, GET /api/dialogues, GET /api/search?q=, GET /api/docs, GET /api/docs/:id.`),
  );
  return api;
}
