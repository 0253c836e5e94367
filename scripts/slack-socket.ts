/**
 * `npm run slack:socket`: the Slack app under Node in Socket Mode, for developing against a real
 * workspace without a public URL. It runs the same handlers as the Worker (src/slack/handlers.ts)
 * through src/slack/socket.ts; answers, calculators and dialogues come from the same built index.
 *
 * Needs SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-..., with connections:write).
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { App, LogLevel } from '@slack/bolt';
import { Knowledge } from '../src/core/index';
import { slackApi } from '../src/slack/web-api';
import { memorySlackStore } from '../src/slack/store';
import { socketModeHandler } from '../src/slack/socket';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const token = process.env.SLACK_BOT_TOKEN;
const appToken = process.env.SLACK_APP_TOKEN;
if (!token || !appToken) {
  console.error('Set SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-..., scope connections:write) to run the Slack app in Socket Mode.');
  process.exit(2);
}
const knowledge = new Knowledge(
  JSON.parse(readFileSync(join(root, 'generated', 'knowledge.txt'), 'utf8')),
  readFileSync(join(root, 'generated', 'index.txt'), 'utf8'),
);
if (!process.env.PUBLIC_URL) console.warn('PUBLIC_URL is not set: source links in Slack point at http://127.0.0.1:8787, which only this machine can open.');
const handler = socketModeHandler({
  knowledge,
  api: slackApi({ token }),
  store: memorySlackStore(),
  publicUrl: process.env.PUBLIC_URL || 'http://127.0.0.1:8787',
  hashUser: async (id) => createHash('sha256').update(`${appToken}:${id}`).digest('hex').slice(0, 32),
});

const app = new App({ token, appToken, socketMode: true, tokenVerificationEnabled: false, logLevel: LogLevel.WARN });
// One global middleware: every payload goes to the shared handlers.
app.use(async ({ body, ack }) => {
  await handler({ body: body as Record<string, unknown>, ack: ack as ((r?: unknown) => Promise<void>) | undefined });
});
await app.start();
console.log('Compendium is connected to Slack in Socket Mode. Ctrl+C to stop.');
