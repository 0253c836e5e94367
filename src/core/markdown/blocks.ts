/**
 * A small, strict markdown reader for the subset the compendium uses: headings, paragraphs,
 * lists (one level of nesting), fenced code, pipe tables, block quotes and rules.
 * It never passes raw HTML through: renderers escape everything they emit.
 */
export type ListItem = { text: string; children: ListItem[] };
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: ListItem[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'quote'; text: string }
  | { type: 'rule' };

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)\s*([\w+-]*)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  return row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    HEADING.test(line) ||
    FENCE.test(line) ||
    LIST_ITEM.test(line) ||
    /^\s*>/.test(line) ||
    /^\s*([-*_])(\s*\1){2,}\s*$/.test(line) ||
    (line.includes('|') && next !== undefined && TABLE_SEPARATOR.test(next))
  );
}

export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      i++;
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length, text: heading[2]! });
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1]!)) {
      const header = splitRow(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.includes('|') && lines[i]!.trim()) rows.push(splitRow(lines[i++]!));
      blocks.push({ type: 'table', header, rows });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^\s*>\s?/, ''));
      blocks.push({ type: 'quote', text: body.join(' ') });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      const baseIndent = item[1]!.length;
      const items: ListItem[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        if (!current.trim()) {
          // A blank line ends the list unless the next line continues it.
          const next = lines[i + 1];
          const nextItem = next === undefined ? null : LIST_ITEM.exec(next);
          if (nextItem && (/\d/.test(nextItem[2]!) === ordered || nextItem[1]!.length > baseIndent + 1)) {
            i++;
            continue;
          }
          break;
        }
        const m = LIST_ITEM.exec(current);
        if (m && m[1]!.length <= baseIndent + 1 && /\d/.test(m[2]!) !== ordered) break;
        if (m && m[1]!.length <= baseIndent + 1) {
          items.push({ text: m[3]!, children: [] });
        } else if (m && items.length) {
          items[items.length - 1]!.children.push({ text: m[3]!, children: [] });
        } else if (items.length && !startsBlock(current, lines[i + 1])) {
          const last = items[items.length - 1]!;
          const target = last.children.length ? last.children[last.children.length - 1]! : last;
          target.text += ' ' + current.trim();
        } else break;
        i++;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !(para.length && startsBlock(lines[i]!, lines[i + 1]))) {
      para.push(lines[i++]!.trim());
    }
    blocks.push({ type: 'paragraph', text: para.join(' ') });
  }
  return blocks;
}
