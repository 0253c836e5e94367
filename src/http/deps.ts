import type { Context } from 'hono';
import type { FullDocument, Knowledge } from '../core/index';

/** What the HTTP adapter needs from its runtime; tests and the Worker each hand in their own. */
export type AppDeps = {
  knowledge: () => Knowledge;
  /** The full document (from the static assets in the Worker). */
  fullDocument: (id: string, c: Context<{ Bindings: Env }>) => Promise<FullDocument | null>;
  /** A pre-rendered static file (page, stylesheet), or null when there is none at that path. */
  staticFile: (path: string, c: Context<{ Bindings: Env }>) => Promise<Response | null>;
};
