/**
 * The Slack app's behaviour, one module per kind of payload (the Worker and the Socket Mode runner
 * both call these): the Events API, slash commands, and interactivity.
 */
export { handleEnvelope } from './events';
export { handleCommand, SUBCOMMANDS } from './slash-commands';
export { handleInteraction } from './interactions';
export { settled, type Ack, type Handled, type SlackDeps } from './deps';
export { CALC_SHORTCUTS } from './commands';
