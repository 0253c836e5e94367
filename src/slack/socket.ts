import { handleCommand, handleEnvelope, handleInteraction, type Handled, type SlackDeps } from './handlers';

/**
 * The Socket Mode path: Slack delivers the same payloads over a WebSocket instead of HTTP, and Bolt
 * hands each one to this function with an `ack`. It calls the same handlers as the Worker and adds
 * no behaviour of its own (no signature to check: the socket is authenticated by the app token).
 */
export type SocketArgs = {
  body: Record<string, unknown>;
  ack?: (response?: unknown) => Promise<void>;
};

export function socketModeHandler(deps: SlackDeps) {
  return async ({ body, ack }: SocketArgs): Promise<void> => {
    let handled: Handled;
    if (body.type === 'event_callback' || body.type === 'url_verification') handled = await handleEnvelope(deps, body);
    else if (typeof body.command === 'string') {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form.set(k, v);
      handled = await handleCommand(deps, form);
    } else if (body.type === 'block_actions' || body.type === 'view_submission' || body.type === 'message_action') handled = await handleInteraction(deps, body as Parameters<typeof handleInteraction>[1]);
    else handled = { ack: { status: 200 } };
    if (ack) await ack(handled.ack.json);
    await handled.lazy?.();
  };
}
