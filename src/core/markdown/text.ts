import { parseBlocks, type Block, type ListItem } from './blocks';
import { stripInline } from './inline';

function listText(items: ListItem[]): string[] {
  return items.flatMap((item) => [stripInline(item.text), ...listText(item.children)]);
}

/** Plain text of blocks, one line per paragraph, list item or table row. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .flatMap((b) => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
        case 'quote':
          return [stripInline(b.text)];
        case 'list':
          return listText(b.items);
        case 'code':
          return [b.text];
        case 'table':
          return [b.header, ...b.rows].map((r) => r.map(stripInline).join(' | '));
        case 'rule':
          return [];
      }
    })
    .join('\n');
}

export function markdownToText(markdown: string): string {
  return blocksToText(parseBlocks(markdown));
}
