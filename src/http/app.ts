import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { checkQuestion, LIMITS } from '../core/index';
import { apiRoutes } from './api';
import { adminRoutes } from './admin';
import { slackRoutes } from './slack';
import { mcpRoutes } from './mcp';
import { apiError, ConfigError } from './errors';
import { overLimit, rateLimit } from './rate-limit';
import { baseUrlFor } from './base-url';
import type { AppDeps } from './deps';
import { homePage, notFoundPage, searchPage } from '../web/pages';
import { dialoguePage, PAGE_DIALOGUES } from '../web/dialogue-page';

/** No page has a longer path; a longer one is refused before any work. */
const MAX_PATH_CHARS = 512;

/** The whole HTTP surface: API, pages and health, over the core. */
export function createApp(deps: AppDeps) {
  const app = new Hono<{ Bindings: Env }>();
  // The same strict policy as the static pages (dist/public/_headers) for pages the Worker renders.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // The pages use no device or payment APIs; nothing embedded may ask for them either.
      permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );

  // `ok` is about answering (it needs no database); `database` says honestly what the rest can rely on.
  app.get('/healthz', async (c) =>
    c.json({ ok: true, documents: deps.knowledge().docs.length, database: deps.database ? await deps.database(c) : { status: 'not configured' } }),
  );
  app.route('/api/admin', adminRoutes(deps));
  app.route('/api', apiRoutes(deps));
  app.route('/mcp', mcpRoutes(deps));
  if (deps.slack) app.route('/slack', slackRoutes(deps.slack));

  // The chat page is static (dist/public/index.html); this is the page without JavaScript.
  // The plain answer page and missed pages run the answer engine and search: limited like the API.
  app.use('/ask', async (c, next) => rateLimit(() => deps.rateLimiter(c))(c, next));
  app.get('/ask', async (c) => {
    const raw = c.req.query('q');
    if (raw === undefined) return c.html(homePage());
    const q = checkQuestion(raw);
    if (!q.ok) return c.html(homePage(raw.slice(0, 2000), undefined, q.error.message), 400);
    const answer = await deps.knowledge().ask(q.value, { baseUrl: baseUrlFor(c.req.url, c.env?.PUBLIC_URL) });
    return c.html(homePage(q.value, answer));
  });

  // The header's search box without JavaScript.
  app.use('/search', async (c, next) => rateLimit(() => deps.rateLimiter(c))(c, next));
  app.get('/search', (c) => {
    const raw = c.req.query('q') ?? '';
    if (!raw.trim()) return c.html(searchPage('', []));
    const q = checkQuestion(raw, LIMITS.searchMaxChars);
    if (!q.ok) return c.html(searchPage(raw.slice(0, 200), [], q.error.message), 400);
    return c.html(searchPage(q.value, deps.knowledge().search(q.value, 10, baseUrlFor(c.req.url, c.env?.PUBLIC_URL))));
  });

  // The selector and the review without JavaScript: each option is a link carrying the state.
  app.use('/dialogue/*', async (c, next) => rateLimit(() => deps.rateLimiter(c))(c, next));
  app.get('/dialogue/:id', (c) => {
    const id = c.req.param('id');
    if (!(id in PAGE_DIALOGUES)) return c.notFound();
    const state = c.req.query('state')?.slice(0, 2000) ?? null;
    const answer = c.req.query('answer')?.slice(0, 100) ?? null;
    const step = deps.knowledge().dialogue(id, state, answer, baseUrlFor(c.req.url, c.env?.PUBLIC_URL));
    const page = dialoguePage(id, step);
    return c.html(page.html, page.status as 400 | 200);
  });

  // In production the platform serves static files before the Worker runs; this route serves them
  // wherever it does not (local tests) and gives a helpful 404 page otherwise.
  app.get('*', async (c, next) => {
    const file = await deps.staticFile(new URL(c.req.url).pathname, c);
    return file ?? next();
  });

  app.notFound(async (c) => {
    const path = new URL(c.req.url).pathname;
    if (path.length > MAX_PATH_CHARS) {
      return apiError(c, 414, 'path_too_long', `The path is ${path.length} characters long; no page has a path over ${MAX_PATH_CHARS}. Ids look like /docs/patterns/saga.`);
    }
    const limited = await overLimit(c, deps.rateLimiter(c));
    if (limited) return limited;
    if (path.startsWith('/api/')) return apiError(c, 404, 'not_found', `No route ${path}.`);
    // Suggestions come from the path's first words only: a long path costs no more than a short one.
    const words = path.slice(0, 200).replace(/^\/docs\//, '').replace(/[^a-z0-9]+/gi, ' ');
    const suggestions = deps
      .knowledge()
      .search(words, 3)
      .map((r) => deps.knowledge().doc(r.id)!)
      .filter(Boolean);
    return c.html(notFoundPage(path.slice(0, 300), suggestions), 404);
  });

  app.onError((err, c) => {
    if (err instanceof ConfigError) {
      console.error('configuration error:', err.message);
      return apiError(c, 503, 'misconfigured', `${err.message} Fix the setting (wrangler.toml [vars] or the dashboard) and deploy again.`);
    }
    console.error('unhandled error', err instanceof Error ? err.stack : err);
    if (new URL(c.req.url).pathname.startsWith('/api/')) {
      return apiError(c, 500, 'internal', 'Something went wrong on our side; the error was logged. Try again, and report it if it persists.');
    }
    return c.text('Something went wrong on our side; the error was logged.', 500);
  });
  return app;
}
