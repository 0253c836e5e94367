import { parseBlocks, type ListItem } from '../core/markdown/blocks';
import { parseInline, type Inline } from '../core/markdown/inline';

/** Text escaped for Slack: only &, < and > are special. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inline(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeSlack(n.text);
        case 'code':
          return `\`${n.text.replace(/`/g, "'")}\``;
        case 'strong':
          return `*${inline(n.children)}*`;
        case 'em':
          return `_${inline(n.children)}_`;
        case 'link': {
          const label = inline(n.children).replace(/[|*_]/g, '');
          return /^(https?:|mailto:)/i.test(n.href) ? `<${n.href.replace(/[<>|]/g, '')}|${label}>` : label;
        }
      }
    })
    .join('');
}

function list(items: ListItem[], ordered: boolean, depth = 0): string[] {
  return items.flatMap((item, i) => [
    `${'    '.repeat(depth)}${ordered ? `${i + 1}.` : '•'} ${inline(parseInline(item.text))}`,
    ...list(item.children, false, depth + 1),
  ]);
}

/** Markdown (as answers are written) to Slack mrkdwn: links, bold, italics, lists, code; tables as code. */
export function markdownToMrkdwn(markdown: string): string {
  return parseBlocks(markdown)
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return `*${inline(parseInline(b.text))}*`;
        case 'paragraph':
          return inline(parseInline(b.text));
        case 'quote':
          return `> ${inline(parseInline(b.text))}`;
        case 'list':
          return list(b.items, b.ordered).join('\n');
        case 'code':
          return `\`\`\`${b.text.replace(/```/g, "'''")}\`\`\``;
        case 'table': {
          const rows = [b.header, ...b.rows].map((r) => r.map((c) => inline(parseInline(c)).replace(/[*_`]/g, '')));
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
