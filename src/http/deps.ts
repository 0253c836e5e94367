import type { Context } from 'hono';
import type { FullDocument, Knowledge } from '../core/index';
import type { FeedbackQuery, FeedbackRow, FeedbackStore } from './feedback';
import type { Limiter } from './rate-limit';
import type { SlackRouteDeps } from './slack';
import type { DatabaseState } from './health';

/** What the HTTP adapter needs from its runtime; tests and the Worker each hand in their own. */
export type AppDeps = {
  knowledge: () => Knowledge;
  /** The full document (from the static assets in the Worker). */
  fullDocument: (id: string, c: Context<{ Bindings: Env }>) => Promise<FullDocument | null>;
  /** A pre-rendered static file (page, stylesheet), or null when there is none at that path. */
  staticFile: (path: string, c: Context<{ Bindings: Env }>) => Promise<Response | null>;
  /** Where 👍/👎 go (D1 in the Worker); null when there is no database. */
  feedback: (c: Context<{ Bindings: Env }>) => FeedbackStore | null;
  /** The per-client limiter of every route that computes (API, MCP, /ask, missed pages); null for none. */
  rateLimiter: (c: Context<{ Bindings: Env }>) => Limiter | null;
  /** Recent feedback for admins (D1 in the Worker); null when there is no database. */
  feedbackList?: (c: Context<{ Bindings: Env }>) => ((q: FeedbackQuery) => Promise<FeedbackRow[]>) | null;
  /** The database's state for /healthz; absent where there is none to report. */
  database?: (c: Context<{ Bindings: Env }>) => Promise<DatabaseState>;
  /** The Slack app; absent where Slack is not wired. */
  slack?: SlackRouteDeps;
};
