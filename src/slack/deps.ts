import type { Knowledge } from '../core/index';
import type { RETENTION_DEFAULTS } from '../http/retention';
import type { Message } from './blocks';
import { AUTH_ERRORS, TRANSIENT_ERRORS, type SlackApi, type SlackResult } from './web-api';
import { resilientStore, type SlackStore } from './store';

/**
 * What the Slack handlers need, shared by the Worker (HTTP) and the Socket Mode runner: each
 * handler takes a parsed payload and returns what to acknowledge now and, optionally, slow work to
 * run after the acknowledgement (Slack wants an answer within three seconds).
 */
export type SlackDeps = {
  knowledge: Knowledge;
  api: SlackApi;
  store: SlackStore;
  /** Base URL of the deployed web pages, for source links (PUBLIC_URL, or the origin Slack called). */
  publicUrl: string;
  /** One-way hash of a Slack user id, so nothing stored holds a raw id. */
  hashUser: (id: string) => Promise<string>;
  log?: (m: string) => void;
  /** How long stored rows are kept (README "What is stored"); the Home tab states them. Defaults when absent. */
  retention?: Record<keyof typeof RETENTION_DEFAULTS, number>;
};

export type Ack = { status: number; json?: unknown; text?: string };
/** `lazy` resolves to false when its work failed in a way a later redelivery could fix. */
export type Handled = { ack: Ack; lazy?: () => Promise<void | boolean> };

export const OK: Ack = { status: 200, text: '' };

/** The handlers' view of the dependencies: a store whose failures never stop an answer. */
export function safe(deps: SlackDeps): SlackDeps {
  return { ...deps, store: resilientStore(deps.store, deps.log) };
}

/** Whether a post's outcome is final: posted, or refused for a reason a redelivery will not fix. */
export function settled(r: SlackResult): boolean {
  return r.ok || (!TRANSIENT_ERRORS.has(String(r.error)) && !AUTH_ERRORS.has(String(r.error)));
}

export function ephemeral(m: Message): Ack {
  return { status: 200, json: { response_type: 'ephemeral', text: m.text, blocks: m.blocks } };
}
