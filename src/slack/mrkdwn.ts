import { parseBlocks, type ListItem } from '../core/markdown/blocks';
import { parseInline, type Inline } from '../core/markdown/inline';

/**
 * Text escaped for Slack. Slack parses &, < and > as control characters everywhere it reads
 * mrkdwn (code spans and code blocks included: `<rate>` there is still a link token), so every
 * piece of text the app posts goes through this, except the link tokens the converter writes.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type MrkdwnOptions = {
  /**
   * Links whose address starts with this base (the compendium's own pages) stay live; any other
   * link is rendered as its label only, so a link that came from user text never appears as a live
   * link under the bot's name. Without a base, no link is live.
   */
  linkBase?: string;
};

function ours(href: string, base: string | undefined): boolean {
  if (!base || !/^https?:\/\//i.test(href)) return false;
  const b = base.replace(/\/+$/, '');
  return href === b || href.startsWith(`${b}/`) || href.startsWith(`${b}#`);
}

function inline(nodes: Inline[], o: MrkdwnOptions): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeSlack(n.text);
        case 'code':
          return `\`${escapeSlack(n.text.replace(/`/g, "'"))}\``;
        case 'strong':
          return `*${inline(n.children, o)}*`;
        case 'em':
          return `_${inline(n.children, o)}_`;
        case 'link': {
          const label = inline(n.children, o).replace(/[|*_]/g, '');
          return ours(n.href, o.linkBase) ? `<${n.href.replace(/[<>|\s]/g, '')}|${label}>` : label;
        }
      }
    })
    .join('');
}

function list(items: ListItem[], ordered: boolean, o: MrkdwnOptions, depth = 0): string[] {
  return items.flatMap((item, i) => [
    `${'    '.repeat(depth)}${ordered ? `${i + 1}.` : '•'} ${inline(parseInline(item.text), o)}`,
    ...list(item.children, false, o, depth + 1),
  ]);
}

/**
 * An answer's markdown for Slack's \`markdown\` block (standard Markdown, made for AI-surface apps):
 * links stay only when they point at the compendium's own pages (others keep their label), and
 * angle brackets become look-alikes, so nothing can turn into a Slack link, mention or broadcast
 * token whatever Slack's converter does with them. At most \`max\` characters, cut at a paragraph.
 */
export function markdownForBlock(markdown: string, options: MrkdwnOptions & { max?: number } = {}): string {
  const base = options.linkBase;
  let text = markdown.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (m, label: string, href: string) => (ours(href, base) ? `[${label}](${href})` : label));
  text = text.replace(/</g, '\u2039').replace(/>/g, '\u203a');
  const max = options.max ?? 12000;
  if (text.length > max) {
    const cut = text.lastIndexOf('\n\n', max - 1);
    text = text.slice(0, cut > max / 2 ? cut : max - 1).trimEnd() + '…';
  }
  return text;
}

/** Markdown (as answers are written) to Slack mrkdwn: links, bold, italics, lists, code; tables as code. */
export function markdownToMrkdwn(markdown: string, options: MrkdwnOptions = {}): string {
  const o = options;
  return parseBlocks(markdown)
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return `*${inline(parseInline(b.text), o)}*`;
        case 'paragraph':
          return inline(parseInline(b.text), o);
        case 'quote':
          return `> ${inline(parseInline(b.text), o)}`;
        case 'list':
          return list(b.items, b.ordered, o).join('\n');
        case 'code':
          return `\`\`\`${escapeSlack(b.text.replace(/```/g, "'''"))}\`\`\``;
        case 'table': {
          // Cells are plain text inside a code block: escaped, no links, no emphasis.
          const rows = [b.header, ...b.rows].map((r) => r.map((c) => inline(parseInline(c), {}).replace(/[*_`]/g, '')));
          const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
          const lines = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
          return `\`\`\`${lines.filter((l) => l.trim()).join('\n')}\`\`\``;
        }
        case 'rule':
          return '———';
      }
    })
    .join('\n\n');
}

/**
 * Markdown as plain text for a message's `text` (the notification and fallback), escaped: link
 * labels without their addresses, no emphasis marks, no tokens Slack would parse (`<!channel>`).
 */
export function markdownToPlain(markdown: string, max: number): string {
  const plain = markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/[*_`#|]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return escapeSlack(plain.length > max ? `${plain.slice(0, max - 1)}…` : plain).slice(0, max);
}
