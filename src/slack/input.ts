/**
 * Text people type, as Slack delivers it, turned back into what they typed. Slack escapes &, <
 * and > as entities and writes mentions, channels and links as <...> tokens. The bot's own mention
 * is removed (it is how people address the bot, not part of the question); every other mention
 * keeps its meaning in readable form (`@name`, `#channel`), and links keep their label.
 */
export function readSlackText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ') : text;
  return decodeEntities(
    withoutBot.replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = '', label] = splitToken(inner);
      if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
      if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
      if (target.startsWith('!subteam^')) return label ? `@${label.replace(/^@/, '')}` : `@${target.slice(9)}`;
      if (target.startsWith('!date^')) return label ?? '';
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      return label && label !== target ? label : target.replace(/^mailto:/, '');
    }),
  )
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Removes a leading mention (any user) when the bot's own id is not known: "@Compendium what is X". */
export function stripLeadingMention(text: string): string {
  return text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>\s*/, '');
}

function splitToken(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
